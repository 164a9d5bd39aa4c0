"""A book whose own stylesheet reads the whole document from a page (`@page :first`, the
page total) is laid out whole: in parts, every part's first page was a first page and
each total a part's; alone, the index's first page was one too (octavo.render.pdf.whole).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.shipped import STYLES
from tests.conftest import MakeBook, section_source
from tests.support.pdf_text import page_texts

_BODY = (
    "The capital, [Minsk]{{.index}}, lies on a river; the [railway]{{.index}} reaches it "
    "from the west.\n\n{filler}\n"
)
_OWN = """
@page :first { @top-center { content: "FIRST PAGE"; } }
@page body:left { @bottom-left { content: "page " counter(page) " of " counter(pages); } }
@page body:right { @bottom-right { content: "page " counter(page) " of " counter(pages); } }
"""


def _book(make_book: MakeBook) -> Path:
    filler = " ".join(["A sentence of the section's text that fills its pages."] * 300)
    files = {
        f"00{n}-s{n}.md": section_source(
            n, f"Section {n}", chapter=n, total=3, body=_BODY.format(filler=filler)
        )
        for n in (1, 2, 3)
    }
    css = (STYLES / "print" / "book.css").read_text(encoding="utf-8") + _OWN
    return make_book({**files, "styles/print/book.css": css})


def test_own_first_page_and_page_total_are_the_whole_books(
    make_book: MakeBook, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    book = _book(make_book)
    with caplog.at_level(logging.INFO, logger="octavo"):
        parts, _ = api.build_pdf(book, tmp_path / "parts.pdf", jobs=2)
    said = "laid out whole: the book's styles use ('@page:first', 'counter(pages)')"
    assert said in caplog.messages  # not in parts
    one, _ = api.build_pdf(book, tmp_path / "one.pdf", jobs=1)
    assert parts.read_bytes() == one.read_bytes()
    pages = page_texts(one)[:-1]  # pdftotext ends with a form feed
    assert [i for i, text in enumerate(pages) if "FIRST PAGE" in text] == [0]
    totals = {m[1] for text in pages for m in re.finditer(r"page \d+ of (\d+)", text)}
    assert totals == {str(len(pages))}
    assert any(text.startswith("Index ") for text in pages)  # the index, set after the rest
    # read back: the contents and the index cite "page 7 of 27" as folio 7
    manuscript, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(one, manuscript)] == []
