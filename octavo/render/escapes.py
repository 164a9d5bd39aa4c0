"""pandoc's backslash-escaped space: `Mr.\\ Smith`, `100\\ km` is a no-break space (U+00A0).

CommonMark escapes ASCII punctuation only, so markdown-it prints `\\ ` as typed. An inline
rule of octavo's before markdown-it's `escape` (mdit-py-plugins has none for it): the space
becomes a `text_special` token, as markdown-it's own escapes do (typography passes it by;
markdown-it's `text_join` makes it text), wherever inline Markdown is read: a paragraph, a
heading, a caption, a table's cell, a note, an index mark (not a section's `title:`, which
is plain text, nor book.toml's: they print it as typed). A backslash ending a line is
still a hard line break, an escaped backslash (`\\\\ `) a backslash and a space, and
code (`` `a\\ b` ``) keeps both, as in pandoc.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

__all__ = ["NO_BREAK_SPACE", "install"]

NO_BREAK_SPACE = "\u00a0"


def install(md: MarkdownIt) -> None:
    md.inline.ruler.before("escape", "octavo_escaped_space", _escaped_space)


def _escaped_space(state: StateInline, silent: bool) -> bool:
    at = state.pos
    if state.src[at] != "\\" or state.src[at + 1 : at + 2] != " " or at + 1 >= state.posMax:
        return False
    if not silent:
        token = state.push("text_special", "", 0)
        token.content = NO_BREAK_SPACE
        token.markup = "\\ "
        token.info = "escape"
    state.pos = at + 2
    return True
