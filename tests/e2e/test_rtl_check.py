"""`invoke check`'s PDF read-back on text set right to left (ut47 bugs 1(a), 1(b), 14): a
book in Arabic, and an English book with an Arabic section and an Arabic passage, printed
right, are read back clean. pdfplumber reads an Arabic line left to right, backwards
(octavo.check.bidi_words); a book in Arabic is bound on the right, its recto pages
left-hand ones, its inner margin on the right (octavo.check.press)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.check.press import check_press
from octavo.source.paper import page_setup
from tests.conftest import BOOK_TOML, MakeBook, section_source

ARABIC = (
    'تقع [القاهرة]{.index} على نهر [النيل]{.index}. قال: "هذا بسيط" في عام 1990.[^a] '
    "النص مع English words و 12,345 رقم.\n\n"
    "| السنة | السكان |\n|:-----|------:|\n| 1990 | 52,000,000 |\n\nTable: السكان حسب السنة\n\n"
    "- عنصر أول\n- عنصر ثان\n\n> اقتباس طويل مع حاشية.[^b]\n\n"
    "[^a]: حاشية بالعربية.\n[^b]: حاشية في الاقتباس.\n"
)


def _codes(book: Path, pdf: Path, rtl: bool) -> list[str]:
    manuscript, _ = api.manuscript(book)
    config = manuscript.book.config
    page = page_setup(config.paper, config.margins, config.bleed, config.marks)
    found = check_book_pdf(pdf, manuscript) + check_press(read_pdf(pdf), page, rtl)
    return [f"{d.code} {d.message}" for d in found]


def test_a_book_in_arabic_reads_back_clean(make_book: MakeBook, tmp_path: Path) -> None:
    toml = BOOK_TOML.replace('language = "en"', 'language = "ar"').replace(
        "Testland: A Country Study", "مصر: دراسة قطرية"
    )
    body = ARABIC + "\n" + "فقرة أخرى طويلة عن الاقتصاد والسكان.\n\n" * 60
    body += "![خريطة مصر مع النيل](images/map.png){#fig:map}\n\nانظر الصفحة [](#fig:map){.page}.\n"
    png = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 100, 50)).save(png, "PNG")
    source = section_source(1, "عن هذا الكتاب", total=1, body=body)
    book = make_book({"001-a.md": source, "images/map.png": png.getvalue()}, toml)
    pdf, _ = api.build_pdf(book, tmp_path / "ar.pdf")
    assert _codes(book, pdf, rtl=True) == []
    # its text block is mirrored: read as a left-to-right book's, its text is outside it
    assert any(c.startswith("E642") for c in _codes(book, pdf, rtl=False))


def test_arabic_in_an_english_book_reads_back_clean(make_book: MakeBook, tmp_path: Path) -> None:
    passage = 'Cairo is [القاهرة]{lang=ar}.\n\n::: {lang=ar}\nقال: "هذا بسيط" في عام 1990.[^c] نص مع [كلمة]{.index}.\n:::\n\n[^c]: حاشية.\n'
    book = make_book({
        "001-a.md": section_source(1, "القاهرة", total=2, extra="lang: ar\n", body=ARABIC),
        "002-b.md": section_source(2, "Mixed", total=2, body=passage),
    })  # fmt: skip
    pdf, _ = api.build_pdf(book, tmp_path / "en.pdf")
    assert _codes(book, pdf, rtl=False) == []
