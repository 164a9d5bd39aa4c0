"""Where each footnote is written in its section's Markdown, as markdown-it read it: the
0-based line of its first call and of its definition (`[^label]:`), which its NoteUse
carries for what is told of it (octavo.render.pdf.notes.lines: E647, W656, E657).

Taken from the parse, never from the Markdown read again: a `[^label]` in code is no call,
a `[^label]:` line in a fenced block no definition, and a definition in a quote or a list's
item is one. An inline note `^[…]` is written at its call: both its lines are the call's. A
call in a note's text is on that text's line; in an inline note's text (no lines of its
own), on that note's call's line.
"""

from __future__ import annotations

from collections.abc import Iterable

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render.tokens import State, child_lines

__all__ = ["note_places"]

# a note's id -> (the line of its first call, or None where that text has no lines; the id
# of the note whose text holds the call, None for the body's)
_Calls = dict[int, tuple[int | None, int | None]]


def note_places(
    core: StateCore, state: State, notes: list[tuple[list[Token], int]]
) -> dict[int, tuple[int, int]]:
    """Each note's (first call's line, definition's line), by its id, for `notes` (their
    texts and ids, octavo.render.footnotes.take_notes): the body's tokens are `core`'s,
    each label's definition line `state.note_lines` (the last definition: the note's text)."""
    calls: _Calls = {}
    _calls(core.tokens, None, calls)
    for tokens, ident in notes:
        _calls(tokens, ident, calls)
    footnotes = core.env.get("footnotes", {}) if isinstance(core.env, dict) else {}
    listed = footnotes.get("list", {})
    places = {}
    for _, ident in notes:
        call = _line(ident, calls)
        label = listed.get(ident, {}).get("label")
        places[ident] = (call, state.note_lines.get(label, call) if label is not None else call)
    return places


def _calls(blocks: Iterable[Token], owner: int | None, calls: _Calls) -> None:
    """The line of each first call (markdown-it's `subId` 0: one a note) in `blocks`."""
    for block in blocks:
        if not block.children:
            continue
        lines = child_lines(block) if block.map else {}
        first = block.map[0] if block.map else None
        for child in block.children:  # a raw HTML table's call has its own line (table_calls)
            line = child.map[0] if child.map else lines.get(id(child), first)
            for token in _walked(child):
                if token.type == "footnote_ref" and int(token.meta.get("subId", 0)) == 0:
                    calls.setdefault(int(token.meta["id"]), (line, owner))


def _walked(token: Token) -> Iterable[Token]:
    """`token` and the tokens inside it (a span octavo made of a call and its words)."""
    yield token
    for child in token.children or ():
        yield from _walked(child)


def _line(ident: int, calls: _Calls) -> int:
    """The line of note `ident`'s first call: in an inline note's text, that note's call's
    (0: a call not found)."""
    seen = {ident}
    line, owner = calls.get(ident, (None, None))
    while line is None and owner is not None and owner not in seen:
        seen.add(owner)
        line, owner = calls.get(owner, (None, None))
    return line if line is not None else 0
