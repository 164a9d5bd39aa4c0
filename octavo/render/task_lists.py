"""pandoc's task_lists: `- [ ] to do` and `- [x] done` items of a bullet list.

markdown-it reads them (its `tasklists` option) and would write a disabled form control,
`<input type="checkbox">`, which is no part of a book: an e-reader may offer to tick it,
DAISY Ace reports a form control without a label, and print has nothing to tick. Each
item instead starts with a mark, ☐ or ☒ (pandoc's HTML writes a checkbox there), that
says its state to a screen reader (`role="checkbox"`, `aria-checked`) in the reader's own
language; the list is pandoc's `<ul class="task-list">`. Print draws the box and its
cross in the book's face (styles/print/book.css), which has neither character.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render.tokens import list_items, own_span

__all__ = ["install"]

_MARKS = {False: "\u2610", True: "\u2612"}  # ☐ BALLOT BOX, ☒ BALLOT BOX WITH X


def install(md: MarkdownIt) -> None:
    md.options["tasklists"] = True  # markdown-it's list rule reads `[ ]` and `[x]`
    md.core.ruler.after("inline", "task_lists", _marks)


def _marks(state: StateCore) -> None:
    """Each task item's `checked` (markdown-it's) made a mark at the start of its words; a
    bullet list of tasks only is pandoc's `task-list` (no bullets beside the marks)."""
    tokens = state.tokens
    for at, token in enumerate(tokens):
        if token.attrs and "contains-task-list" in str(token.attrs.get("class") or ""):
            tasks = all("checked" in (t.meta or {}) for t in list_items(tokens, at))
            if tasks and token.type == "bullet_list_open":
                token.attrSet("class", "task-list")
            else:
                token.attrs.pop("class", None)
    for at, token in enumerate(tokens):
        if token.type != "list_item_open" or "checked" not in (token.meta or {}):
            continue
        checked = bool(token.meta.pop("checked"))  # nor markdown-it's <input> after all
        token.attrs.pop("class", None)  # markdown-it's task-list-item: pandoc has none
        words = _first_words(tokens, at)
        if words is not None:
            words.children = [*_mark(checked), *(words.children or [])]


def _first_words(tokens: list[Token], at: int) -> Token | None:
    """The item's first inline, if it starts the item (not one of a list inside it)."""
    for token in tokens[at + 1 :]:
        if token.type == "inline":
            return token
        if token.type != "paragraph_open":
            return None
    return None


def _mark(checked: bool) -> list[Token]:
    opening = own_span(
        {"class": "task-mark", "role": "checkbox", "aria-checked": str(checked).lower()}
    )
    glyph = Token("text_special", "", 0)  # no typography: a character, not words
    glyph.content = _MARKS[checked]
    space = Token("text", "", 0)
    space.content = " "
    return [opening, glyph, Token("span_close", "span", -1), space]
