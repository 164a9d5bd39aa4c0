"""octavo.render.pdf.parallel.stamp (through jobs.stamp_job): the body's pages as the parts'
page maps give them, broadside ones (a table turned onto a page of the book's size)
stamped as `broadside` pages: their folio alone, no running head."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.model import APPENDIX
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel import jobs
from octavo.render.pdf.parallel.merge import Unmergeable
from octavo.render.pdf.parallel.page_maps import PageMap
from octavo.render.pdf.parallel.part import PartLayout
from octavo.render.pdf.parallel.part_json import from_json, to_json
from octavo.shipped import TEMPLATES
from tests.conftest import MakeBook, section_source

PORTRAIT = (612.0, 792.0)


def _page(chapter: str, turned: bool = False, blank: bool = False) -> PageMap:
    return PageMap(blank, chapter, (), (), (), (), PORTRAIT, turned)


def _part(name: str, *pages: PageMap) -> PartLayout:
    return PartLayout(name, "", b"", pages, (), ())


def _chapter_ids(small_book: Path) -> tuple[str, ...]:
    manuscript, _ = api.manuscript(small_book)
    return tuple(c.id for c in manuscript.chapters)


@pytest.mark.parametrize(
    "turned, stamped",
    [
        pytest.param((False,) * 3, 0, id="portrait"),
        pytest.param((False, True, True, False), 2, id="two-turned"),
        pytest.param((False, False, True), 1, id="turned-last"),
    ],
)
def test_broadside_pages_are_stamped_as_broadside_ones(
    small_book: Path, turned: tuple[bool, ...], stamped: int
) -> None:
    manuscript, _ = api.manuscript(small_book)
    (ident,) = _chapter_ids(small_book)
    chapter = _part(ident, *(_page(ident, t) for t in turned))
    appendix = _part("appendix", _page("appendix"))
    html = jobs.stamp_job(manuscript, PdfOptions(), (chapter, appendix)).html
    assert html.count('class="stamp-page stamp-broadside"') == stamped
    assert html.count('class="stamp-page') == len(turned) - 1  # the first is the heading's
    divs = [d for d in html.split("<div ")[1:] if d.startswith('class="stamp-page')]
    found = [i + 1 for i, d in enumerate(divs) if "stamp-broadside" in d]
    assert found == [i for i, t in enumerate(turned) if t]
    # a broadside page is the book's size: the stamp never sets a landscape page
    assert "@page landscape" not in html


def test_a_chapter_opening_on_a_landscape_page_is_unmergeable(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    (ident,) = _chapter_ids(small_book)
    chapter = _part(ident, _page(ident, True), _page(ident))
    with pytest.raises(Unmergeable, match="landscape"):
        jobs.stamp_job(manuscript, PdfOptions(), (chapter,))


def test_blank_pages_are_not_counted(small_book: Path) -> None:
    """A blank page comes from the stamp's own break to a right-hand page."""
    manuscript, _ = api.manuscript(small_book)
    (ident,) = _chapter_ids(small_book)
    pages = (_page(ident), _page(ident, True), _page(ident, blank=True))
    html = jobs.stamp_job(manuscript, PdfOptions(), (_part(ident, *pages),)).html
    assert html.count('class="stamp-page') == 1 and "stamp-broadside" in html


def test_the_page_map_keeps_the_page_size_and_the_turned_pages() -> None:
    part = _part("ch1", _page("ch1"), _page("ch1", True))
    again = from_json(to_json(part), b"")
    assert [p.size for p in again.pages] == [PORTRAIT, PORTRAIT]
    assert [p.turned for p in again.pages] == [False, True]


def test_the_stamp_ends_on_the_appendix_first_page(small_book: Path) -> None:
    """The stamp covers the chapters, then the appendix's first page alone (which makes the
    blank page before it; the appendix prints its own heads and folios): the appendix's
    length is not needed, so the stamp is laid out beside it."""
    manuscript, _ = api.manuscript(small_book)
    (ident,) = _chapter_ids(small_book)
    chapter = _part(ident, _page(ident), _page(ident))
    long = _part(APPENDIX, *(_page(APPENDIX) for _ in range(4)))
    short = _part(APPENDIX, _page(APPENDIX))
    alone = jobs.stamp_job(manuscript, PdfOptions(), (chapter,))
    assert jobs.stamp_job(manuscript, PdfOptions(), (chapter, long)).html == alone.html
    assert jobs.stamp_job(manuscript, PdfOptions(), (chapter, short)).html == alone.html
    assert alone.html.count('class="stamp-page') == 1  # the chapter's second page only
    assert alone.html.rstrip().endswith("</html>") and 'class="appendix"' in alone.html


def test_the_appendix_prints_its_own_heads_or_the_book_is_laid_out_whole(
    make_book: MakeBook,
) -> None:
    """The appendix's part numbers its first page as the book does and sets the book's
    title for its heads; a book whose own print/book.html does not (a copy from before):
    Unmergeable, the one-process build, never an appendix without heads or folios."""
    files: dict[str, str | bytes] = {
        f"00{i}-s.md": section_source(i, f"S{i}", total=2) for i in (1, 2)
    }
    book = make_book(files)
    manuscript, _ = api.manuscript(book)
    ident = manuscript.chapters[0].id
    opening = (ident, *(s.id for s in manuscript.chapters[0].sections))
    first = PageMap(False, ident, opening, (), (), (), PORTRAIT)
    chapter = _part(ident, first, _page(ident), _page(ident))
    job = jobs.appendix_job(manuscript, PdfOptions(), (chapter,))
    assert "@page :first { counter-reset: page 5; }" in job.html  # 1-3, a blank, then 5
    assert "string-set: book-title" in job.html
    shipped = (TEMPLATES / "print" / "book.html").read_text(encoding="utf-8")
    older = shipped.replace("{% if heads_from %} octavo-headed{% endif %}", "")
    assert older != shipped
    own = make_book({**files, "templates/print/book.html": older})
    manuscript, _ = api.manuscript(own)
    with pytest.raises(Unmergeable, match="heads"):
        jobs.appendix_job(manuscript, PdfOptions(), (chapter,))
