"""`invoke check` reads back the folios a book's own page counter prints in other figures
(octavo.check.folios): Arabic-Indic (`counter(page, arabic-indic)`) and an `@counter-style`
of superscripts, whose ¹ str.isdigit() took for a figure and int() did not read (a
traceback, where the chapters' right-hand pages are checked); and the index octavo sets
prints its numbers in the same figures (octavo.render.pdf.folio_styles), in one process
and in parts: it printed 0-9, E625 for each entry."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from octavo import api
from octavo.check.pdf import check_book_pdf, check_handout_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.render.pdf.handouts import handouts_of
from octavo.shipped import STYLES
from tests.conftest import MakeBook, section_source
from tests.support.weasyprint_log import quietly

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


def _own_folios(book_css: str) -> str:
    """octavo's book.css with the body's folios in Arabic-Indic figures and the front
    matter's in upper-case roman, its target-counter()s (the contents, the page
    references, the currency table) left as octavo writes them."""
    css = book_css.replace("content: counter(page);", "content: counter(page, arabic-indic);")
    return css.replace(
        "content: counter(page, lower-roman);", "content: counter(page, upper-roman);"
    )


def _folios_book(make_book: MakeBook, css: str = "") -> Path:
    css = css or _own_folios((STYLES / "print" / "book.css").read_text(encoding="utf-8"))
    long = "The river trade of the plain ran north and south for many centuries. " * 40
    body = (
        f"Text [Minsk]{{.index}}, and see page [](#ports){{.page}}.\n\n{long}\n\n"
        f"## Ports {{#ports}}\n\n{long} [Minsk]{{.index}}\n"
    )
    preface = (
        '---\ntitle: "Preface"\ncountry: Testland\nchapter: 0\nparents: []\nsequence: 3\n'
        'total: 3\ndata_as_of: "1995-06"\nkind: preface\n---\n\nThe study in brief.\n'
    )
    return make_book(
        {
            "001-a.md": section_source(1, "Trade", body=body),
            "002-b.md": section_source(2, "Army", chapter=2),
            "003-preface.md": preface,
            "styles/print/book.css": css,
        }
    )


def test_numbers_pointing_at_pages_follow_the_folios(make_book: MakeBook, tmp_path: Path) -> None:
    """A book that prints its folios in other figures and keeps octavo's target-counter()s:
    the contents, the page reference and the currency table print the figures of the folio
    they point at, in one process (0-9 and lower-case roman before: E610 for every contents
    line) as in parts (lower-case roman for the Preface before), the same text both ways."""
    book = _folios_book(make_book)
    manuscript, _ = api.manuscript(book)
    texts = []
    for jobs in (1, 2):
        pdf, _ = api.build_pdf(book, tmp_path / f"b{jobs}.pdf", jobs=jobs)
        assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
        with pdfplumber.open(pdf) as read:
            texts.append([(p.extract_text() or "").replace("\u200e", "") for p in read.pages])
    one, parts = texts
    assert one == parts
    contents = next(t for t in one if t.startswith("Contents"))
    numbers = [line.split()[-1] for line in contents.split("\n")[1:]]
    assert not any(c in "0123456789" for c in "".join(numbers)), numbers  # the folios' figures
    assert re.search(r"^Preface[ .]+[IVX]+$", contents, re.M)  # upper-case roman
    assert any("see page ١" in t or "see page ٢" in t for t in one)
    currency = next(t for t in one if t.startswith("Data Currency"))
    assert "June 1995 ١\n" in currency


@pytest.mark.parametrize("jobs", [1, 2])
def test_page_labels_are_the_folios_printed(make_book: MakeBook, tmp_path: Path, jobs: int) -> None:
    """A viewer's page box shows what each page prints: the front matter's upper-case roman
    as the PDF's R, the body's Arabic-Indic figures a label a page (they were r and D: vii
    and 3 for pages printing VII and ٣), in one process and in parts alike."""
    book = _folios_book(make_book)
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=jobs)
    labels = PdfReader(pdf).page_labels
    printed = [page.folio_line for page in read_pdf(pdf).pages]
    assert [(i, labels[i]) for i, f in enumerate(printed) if f] == [
        (i, f) for i, f in enumerate(printed) if f
    ]
    assert "١" in labels and "III" in labels  # pages with and without a folio printed


def test_handouts_count_their_pages_in_the_folios_figures(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A handout's "page N of M" in the figures of the book's folios (it printed 0-9), and
    check_handout_pdf reads it back."""
    book = _folios_book(make_book)
    manuscript, _ = api.manuscript(book)
    (written, _, _), warnings = quietly(lambda: api.build_handouts(book, tmp_path / "h"))
    assert warnings == []
    trade = next(p for p in written if "trade" in p.name)
    with pdfplumber.open(trade) as read:
        feet = [(p.extract_text() or "").split("\n")[-1] for p in read.pages]
    assert feet == ["page ١ of ٢", "page ٢ of ٢"]
    units = {u.name: u for u in handouts_of(manuscript, "section")}
    for path in written:
        found = check_handout_pdf(path, manuscript, units[path.name].sections)
        assert [str(d) for d in found] == []


@pytest.mark.parametrize(
    ("style", "first", "told"),
    [
        pytest.param("lower-alpha", "a", [], id="letters"),
        pytest.param("upper-roman", "I", [], id="upper-roman"),
        pytest.param("georgian", "ა", ["W649"], id="georgian-told-not-read"),
    ],
)
def test_check_reads_every_style_of_folios_or_says_so(
    make_book: MakeBook, tmp_path: Path, style: str, first: str, told: list[str]
) -> None:
    """invoke check read folios in 0-9, other scripts' figures and lower-case roman front
    matter only: letters, upper-case roman and Georgian were E612 at every chapter ('opens
    on folio 'a', not on a right-hand page') and E625 at each index range ('a–b'). Letters
    and roman of either case are read; a style not read is said once (W649)."""
    css = _own_folios((STYLES / "print" / "book.css").read_text(encoding="utf-8"))
    css = css.replace("counter(page, arabic-indic)", f"counter(page, {style})")
    book = _folios_book(make_book, css)
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=1)
    manuscript, _ = api.manuscript(book)
    found = check_book_pdf(pdf, manuscript)
    assert [d.code for d in found] == told, [str(d) for d in found]
    assert read_pdf(pdf).pages[-3].folio == first or first in PdfReader(pdf).page_labels


_BASE_FOLIOS = """
@page body:left { @bottom-left { content: counter(page, arabic-indic) !important; } }
@page body:right { @bottom-right { content: counter(page, arabic-indic) !important; } }
@page back:left { @bottom-left { content: counter(page, arabic-indic) !important; } }
@page back:right { @bottom-right { content: counter(page, arabic-indic) !important; } }
@page body:blank, back:blank {
  @bottom-left { content: none !important; } @bottom-right { content: none !important; }
}
"""


def test_folios_set_in_base_css_number_the_contents(make_book: MakeBook, tmp_path: Path) -> None:
    """A book that sets its body's folios in its own base.css, keeping octavo's book.css:
    its target-counter()s were read from the book's own stylesheets alone, so the contents
    and the page references printed 0-9 beside pages printing ١ (E610 for every line)."""
    shipped = (STYLES / "base.css").read_text(encoding="utf-8")
    book = _folios_book(make_book, "")
    (book / "styles" / "print" / "book.css").unlink()
    (book / "styles" / "base.css").write_text(shipped + _BASE_FOLIOS, encoding="utf-8")
    manuscript, _ = api.manuscript(book)
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=1)
    assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
    with pdfplumber.open(pdf) as read:
        text = [(p.extract_text() or "").replace("\u200e", "") for p in read.pages]
    contents = next(t for t in text if t.startswith("Contents"))
    assert re.search(r"^Trade[ .]+١$", contents, re.M), contents
