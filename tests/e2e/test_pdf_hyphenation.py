"""Print hyphenates a book in plain "en" as American English (the studies are the Library
of Congress's), a section in en-GB as British: Pyphen's own "en" is British."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from octavo import api
from tests.conftest import DATA, ROOT, MakeBook, section_source
from tests.support.pdf_text import page_texts
from tests.support.weasyprint_log import quietly

WORDS = "Russians independence organized refractory Belorussians industry natural " * 40


def test_plain_english_breaks_as_american(make_book: MakeBook, tmp_path: Path) -> None:
    american = section_source(1, "A", total=2, body=f"Start of one. {WORDS}\n")
    british = section_source(
        2, "B", total=2, extra="lang: en-GB\n", body=f"Start of two. {WORDS}\n"
    )
    book = make_book({"001-a.md": american, "002-b.md": british})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    text = "\n".join(page_texts(pdf))
    first, _, rest = text.partition("Start of one.")[2].partition("Start of two.")
    broken = set(re.findall(r"(\w+)[\u2010-]\s", first))
    assert broken and broken <= _breaks("en_US") and broken - _breaks("en_GB"), broken
    assert set(re.findall(r"(\w+)[\u2010-]\s", rest)) <= _breaks("en_GB")


def _breaks(language: str) -> set[str]:
    """Where Pyphen's dictionary of `language` breaks the words: what stands before each break."""
    import pyphen

    dictionary = pyphen.Pyphen(lang=language)
    return {w[:at] for w in set(WORDS.split()) for at in dictionary.positions(w)}


@pytest.mark.parametrize(
    "pages",
    [
        pytest.param((), id="default-book"),
        pytest.param(("country-data.com/r-8805.txt", "tripod/cNepal8.txt"), id="imported"),
    ],
)
def test_no_paragraph_ends_on_the_stub_of_a_hyphenated_word(
    pages: tuple[str, ...], tmp_path: Path
) -> None:
    """The default book's first page ended a paragraph "security pol-" / "icy.": a word
    hyphenated at a paragraph's last line break left its stub alone on the last line. The
    imported country-data.com and tripod profiles (two books) ended definitions "wood prod-"
    / "ucts." and "Kathmandu Val-" / "ley." (octavo.render.pdf.last_words holds the word
    whole)."""
    import pdfplumber

    books = [ROOT / "book"] if not pages else []
    for saved in pages:
        books.append(tmp_path / saved.split("/")[0])
        api.run_import([str(DATA / "pages" / saved)], books[-1])
    stubs: list[tuple[str, str]] = []
    for book in books:
        out = tmp_path / f"{book.name}.pdf"
        (pdf, _), logged = quietly(lambda: api.build_pdf(book, out, jobs=1))  # noqa: B023
        assert logged == []
        with pdfplumber.open(pdf) as opened:
            for page in opened.pages:
                lines = [line["text"] for line in page.extract_text_lines()]
                stubs += [
                    (before, after)
                    for before, after in pairwise(lines)
                    if re.search(r"[^\W\d_][\u2010-]$", before) and len(after.split()) == 1
                ]
    assert stubs == []


_DISTRICTS = (
    "| District | Population 1971 | Population 1981 | Population 1991 | Area (sq km) "
    "| Density 1991 | Literacy rate (percent) 1991 | Households | Growth rate 1981-91 "
    "| Urban share |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    "| Kathmandu | 353,756 | 422,237 | 675,341 | 395 | 1,710 | 70.0 | 124,000 | 4.8 | 80.1 |\n"
    "| Lalitpur | 154,998 | 184,341 | 257,086 | 385 | 668 | 59.0 | 48,000 | 3.4 | 45.2 |\n"
    "| Bhaktapur | 110,157 | 159,767 | 172,952 | 119 | 1,453 | 54.0 | 30,000 | 0.8 | 47.5 |\n"
    "\nTable: Kathmandu Valley districts, 1971-91 {#tbl:districts}\n"
)


def test_a_table_with_room_breaks_no_word(make_book: MakeBook, tmp_path: Path) -> None:
    """Ten columns on a letter page printed "Kath-mandu", "Bhakta-pur" and "House-holds"
    while the literacy column kept wide empty space (trial52 repro-7): hyphenation made
    each column's narrowest width a syllable. A table whose words fit whole is set
    without hyphenating them (octavo.render.pdf.whole_words)."""
    book = make_book({"001-a.md": section_source(1, "A", total=1, body=_DISTRICTS)})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    text = " ".join(page_texts(pdf))
    for word in ("Kathmandu", "Bhaktapur", "Households", "Lalitpur", "(percent)"):
        assert f" {word} " in text, word
    assert not re.search(r"\w[\u2010-] \w", text.partition("1971-91")[2]), text
