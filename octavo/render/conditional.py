"""Words for one output only: Quarto's conditional spans, `[words]{.content-visible
when-format="pdf"}` and `[words]{.content-hidden when-format="epub"}` (also `unless-format`).

A span shown in both outputs loses its condition; one shown in neither is dropped with its
words; one shown in one output is marked `only-pdf` or `only-epub` (`mark`), and each
output drops what is the other's (`for_output`: the EPUB from its documents, the print
HTML before WeasyPrint sees it). Format names as Quarto reads them: `pdf` (and `latex`) is
the print PDF, `epub` the EPUB, and `html` every HTML format, the EPUB included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the EPUB's writer uses `for_output`, and never imports the parser
    from markdown_it.token import Token

__all__ = ["CONDITION_KEYS", "OUTPUTS", "for_output", "mark", "shown_in"]

OUTPUTS = ("pdf", "epub")
CONDITION_KEYS = ("when-format", "unless-format")  # a condition's, taken off its span
_NAMES = {"pdf": {"pdf"}, "latex": {"pdf"}, "epub": {"epub"}, "html": {"epub"}}
# Quarto's other formats: words for them are in neither of octavo's outputs, as meant
_OTHERS = {
    "asciidoc", "beamer", "commonmark", "context", "docx", "gfm", "html:js", "ipynb",
    "jats", "man", "markdown", "odt", "pptx", "revealjs", "rtf", "texinfo", "typst",
}  # fmt: skip
W518_HINT = (
    "octavo's outputs are pdf (or latex) and epub (or html); Quarto's others show in neither"
)
Report = Callable[[str, str, str, "Token"], None]  # code, message, hint, the span's opening
Refuse = Callable[[str, "Token"], None]  # why, the span's opening
_CONDITIONS = ("content-visible", "content-hidden")
_TAG = re.compile(r"<(/?)(span|div)\b[^>]*>")


def unknown_formats(attrs: dict[str, str]) -> list[str]:
    """The format names of a condition that neither octavo nor Quarto knows (a typo)."""
    given = attrs.get("when-format", attrs.get("unless-format", ""))
    names = [n.lower() for n in re.split(r"[\s,]+", given) if n]
    return [n for n in names if n not in _NAMES and n not in _OTHERS]


def shown_in(classes: list[str], attrs: dict[str, str]) -> set[str] | None:
    """The outputs a span with these classes and attributes shows in; None: it sets no
    condition."""
    kind = next((c for c in classes if c in _CONDITIONS), None)
    if kind is None:
        return None
    named: set[str] = set()
    when = "when-format" in attrs
    for name in re.split(r"[\s,]+", attrs.get("when-format" if when else "unless-format", "")):
        named |= _NAMES.get(name.lower(), set())
    if "when-format" not in attrs and "unless-format" not in attrs:
        named, when = set(OUTPUTS), True  # no format named: a condition true everywhere
    matched = named if when else set(OUTPUTS) - named
    return matched if kind == "content-visible" else set(OUTPUTS) - matched


def mark(
    children: list[Token],
    refuse: Refuse,
    always: str = "",
    report: Report | None = None,
) -> list[Token]:
    """The inline's children with each conditional span made plain, marked for one output,
    or dropped with what it holds. A span holding a note call, an id or an index mark
    shows in both outputs (`refuse` is told why): the other output would lose a note's
    call, or a link's or the index's target; so does every span when `always` says why
    ("in a heading": both outputs make their contents of a heading's words). `refuse` and
    `report` are given the span's opening token, whose line the caller knows
    (octavo.render.tokens.child_lines)."""
    out: list[Token] = []
    at = 0
    while at < len(children):
        child = children[at]
        if child.type != "span_open":
            out.append(child)
            at += 1
            continue
        end = _closing(children, at)
        classes, attrs = _condition(child)
        # octavo's marks are never an author's class
        kept = [c for c in classes if c not in RESERVED and c not in _CONDITIONS]
        shown = shown_in(classes, attrs) if end > at else None
        if shown is None:  # no condition: only octavo's marks taken off
            _set_classes(child, [c for c in classes if c not in RESERVED])
            out.append(child)
            at += 1
            continue
        unknown = unknown_formats(attrs)
        if unknown and report is not None:
            message = f"format '{unknown[0]}' of words for one output is not known"
            report("W518", message, W518_HINT, child)
        for name in CONDITION_KEYS:
            child.attrs.pop(name, None)
        inside = children[at + 1 : end]
        held = (always or _held(inside)) if shown != set(OUTPUTS) else ""
        if held:
            refuse(held, child)
            shown = set(OUTPUTS)
        if len(shown) == 1:
            kept.append(f"only-{next(iter(shown))}")
        _set_classes(child, kept)
        if shown:
            out += [child, *mark(inside, refuse, always, report), children[end]]
        at = end + 1
    return out


def _set_classes(token: Token, classes: list[str]) -> None:
    """The token's classes, written only when they change (its attributes keep their order)."""
    if classes == str(token.attrGet("class") or "").split():
        return
    token.attrs.pop("class", None)
    if classes:
        token.attrSet("class", " ".join(classes))


def _condition(token: Token) -> tuple[list[str], dict[str, str]]:
    attrs = {str(k): str(v) for k, v in token.attrs.items()}
    return attrs.get("class", "").split(), attrs


def _closing(children: list[Token], at: int) -> int:
    """The index of the span_close of the span opened at `at` (`at`: none)."""
    depth = 0
    for index in range(at, len(children)):
        kind = children[index].type
        depth += 1 if kind == "span_open" else -1 if kind == "span_close" else 0
        if depth == 0:
            return index
    return at


def _held(tokens: list[Token]) -> str:
    """What in `tokens` may not be in one output only ("hold …"), or ""."""
    for token in tokens:
        if token.type == "footnote_ref":
            return "hold a note's call"
        if token.attrGet("id"):
            return "hold an id"
        if token.type == "span_open" and "index" in str(token.attrGet("class") or "").split():
            return "hold an index mark"
    return ""


_CLASS = re.compile(r'\bclass="([^"]*)"')
RESERVED = frozenset(f"only-{o}" for o in OUTPUTS)  # octavo's marks: never an author's class


def _classes(tag: str) -> list[str]:
    found = _CLASS.search(tag)
    return found[1].split() if found else []


def for_output(html: str, output: str) -> str:
    """`html` without the spans and divs marked for the other output (and what they hold)."""
    other = next(o for o in OUTPUTS if o != output)
    marker = f"only-{other}"
    if marker not in html:
        return html
    parts: list[str] = []
    at = depth = 0
    start, tag = -1, ""
    for found in _TAG.finditer(html):
        closing, name = found[1] == "/", found[2]
        if start < 0:
            if not closing and marker in _classes(found[0]):
                parts.append(html[at : found.start()])
                start, tag, depth = found.start(), name, 1
            continue
        if name == tag:
            depth += -1 if closing else 1
            if depth == 0:
                at, start = found.end(), -1
    parts.append(html[at:] if start < 0 else "")
    return "".join(parts)
