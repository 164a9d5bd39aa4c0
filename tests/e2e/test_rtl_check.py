"""`invoke check`'s PDF read-back on text set right to left (ut47 bugs 1(a), 1(b), 14): a
book in Arabic, and an English book with an Arabic section and an Arabic passage, printed
right, are read back clean. pdfplumber reads an Arabic line left to right, backwards
(octavo.check.bidi_words); a book in Arabic is bound on the right, its recto pages
left-hand ones, its inner margin on the right (octavo.check.press)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from octavo import api
from octavo.check.bidi_words import right_to_left
from octavo.check.content import check_content
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


def test_a_table_set_right_to_left_is_checked_for_its_header(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """session 48: E620 found no row of a table set right to left (pdfplumber reads its
    cells in the other order, each Arabic word backwards, and no space between the cells),
    so a page of its rows without its header row went unsaid. Its rows are now found by
    their words (octavo.check.bidi_words), and its header too: printed, the book is clean;
    its header taken off the page it runs on to, E620."""
    toml = BOOK_TOML.replace('language = "en"', 'language = "ar"')
    rows = "".join(f"| {1900 + n} | {52000 + 37 * n} |\n" for n in range(70))
    body = f"| السنة | السكان |\n|:-----|------:|\n{rows}\nTable: السكان حسب السنة\n"
    book = make_book({"001-a.md": section_source(1, "السكان", total=1, body=body)}, toml)
    pdf, _ = api.build_pdf(book, tmp_path / "ar.pdf")
    manuscript, _ = api.manuscript(book)
    facts = read_pdf(pdf)
    with right_to_left(True):
        assert list(check_content(facts, manuscript)) == []
        (table,) = manuscript.sections[0].tables
        start = facts.dests[table.id]
        page = facts.pages[start + 1]  # the table runs on to it, its header row repeated
        head = next(line for line in page.lines if "ناكسلا" in line[2] and "Table" not in line[2])
        headless = replace(
            page,
            lines=tuple(line for line in page.lines if line != head),
            chars=tuple(c for c in page.chars if not head[0] - 1 <= c[1] <= head[1]),
        )
        pages = (*facts.pages[: start + 1], headless, *facts.pages[start + 2 :])
        found = list(check_content(replace(facts, pages=pages), manuscript))
    assert [d.code for d in found] == ["E620"], found
    assert f"folio {page.folio!r}" in found[0].message


_LONG_AR = (
    "المقدمة والتاريخ الطويل جدا لمصر منذ العصور القديمة حتى يومنا هذا في القرن العشرين "
    "الميلادي الماضي وما بعده من السنوات الطويلة في تاريخ البلاد والمنطقة كلها"
)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_cut_arabic_running_head_keeps_its_beginning_and_ends_in_its_ellipsis(
    language: str, make_book: MakeBook, tmp_path: Path
) -> None:
    """session 48: an Arabic chapter title too long for its running head is cut after a
    whole word with an ellipsis at its end, the title's left in print, in an Arabic book
    as in an English one (there the ellipsis stood at its beginning, on the right); and
    `invoke check` reads the cut head back (it said E613 in an Arabic book: read
    backwards, the cut head was neither the title nor its beginning)."""
    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"')
    toml = re.sub(r"chapters = \{[^}]*\}", f'chapters = {{ 1 = "{_LONG_AR}" }}', toml)
    text = "\n\n".join(["فقرة طويلة عن الاقتصاد والسكان في البلاد وتاريخها. " * 8] * 14)
    source = section_source(1, "السكان", total=1, extra="lang: ar\n", body=text + "\n")
    book = make_book({"001-a.md": source}, toml)
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf")
    assert _codes(book, pdf, rtl=language == "ar") == []
    cut = 0
    for page in read_pdf(pdf).pages:
        top, bottom, text = page.lines[0] if page.lines else (0.0, 0.0, "")
        if "\u2026" not in text:
            continue
        cut += 1
        on = [c for c in page.chars if top - 1 <= c[1] <= bottom + 1 and c[4].strip()]
        ellipsis = min(c[0] for c in on if c[4] == "\u2026")
        assert ellipsis <= min(c[0] for c in on), (page.folio, text)  # at the left: its end
    assert cut > 0


def test_an_arabic_running_head_wrapped_onto_two_lines_is_e613(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """session 48 review: any beginning of the title on a head's first line was taken for
    the head cut, so a right-to-left head that wraps (a book's stylesheet sets the heads at
    14 pt: cut for 9 pt, the head runs onto a second line) was no longer E613. A beginning
    is taken only where the head's line holds the ellipsis, which ends the cut."""
    from octavo.shipped import STYLES

    toml = BOOK_TOML.replace('language = "en"', 'language = "ar"')
    toml = re.sub(r"chapters = \{[^}]*\}", f'chapters = {{ 1 = "{_LONG_AR}" }}', toml)
    text = "\n\n".join(["فقرة طويلة عن الاقتصاد والسكان في البلاد وتاريخها. " * 8] * 14)
    source = section_source(1, "السكان", total=1, body=text + "\n")
    css = (STYLES / "print" / "book.css").read_text(encoding="utf-8")
    large = css.replace("font-size: 9pt; font-style: italic", "font-size: 14pt; font-style: italic")
    assert large != css
    book = make_book({"001-a.md": source, "styles/print/book.css": large}, toml)
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf")
    codes = _codes(book, pdf, rtl=True)
    assert codes and all(c.startswith("E613") for c in codes), codes
