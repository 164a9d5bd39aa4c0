"""A study with an index laid out in parts: the marks' pages read from the chapters' (and
back-matter divisions', and the front part's) layouts, the index set in the appendix part
with the same numbers, ranges and order as the one-process build's (locate, page_runs).

The book has a cover, so the Preface's marks get the roman folios book.css prints (from i
on the half-title), in the one-process build as in parts (index_pages.front_folio)."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import weasyprint

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.model import APPENDIX, Manuscript
from octavo.render.pdf.broadside_stamps import broadside_folios
from octavo.render.pdf.continued import show_continued
from octavo.render.pdf.document import (
    PdfOptions,
    load_html,
    render_pdf,
    write_document,
    xmp_descriptions,
)
from octavo.render.pdf.folio_styles import folio_styles
from octavo.render.pdf.index_pages import body_start
from octavo.render.pdf.page_labels import book_labels
from octavo.render.pdf.page_map import page_starts
from octavo.render.pdf.parallel import build
from octavo.render.pdf.parallel.build import render_pdf_parallel
from octavo.render.pdf.parallel.jobs import appendix_sketch_job
from octavo.render.pdf.parallel.part import PartJob
from tests.conftest import DATA
from tests.support.pdf_text import page_texts
from tests.support.studies import SECTIONS, Builds, add_divisions, built_both_ways, edited
from tests.support.weasyprint_log import quietly


def add_marks(book: Path) -> None:
    """A cover; index marks in body sections of both chapters, in the Glossary (one term
    on every page of it: a range; and each of its terms) and in the Preface (the same: a
    roman range)."""
    shutil.copy(DATA / "constructs" / "images" / "cover.jpg", book / "images" / "cover.jpg")
    config = book / "book.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('paper = "letter"\n', 'paper = "letter"\ncover = "images/cover.jpg"\n')
    )
    body = sorted(book.glob("0*.md"))
    for n, path in enumerate(body[1:SECTIONS:4]):
        extra = (
            "The capital, [Minsk]{.index}, lies on the "
            '[Svislach]{index="Rivers!Svislach"}, and the [railway]{index="Railways"} '
            f"reaches it from the west (note {n})."
        )
        if n % 2:
            extra += ' Much of the land is [farmland]{index="Belarus!agriculture"}.'
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + extra + "\n")
    glossary = next(book.glob("*-glossary.md"))
    text = glossary.read_text(encoding="utf-8")
    text = text.replace("the press of the period", '[the press]{index="Press"} of the period')
    text = text.replace("**Term 7**", '**[Term 7]{index="Railways"}**')
    text = re.sub(r"\*\*Term (\d+)\*\*", r"**[Term \1]{.index}**", text)  # a longer index
    glossary.write_text(text, encoding="utf-8")
    preface = next(book.glob("*-preface.md"))
    text = preface.read_text(encoding="utf-8")
    text = text.replace("official statistics", '[official statistics]{index="Statistics"}')
    text = text.replace("The figures are", "The [figures]{.index} are")
    preface.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return built_both_ways(tmp_path_factory.mktemp("index"), add_divisions, add_marks)


def _index_text(pages: list[str]) -> str:
    start = next(i for i, p in enumerate(pages) if p.startswith("Index "))
    return " ".join(pages[start:])


def test_the_study_has_an_index_a_cover_and_divisions(builds: Builds) -> None:
    ms = builds.manuscript
    assert ms.index and ms.cover is not None and len(ms.sections) >= 20
    marked = {c.matter for c in ms.chapters for s in c.sections if s.marks}
    assert marked == {"front", "body", "back"}
    chapters = {c.id for c in ms.chapters if c.matter == "body" for s in c.sections if s.marks}
    assert len(chapters) >= 2


def test_laid_out_in_parts(builds: Builds) -> None:
    assert builds.cold.parallel and builds.cold.reused == ()
    assert {"front", APPENDIX, "stamp"} <= set(builds.cold.laid_out)


def test_a_cold_build_lays_the_front_out_once(builds: Builds) -> None:
    """The appendix is laid out with the roman folios of the front's sketch (jobs.sketch_job),
    the front once beside it with the index's folio from the appendix's sketch
    (jobs.appendix_sketch_job): before the sketches, a cold build laid the front out twice,
    one after the other (on a guessed folio of the index, then the real)."""
    laid_out = builds.cold.laid_out
    assert laid_out.count("front") == 1 and laid_out.count(APPENDIX) == 1
    assert laid_out.count("front-sketch") == 1 and laid_out.count("appendix-sketch") == 1


def test_an_appendix_sketch_whose_index_moved_gives_the_same_pages(
    builds: Builds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sketch of the appendix whose index opens two pages later than the appendix's: the
    front laid out beside the appendix numbers the index wrongly, so it is dropped and
    the front laid out again with the appendix's folio; the parts still fit, and every
    page is the one-process build's."""

    def longer(manuscript: Manuscript, options: PdfOptions) -> PartJob:
        job = appendix_sketch_job(manuscript, options)
        pages = '<p style="break-before: page">x</p>' * 2
        return replace(job, html=job.html.replace("</table>", "</table>" + pages, 1))

    monkeypatch.setattr(build, "appendix_sketch_job", longer)
    manuscript, _ = api.manuscript(builds.root)
    result, warnings = quietly(
        lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, tmp_path / "cache")
    )
    assert result.parallel and warnings == []
    assert "front" in result.laid_out and "appendix-sketch" in result.laid_out
    pdf = tmp_path / "parts.pdf"
    pdf.write_bytes(result.pdf)
    assert page_texts(pdf) == page_texts(builds.one)


def test_one_process_lays_the_index_out_alone_to_the_pages_of_a_whole_layout(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One process lays the book out once (the index's numbers as target-counter()s), then
    the index alone with its numbers as text, from the page where it opened (and the folios
    of its broadside pages, stamped as the PDF is written): the very
    bytes of one layout of the whole HTML it hands WeasyPrint alone (`--html`), with the
    names of the tables on the pages they run on to (octavo.render.pdf.continued)."""
    manuscript, _ = api.manuscript(builds.root)
    options = PdfOptions()
    pages: list[int] = []
    render = weasyprint.HTML.render

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        document = render(self, *args, **kwargs)
        pages.append(len(document.pages))
        return document

    counted.octavo_room = True  # type: ignore[attr-defined]  # weasy_stack: in place
    monkeypatch.setattr(weasyprint.HTML, "render", counted)
    result, warnings = quietly(lambda: render_pdf(manuscript, options, with_html=True))
    monkeypatch.undo()
    # the book, its index, and the folio of its one broadside page (templates/print/broadside.html)
    assert warnings == [] and len(pages) == 3 and pages[1] < result.pages // 4 and pages[2] == 1
    whole = load_html(result.html, manuscript.book.project).render()
    show_continued(whole)  # octavo's one touch after layout: 'Table 2 (continued)' drawn
    identifier, xmp = manuscript.book.config.identifier, xmp_descriptions(manuscript, options)
    cover = manuscript.labels["cover"] if manuscript.cover else ""
    start = body_start(whole, manuscript)
    labels = book_labels(cover, start, len(whole.pages))
    folios = folio_styles(manuscript, options)
    stamped, whole = broadside_folios(manuscript, options, whole, start, folios)
    assert write_document(whole, options, identifier, xmp, labels, stamped) == result.pdf
    assert result.pdf == builds.one.read_bytes()


def test_no_weasyprint_warning(builds: Builds) -> None:
    assert builds.warnings == ()


def test_same_pages_as_one_process(builds: Builds) -> None:
    """Every page's text: the index's numbers (single pages, arabic and roman ranges), the
    contents' number of the index."""
    one, parallel = page_texts(builds.one), page_texts(builds.cold_pdf)
    assert len(parallel) == len(one)
    assert [i for i, (a, b) in enumerate(zip(one, parallel, strict=True)) if a != b] == []
    index = _index_text(parallel)
    assert parallel[-2].startswith("Belarus: A Country Study Term")  # the index's 2nd page
    assert re.search(r"Statistics, [ivx]+–[ivx]+\b", index)  # a roman range (the Preface)
    assert re.search(r"Press, \d+–\d+\b", index)  # an arabic range (the Glossary)
    assert re.search(r"Railways, \d+(–\d+)?(, \d+(–\d+)?)+", index)
    assert re.search(r"figures, [ivx]+\b", index)
    assert re.search(r"Term 59, \d+\b", index)
    contents = next(p for p in parallel if p.startswith("Contents"))
    assert re.search(r"Index( \.)+ \d+", contents)


def test_reads_back_clean(builds: Builds) -> None:
    """check_book_pdf: every number of the index is a folio of its marks (E625), the
    contents' numbers (E610)."""
    assert [str(d) for d in check_book_pdf(builds.cold_pdf, builds.manuscript)] == []


def test_one_process_build_with_a_cover_reads_back_clean(builds: Builds) -> None:
    """The Preface's marks in the index with the roman folios printed on their pages: the
    cover and its blank back come before folio i (book.css)."""
    assert [str(d) for d in check_book_pdf(builds.one, builds.manuscript)] == []


def test_page_list_folios_in_the_front_matter_count_from_the_half_title(builds: Builds) -> None:
    """The EPUB's page list (page_starts) names a front-matter page by the folio printed on
    it, a cover before the half-title or not."""
    starts = dict(page_starts(builds.manuscript, PdfOptions()))
    facts = read_pdf(builds.one)
    front = {i: f for i, f in starts.items() if not f.isdigit()}
    assert front and {i: facts.pages[facts.dests[i]].folio for i in front} == front


def test_editing_one_body_section_lays_out_its_chapter_alone(
    builds: Builds, tmp_path: Path
) -> None:
    chapter = next(c for c in builds.manuscript.chapters if c.matter == "body")
    section = next(s for s in chapter.sections[1:] if s.marks)
    addition = " One more sentence, about the [railway]{.index}.\n"
    done = edited(builds, tmp_path, section.section.path.name, addition)
    result, manuscript = done.result, done.manuscript
    divisions = {c.id for c in manuscript.chapters}
    assert result.parallel
    assert [name for name in result.laid_out if name in divisions] == [chapter.id]
    assert set(result.laid_out) - divisions <= {"front", APPENDIX, "stamp"}
    assert [str(d) for d in check_book_pdf(done.pdf, manuscript)] == [] and done.warnings == []
    assert "railway, " in _index_text(page_texts(done.pdf))
    assert done.cold == result.pdf
