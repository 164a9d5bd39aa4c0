"""A table too wide for the text block even in small type (tests/data/landscape: 14
columns) goes on pages of its own, laid out landscape and turned onto pages of the book's
size (broadside pages: /Rotate 90, the folio upright in its place, no running head), in
one process and in parts alike; the EPUB is not touched by it
(octavo.render.pdf.landscape, octavo.render.pdf.broadside)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.check.press import check_press
from octavo.model import Manuscript
from octavo.render.pdf.build import pdf_options
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.html import print_html
from octavo.render.pdf.landscape import landscape_tables, narrowest
from octavo.render.pdf.parallel.build import render_pdf_parallel
from octavo.render.pdf.sheets import has_landscape
from octavo.source.paper import page_setup
from tests.conftest import DATA, ROOT
from tests.support import readers
from tests.support.pdf_text import page_texts
from tests.support.printed_sheets import as_printed, foot_chars, turned_pages
from tests.support.validators import assert_epubcheck_clean
from tests.support.weasyprint_log import quietly

BOOK = DATA / "landscape"


@dataclasses.dataclass(frozen=True)
class Built:
    epub: Path
    pdf: Path
    manuscript: Manuscript
    warnings: tuple[str, ...]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("landscape")

    def build() -> tuple[Path, Path, tuple[str, ...]]:
        epub, found = api.build_epub(BOOK, folder / "l.epub")
        pdf, more = api.build_pdf(BOOK, folder / "l.pdf")
        return epub, pdf, tuple(str(d) for d in (*found, *more))

    (epub, pdf, found), logged = quietly(build)
    manuscript, _ = api.manuscript(BOOK)
    return Built(epub, pdf, manuscript, (*found, *logged))


def test_builds_with_no_warning(built: Built) -> None:
    assert built.warnings == ()


def test_the_table_is_on_broadside_pages_and_the_text_is_not(built: Built) -> None:
    facts = read_pdf(built.pdf)
    turned = turned_pages(built.pdf)
    start = facts.dests["tbl:accounts"]
    assert len(turned) == 2 and turned == [start, start + 1]  # it spans two pages
    assert not facts.pages[start - 1].turned  # the text before
    after = facts.pages[start + 2]
    assert not after.turned and any("The text goes on" in t for t in after.texts())
    for page in turned:  # as the viewer turns it: the table across, its folio, no head
        assert facts.pages[page].width > facts.pages[page].height
        assert not facts.pages[page].head and facts.pages[page].folio.isdigit()


def test_every_page_is_the_books_size_and_broadside_ones_are_rotated(built: Built) -> None:
    """A printer takes only pages of the trim size: every MediaBox, TrimBox and BleedBox
    the same; the broadside pages carry /Rotate 90 (a viewer shows the table upright)."""
    pages = PdfReader(built.pdf).pages
    boxes = {
        tuple(tuple(p.get(b, p.mediabox)) for b in ("/MediaBox", "/TrimBox", "/BleedBox"))
        for p in pages
    }
    assert boxes == {((0, 0, 612, 792),) * 3}
    rotations = [p.get("/Rotate") for p in pages]
    rotated = [i for i, r in enumerate(rotations) if r is not None]
    assert rotated == turned_pages(built.pdf) and {rotations[i] for i in rotated} == {90}


def test_the_folio_of_a_broadside_page_is_where_its_sides_are(built: Built) -> None:
    """On the sheet as printed, the folio of a turned page is upright, at the same place as
    on the other pages of its side (the left-hand and the right-hand one after and before
    the table), and nothing else is printed in the running head's place."""
    turned = turned_pages(built.pdf)
    with as_printed(built.pdf) as pdf:
        pages = pdf.pages
        for index in turned:
            same_side = next(i for i in (index + 2, index - 2) if i not in turned)
            mine, theirs = foot_chars(pages[index]), foot_chars(pages[same_side])
            assert [c[2] for c in mine] == [str(index - turned[0] + 2)]
            assert [c[:2] + c[3:] for c in mine] == [c[:2] + c[3:] for c in theirs]
            assert mine[0][3] is True  # upright with the book
            assert all(c["top"] > 68 for c in pages[index].chars)  # no running head
            # everything else is the table, turned (its top along the sheet's left edge)
            table = [c for c in pages[index].chars if c["top"] <= 730]
            assert table and not any(c["upright"] for c in table)


def test_the_table_lines_up_with_the_text_block_of_its_neighbours(built: Built) -> None:
    """Its text block is the book page's turned: on the sheet, the table (less its turned
    column rules) lies inside the portrait text block, and fills its height."""
    page = pdf_options(built.manuscript.book.config).page
    with as_printed(built.pdf) as pdf:
        for index in turned_pages(built.pdf):
            sheet = pdf.pages[index]
            inner, outer = page.inner, page.outer
            left = inner if index % 2 == 0 else outer
            right = sheet.width - (outer if index % 2 == 0 else inner)
            table = [c for c in sheet.chars if not c["upright"]]
            assert min(c["x0"] for c in table) >= left - 1
            assert max(c["x1"] for c in table) <= right + 1
            assert min(c["top"] for c in table) >= page.top - 1
            assert max(c["bottom"] for c in table) <= sheet.height - page.bottom + 1
            assert max(c["bottom"] for c in table) > sheet.height - page.bottom - 10


def test_the_table_reads_in_order(built: Built) -> None:
    """pdftotext (as a reader copies it) reads the turned table row after row, its header
    row first on each page (under its caption, or 'Table 1 (continued)')."""
    start = turned_pages(built.pdf)[0]
    command = ["pdftotext", "-layout", "-f", str(start + 1), "-l", str(start + 2)]
    text = subprocess.run([*command, str(built.pdf), "-"], capture_output=True, text=True)
    first, second = (
        [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for page in text.stdout.split("\f")[:2]
    )
    header = "Year Agriculture Manufacturing Construction Electricity Wholesale Transportation"
    assert first[1].startswith("Table 1.") and first[2].startswith(header)
    assert first[3] == "1950 209 730 819 873 767 639 352 377 852 361 398 851 2,189"
    # the page it runs on to names it (octavo.render.pdf.continued), its header row next
    assert second[0] == "Table 1 (continued)" and second[1].startswith(header)
    assert second[-2].startswith("1999 325 441")
    years = [int(line[:4]) for page in (first, second) for line in page if line[:2] == "19"]
    assert years == list(range(1950, 2000))


def test_reads_back_clean(built: Built) -> None:
    """The header row on each page of the table (E620), running heads (E613), the boxes
    of the turned page (E641) and every glyph inside its text block (E642)."""
    assert [str(d) for d in check_book_pdf(built.pdf, built.manuscript)] == []
    page = pdf_options(built.manuscript.book.config).page
    assert [str(d) for d in check_press(read_pdf(built.pdf), page)] == []


def test_the_rule_measures_the_longest_words(built: Built) -> None:
    """Its columns' longest words at 7 pt are past the letter text block's 460.8 pt."""
    page = pdf_options(built.manuscript.book.config).page
    section = built.manuscript.sections[0]
    assert narrowest(section.body_html) > page.width - page.inner - page.outer
    assert landscape_tables(section.body_html, 10_000.0) == section.body_html
    assert 'class="table wide landscape"' in landscape_tables(section.body_html, 300.0)


def test_html_alone_lays_out_the_same_pages(built: Built) -> None:
    page = pdf_options(built.manuscript.book.config).page
    html = print_html(built.manuscript, page)
    assert has_landscape(built.manuscript, page)
    assert html.count('class="table wide landscape"') == 1 and "@page landscape" in html


def test_parallel_build_gives_the_same_pages(built: Built, tmp_path: Path) -> None:
    """Laid out in parts, its broadside pages turned and stamped with their folio (more
    in tests/e2e/test_pdf_parallel_landscape.py)."""
    result, logged = quietly(lambda: render_pdf_parallel(built.manuscript, PdfOptions(), 2, None))
    out = tmp_path / "p.pdf"
    out.write_bytes(result.pdf)
    assert result.parallel and logged == []
    assert turned_pages(out) == turned_pages(built.pdf)
    assert page_texts(out) == page_texts(built.pdf)


def test_epub_is_untouched(built: Built) -> None:
    assert_epubcheck_clean(built.epub)
    with zipfile.ZipFile(built.epub) as archive:
        chapter = archive.read("EPUB/text/ch01.xhtml").decode()
    # not turned as print's is: framed for a phone (octavo.render.epub.wide_tables), the
    # table's id its frame's
    assert '<figure class="table-frame" id="tbl:accounts">' in chapter
    assert '<table class="table wide">' in chapter and 'class="table wide landscape' not in chapter


def test_epub_table_fits_a_phone(built: Built, tmp_path: Path) -> None:
    readers.need("chromium")
    readers.unzip(built.epub, tmp_path / "unzipped")
    text = tmp_path / "unzipped" / "EPUB" / "text"
    report = readers.chromium_probe(text, ["ch01.xhtml"], 360, 800, False)
    (result,) = report["results"]
    assert "error" not in result and result["scrollWidth"] <= 360


def test_epub_table_fits_a_column_of_a_wide_screen(built: Built, tmp_path: Path) -> None:
    """A reader that sets its pages in two columns on a wide screen (Foliate; Apple Books)
    gives a table a column's width with no phone rule in force: the table must still fit
    it, or scroll in its box that fits it (its heads keeping their words), not run over the
    next column's text."""
    readers.need("chromium")
    readers.unzip(built.epub, tmp_path / "unzipped")
    text = tmp_path / "unzipped" / "EPUB" / "text"
    column = "body { width: 440px !important; }"
    report = readers.chromium_probe(text, ["ch01.xhtml"], 1000, 800, False, sheet_css=column)
    (result,) = report["results"]
    assert "error" not in result and result["tables"]
    assert all(t["width"] <= t["room"] + 1 for t in result["tables"]), result["tables"]
    assert all(t["scrolls"] or t["table"] <= t["room"] + 1 for t in result["tables"])


def test_links_on_a_broadside_page_hit_their_text(tmp_path: Path) -> None:
    """Links in cells of the turned table (to the table and the chapter: WeasyPrint's own
    links; to a second chapter: in parts, a link the merge adds from the part's page map)
    and the table's destination are turned with the page: read back, in one process and
    in parts, each link's rectangle holds its text, and the table's destination is the
    table's top-left corner on the sheet."""
    book = tmp_path / "book"
    shutil.copytree(BOOK, book)
    source = book / "001-accounts.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("| 1955 | 285 |", "| 1955 | [285](#tbl:accounts) |")
    text = text.replace("| 1995 | 282 |", "| 1995 | [282](#ch01) |")
    text = text.replace("| 1996 | 883 |", "| 1996 | [883](002-trade.md) |")
    text = text.replace("total: 1", "total: 2")
    source.write_text(text, encoding="utf-8")
    second = text.split("\n\n")[0].replace("National Accounts", "Trade")
    second = second.replace("chapter: 1", "chapter: 2").replace("sequence: 1", "sequence: 2")
    (book / "002-trade.md").write_text(second + "\n\nTrade goes on.\n", encoding="utf-8")
    config = book / "book.toml"
    config.write_text(config.read_text(encoding="utf-8") + '2 = "Trade"\n', encoding="utf-8")
    manuscript, _ = api.manuscript(book)
    for jobs in (1, 2):
        out = tmp_path / f"{jobs}.pdf"
        (pdf, _), logged = quietly(lambda: api.build_pdf(book, out, jobs=jobs))  # noqa: B023
        assert logged == []
        facts = read_pdf(pdf)
        turned = [p.index for p in facts.pages if p.turned]
        links = [link for link in facts.links if link.page in turned]
        assert {(link.dest, link.page) for link in links} == {
            ("tbl:accounts", turned[0]),
            ("ch01", turned[1]),
            ("s002-trade", turned[1]),
        }
        for link in links:
            page = facts.pages[link.page]
            inside = "".join(
                c[4]
                for c in page.chars
                if link.x0 - 1 <= (c[0] + c[2]) / 2 <= link.x1 + 1
                and link.top - 1 <= (c[1] + c[3]) / 2 <= link.bottom + 1
            )
            shown = {"tbl:accounts": "285", "ch01": "282", "s002-trade": "883"}
            assert inside == shown[link.dest]
        reader = PdfReader(pdf)
        target: Any = reader.named_destinations["tbl:accounts"]
        assert reader.get_destination_page_number(target) == turned[0]
        with as_printed(pdf) as printed:
            chars = printed.pages[turned[0]].chars
            caption = next(c for c in chars if c["text"] == "T")
            year = next(c for c in chars if c["text"] == "Y")
        # the table's top-left corner, turned: between its caption and its header row,
        # on the sheet's bottom margin (the landscape page's left one)
        # (the caption's first glyph sits within its line's leading of the table's top)
        assert caption["x0"] - 3 <= float(target.left) <= year["x0"]
        assert float(target.top) == pytest.approx(72, abs=0.5)
        assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []


def test_a_turned_page_is_checked_against_its_own_text_block(tmp_path: Path) -> None:
    """A table pushed past the landscape page's margin (the sheet's foot) is E642; a book
    read against another trim is still E641, broadside pages or not."""
    book = tmp_path / "book"
    shutil.copytree(BOOK, book)
    sheet = book / "styles" / "print" / "book.css"
    sheet.parent.mkdir(parents=True)
    own = (ROOT / "styles" / "print" / "book.css").read_text(encoding="utf-8")
    sheet.write_text(own + "\ntable.landscape { margin-left: -0.5in; }\n", encoding="utf-8")
    (pdf, _), _ = quietly(lambda: api.build_pdf(book, tmp_path / "past.pdf"))
    facts = read_pdf(pdf)
    found = check_press(facts, page_setup("letter"))
    assert {d.code for d in found} == {"E642"}
    turned = {f"page {p.index + 1}:" for p in facts.pages if p.turned}
    assert {d.message.split(" '")[0] for d in found} <= turned
    assert {d.code for d in check_press(facts, page_setup("a4"))} >= {"E641"}


def test_a_broadside_table_in_a_part_of_a_country(tmp_path: Path) -> None:
    """tests/data/volume (parts of countries) given the wide table at the end of a section of
    its last part: its `country-landscape` pages are turned onto pages of the book's size
    too, their folios in place, and the book reads back clean (E613: no running head
    expected on them), laid out in parts as in one process."""
    book = tmp_path / "volume"
    shutil.copytree(DATA / "volume", book)
    table = (BOOK / "001-accounts.md").read_text(encoding="utf-8").split("---\n")[2]
    section = book / "027-energy.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    manuscript, _ = api.manuscript(book)
    page = page_setup("letter")
    one = tmp_path / "volume.pdf"
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, one, jobs=1))
    assert logged == [] and found == ()
    (two, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "two.pdf", jobs=2))
    assert logged == [] and found == ()
    assert page_texts(two) == page_texts(pdf)
    assert [(tuple(p.trimbox), p.get("/Rotate")) for p in PdfReader(two).pages] == [
        (tuple(p.trimbox), p.get("/Rotate")) for p in PdfReader(pdf).pages
    ]
    pages = PdfReader(pdf).pages
    assert {tuple(p.mediabox) for p in pages} == {(0, 0, 612, 792)}
    facts = read_pdf(pdf)
    broadside = [p for p in facts.pages if p.turned]
    assert len(broadside) == 2
    assert [p.folio for p in broadside] == [str(int(broadside[0].folio) + i) for i in (0, 1)]
    assert [pages[p.index].get("/Rotate") for p in broadside] == [90, 90]
    assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
    assert [str(d) for d in check_press(facts, page)] == []


def test_a_tagged_pdf_holds_no_stamp_page(built: Built, tmp_path: Path) -> None:
    """PDF/UA-1: the folios laid out for the broadside pages leave nothing in the structure
    tree (every element on a page of the book), and read back as any other."""
    import pikepdf

    from octavo.check.variants import check_variant

    (pdf, _), logged = quietly(lambda: api.build_pdf(BOOK, tmp_path / "ua.pdf", tagged=True))
    assert logged == [] and check_variant(pdf, "pdf/ua-1") == ()
    assert [str(d) for d in check_book_pdf(pdf, built.manuscript)] == []
    with pikepdf.open(pdf) as document:
        pages = {p.objgen for p in document.pages}
        elements = [o for o in document.objects if isinstance(o, pikepdf.Dictionary)]
        elements = [o for o in elements if o.get("/Type") == "/StructElem" and "/Pg" in o]
        assert elements and all(o.Pg.objgen in pages for o in elements)
        assert [int(document.pages[i].Rotate) for i in turned_pages(pdf)] == [90, 90]


def test_an_x1a_book_with_a_broadside_table_is_cmyk(tmp_path: Path) -> None:
    """The folio stamped on a broadside page was laid out without styles/print/cmyk.css, in
    the ink's RGB: a book with a table too wide for its text block could not be built as
    PDF/X-1a (E644, "RGB colour in the page content", at its first broadside page)."""
    from octavo.check.variants import check_variant

    (pdf, _), logged = quietly(
        lambda: api.build_pdf(BOOK, tmp_path / "x1a.pdf", variant="pdf/x-1a")
    )
    assert logged == [] and check_variant(pdf, "pdf/x-1a") == ()
    assert len([p for p in read_pdf(pdf).pages if p.turned]) == 2
