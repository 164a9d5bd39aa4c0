"""A study with front- and back-matter divisions (a Preface, a Glossary) laid out in parts:
the front divisions in the front part, the back ones as parts of their own, the same
pages as the one-process build (octavo.render.pdf.parallel.jobs.in_parts)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.model import APPENDIX, Manuscript
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel import build
from octavo.render.pdf.parallel.build import render_pdf_parallel
from octavo.render.pdf.parallel.jobs import sketch_job
from octavo.render.pdf.parallel.part import PartJob
from tests.support.pdf_text import page_texts
from tests.support.studies import PARAGRAPH, Builds, add_divisions, built_both_ways, edited
from tests.support.weasyprint_log import quietly


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return built_both_ways(tmp_path_factory.mktemp("matter"), add_divisions)


def test_the_study_has_front_and_back_divisions(builds: Builds) -> None:
    kinds = {c.kind: c.matter for c in builds.manuscript.chapters if c.matter != "body"}
    assert kinds == {"preface": "front", "glossary": "back"}
    assert len(builds.manuscript.sections) >= 20


def test_laid_out_in_parts(builds: Builds) -> None:
    assert builds.cold.parallel and builds.cold.reused == ()
    back = next(c.id for c in builds.manuscript.chapters if c.matter == "back")
    assert {"front", APPENDIX, "stamp", back} <= set(builds.cold.laid_out)


def test_page_labels_are_the_printed_folios_merged_or_not(builds: Builds) -> None:
    """A viewer's page numbers (/PageLabels) are the folios printed on the pages, front
    matter roman and body arabic, in the merged PDF (the front part's ranges, the body's
    added by the merge) as in the one-process one; and the merged catalog keeps the
    language the front part's had (pypdf's writer left /Lang out)."""
    import pypdf

    assert builds.cold.parallel
    for pdf in (builds.one, builds.cold_pdf):
        reader = pypdf.PdfReader(pdf)
        labels = reader.page_labels
        printed = [(n, page.folio) for n, page in enumerate(read_pdf(pdf).pages) if page.folio]
        folios = {folio for _, folio in printed}
        assert any(f.isalpha() for f in folios) and {"2", "3"} <= folios  # roman and arabic
        assert [labels[n] for n, _ in printed] == [folio for _, folio in printed]
        root: Any = reader.trailer["/Root"]
        assert root["/Lang"] == "en"


def test_a_cold_build_sketches_the_front_beside_the_chapters(builds: Builds) -> None:
    """Nothing to guess from: the front matter with stand-in folios (jobs.sketch_job) is laid
    out after the chapters were started, and the appendix takes the Preface's roman folios
    from it, so the front matter itself is laid out once, beside the appendix."""
    laid_out = builds.cold.laid_out
    assert laid_out.count("front-sketch") == 1 and laid_out.count("front") == 1
    chapters = [c.id for c in builds.manuscript.chapters if c.matter != "front"]
    assert max(laid_out.index(c) for c in chapters) < laid_out.index(APPENDIX)


def test_a_sketch_whose_folios_moved_gives_the_one_process_pages(
    builds: Builds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sketch two pages longer before the Preface than the front matter: the roman folios
    the appendix printed are not the front's, so the parts do not fit (merge.Unmergeable)
    and the book is laid out in one process, with the same pages. (Stand-in folios do
    not move them: a contents line's number is in its ::after, beside a leader, and even
    one 120 characters wide left the pages as they were.)"""

    def longer(manuscript: Manuscript, options: PdfOptions) -> PartJob:
        job = sketch_job(manuscript, options)
        pages = '<p style="break-before: page">x</p>' * 2  # after the imprint's list
        return replace(job, html=job.html.replace("</dl>", "</dl>" + pages, 1))

    monkeypatch.setattr(build, "sketch_job", longer)
    manuscript, _ = api.manuscript(builds.root)
    result, warnings = quietly(
        lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, tmp_path / "cache")
    )
    assert not result.parallel and warnings == []
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(result.pdf)
    assert page_texts(pdf) == page_texts(builds.one)


def test_no_weasyprint_warning(builds: Builds) -> None:
    assert builds.warnings == ()


def test_same_pages_as_one_process(builds: Builds) -> None:
    """Running heads and folios (roman in the Preface, arabic in the Glossary), the contents'
    numbers, the currency table's pages: the text of every page."""
    one, parallel = page_texts(builds.one), page_texts(builds.cold_pdf)
    assert len(parallel) == len(one)
    assert [i for i, (a, b) in enumerate(zip(one, parallel, strict=True)) if a != b] == []
    # what the comparison covers: the Preface's roman folio in the contents and the
    # currency table, the Glossary's pages with their running head and arabic folio
    contents = next(p for p in parallel if p.startswith("Contents"))
    assert re.search(r"Preface( \.)+ [ivx]+ .* Glossary( \.)+ \d+ ", contents)
    preface = [p for p in parallel if p.startswith("Preface The study")]
    assert preface and all(re.fullmatch(r"[ivx]+", p.split()[-1]) for p in preface)
    glossary = [p for p in parallel if p.startswith("Glossary Term")]
    assert glossary and all(p.split()[-1].isdigit() for p in glossary)
    currency = " ".join(p for p in parallel if "Data as of Page" in p)
    assert re.search(r"Page Preface \w+ \d{4} [ivx]+ ", currency)  # its one row (lone)


def test_reads_back_clean(builds: Builds) -> None:
    assert [str(d) for d in check_book_pdf(builds.cold_pdf, builds.manuscript)] == []


def test_editing_one_body_section_lays_out_its_chapter_alone(
    builds: Builds, tmp_path: Path
) -> None:
    chapter = next(c for c in builds.manuscript.chapters if c.matter == "body")
    name = chapter.sections[1].section.path.name
    done = edited(builds, tmp_path, name, " One more sentence, about the railway.\n")
    result, manuscript = done.result, done.manuscript
    divisions = {c.id for c in manuscript.chapters}
    assert result.parallel
    assert [name for name in result.laid_out if name in divisions] == [chapter.id]
    # the front matter, appendix and stamp, if laid out again, were started beside the
    # chapter on the folios of the last layouts (the appendix's roman ones too)
    assert set(result.guessed) == {"front", APPENDIX, "stamp"} & set(result.laid_out)
    assert [str(d) for d in check_book_pdf(done.pdf, manuscript)] == [] and done.warnings == []
    assert done.cold == result.pdf


@pytest.mark.parametrize("kind", ["preface", "glossary"])
def test_editing_a_division_lays_out_its_part_alone(
    builds: Builds, tmp_path: Path, kind: str
) -> None:
    """A Glossary edited: its part alone of the divisions; a Preface edited: none of them
    (it is laid out in the front part, and the appendix after it, as the Preface's roman
    folios may have moved). The same bytes as a cold build either way."""
    division = next(c for c in builds.manuscript.chapters if c.kind == kind)
    name = division.sections[0].section.path.name
    done = edited(builds, tmp_path, name, "\n\n" + PARAGRAPH + "\n")
    result, manuscript = done.result, done.manuscript
    divisions = {c.id for c in manuscript.chapters if c.matter != "front"}
    laid_out = [name for name in result.laid_out if name in divisions]
    assert result.parallel and laid_out == ([division.id] if kind == "glossary" else [])
    assert "front" in result.laid_out or kind == "glossary"
    assert [str(d) for d in check_book_pdf(done.pdf, manuscript)] == [] and done.warnings == []
    assert done.cold == result.pdf
