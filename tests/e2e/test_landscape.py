"""A table too wide for the text block even in small type (tests/data/landscape: 14
columns) goes on landscape pages of its own, in one process and in parts alike; the
EPUB is not touched by it (octavo.render.pdf.landscape)."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf, read_pdf
from octavo.check.press import check_press
from octavo.model import Manuscript
from octavo.render.pdf.build import pdf_options
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.html import has_landscape, print_html
from octavo.render.pdf.landscape import landscape_tables, narrowest
from octavo.render.pdf.parallel.build import render_pdf_parallel
from octavo.source.paper import page_setup
from tests.conftest import DATA, ROOT
from tests.support import readers
from tests.support.pdf_text import page_texts
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


def _turned(path: Path) -> list[int]:
    return [p.index for p in read_pdf(path).pages if p.width > p.height]


def test_builds_with_no_warning(built: Built) -> None:
    assert built.warnings == ()


def test_the_table_is_on_landscape_pages_and_the_text_is_not(built: Built) -> None:
    facts = read_pdf(built.pdf)
    turned = _turned(built.pdf)
    start = facts.dests["tbl:accounts"]
    assert len(turned) == 2 and turned == [start, start + 1]  # it spans two pages
    assert facts.pages[start - 1].width < facts.pages[start - 1].height  # the text before
    after = facts.pages[start + 2]
    assert after.width < after.height and any("The text goes on" in t for t in after.texts())
    for page in turned:  # running head and folio in their places
        assert facts.pages[page].head and facts.pages[page].folio.isdigit()


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
    """Laid out in parts, its landscape pages stamped as such (more in
    tests/e2e/test_pdf_parallel_landscape.py)."""
    result, logged = quietly(lambda: render_pdf_parallel(built.manuscript, PdfOptions(), 2, None))
    out = tmp_path / "p.pdf"
    out.write_bytes(result.pdf)
    assert result.parallel and logged == []
    assert _turned(out) == _turned(built.pdf)
    assert page_texts(out) == page_texts(built.pdf)


def test_epub_is_untouched(built: Built) -> None:
    assert_epubcheck_clean(built.epub)
    with zipfile.ZipFile(built.epub) as archive:
        chapter = archive.read("EPUB/text/ch01.xhtml").decode()
    assert '<table class="table wide" id="tbl:accounts">' in chapter


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
    it (its heads' words broken where they must), not run over the next column's text."""
    readers.need("chromium")
    readers.unzip(built.epub, tmp_path / "unzipped")
    text = tmp_path / "unzipped" / "EPUB" / "text"
    column = "body { width: 440px !important; }"
    report = readers.chromium_probe(text, ["ch01.xhtml"], 1000, 800, False, sheet_css=column)
    (result,) = report["results"]
    assert "error" not in result and result["tables"]
    assert all(t["width"] <= t["room"] + 1 for t in result["tables"]), result["tables"]


def test_a_turned_page_is_checked_against_its_own_text_block(tmp_path: Path) -> None:
    """A table pushed past the landscape page's margin is E642; a book read against
    another trim is still E641, landscape pages or not."""
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
    turned = {f"page {p.index + 1}:" for p in facts.pages if p.width > p.height}
    assert {d.message.split(" '")[0] for d in found} <= turned
    assert {d.code for d in check_press(facts, page_setup("a4"))} >= {"E641"}
