"""A book with tables set on broadside pages laid out in parts: the chapter's part lays the
table out on landscape pages and turns them onto pages of the book's size as the
one-process build does (octavo.render.pdf.broadside), its page map records them
(`PageMap.turned`), and the stamp gives them the folio of a broadside page (no running
head), where the one-process build prints it (octavo.render.pdf.parallel.stamp).
tests/data/landscape (one chapter) and a study with a landscape table ending a body
chapter (a blank page after it) and one in the Glossary, a back-matter division laid out
as a part of its own. (One in a chapter of a part of a country:
tests/e2e/test_pdf_parallel_parts.py, tests/e2e/test_landscape.py.)"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import MARGIN, PdfFacts, PdfPage, read_pdf
from octavo.model import APPENDIX, Manuscript
from octavo.render.pdf.build import pdf_options
from octavo.render.pdf.sheets import has_landscape
from tests.conftest import DATA
from tests.support.pdf_text import foot_of, page_texts
from tests.support.studies import (
    PARAGRAPH,
    Builds,
    add_divisions,
    add_landscape_tables,
    built_both_ways,
    edited,
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return built_both_ways(tmp_path_factory.mktemp("landscape"), book=DATA / "landscape")


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    folder = tmp_path_factory.mktemp("landscape-study")
    return built_both_ways(folder, add_divisions, add_landscape_tables)


@pytest.fixture(params=["data", "study"])
def builds(request: pytest.FixtureRequest) -> Builds:
    found: Builds = request.getfixturevalue(request.param)
    return found


@functools.cache
def _read(path: Path) -> PdfFacts:
    """A PDF read back once for the module's tests (check.pdf_facts.read_pdf reads every
    character of every page: seconds for the study's)."""
    return read_pdf(path)


def _turned(path: Path) -> list[int]:
    return [i for i, p in enumerate(_read(path).pages) if p.turned]


def _chapter_with_table(manuscript: Manuscript) -> str:
    """The body chapter with a table on landscape pages."""
    page = pdf_options(manuscript.book.config).page
    body = (c for c in manuscript.chapters if c.matter == "body")
    return next(c.id for c in body if has_landscape(manuscript, page, c.sections))


def _margins(page: PdfPage) -> list[tuple[float, float, str]]:
    """Where the running head and folio are drawn: (x0, top, character) in the page's
    top and bottom margins (check.pdf_facts's MARGIN)."""
    return [
        (round(x0, 2), round(top, 2), text)
        for x0, top, _, _, text in page.chars
        if top < page.height * MARGIN + 20 or top > page.height * (1 - MARGIN) - 10
    ]


def test_laid_out_in_parts(builds: Builds) -> None:
    assert builds.cold.parallel and builds.cold.reused == ()
    assert _chapter_with_table(builds.manuscript) in builds.cold.laid_out
    assert {"front", APPENDIX, "stamp"} <= set(builds.cold.laid_out)


def test_no_weasyprint_warning(builds: Builds) -> None:
    assert builds.warnings == ()


def test_same_pages_as_one_process(builds: Builds) -> None:
    one, parallel = page_texts(builds.one), page_texts(builds.cold_pdf)
    assert len(parallel) == len(one)
    assert [i for i, (a, b) in enumerate(zip(one, parallel, strict=True)) if a != b] == []


def test_same_page_boxes_and_rotation(builds: Builds) -> None:
    """Each page's MediaBox, TrimBox and BleedBox, all the book's size, and /Rotate (90 on
    the broadside pages alone)."""

    def boxes(path: Path) -> list[tuple[object, ...]]:
        pages = PdfReader(path).pages
        return [
            (
                *(tuple(p.get(b, p.mediabox)) for b in ("/MediaBox", "/TrimBox", "/BleedBox")),
                p.get("/Rotate"),
            )
            for p in pages
        ]

    assert boxes(builds.cold_pdf) == boxes(builds.one)
    assert len({b[:3] for b in boxes(builds.one)}) == 1
    turned = _turned(builds.cold_pdf)
    assert [i for i, b in enumerate(boxes(builds.one)) if b[3] == 90] == turned
    assert turned and turned == _turned(builds.one)
    # the study: its body table and its Glossary's, two pages each, and its own Table 4
    assert len(turned) == (2 if len(builds.manuscript.chapters) == 1 else 5)


def test_heads_and_folios_where_one_process_prints_them(builds: Builds) -> None:
    """On the broadside pages and their neighbours (the blank page after one too), every
    character of the running head and folio in the same place; a broadside page has its
    folio and no running head."""
    one, parallel = _read(builds.one).pages, _read(builds.cold_pdf).pages
    turned = _turned(builds.one)
    near = sorted({i + d for i in turned for d in (-1, 0, 1, 2) if 0 <= i + d < len(one)})
    assert [i for i in near if _margins(one[i]) != _margins(parallel[i])] == []
    for i in turned:
        assert not parallel[i].head and parallel[i].folio.isdigit()
        assert parallel[i].folio == one[i].folio


def test_a_blank_page_after_a_broadside_one(study: Builds) -> None:
    """The study's first chapter ends on a right-hand broadside page: the blank page before
    the next chapter is not turned, as in one process (`test_same_page_boxes_and_rotation`)."""
    pages = _read(study.cold_pdf).pages
    after = [pages[i + 1] for i in _turned(study.cold_pdf) if i + 1 < len(pages)]
    blank = [p for p in after if not p.lines]
    assert blank and all(not p.turned and p.width < p.height for p in blank)


def test_the_glossarys_terms_fill_the_page_before_its_table(study: Builds) -> None:
    """The Glossary's table, in the middle of its terms, goes after those that still end on
    the page before it (octavo.render.pdf.broadside_flow), in parts as in one process: the
    page is filled with the terms after its call (`Term 30` the first), the room left less
    than a term's four lines; the next term goes on after the table."""
    for path in (study.one, study.cold_pdf):
        start = _read(path).dests["tbl:glossary-wide"]
        before = foot_of(path, start - 1)
        assert any(text.startswith("Term 30:") for text in before.lines)
        assert before.lines_left < 4, f"{before.lines_left:.1f} lines left before the table"
        terms = [int(m[1]) for t in before.lines if (m := re.match(r"Term (\d+):", t))]
        goes_on = re.match(r"Term (\d+):", foot_of(path, start + 2).lines[0])
        assert goes_on and int(goes_on[1]) == max(terms) + 1


def test_reads_back_clean(builds: Builds) -> None:
    assert [str(d) for d in check_book_pdf(builds.cold_pdf, builds.manuscript)] == []


def test_editing_the_chapter_with_the_table_lays_it_out_alone(
    builds: Builds, tmp_path: Path
) -> None:
    ident = _chapter_with_table(builds.manuscript)
    chapter = next(c for c in builds.manuscript.chapters if c.id == ident)
    name = chapter.sections[0].section.path.name
    done = edited(builds, tmp_path, name, " One more sentence, about the railway.\n")
    result, manuscript = done.result, done.manuscript
    divisions = {c.id for c in manuscript.chapters}
    assert result.parallel
    assert [name for name in result.laid_out if name in divisions] == [ident]
    # the front matter, appendix and stamp, if laid out again, were started beside the
    # chapter on the folios of the last layouts
    assert set(result.guessed) == {"front", APPENDIX, "stamp"} & set(result.laid_out)
    assert [str(d) for d in check_book_pdf(done.pdf, manuscript)] == [] and done.warnings == []
    assert done.cold == result.pdf


def test_editing_the_glossary_lays_out_its_part_alone(study: Builds, tmp_path: Path) -> None:
    """A paragraph more at the end of the Glossary (a table on landscape pages in its
    middle): its part alone of the divisions, the same bytes as a cold build."""
    glossary = next(c for c in study.manuscript.chapters if c.kind == "glossary")
    name = glossary.sections[0].section.path.name
    done = edited(study, tmp_path, name, "\n\n" + PARAGRAPH + "\n")
    result, manuscript = done.result, done.manuscript
    divisions = {c.id for c in manuscript.chapters if c.matter != "front"}
    assert result.parallel
    assert [name for name in result.laid_out if name in divisions] == [glossary.id]
    assert [str(d) for d in check_book_pdf(done.pdf, manuscript)] == [] and done.warnings == []
    assert done.cold == result.pdf
