"""The block rule of pandoc's fenced divs: where a div opens, where it closes.

pandoc's rule, not mdit-py-plugins' container plugin's: a div ends at the first line of
three colons or more with nothing else on it that is not the close of a div opened inside
it, however many colons either fence has (`::: a` … `::: b` … `:::` … `:::` is a div
inside a div, as pandoc reads it; the plugin ended the outer div at the inner one's close
and printed the last fence as text). A fence in a code block is text: a fenced code block
(``` or ~~~) inside a div is skipped whole while looking for the div's end. An opening fence
may end with colons, as pandoc allows (`::: Warning :::`). A fence that opens a div never
closed (before the text, or the list item or quotation it is in, ends) is text, as in pandoc,
and W504 says so (the plugin's div ran on to the end of the section).

The tokens are the plugin's (`container_div_open` and `_close`, `info` holding what follows
the colons), read by octavo.render.divs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

__all__ = ["CLOSE", "OPEN", "install", "opening"]

OPEN, CLOSE = "container_div_open", "container_div_close"
_FENCE = re.compile(r"(:{3,})(.*)")
_TRAILING = re.compile(r"\s+:{3,}\s*$")
_CODE = re.compile(r"(`{3,}|~{3,})(.*)")


def install(md: MarkdownIt, opens: Callable[[str], bool]) -> None:
    """Parse fenced divs whose opening fence's words `opens` accepts (what follows the
    colons, trailing colons removed: `opening`)."""

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return _div(state, start, end, silent, opens)

    md.block.ruler.before(
        "fence", "octavo_div", rule, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )


def opening(text: str) -> str | None:
    """What an opening fence (a line's text) gives its div: the words after the colons,
    without colons closing the line; None if `text` is not a fence of three colons or more."""
    found = _FENCE.fullmatch(text)
    if found is None:
        return None
    return _TRAILING.sub("", found.group(2)).strip()


def _div(
    state: StateBlock, start: int, end: int, silent: bool, opens: Callable[[str], bool]
) -> bool:
    if state.is_code_block(start):
        return False
    words = opening(_text(state, start))
    if not words or not opens(words):
        return False
    close, closed = _closing(state, start, end, opens)
    if not closed:
        return False  # its fence is text, as in pandoc (W504: octavo.render.inlines)
    if silent:
        return True
    parent, most = state.parentType, state.lineMax
    state.parentType = "container"
    state.lineMax = close  # a paragraph's lazy lines stop at the closing fence
    token = state.push(OPEN, "div", 1)
    token.markup, token.info, token.block, token.map = ":::", words, True, [start, close]
    state.md.block.tokenize(state, start + 1, close)
    token = state.push(CLOSE, "div", -1)
    token.markup, token.block = ":::", True
    state.parentType, state.lineMax = parent, most
    state.line = close + 1
    return True


def _closing(
    state: StateBlock, start: int, end: int, opens: Callable[[str], bool]
) -> tuple[int, bool]:
    """The line of the fence that closes the div opened at `start`, and True; else the
    line where the div ends unclosed, and False."""
    depth = 0
    code: tuple[str, int] | None = None  # the fence of a code block being skipped
    for line in range(start + 1, end):
        text = _text(state, line)
        if text and state.sCount[line] < state.blkIndent:
            return line, False  # a line less indented ends it (a list item's end)
        if code is not None:
            if text.startswith(code[0] * code[1]) and not text.strip(code[0]).strip():
                code = None
            continue
        if state.is_code_block(line):
            continue
        fenced = _CODE.fullmatch(text)
        if fenced and not (fenced.group(1)[0] == "`" and "`" in fenced.group(2)):
            code = (fenced.group(1)[0], len(fenced.group(1)))
            continue
        words = opening(text)
        if words == "":
            if depth == 0:
                return line, True
            depth -= 1
        elif words and opens(words):
            depth += 1
    return end, False


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
