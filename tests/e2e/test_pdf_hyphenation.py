"""Print hyphenates a book in plain "en" as American English (the studies are the Library
of Congress's), a section in en-GB as British: Pyphen's own "en" is British."""

from __future__ import annotations

import re
from pathlib import Path

from octavo import api
from tests.conftest import MakeBook, section_source
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
