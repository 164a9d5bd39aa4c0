"""`invoke check` reads back the folios a book's own page counter prints in other figures
(octavo.check.folios): Arabic-Indic (`counter(page, arabic-indic)`) and an `@counter-style`
of superscripts, whose ¹ str.isdigit() took for a figure and int() did not read (a
traceback, where the chapters' right-hand pages are checked); and the index octavo sets
prints its numbers in the same figures (octavo.render.pdf.folio_styles), in one process
and in parts: it printed 0-9, E625 for each entry."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.shipped import STYLES
from tests.conftest import MakeBook, section_source

_SUPERSCRIPTS = (
    '@counter-style sup { system: numeric; symbols: "⁰" "¹" "²" "³" "⁴" "⁵" "⁶" "⁷" "⁸" "⁹"; }\n'
)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    ("style", "first"),
    [pytest.param("arabic-indic", "١", id="arabic-indic"), pytest.param("sup", "¹", id="sup")],
)
def test_folios_in_other_figures_read_back(
    make_book: MakeBook, tmp_path: Path, style: str, first: str, jobs: int
) -> None:
    css = (STYLES / "print" / "book.css").read_text(encoding="utf-8")
    assert css.count("content: counter(page);") > 4
    css = css.replace("content: counter(page);", f"content: counter(page, {style});")
    css = _SUPERSCRIPTS + css.replace("url), page);", f"url), page, {style});")
    long = "The river trade of the plain ran north and south for many centuries. " * 40
    body = f"Text [Minsk]{{.index}}.\n\n{long}\n\n## Ports\n\n{long} [Minsk]{{.index}}\n"
    book = make_book(
        {
            "001-a.md": section_source(1, "Trade", total=2, body=body),
            "002-b.md": section_source(2, "Army", chapter=2, total=2),
            "styles/print/book.css": css,
        }
    )
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=jobs)
    manuscript, _ = api.manuscript(book)
    found = check_book_pdf(pdf, manuscript)  # a ValueError's traceback before, for ¹
    # the contents, the chapters' right-hand pages, page references: read in their figures
    assert [str(d) for d in found if d.code in ("E610", "E612", "E621")] == []
    # the index's numbers, a range among them, in the folios' figures: E625 before
    assert [str(d) for d in found] == []
    with pdfplumber.open(pdf) as read:
        text = (read.pages[-1].extract_text() or "").replace("\u200e", "")
    assert f"Minsk, {first}–" in text  # a range, its first number first
