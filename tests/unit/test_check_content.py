"""The PDF read back for a section's notes (octavo.check.content.check_notes)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from octavo.check.content import check_notes
from octavo.check.pdf_facts import PdfFacts, PdfPage
from octavo.model import RenderedSection
from octavo.model.manuscript import Note


def _facts(line: str) -> PdfFacts:
    page = PdfPage(0, 792.0, ((700.0, 710.0, line),))
    dests = {"ref-fn-a-1": 0}
    return PdfFacts(Path("b.pdf"), (page,), dests, frozenset(), (), {}, ())


def test_a_note_s_word_joiners_are_not_looked_for() -> None:
    """A citation's range is kept on one line by word joiners (U+2060), which the PDF's text
    does not hold: `invoke check` stopped a book whose note cited "pp. 1–2" with E611."""
    note = Note("fn-a-1", 1, 'See <span class="citation">(Doe, 1999, pp. 1\u2060–\u20602)</span>.')
    section = cast(RenderedSection, cast(Any, SimpleNamespace(notes=(note,))))
    assert list(check_notes(_facts("1. See (Doe, 1999, pp. 1–2)."), [section])) == []
    assert [d.code for d in check_notes(_facts("1. See elsewhere."), [section])] == ["E611"]
