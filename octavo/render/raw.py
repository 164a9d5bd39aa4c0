"""pandoc's raw attribute (its `raw_attribute` extension): a fenced block ```` ```{=html} ````
or inline code `` `<b>bold</b>`{=html} `` is content for one output format, written as is.

pandoc's HTML and EPUB writers pass `html` and `html5` (in any case) through as raw HTML and
drop every other format (`latex`, `tex`, `context`, `openxml`, …); octavo does the same for
both its outputs, the EPUB and the PDF being made from one XHTML. Raw HTML made so is raw
HTML as any other: the block becomes markdown-it's `html_block`, the code its `html_inline`,
so the cleaner (octavo.render.sanitize) and its warnings (W502) and an HTML table's reading
(octavo.render.html_tables) are theirs. What is dropped is told, once for each block or
code, at its line (W526): an author porting a LaTeX manuscript would lose a `\\newpage`
without a word otherwise.

A core rule after footnote_tail, so that a note's words (an inline note's too) are read.
Code with pandoc's other attributes (```` ```{.python} ````, `` `x`{.cls} ``) is left to
octavo.render.blocks and mdit-py-plugins' attrs plugin, as before.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render.tokens import State, child_lines, octavo_state

__all__ = ["PASSED", "RAW_HINT", "install"]

# what W502 advises, of the text's raw HTML and of a note's
RAW_HINT = "octavo keeps only simple inline HTML such as <sup>, and tables"

# pandoc's rawAttribute: `{=format}`, spaces allowed inside the braces
_RAW = re.compile(r"\{[ \t]*=([A-Za-z0-9_-]+)[ \t]*\}")
_OPENS = re.compile(r"\{[ \t]*=")
PASSED = frozenset({"html", "html5"})  # what pandoc's EPUB 3 writer keeps (any case)


def install(md: MarkdownIt) -> None:
    md.core.ruler.after("footnote_tail", "octavo_raw", _raw)


def _raw(core: StateCore) -> None:
    if _OPENS.search(core.src) is None:
        return  # no `{=` in the text: most sections (a walk over every token otherwise)
    state = octavo_state(core.env)
    kept: list[Token] = []
    for token in core.tokens:
        if token.type == "fence" and (match := _RAW.fullmatch(token.info.strip())):
            if match[1].lower() in PASSED:
                token.type, token.tag, token.info = "html_block", "", ""
            else:
                _dropped(state, match[1], "block", token.map[0] if token.map else 0)
                continue
        elif token.type == "inline" and token.children and "{=" in token.content:
            _inline(state, token)
        kept.append(token)
    core.tokens = kept


def _inline(state: State | None, inline: Token) -> None:
    """Code followed by `{=format}`: raw HTML, or dropped; the attribute taken off its text."""
    children = inline.children or []
    lines = child_lines(inline)
    line = inline.map[0] if inline.map else 0
    out: list[Token] = []
    for at, child in enumerate(children):
        before = children[at - 1] if at else None
        code = before is not None and before.type == "code_inline" and child.type == "text"
        match = _RAW.match(child.content) if code else None
        if match is None:
            out.append(child)
            continue
        raw = out.pop()  # the code, `before`
        if match[1].lower() in PASSED:
            raw.type, raw.tag, raw.markup = "html_inline", "", ""
            out.append(raw)
        else:
            _dropped(state, match[1], "code", lines.get(id(raw), line))
        child.content = child.content[match.end() :]
        if child.content:
            out.append(child)
    inline.children = out


def _dropped(state: State | None, written: str, what: str, line: int) -> None:
    if state is None:
        return
    state.problem(
        "W526",
        f"raw {written} {what} (`{{={written}}}`) is not for the EPUB nor the PDF: "
        "left out of both, as pandoc's EPUB leaves it out",
        line,
        "write what it does in Markdown, or as raw HTML (`{=html}`), which both outputs "
        "keep; octavo breaks the pages itself (a `\\newpage` needs nothing)",
    )
