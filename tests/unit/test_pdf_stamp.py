"""octavo.render.pdf.parallel.stamp (through jobs.stamp_job): the body's pages as the parts'
page maps give them, landscape ones stamped as landscape pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel import jobs
from octavo.render.pdf.parallel.merge import Unmergeable
from octavo.render.pdf.parallel.part import PageMap, PartLayout, from_json, to_json

PORTRAIT = (612.0, 792.0)
LANDSCAPE = (792.0, 612.0)


def _page(chapter: str, size: tuple[float, float], blank: bool = False) -> PageMap:
    return PageMap(blank, chapter, (), (), (), (), size)


def _part(name: str, *pages: PageMap) -> PartLayout:
    return PartLayout(name, "", b"", pages, (), ())


def _chapter_ids(small_book: Path) -> tuple[str, ...]:
    manuscript, _ = api.manuscript(small_book)
    return tuple(c.id for c in manuscript.chapters)


@pytest.mark.parametrize(
    "sizes, stamped",
    [
        pytest.param((PORTRAIT,) * 3, 0, id="portrait"),
        pytest.param((PORTRAIT, LANDSCAPE, LANDSCAPE, PORTRAIT), 2, id="two-turned"),
        pytest.param((PORTRAIT, PORTRAIT, LANDSCAPE), 1, id="turned-last"),
    ],
)
def test_landscape_pages_are_stamped_as_landscape_ones(
    small_book: Path, sizes: tuple[tuple[float, float], ...], stamped: int
) -> None:
    manuscript, _ = api.manuscript(small_book)
    (ident,) = _chapter_ids(small_book)
    chapter = _part(ident, *(_page(ident, s) for s in sizes))
    appendix = _part("appendix", _page("appendix", PORTRAIT))
    html = jobs.stamp_job(manuscript, PdfOptions(), (chapter, appendix)).html
    assert html.count('class="stamp-page stamp-landscape"') == stamped
    assert html.count('class="stamp-page') == len(sizes) - 1  # the first is the heading's
    divs = [d for d in html.split("<div ")[1:] if d.startswith('class="stamp-page')]
    turned = [i + 1 for i, d in enumerate(divs) if "stamp-landscape" in d]
    assert turned == [i for i, s in enumerate(sizes) if s == LANDSCAPE]
    # the landscape page's size only when there is one (a book without: the same HTML)
    assert ("@page landscape" in html) == bool(stamped)


def test_a_chapter_opening_on_a_landscape_page_is_unmergeable(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    (ident,) = _chapter_ids(small_book)
    chapter = _part(ident, _page(ident, LANDSCAPE), _page(ident, PORTRAIT))
    with pytest.raises(Unmergeable, match="landscape"):
        jobs.stamp_job(manuscript, PdfOptions(), (chapter,))


def test_blank_pages_are_not_counted(small_book: Path) -> None:
    """A blank page comes from the stamp's own break to a right-hand page."""
    manuscript, _ = api.manuscript(small_book)
    (ident,) = _chapter_ids(small_book)
    pages = (_page(ident, PORTRAIT), _page(ident, LANDSCAPE), _page(ident, PORTRAIT, True))
    html = jobs.stamp_job(manuscript, PdfOptions(), (_part(ident, *pages),)).html
    assert html.count('class="stamp-page') == 1 and "stamp-landscape" in html


def test_the_page_map_keeps_the_page_size() -> None:
    part = _part("ch1", _page("ch1", PORTRAIT), _page("ch1", LANDSCAPE))
    again = from_json(to_json(part), b"")
    assert [p.size for p in again.pages] == [PORTRAIT, LANDSCAPE]
    assert [p.turned for p in again.pages] == [False, True]
