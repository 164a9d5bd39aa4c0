"""pandoc's fenced divs: `::: {#id .class}` or `::: Warning`, closed by a `:::` line.

Parsed by octavo.render.div_fences (`install`), a `<div>` with the id and classes given (a
bare word is a class, as in pandoc) and what a heading keeps as pandoc does: `lang`, `dir`
and `title` (`::: {lang=fr}`: a passage in French, read in a French voice, hyphenated as
French); a language or direction no reader can read, or another attribute (which pandoc
writes as `data-`), is W504 at the fence. Divs nest as in pandoc:
a closing fence closes the innermost div still open, whatever the colons' count
(`:::: {.outer}` … `::: {.inner}` … `:::` … `::::`, as pandoc's manual writes them, or
three colons each). Quarto's conditional classes work on a div as on a span
(octavo.render.conditional): `::: {.content-visible when-format="pdf"}`; a div that holds a
heading, a table, a figure, a note's call, an id or an index mark shows in both outputs
(W516), since the other output would lose it from the contents, the lists, the notes or the
index.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError

from octavo.model.language_tags import implied_direction
from octavo.render import div_fences
from octavo.render.allow_list import kept_attribute, kept_hint
from octavo.render.attributes import pandoc_attrs
from octavo.render.conditional import (
    CONDITION_KEYS,
    OUTPUTS,
    RESERVED,
    W518_HINT,
    shown_in,
    unknown_formats,
)

__all__ = ["OPEN", "divs", "fence_attributes", "implied", "install"]

OPEN, CLOSE = div_fences.OPEN, div_fences.CLOSE
_WORD = re.compile(r"[A-Za-z][\w-]*")
Report = Callable[[str, str, str, int], None]  # code, message, hint, line


def install(md: MarkdownIt) -> None:
    div_fences.install(md, _opens)


def _opens(params: str) -> bool:
    """pandoc's opening fence: attributes in braces, or one word (a class)."""
    given = params.strip()
    return bool(given) and (_WORD.fullmatch(given) is not None or _attributes(given) is not None)


def fence_attributes(opening: Token) -> dict[str, str]:
    """The attributes an opening fence gives its div (`::: {lang=fr}`), as written."""
    return _attributes(opening.info.strip()) or {}


def _attributes(given: str) -> dict[str, str] | None:
    if _WORD.fullmatch(given):
        return {"class": given}
    if not (given.startswith("{") and given.endswith("}")):
        return None
    try:
        end, found = pandoc_attrs(given)
    except ParseError:
        return None
    return dict(found) if end == len(given) - 1 else None


def divs(
    tokens: list[Token],
    own_id: Callable[[dict[str, str], int], str],
    refuse: Callable[[str, int], None],
    report: Report | None = None,
    language: str = "en",
) -> list[Token]:
    """`tokens` with each fenced div's id, classes and kept attributes set (`own_id`: the
    id given, if the book may use it, else ""), its condition applied (marked for one
    output, or dropped with what it holds); `refuse`: told what a conditional div holds
    that keeps it in both outputs, with the div's line; `report`: told of a format no one
    knows (W518) and of an attribute not kept (W504); `language`: the text's around the
    divs (a div's `lang` gives it a `dir` from it: `implied_direction`)."""
    out: list[Token] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if token.type != OPEN:
            out.append(token)
            at += 1
            continue
        end = _closing(tokens, at)
        line = token.map[0] if token.map else 0
        attrs = _attributes(token.info.strip()) or {}
        classes = attrs.get("class", "").split()
        shown = shown_in(classes, attrs)
        names = unknown_formats(attrs) if shown is not None else []
        if names and report is not None:
            message = f"format '{names[0]}' of words for one output is not known"
            report("W518", message, W518_HINT, line)
        kept = [c for c in classes if c not in ("content-visible", "content-hidden", *RESERVED)]
        inside = tokens[at + 1 : end]
        if shown is not None and shown != set(OUTPUTS):
            held = _held(inside)
            if held:
                refuse(held, line)
                shown = set(OUTPUTS)
        if shown is not None and not shown:
            at = end + 1
            continue
        if shown is not None and len(shown) == 1:
            kept.append(f"only-{next(iter(shown))}")
        token.attrs = {}
        ident = own_id(attrs, line) if "id" in attrs else ""
        if ident:
            token.attrSet("id", ident)
        if kept:
            token.attrSet("class", " ".join(dict.fromkeys(kept)))
        _keep(token, attrs, line, report, language)
        token.type, tokens[end].type = "div_open", "div_close"
        within = str(token.attrGet("lang") or language)
        out += [token, *divs(inside, own_id, refuse, report, within), tokens[end]]
        at = end + 1
    return out


def _keep(
    token: Token, attrs: dict[str, str], line: int, report: Report | None, language: str
) -> None:
    """The attributes of the div's fence that the raw-HTML allow-list keeps on a <div>
    (octavo.render.sanitize: `lang` and `dir` only with a value a reader can read), as a
    heading keeps them; the others reported. A `lang` kept without a `dir` gives the div
    its language's direction where it differs from the text's around, in `language`
    (`::: {lang=ar}` in an English book is set right to left, as a section's `lang: ar`)."""
    for name, value in attrs.items():
        if name in ("id", "class", *CONDITION_KEYS):
            continue
        if kept_attribute("div", name, value):
            token.attrSet(name, value)
        elif report is not None:
            message = f"attribute {name}={value!r} on a div is not kept"
            report("W504", message, kept_hint("div", name), line)
    implied(token, language)


def implied(token: Token, language: str) -> None:
    """A `dir` on an element given a `lang` without one (a div, a span, a heading), where
    its language's direction is not the text's around it, in `language`
    (octavo.model.language_tags.implied_direction)."""
    lang = token.attrGet("lang")
    if lang and not token.attrGet("dir"):
        given = implied_direction(str(lang), language)
        if given:
            token.attrSet("dir", given)


def _closing(tokens: list[Token], at: int) -> int:
    depth = 0
    for index in range(at, len(tokens)):
        kind = tokens[index].type
        depth += 1 if kind == OPEN else -1 if kind == CLOSE else 0
        if depth == 0:
            return index
    return len(tokens) - 1


def _held(tokens: list[Token]) -> str:
    """What in `tokens` (a div's blocks) may not be in one output only, or ""."""
    for token in tokens:
        if token.type == "heading_open":
            return "hold a heading"
        if token.type == "table_open" or (
            token.type == "html_block" and "<table" in token.content.lower()
        ):
            return "hold a table"
        if token.type == OPEN and "#" in token.info:
            return "hold an id"
        for child in token.children or ():
            if child.type == "footnote_ref":
                return "hold a note's call"
            if child.type == "image":
                return "hold an image"
            if child.type == "span_open" and "index" in str(child.attrGet("class") or ""):
                return "hold an index mark"
            if child.attrGet("id"):
                return "hold an id"
        if token.type == "inline" and re.search(r"\{[^}]*(#|\.index\b|index=)", token.content):
            return "hold an id or an index mark"
    return ""
