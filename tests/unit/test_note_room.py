"""octavo.check.note_room: notes called on one page that are more than a page of notes are
let through by `invoke check` (E611 not said), as print lets them through (W656); notes
that would fit on their call's page are not."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from octavo.check.content import check_notes
from octavo.check.pdf_facts import PdfFacts, PdfPage
from octavo.model import RenderedSection
from octavo.model.manuscript import Note

LINE = 11.0  # points from one note's line to the next


def _book(called: int, on_first: int) -> tuple[PdfFacts, RenderedSection]:
    """`called` one-line notes called on page 1, `on_first` of them at its foot, the rest
    at the top of page 2 on."""
    notes = tuple(Note(f"fn-a-{n}", n, f"Note {n}.") for n in range(1, called + 1))
    pages: list[list[tuple[float, float, str]]] = [[(72.0, 82.0, "Text.")], []]
    for n in range(1, called + 1):
        page = pages[0] if n <= on_first else pages[1]
        top = 700.0 - (on_first - n) * LINE if n <= on_first else 72.0 + (n - on_first) * LINE
        page.append((top, top + 9.0, f"{n}. Note {n}."))
    made = tuple(PdfPage(i, 792.0, tuple(sorted(lines))) for i, lines in enumerate(pages))
    dests = {note.ref_id: 0 for note in notes}
    facts = PdfFacts(Path("b.pdf"), made, dests, frozenset(), (), {}, ())
    section = cast(RenderedSection, cast(Any, SimpleNamespace(notes=notes)))
    return facts, section


@pytest.mark.parametrize(
    ("called", "on_first", "room", "told"),
    [
        pytest.param(60, 40, 600.0, 0, id="more-than-a-page-let-through"),
        pytest.param(30, 20, 600.0, 10, id="less-than-a-page-E611"),
        pytest.param(60, 40, 0.0, 20, id="no-room-given-E611"),
    ],
)
def test_notes_more_than_a_page_are_let_through(
    called: int, on_first: int, room: float, told: int
) -> None:
    facts, section = _book(called, on_first)
    found = list(check_notes(facts, [section], room=room))
    assert [d.code for d in found] == ["E611"] * told


def test_a_note_printed_nowhere_is_told_still() -> None:
    facts, section = _book(60, 40)
    lost = PdfPage(1, 792.0, facts.pages[1].lines[:-1])  # the last note is not printed
    facts = PdfFacts(facts.path, (facts.pages[0], lost), facts.dests, frozenset(), (), {}, ())
    found = list(check_notes(facts, [section], room=600.0))
    assert [d.code for d in found] == ["E611"] and "60. Note 60." in found[0].message
