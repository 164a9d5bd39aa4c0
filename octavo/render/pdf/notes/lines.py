"""Where a note is written in its section's file: the line of its definition (`[^label]:`)
and of its first call, for what print tells of it (E647, W656, E657).

A rendered note knows its id ("fn-s001-a-3": the third note markdown-it numbered), not its
label: the labels are read again from the section's Markdown, numbered as markdown-it
numbers notes, in the order of their first calls (a note's own text read in its place; an
inline note `^[…]` numbered too). A note whose call is not found so (one in code, say) is
told at the body's first line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from octavo.errors import Diagnostic, error, warning
from octavo.model import RenderedSection, Section

if TYPE_CHECKING:
    from octavo.render.pdf.notes.place import LetThrough

__all__ = ["called_at", "defined_at", "let_through_told"]

_CALL = re.compile(r"\[\^([^\]\s]+)\](?!:)|\^\[")
_DEFINED = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)


def defined_at(section: Section, note_id: str) -> int:
    """The line of the section's file where the note `note_id` is defined."""
    return section.body_line + _offsets(section, note_id)[1]


def called_at(section: Section, note_id: str) -> int:
    """The line of the section's file of the note `note_id`'s first call."""
    return section.body_line + _offsets(section, note_id)[0]


def _offsets(section: Section, note_id: str) -> tuple[int, int]:
    """(line of the first call, line of the definition) of the note, from the body's."""
    body = section.body
    defined = {m[1]: body.count("\n", 0, m.start()) for m in _DEFINED.finditer(body)}
    first: dict[str, int] = {}
    for match in _CALL.finditer(body):
        label = match[1] if match[1] is not None else f"^[{match.start()}"
        if match[1] is None or label in defined:
            first.setdefault(label, body.count("\n", 0, match.start()))
    ident = int(note_id.rpartition("-")[2]) - 1
    labels = list(first)
    label = labels[ident] if 0 <= ident < len(labels) else ""
    return first.get(label, 0), defined.get(label, 0)


def let_through_told(
    sections: Iterable[RenderedSection], groups: Iterable[LetThrough]
) -> tuple[Diagnostic, ...]:
    """For each group of notes called on one page that are more than a page of notes
    (octavo.render.pdf.notes.place.let_through), at the first call of its first note: W656,
    or E657 where a page's notes are taller than the page (set over its text)."""
    of = {n.id: rs.section for rs in sections for n in rs.notes}
    found = []
    for group in groups:
        first = next((p.note_id for p in group.notes if p.note_id in of), "")
        section = of.get(first)
        where = (section.path, called_at(section, first)) if section else (None, None)
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
            told = error(
                "E657",
                f"{count} notes are called on one page, more than a page of notes: "
                f"WeasyPrint sets {moved} of them on the following pages, and the PDF's "
                f"page {group.spilled + 1} more than it has room for, over its text",
                where[0],
                where[1],
                hint="print cannot set them: call fewer notes in one place, or merge short "
                "ones into one",
            )
        found.append(told)
    return tuple(found)
