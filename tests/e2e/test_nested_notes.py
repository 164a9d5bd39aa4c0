"""ut47 bug 2: a note called inside another note is printed, at the foot of the page of
its call (the outer note's page), numbered as the EPUB numbers it; `invoke check` passes.
Its text was on no page of the PDF, and the check said E611 "not on the page of its call"."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from octavo import api
from octavo.check.pdf import check_book_pdf
from tests.conftest import MakeBook, section_source
from tests.support.weasyprint_log import quietly

BODY = """A paragraph with a note in a note.[^outer] And a note after it.[^after]

[^outer]: Outer note with inner[^inner] call.
[^inner]: Inner note[^deep] text.
[^deep]: Deepest note.
[^after]: After note.
"""


def test_a_note_in_a_note_is_printed_on_its_calls_page(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=BODY)})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    with pdfplumber.open(pdf) as document:
        page = next(p for p in document.pages if "note in a note" in (p.extract_text() or ""))
        lines = (page.extract_text() or "").splitlines()
    # the data-date note is 1; one call mark in the text for the outer note, none for
    # the inner ones (their calls are in the notes)
    assert "A paragraph with a note in a note.2 And a note after it.5" in lines
    assert "2. Outer note with inner3 call." in lines
    assert "3. Inner note4 text." in lines
    assert "4. Deepest note." in lines and "5. After note." in lines
    rendered, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, rendered)] == []
