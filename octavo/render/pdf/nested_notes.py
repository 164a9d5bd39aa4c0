"""Notes called inside other notes (`[^outer]: Outer with inner[^inner] call.`, which pandoc
allows): print sets each at the foot of the page that holds its call, and that call is in
the outer note, on the outer note's page. So an inner note floats from beside the outer
note's call, with no call of its own in the text (its call is the one in the outer note).

So every note called inside a note, at any depth, floats from that one call, and all must
be set at the foot of its one page. More than `MOST_NESTED` of them are refused (E647, at
the outer note's `[^label]:` line), before any layout: WeasyPrint lays its footnote area
out again for each note it adds, and a chain of N notes each called in the one before
took the PDF's build (api.build_pdf, the limit lifted) 1 s at 20 and 30, 2.6 s at 40,
12 s at 50, then 114 s of six layouts at 60 before E604, and 565 s at 80 (session 49, a
loaded 2-core machine; the limit was 20 before, which refused chains built in seconds).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from octavo.errors import Diagnostic, error
from octavo.model import Note, RenderedSection
from octavo.render.pdf.notes.lines import defined_at

__all__ = ["CALL", "MOST_NESTED", "callers", "crowded_notes", "outermost"]

MOST_NESTED = 40  # notes called inside one note, at any depth

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


def crowded_notes(sections: Iterable[RenderedSection]) -> list[Diagnostic]:
    """E647 for each note with more than MOST_NESTED notes called inside it, at any depth."""
    found = []
    for rs in sections:
        called_by = callers(rs.notes)
        inner = Counter(outermost(n, called_by) for n in called_by)
        notes = {n.id: n for n in rs.notes}
        numbers = {ident: n.number for ident, n in notes.items()}
        for outer, count in sorted(inner.items(), key=lambda item: numbers.get(item[0], 0)):
            if count > MOST_NESTED:
                found.append(
                    error(
                        "E647",
                        f"note {numbers.get(outer, '?')} has {count} notes called inside it "
                        f"(a note's, at any depth): print sets them all at the foot of its "
                        f"call's page, which takes at most {MOST_NESTED}",
                        rs.section.path,
                        defined_at(rs.section, notes[outer])
                        if outer in notes
                        else rs.section.body_line,
                        hint="call some of them in the text instead, or merge them into "
                        "the note that calls them",
                    )
                )
    return found
