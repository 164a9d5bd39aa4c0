"""Inline text: `@tbl:label` references, links marked for resolving, line blocks, and what is
not rendered (math, attributes it cannot read, an undefined note call) reported; a block
that reads as a paragraph but is not one is octavo.render.unrendered's, what an author's
span or link keeps of its attributes octavo.render.inline_attributes'."""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render.conditional import mark
from octavo.render.crossref_syntax import CROSSREF_TOKEN, KIND, link_class, target
from octavo.render.image_places import place_image
from octavo.render.image_sizes import read_size, sized, unread_attributes
from octavo.render.inline_attributes import author_spans
from octavo.render.math_source import MATH
from octavo.render.tokens import (
    SCHEME,
    State,
    child_lines,
    given_id,
    link,
    not_understood,
    renderer,
    text,
)

__all__ = ["CITATION", "IN_TEXT", "line_block", "undefined_call", "walk"]

CITATION = re.compile(r"\[[^\]\n]*@[\w:.-]+[^\]\n]*\]")
# pandoc's in-text citation of an author-year key, "@smith1990 argues" (not "@octavo", nor
# a mail address, nor @tbl:/@fig:/@sec:, which are cross-references)
IN_TEXT = re.compile(rf"(?<![\w@.])@(?!{KIND}:)[A-Za-z][\w:.-]*?\d{{4}}[a-z]?\b")
_CROSSREF = re.compile(rf"(?<![\w@])@({KIND}:[\w:.-]*\w)")
# (a reference in brackets, `[-@tbl:12]`, `[see @tbl:12]`: octavo.render.crossref_syntax)
_WORDS = ("text", "code_inline")  # what makes an image one among words
_MATH = re.compile(r"(?<![\\$\w])\$(?=\S)[^$\n]*?\S\$(?![0-9])|\$\$[^$]+\$\$")
_UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


def line_block(inline: Token) -> bool:
    """pandoc's line block (lines that start '| '): its lines are kept, the bars dropped; a
    line without a bar (pandoc's continuation, indented in the source) goes on the line
    above, as pandoc joins it."""
    if inline.content[:1] != "|":  # (its first line must be barred: most paragraphs)
        return False
    lines = inline.content.split("\n")
    barred = [line.startswith("| ") or line == "|" for line in lines]
    if not barred[0]:
        return False
    at, start = 0, True
    for child in inline.children or []:
        if start and child.type == "text" and barred[at]:
            kept = child.content.removeprefix("|").removeprefix(" ")
            words = kept.lstrip(" ")  # a line's own indent kept, as pandoc keeps it
            child.content = "\u00a0" * (len(kept) - len(words)) + words
        start = child.type in ("softbreak", "hardbreak")
        if start:
            at = min(at + 1, len(lines) - 1)
            if child.type == "softbreak" and barred[at]:
                child.type, child.tag = "hardbreak", "br"
    return True


def walk(
    core: StateCore,
    state: State,
    inline: Token,
    heading: bool = False,
    language: str | None = None,
) -> None:
    """`heading`: the inline is a heading's, whose words are in both outputs (its contents
    entry, bookmark and navigation entries are made from them); `language`: the language in
    force around the inline (a div's, a heading's; None: its section's). An inline of one text (a
    table's cell, most of them: 4,142 of the 81-section study's 4,391) holds no span, link
    or image: only its text is read, as the walk below reads it (half the walk's time)."""
    line = inline.map[0] if inline.map else 0
    if inline.children is not None and len(inline.children) == 1:
        text = inline.children[0]
        if text.type == "text":
            _text_problems(state, text, None, line)
            if "@" in text.content:
                inline.children = _crossrefs(text)
            if "$$" in text.content:  # (_paragraph_math's text is this one's)
                _paragraph_math(state, [text], line)
            return
    lines = child_lines(inline)
    author_spans(state, inline, lines, language)
    children = mark(  # words for one output only
        inline.children or [],
        lambda held, span: state.problem(
            "W516",
            f"words for one output {held}: shown in both",
            lines.get(id(span), line),
            "keep notes, ids and index marks outside [...]{.content-visible when-format=...}"
            if not heading
            else "a heading's words make the contents, bookmarks and links of both outputs",
        ),
        "in a heading" if heading else "",
        lambda code, message, hint, span: state.problem(
            code, message, lines.get(id(span), line), hint
        ),
    )
    out: list[Token] = []
    previous: Token | None = None
    words = any(c.type in _WORDS and c.content.strip() for c in children)
    for child in children:
        if lines:  # a new token: the line of the one before it
            line = lines.get(id(child), line)
        if child.type == "image" and child.meta.get("placed"):
            out.append(child)
            previous = child
            continue
        if child.type == "image":
            alt = renderer(core).renderInlineAsText(child.children or [], core.md.options, {})
            if not alt.strip():
                state.problem("W509", "image without alt text", line, "write ![alt text](path)")
            given = {str(k): str(v) for k, v in child.attrs.items()}
            size = read_size(state, given, line, figure=False)
            unread_attributes(state, given, line, figure=False)
            placed = place_image(state, child, alt, line, figure=False)
            for image in placed:
                sized(image, size, words)
            out += placed
            previous = child
            continue
        if child.type == "link_open":
            _link(child)
        if (
            child.type in ("span_open", "link_open")
            and child.attrGet("id")
            and not given_id(state, {"id": str(child.attrGet("id"))}, line)
        ):
            child.attrs.pop("id", None)  # not usable, or used already (a link's too)
        if child.type == "text":
            _text_problems(state, child, previous, line)
            out += _crossrefs(child)
        elif child.type == MATH:  # shown as its TeX source (octavo.render.math_source)
            _math(state, line)
            out.append(child)
        elif child.type == CROSSREF_TOKEN:  # `[see @tbl:gdp]`: "see 3" (crossref_syntax)
            key = child.meta["key"]
            named = link_class(key, child.meta["alone"])
            out += link({"href": f"#{target(key)}", "class": named}, child.content)
        else:
            out.append(child)
        previous = child
    _paragraph_math(state, children, inline.map[0] if inline.map else 0)
    inline.children = out


def _link(token: Token) -> None:
    href = str(token.attrGet("href") or "")
    if SCHEME.match(href):
        return
    classes = ["xref", *str(token.attrGet("class") or "").split()]
    token.attrSet("class", " ".join(dict.fromkeys(classes)))


def _text_problems(state: State, token: Token, previous: Token | None, line: int) -> None:
    text = token.content
    after = previous is not None and previous.type in ("image", "link_close", "span_close")
    if after and text.startswith("{") and "}" in text:
        not_understood(state, text[: text.index("}") + 1], line)
    for match in _UNDEFINED_NOTE.finditer(text) if "[^" in text else ():
        undefined_call(state, match[1], line)
    if "@" in text and (
        (CITATION.search(text) and not _CROSSREF.search(text)) or IN_TEXT.search(text)
    ):
        state.problem(
            "W504",
            "citations ([@key], @key) are not rendered; shown as text",
            line,
            "write the reference out, e.g. (Smith 1994, 12), and list it in a Bibliography",
        )
    if "$" in text and _MATH.search(text):
        _math(state, line)


def undefined_call(state: State, label: str, line: int, after: str = "the paragraph") -> None:
    """W510: `[^label]` at `line` calls no note (its words stay as written); `after`: what
    the hint says to define it after."""
    state.problem(
        "W510",
        f"footnote [^{label}] is called but not defined",
        line,
        f"add a line '[^{label}]: the note' after {after}",
    )


def _math(state: State, line: int) -> None:
    """W504 for math, once a line (the text's tokens and the paragraph's whole text both
    look for it)."""
    if line not in state.math_lines:
        state.math_lines.add(line)
        state.problem(
            "W504",
            "math is not rendered; its TeX source is shown as text",
            line,
            "write it in words or Unicode (x², ≤), or escape the dollar signs (\\$)",
        )


def _paragraph_math(state: State, children: list[Token], line: int) -> None:
    """Display math over lines ("$$" alone on a line, the TeX, "$$"): each text token
    holds a part only, so the paragraph's text is read whole (a code span breaks it)."""
    joined = "".join(
        c.content if c.type == "text" else "\n" if c.type.endswith("break") else "\x00"
        for c in children
    )
    if "$$" in joined and any(_MATH.search(part) for part in joined.split("\x00")):
        _math(state, line)


def _crossrefs(token: Token) -> list[Token]:
    """`@tbl:label` -> a link filled in with 'Table 3' once every table is numbered (and
    `@Tbl:label`, capitalised)."""
    content = token.content
    if "@" not in content:
        return [token]
    out: list[Token] = []
    at = 0
    for found in _CROSSREF.finditer(content):
        if found.start() > at:
            out.append(text(content[at : found.start()]))
        out += link({"href": f"#{target(found[1])}", "class": link_class(found[1])}, found[0])
        at = found.end()
    if not out:
        return [token]
    return [*out, text(content[at:])] if at < len(content) else out
