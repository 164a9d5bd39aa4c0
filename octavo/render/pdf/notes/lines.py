"""Where a note is written in its section's file: the line of its definition (`[^label]:`)
and of its first call, for what print tells of it (E647, W656, E657).

A rendered note carries both, as markdown-it read them (octavo.render.note_places: a call
in code is none, a definition in a quote or a list is one), in lines of its section's body:
its file's are the body's first line (Section.body_line) on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from octavo.errors import Diagnostic, error, warning
from octavo.model import Note, RenderedSection, Section

if TYPE_CHECKING:
    from octavo.render.pdf.notes.place import LetThrough

__all__ = ["called_at", "defined_at", "let_through_told"]


def defined_at(section: Section, note: Note) -> int:
    """The line of the section's file where `note` is defined (an inline note: called)."""
    return section.body_line + note.line


def called_at(section: Section, note: Note) -> int:
    """The line of the section's file of `note`'s first call."""
    return section.body_line + note.call_line


def let_through_told(
    sections: Iterable[RenderedSection], groups: Iterable[LetThrough], handout: str = ""
) -> tuple[Diagnostic, ...]:
    """For each group of notes called on one page that are more than a page of notes
    (octavo.render.pdf.notes.place.let_through), at the first call of its first note: W656,
    or E657 where a page's notes are taller than the page (set over its text). `handout`:
    the file name of the handout laid out, whose page E657 names ("page 2 of the handout
    01-s001-a.pdf"); "": the book's PDF ("the PDF's page 11")."""
    of = {n.id: (rs.section, n) for rs in sections for n in rs.notes}
    found = []
    for group in groups:
        first = next((of[p.note_id] for p in group.notes if p.note_id in of), None)
        where = (first[0].path, called_at(*first)) if first else (None, None)
        count, moved = len(group.notes), sum(p.misplaced for p in group.notes)
        if group.spilled is None:
            told = warning(
                "W656",
                f"{count} notes are called on one page, more than a page of notes: {moved} "
                "of them run onto the following pages, away from their calls",
                where[0],
                where[1],
                hint="no page holds them all at its foot; call fewer notes in one place, "
                "or merge short ones into one",
            )
        else:
            page = group.spilled + 1
            where_in = (
                f"page {page} of the handout {handout}" if handout else f"the PDF's page {page}"
            )
            told = error(
                "E657",
                f"{count} notes are called on one page, more than a page of notes: "
                f"WeasyPrint sets {moved} of them on the following pages, and {where_in} "
                "more than it has room for, over its text",
                where[0],
                where[1],
                hint="print cannot set them: call fewer notes in one place, or merge short "
                "ones into one",
            )
        found.append(told)
    return tuple(found)
