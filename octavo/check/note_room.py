"""Notes called on one page that are more than a page of notes, read back from the PDF.

Print lets such notes run onto the following pages (W656, octavo.render.pdf.notes.place):
no page holds them all at its foot with their calls. `invoke check` applies the same rule
before it says E611 of a note away from its call's page: the notes called on one page,
measured as printed (each page's run of them, from the top of the first one's first line
to the bottom of the last one's last line, and a line more for the gaps the glyphs leave
out), more than the page's text block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from octavo.check.pdf_facts import PdfFacts, PdfPage

__all__ = ["overfull_notes", "squash"]


def squash(text: str) -> str:
    """Text compared without spaces or hyphens: a line broken at a hyphen still matches;
    nor word joiners, which a PDF's text never holds (a citation's "pp. 1\u2060–\u20602")."""
    return re.sub(r"[\s\u00ad\u2010\u2060-]", "", text)


def overfull_notes(
    facts: PdfFacts, notes: Iterable[tuple[str, int, str]], room: float
) -> frozenset[str]:
    """Of `notes` (the note's id, the page of its call, its text as printed: "3. …"), those
    called on a page whose notes are more than `room` (points: the text block's height)
    of notes, and printed on that page or a later one."""
    if room <= 0:
        return frozenset()
    groups: dict[int, list[tuple[str, str]]] = {}
    for ident, page, text in notes:
        groups.setdefault(page, []).append((ident, text))
    through: set[str] = set()
    for start, group in groups.items():
        found = {ident: _printed(facts.pages, start, len(group), text) for ident, text in group}
        spans: dict[int, tuple[float, float, float]] = {}  # page -> top, bottom, a line
        for at in found.values():
            if at is not None:
                index, top, bottom, line = at
                old = spans.get(index, (top, bottom, line))
                spans[index] = (min(old[0], top), max(old[1], bottom), old[2])
        if sum(bottom - top + line for top, bottom, line in spans.values()) > room:
            through |= {ident for ident, at in found.items() if at is not None}
    return frozenset(through)


def _printed(
    pages: tuple[PdfPage, ...], start: int, most: int, text: str
) -> tuple[int, float, float, float] | None:
    """(page, top, bottom, first line's height) of the note `text` printed on the page
    `start` or one of the `most` after it: the lines that begin with it and hold it."""
    want = squash(text)
    for page in pages[start : start + most + 1]:
        lines = page.lines
        for i, (top, bottom, line) in enumerate(lines):
            joined = squash(line)
            if not joined or not want.startswith(joined):
                continue
            j = i
            while len(joined) < len(want) and j + 1 < len(lines):
                more = joined + squash(lines[j + 1][2])
                if not want.startswith(more):
                    break
                joined, j = more, j + 1
            if joined == want:
                return page.index, top, lines[j][1], bottom - top
    return None
