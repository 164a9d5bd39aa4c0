"""Notes called inside other notes (`[^outer]: Outer with inner[^inner] call.`, which pandoc
allows): print sets each at the foot of the page that holds its call, and that call is in
the outer note, on the outer note's page. So an inner note floats from beside the outer
note's call, with no call of its own in the text (its call is the one in the outer note).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from octavo.model import Note

__all__ = ["CALL", "callers", "outermost"]

# the first call of a note, as octavo.render.footnotes writes it
CALL = re.compile(r'<a class="noteref" href="#([^"]+)" id="ref-\1"[^>]*>\d+</a>')


def callers(notes: Iterable[Note]) -> dict[str, str]:
    """(note id -> id of the note whose text calls it first) of every inner note."""
    found: dict[str, str] = {}
    for note in notes:
        for match in CALL.finditer(note.html):
            if match[1] != note.id:
                found.setdefault(match[1], note.id)
    return found


def outermost(ident: str, called_by: dict[str, str]) -> str:
    """The note whose call is in the text, of an inner note `ident` (itself if it is one)."""
    seen = {ident}
    while ident in called_by and called_by[ident] not in seen:
        ident = called_by[ident]
        seen.add(ident)
    return ident
