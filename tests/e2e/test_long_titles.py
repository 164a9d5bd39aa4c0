"""A chapter title too long for its opening page at its usual size (ut47 bug 21): print
sets it smaller (octavo.render.pdf.title_fit), and `invoke check` tells one that still runs
on to the next page (E655); it said "all good" while the title's last words printed at the
top of folio 2 under a running head."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import PdfFacts, read_book_pdf
from octavo.render.pdf.title_fit import title_class
from tests.conftest import BOOK_TOML, MakeBook, section_source

PHRASE = "A Very Long Chapter Title That Goes On And On About Economics"
BODY = "Some text of the section.\n\n" * 3


def _book(make_book: MakeBook, times: int) -> Path:
    title = " ".join([PHRASE] * times)[:999]
    toml = BOOK_TOML.replace('1 = "The Economy"', f'1 = "{title}"')
    assert title in toml
    return make_book({"001-a.md": section_source(1, total=1, body=BODY)}, toml=toml)


@pytest.mark.parametrize(
    ("times", "size"),
    [(1, ""), (2, "title-long"), (4, "title-longest")],
    ids=["one-line", "two-phrases", "four-phrases"],
)
def test_a_long_title_is_set_smaller(times: int, size: str) -> None:
    assert title_class(" ".join([PHRASE] * times), 460.8, 11.0) == size


def test_a_title_of_250_letters_stays_on_its_opening_page(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book, 4)
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf")
    facts = read_book_pdf(pdf)
    assert isinstance(facts, PdfFacts)
    words = " ".join(t for _, _, t in facts.pages[facts.dests["ch01"]].lines).split()
    assert " ".join(words).count("About Economics") == 4  # all of it, on its page
    manuscript, _ = api.manuscript(book)
    assert "E655" not in {d.code for d in check_book_pdf(pdf, manuscript)}


def test_a_title_that_runs_on_is_e655(make_book: MakeBook, tmp_path: Path) -> None:
    book = _book(make_book, 16)  # 999 letters: too long even at the body's size
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf")
    manuscript, _ = api.manuscript(book)
    found = [d for d in check_book_pdf(pdf, manuscript) if d.code == "E655"]
    assert len(found) == 1 and "#ch01" in found[0].message and "'2'" in found[0].message
