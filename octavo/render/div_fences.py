"""The block rules of pandoc's fenced divs: where a div opens, where it closes.

pandoc's rule, not mdit-py-plugins' container plugin's: a fence of three colons or more
with nothing else on its line closes the innermost div still open in the same block (the
same list item or quotation), however many colons either fence has (`::: a` … `::: b` …
`:::` … `:::` is a div inside a div, as pandoc reads it; the plugin ended the outer div at
the inner one's fence and printed the last as text). The div's lines are read as any
others, so a fence in a code block, a raw HTML block or a list item inside the div is
theirs, never the div's close. An opening fence starts a block after a blank line (it
does not interrupt a paragraph, as in pandoc) and may end with colons (`::: Warning :::`);
a closing fence ends the paragraph before it. A div never closed (before the text, or the
list item or quotation it is in, ends) leaves its opening fence as text, as in pandoc,
which W504 reports (octavo.render.inlines); what followed it stays as read.

The tokens are the plugin's (`container_div_open` and `_close`, `info` holding what follows
the colons), read by octavo.render.divs. Each div is found in one pass, without looking
ahead for its end (the plugin's search for the end of each unclosed div made a section
of a thousand stray fences take seconds).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

__all__ = ["CLOSE", "OPEN", "install", "opening"]

OPEN, CLOSE = "container_div_open", "container_div_close"
_OPENING = re.compile(r":{3,}(.*)")
_CLOSING = re.compile(r":{3,}[ \t]*")
_TRAILING = re.compile(r"\s*:{3,}\s*$")
_OPEN_DIVS = "octavo_open_divs"  # in the parser's env: the token indexes of divs open


def install(md: MarkdownIt, opens: Callable[[str], bool]) -> None:
    """Parse fenced divs whose opening fence's words `opens` accepts (what follows the
    colons, trailing colons removed: `opening`)."""

    def open_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return _open(state, start, silent, opens)

    md.block.ruler.before("fence", "octavo_div_open", open_rule)
    md.block.ruler.before(
        "fence",
        "octavo_div_close",
        _close,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.core.ruler.after("block", "octavo_div_unclosed", _unclosed)


def opening(text: str) -> str | None:
    """What an opening fence (a line's text) gives its div: the words after the colons,
    without colons closing the line; None if `text` is not a fence of three colons or more."""
    found = _OPENING.fullmatch(text)
    if found is None:
        return None
    return _TRAILING.sub("", found.group(1)).strip()


def _open(state: StateBlock, start: int, silent: bool, opens: Callable[[str], bool]) -> bool:
    if state.sCount[start] != state.blkIndent:
        return False  # indented: text (or code), as in pandoc
    words = opening(_text(state, start))
    if not words or not opens(words):
        return False
    if state.level >= int(state.md.options["maxNesting"]) - 3:
        return False  # a div this deep (stray fences never closed): text, none lost
    if silent:
        return True
    token = state.push(OPEN, "div", 1)
    token.markup, token.info, token.block, token.map = ":::", words, True, [start, start + 1]
    token.meta["fence"] = _text(state, start)
    state.env.setdefault(_OPEN_DIVS, []).append(len(state.tokens) - 1)
    state.line = start + 1
    return True


def _close(state: StateBlock, start: int, _end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4 or (
        state.sCount[start] != state.blkIndent and not silent
    ):
        return False  # code; or indented: text, as in pandoc (a paragraph's next line
        # may be indented: it is asked here only whether the fence ends that paragraph)
    if not _CLOSING.fullmatch(_text(state, start)):
        return False
    opened: list[int] = state.env.get(_OPEN_DIVS, [])
    while opened and not _still_open(state, opened[-1]):
        opened.pop()  # its list item or quotation ended first: never closed (_unclosed)
    if not opened:
        return False
    at = opened[-1]
    if silent:  # a paragraph's next line: the fence ends it, here or in a block around it
        return True
    if state.level != state.tokens[at].level + 1:
        return False  # inside a block within the div (a list item): its text
    opened.pop()
    state.tokens[at].meta["closed"] = True
    token = state.push(CLOSE, "div", -1)
    token.markup, token.block, token.map = ":::", True, [start, start + 1]
    opening_map = state.tokens[at].map or [start, start]
    state.tokens[at].map = [opening_map[0], start + 1]
    state.line = start + 1
    return True


def _still_open(state: StateBlock, at: int) -> bool:
    """Is the div opened at token `at` still open: has no token after it closed the block
    that holds it? (Its own blocks are a level deeper than its opening token.)"""
    level = state.tokens[at].level
    return all(token.level > level for token in state.tokens[at + 1 :])


def _unclosed(state: StateCore) -> None:
    """Each div never closed: its opening fence made a paragraph of text, as in pandoc."""
    state.env.pop(_OPEN_DIVS, None)
    tokens = state.tokens
    if not any(t.type == OPEN and not t.meta.get("closed") for t in tokens):
        return
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type != OPEN or token.meta.get("closed"):
            out.append(token)
            continue
        line = token.map[0] if token.map else -1
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            after is not None
            and after.type == "paragraph_open"
            and after.map
            and (after.map[0] == line + 1)
        ):  # the fence and the paragraph under it: one paragraph, as pandoc reads them
            inline = tokens[index + 2]
            inline.content = f"{token.meta.get('fence', '')}\n{inline.content}"
            after.map = inline.map = [line, after.map[1]]
            continue
        out += _paragraph(token)
    state.tokens = out


def _paragraph(fence: Token) -> list[Token]:
    opening_token = Token("paragraph_open", "p", 1)
    inline = Token("inline", "", 0)
    closing = Token("paragraph_close", "p", -1)
    for made in (opening_token, inline, closing):
        made.map, made.level, made.block = fence.map, fence.level, True
    inline.level += 1
    inline.content, inline.children = str(fence.meta.get("fence", "")), []
    return [opening_token, inline, closing]


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
