"""octavo.render.pdf.parallel.stamp (through jobs.stamp_job): the body's pages as the parts'
page maps give them, broadside ones (a table turned onto a page of the book's size)
stamped as `broadside` pages: their folio alone, no running head."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel import jobs
from octavo.render.pdf.parallel.merge import Unmergeable
from octavo.render.pdf.parallel.part import PageMap, PartLayout, from_json, to_json

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
