"""The Data Currency table's columns have a gap in print: a long section title's line ran
into its date ("…to the Indepen-June 1995", the 81-section generated study)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from octavo import api
from tests.conftest import MakeBook, section_source

GAP_PT = 10.0  # 1.2 em of the table's 9 pt; a line of one-letter words filled to ~6 pt


def test_a_long_title_keeps_apart_from_its_date(make_book: MakeBook, tmp_path: Path) -> None:
    title = " ".join("x" for _ in range(90))
    book = make_book({"001-a.md": section_source(1, title=title, total=1)})
    out, _ = api.build_pdf(book, tmp_path / "b.pdf")
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[-1]  # the Data Currency appendix
        words = page.extract_words()
    date = min(w["x0"] for w in words if w["text"] == "June")  # June 1995, the date column
    title_ends = [w["x1"] for w in words if w["text"] == "x" and w["x1"] < date]
    assert title_ends, "the title's lines are on the appendix's page"
    assert date - max(title_ends) >= GAP_PT
