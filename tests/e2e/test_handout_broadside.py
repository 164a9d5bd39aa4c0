"""A handout turns a table too wide for its text block broadside, as the book does
(tests/data/landscape: 14 columns): the table on landscape pages turned onto pages of the
handout's size (/Rotate 90), set after the text that still fits on the page before it,
its pages' "page N of M" stamped on upright where the other pages print it, no running
head; the table's glyphs where the book's broadside pages have them. A handout without
such a table is laid out as before (octavo.render.pdf.handouts, broadside_stamps,
styles/print/handout-broadside.css)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from octavo import api
from octavo.check.pdf import check_handout_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.check.press import check_press
from octavo.model import Manuscript
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.handouts import HANDOUT, handout_html, handouts_of
from octavo.render.pdf.html import render_print
from octavo.render.pdf.sheets import stylesheets
from octavo.shipped import STYLES
from octavo.source.paper import page_setup
from tests.conftest import DATA, MakeBook, section_source
from tests.support.pdf_text import page_texts
from tests.support.printed_sheets import as_printed, foot_chars, turned_pages
from tests.support.weasyprint_log import quietly

BOOK = DATA / "landscape"
NAME = "1-s001-national-accounts.pdf"
_TABLE = (BOOK / "001-accounts.md").read_text(encoding="utf-8").split("---\n", 2)[2]
HEADER = "Year Agriculture Manufacturing Construction Electricity Wholesale Transportation"


@dataclasses.dataclass(frozen=True)
class Built:
    handout: Path
    again: Path  # the same handout built a second time
    chapter: Path  # the book's one chapter as a handout (`--by chapter`)
    book: Path  # the book's PDF, one process
    manuscript: Manuscript
    warnings: tuple[str, ...]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("handout-broadside")

    def build() -> tuple[Path, Path, Path, Path, tuple[str, ...]]:
        one = api.build_handouts(BOOK, folder / "one")
        two = api.build_handouts(BOOK, folder / "two")
        chapters = api.build_handouts(BOOK, folder / "chapters", by="chapter")
        pdf, more = api.build_pdf(BOOK, folder / "book.pdf", jobs=1)
        found = (*one.found, *two.found, *chapters.found, *more)
        return one.written[0], two.written[0], chapters.written[0], pdf, tuple(map(str, found))

    (handout, again, chapter, book, found), logged = quietly(build)
    manuscript, _ = api.manuscript(BOOK)
    return Built(handout, again, chapter, book, manuscript, (*found, *logged))


def test_builds_with_no_warning_and_the_same_bytes_twice(built: Built) -> None:
    assert built.warnings == ()
    assert built.handout.name == NAME
    assert built.handout.read_bytes() == built.again.read_bytes()


def test_the_table_is_on_broadside_pages_of_the_handouts_size(built: Built) -> None:
    """Every page the handout's size (a desk printer takes no other); the table's two
    pages carry /Rotate 90, as the book's do; the text after the table's call fills the
    page before it, and the text after the table is on an upright page."""
    reader = PdfReader(built.handout)
    boxes = {
        tuple(tuple(p.get(b, p.mediabox)) for b in ("/MediaBox", "/TrimBox")) for p in reader.pages
    }
    assert boxes == {((0, 0, 612, 792),) * 2}
    assert [p.get("/Rotate") for p in reader.pages] == [None, 90, 90, None]
    assert turned_pages(built.handout) == [1, 2]
    texts = page_texts(built.handout)
    assert "Gross domestic product at factor cost" in texts[0]  # set before the table
    assert texts[1].count("Table 1.") == 1 and "Table 1 (continued)" in texts[2]
    assert "The text goes on after the table" in texts[3]
    target = reader.named_destinations["tbl:accounts"]
    assert reader.get_destination_page_number(target) == 1


def test_the_table_reads_upright_on_its_pages(built: Built) -> None:
    """As a viewer shows the turned page (pdfplumber turns it by its /Rotate), the table
    reads across: its caption, its header row, its rows of figures, every year once."""
    with pdfplumber.open(built.handout) as pdf:
        first, second = (pdf.pages[i].extract_text().splitlines() for i in (1, 2))
    assert first[0].startswith("Table 1. Gross domestic product by branch of activity")
    assert first[1].startswith(HEADER)
    assert first[2] == "1950 209 730 819 873 767 639 352 377 852 361 398 851 2,189"
    assert second[0] == "Table 1 (continued)" and second[1].startswith(HEADER)
    years = [int(line[:4]) for page in (first, second) for line in page if line[:2] == "19"]
    assert years == list(range(1950, 2000))


def test_the_table_is_where_the_books_broadside_pages_have_it(built: Built) -> None:
    """The same machinery as the book's: the table's glyphs on the handout's broadside
    pages are the book's, each at the same place (both on pages of the same sides), and
    the pages' boxes are the same; only the folio differs ("page 2 of 4", "2")."""
    handout, book = read_pdf(built.handout), read_pdf(built.book)
    theirs = [p.index for p in book.pages if p.turned]
    assert len(theirs) == 2 and theirs[0] % 2 == 1  # left-hand pages first, as the handout's
    pages = [handout.pages[i] for i in (1, 2)], [book.pages[i] for i in theirs]
    for mine, other in zip(*pages, strict=True):
        assert mine.turned and other.turned and mine.boxes == other.boxes
        table = {c for c in mine.chars if c[0] > 45}  # the folio, on the viewer's left, apart
        assert table and table == {c for c in other.chars if c[0] > 45}
    assert [handout.pages[i].folio_line for i in (1, 2)] == ["page 2 of 4", "page 3 of 4"]
    assert [book.pages[i].folio_line for i in theirs] == ["2", "3"]


def test_the_folio_is_upright_where_its_sides_pages_print_it(built: Built) -> None:
    """On the sheet as printed, a broadside page's "page N of M" is upright, where the
    page of its side prints it (page 4, a left-hand page as page 2 is), nothing in the
    running head's place, and the rest of the sheet the table, turned."""
    with as_printed(built.handout) as pdf:
        pages = pdf.pages
        mine, theirs = foot_chars(pages[1]), foot_chars(pages[3])
        assert "".join(c[2] for c in mine) == "page 2 of 4"
        assert "".join(c[2] for c in theirs) == "page 4 of 4"
        assert [c[1:2] + c[3:] for c in mine] == [c[1:2] + c[3:] for c in theirs]
        assert mine[0][0] == theirs[0][0] and all(c[3] for c in mine)
        for index in (1, 2):
            assert all(c["top"] > 68 for c in pages[index].chars)  # no running head
            table = [c for c in pages[index].chars if c["top"] <= 730]
            assert table and not any(c["upright"] for c in table)
        assert any(c["top"] < 68 for c in pages[3].chars)  # the head of an upright page


def test_reads_back_clean(built: Built) -> None:
    """The handout's checks (its header, notes, "page N of M" on every page: E619) and the
    press checks (every glyph inside its page's text block, turned or not: E642)."""
    sections = built.manuscript.sections
    for path in (built.handout, built.chapter):
        assert [str(d) for d in check_handout_pdf(path, built.manuscript, sections)] == []
        assert [str(d) for d in check_press(read_pdf(path), page_setup("letter"))] == []
    assert turned_pages(built.chapter) == [1, 2]


def test_a_handout_without_a_broadside_table_is_laid_out_as_before(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A section holding a wide table that fits the text block (six columns, small type)
    and one holding no table: their handouts' HTML is what it was before handouts turned
    tables (no landscape page, no print/handout-broadside.css), and their PDFs turn
    nothing; the broadside table's handout beside them does."""
    fits = "| Year | North | South | East | West | Total |\n|---|--:|--:|--:|--:|--:|\n"
    fits += "".join(f"| {y} | 1 | 2 | 3 | 4 | 10 |\n" for y in range(1990, 1996))
    book = make_book(
        {
            "001-a.md": section_source(1, "Accounts", body=_TABLE),
            "002-b.md": section_source(
                2, "Regions", body=f"Regions.\n\n{fits}\nTable: By region\n"
            ),
            "003-c.md": section_source(3, "Plain"),
        }
    )
    manuscript, _ = api.manuscript(book)
    page = PdfOptions().page.without_print_marks()
    units = handouts_of(manuscript, "section")
    for unit in units[1:]:
        before = render_print(
            manuscript,
            "print/handout.html",
            stylesheets(manuscript.book.project, page, HANDOUT),
            unit=unit,
            figures="decimal",
        )
        # (a table whose words fit is classed whole-words, as the book's: render/pdf/whole_words)
        assert handout_html(manuscript, unit, page).replace(" whole-words", "") == before
        assert "landscape" not in before and "handout-broadside" not in before
    assert 'class="table wide whole-words"' in handout_html(manuscript, units[1], page)
    mine = handout_html(manuscript, units[0], page)
    assert "handout-broadside.css" in mine and 'class="table wide landscape"' in mine
    (made, _, _), logged = quietly(lambda: api.build_handouts(book, tmp_path / "h"))
    assert logged == []
    assert [len(turned_pages(path)) for path in made] == [2, 0, 0]


def test_a_broadside_page_counts_in_the_books_figures(make_book: MakeBook, tmp_path: Path) -> None:
    """A book whose folios print Arabic-Indic figures: the handout's broadside pages say
    "page ٢ of ٤" as its other pages do, and read back clean."""
    css = (STYLES / "print" / "book.css").read_text(encoding="utf-8")
    css = css.replace("content: counter(page);", "content: counter(page, arabic-indic);")
    book = make_book(
        {
            "001-a.md": section_source(1, "Accounts", total=1, body=_TABLE),
            "styles/print/book.css": css,
        }
    )
    manuscript, _ = api.manuscript(book)
    (made, _, _), logged = quietly(lambda: api.build_handouts(book, tmp_path / "h"))
    assert logged == []
    facts = read_pdf(made[0])
    turned = [p for p in facts.pages if p.turned]
    total = len(facts.pages)
    digits = "٠١٢٣٤٥٦٧٨٩"
    assert turned and [p.folio_line for p in turned] == [
        f"page {digits[p.index + 1]} of {digits[total]}" for p in turned
    ]
    found = check_handout_pdf(made[0], manuscript, manuscript.sections)
    assert [str(d) for d in found] == []
