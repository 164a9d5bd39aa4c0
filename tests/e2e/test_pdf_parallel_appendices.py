"""A study with two lettered appendices (tests/support/studies.add_appendices), read back
from the PDF laid out in one process and in parts: an appendix's running head carries its
letter ("Appendix A: Cities"), one too long is cut after a whole word with the letter
kept, the Data Currency appendix lists a lone appendix once by its heading (never its
author's "Appendix C"), and the two builds' pages are the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from tests.conftest import MakeBook, section_source
from tests.support.pdf_text import page_texts
from tests.support.studies import LONG_APPENDIX, Builds, add_appendices, built_both_ways
from tests.support.weasyprint_log import quietly

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return built_both_ways(tmp_path_factory.mktemp("appendices"), add_appendices)


def test_the_appendices_are_laid_out_in_parts(builds: Builds) -> None:
    appendices = [c for c in builds.manuscript.chapters if c.kind == "appendix"]
    assert [c.heading_text for c in appendices] == [
        "Appendix A: Cities",
        f"Appendix B: {LONG_APPENDIX}",
    ]
    assert all(c.lone for c in appendices)
    assert builds.cold.parallel and {c.id for c in appendices} <= set(builds.cold.laid_out)


@pytest.mark.parametrize("build", ["one", "parts"])
def test_an_appendix_s_running_head_carries_its_letter(builds: Builds, build: str) -> None:
    """Chicago: an appendix's head names it by its letter, which a reader sent to
    "Appendix A" looks for; a chapter's head is its title alone. A head too long for its
    line is cut after a whole word, its letter kept (octavo.render.pdf.running_heads)."""
    pdf = builds.one if build == "one" else builds.cold_pdf
    pages = read_pdf(pdf).pages
    cities = next(i for i, p in enumerate(pages) if p.lines and p.lines[0][2] == "Appendix A")
    heads = {p.head for p in pages[cities + 1 : cities + 4] if p.folio and int(p.folio) % 2}
    assert heads == {"Appendix A: Cities"}
    exports = next(i for i, p in enumerate(pages) if p.lines and p.lines[0][2] == "Appendix B")
    (long,) = {p.head for p in pages[exports + 1 : exports + 4] if p.folio and int(p.folio) % 2}
    assert long.startswith("Appendix B: Principal Exports") and long.endswith("\u2026")
    stem = long.removesuffix("\u2026")  # cut after a whole word, on the head's one line
    assert f"Appendix B: {LONG_APPENDIX}".startswith(stem + ",")
    page = next(p for p in pages[exports + 1 :] if p.head == long)
    assert page.lines[1][0] > page.lines[0][1] + 9  # the text block's first line, apart
    chapter = next(c for c in builds.manuscript.chapters if c.matter == "body")
    body = [p.head for p in pages if p.head.startswith(("Chapter", chapter.title_text))]
    assert chapter.title_text in body and not any(h.startswith("Chapter") for h in body)


def test_the_data_currency_lists_a_lone_appendix_once_by_its_heading(builds: Builds) -> None:
    """One row, "Appendix A: Cities", its date and page: not the heading "Appendix A:
    Cities" over a row of its page's own title, "Appendix C: Cities" as its author wrote
    it; alike in one process and in parts."""
    for pdf in (builds.one, builds.cold_pdf):
        text = " ".join(p for p in page_texts(pdf) if "Data as of Page" in p)
        assert re.search(r" Appendix A: Cities June 1995 \d+ Appendix B: Principal", text)
        assert "Appendix C" not in text and text.count("Cities") == 1


def test_same_pages_as_one_process(builds: Builds) -> None:
    """The appendices' heads, stamped over the pages laid out in parts, are those the
    one-process build sets: the text of every page."""
    one, parallel = page_texts(builds.one), page_texts(builds.cold_pdf)
    assert len(parallel) == len(one)
    assert [i for i, (a, b) in enumerate(zip(one, parallel, strict=True)) if a != b] == []
    assert any(p.startswith("Appendix A: Cities") for p in parallel)  # a head the text holds


def test_no_weasyprint_warning(builds: Builds) -> None:
    assert builds.warnings == ()


def test_reads_back_clean(builds: Builds) -> None:
    """E613 reads an appendix's heads as RenderedChapter.head_text gives them."""
    for pdf in (builds.one, builds.cold_pdf):
        assert [str(d) for d in check_book_pdf(pdf, builds.manuscript)] == []


def test_a_book_s_own_earlier_book_html_reads_back_clean_with_its_title_heads(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A book's own print/book.html from before an appendix's head carried its letter
    prints the appendix's title alone, as it did then; E613 reads its heads so (it said
    "expected 'Appendix A: Cities'" of every page of the appendix)."""
    shipped = (ROOT / "templates/print/book.html").read_text(encoding="utf-8")
    older = re.sub(
        r"\{#- a division's running head that is not its title.*?\{%- endfor %\}\n",
        "",
        shipped,
        count=1,
        flags=re.DOTALL,
    )
    assert "head_text" not in older
    cities = "Cities and towns of the republic, their people and their trades. " * 160
    appendix = section_source(
        2, '"Appendix C: Cities"', chapter=0, total=2, extra="kind: appendix\n", body=cities
    )
    land = section_source(1, "Land", total=2)
    book = make_book({"001-a.md": land, "002-b.md": appendix, "templates/print/book.html": older})
    manuscript, _ = api.manuscript(book)
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    heads = [p.head for p in read_pdf(pdf).pages if p.head]
    assert "Cities" in heads and "Appendix A: Cities" not in heads
    assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
