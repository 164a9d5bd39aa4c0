"""A part's layout read back, in the worker that laid it out: a page map of each page and
the part's bookmarks, all the parent needs to put the parts together without reading the
PDFs back.

A page map says whether its page is blank, the chapter it belongs to, the headings and
notes on it, its named destinations and the boxes of its links (`data-href`, see
templates/print/macros.html), all in PDF points from the page's top-left corner, and its
size. A table's landscape page is turned onto a page of the book's size as the part is
written (octavo.render.pdf.broadside): its page map says so (`PageMap.turned`, stamped as
a broadside page: octavo.render.pdf.parallel.stamp) and gives its positions, and its
bookmarks', on the turned page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from octavo.render.pdf.box_tree import walk_boxes
from octavo.render.pdf.broadside import Turn, down_point, down_rect, turned_pages
from octavo.render.pdf.parallel.page_glyphs import PageGlyphs

__all__ = ["PT", "Bookmark", "LinkBox", "PageMap", "bookmark", "page_turns", "read_pages"]

PT = 0.75  # PDF points per CSS pixel


@dataclass(frozen=True, slots=True)
class LinkBox:
    target: str  # a named destination (an id)
    rect: tuple[float, float, float, float]  # x, y (top), width, height in points


@dataclass(frozen=True, slots=True)
class PageMap:
    blank: bool  # made by a break to a right-hand page
    chapter: str  # id of the chapter (or appendix) heading this page belongs to, "" before any
    headings: tuple[str, ...]
    notes: tuple[str, ...]
    anchors: tuple[tuple[str, float, float], ...]  # (id, x, y) in points from top-left
    links: tuple[LinkBox, ...]
    size: tuple[float, float] = (0.0, 0.0)  # width, height in points (the trim's, no bleed)
    # a broadside page: a table laid out on a landscape page, turned onto this one
    # (octavo.render.pdf.broadside); its size, anchors and links are the turned page's
    turned: bool = False
    # the glyphs drawn on it, by font (octavo.render.pdf.parallel.page_glyphs); None: not
    # recorded (a sketch, no PDF written)
    glyphs: PageGlyphs | None = None
    # a page of notes alone, carried past the part's text onto a page WeasyPrint made
    # blank: its side (octavo.render.pdf.weasy_carried.carried); "" for any other page
    carried: str = ""


@dataclass(frozen=True, slots=True)
class Bookmark:
    label: str
    page: int  # 0-based, within the part
    x: float  # PDF coordinates (points, from bottom-left)
    y: float
    open: bool
    children: tuple[Bookmark, ...]


def page_turns(document: Any) -> dict[int, Turn]:
    """The turn of each landscape page (octavo.render.pdf.broadside), by its index."""
    pages = document.pages
    return {
        i: Turn.of((0.0, 0.0, pages[i].width * PT, pages[i].height * PT))
        for i in turned_pages(document)
    }


def read_pages(
    document: Any, chapters: frozenset[str], notes: tuple[tuple[str, str], ...]
) -> Iterator[PageMap]:
    """Each page's map; `chapters`: the ids of the chapter (and appendix) headings the
    part holds, `notes`: (heading id, note id) of each note kept with its heading."""
    from octavo.render.pdf.notes.layout import read_layout
    from octavo.render.pdf.weasy_carried import carried

    headings = chapters | {h for h, _ in notes}
    chapter = ""
    turned = frozenset(turned_pages(document))
    pages = zip(document.pages, read_layout(document, headings), strict=True)
    for index, (page, layout) in enumerate(pages):
        box = page._page_box
        opened = [h for h in layout.headings if h in chapters]
        chapter = opened[0] if opened else chapter
        anchors = tuple((n, x * PT, y * PT) for n, (x, y, *_) in sorted(page.anchors.items()))
        links = tuple(_links(box))
        size = (page.width * PT, page.height * PT)
        if index in turned:  # measured on the page it is turned onto
            width = size[0]
            anchors = tuple((n, *down_point(x, y, width)) for n, x, y in anchors)
            links = tuple(LinkBox(k.target, down_rect(k.rect, width)) for k in links)
            size = (size[1], size[0])
        blank = bool(box.page_type.blank)
        yield PageMap(
            blank,
            chapter,
            layout.headings,
            layout.notes,
            anchors,
            links,
            size,
            index in turned,
            carried=carried(box),
        )


def _links(page_box: Any) -> Iterator[LinkBox]:
    from weasyprint.formatting_structure import boxes

    for box in walk_boxes(page_box):
        element = getattr(box, "element", None)
        if element is None or not isinstance(box, boxes.BlockBox | boxes.InlineBox):
            continue
        target = element.get("data-href")
        if not target:
            continue
        if box.element_tag != str(element.tag).rpartition("}")[2]:
            continue  # a pseudo-element or anonymous box of the link
        x, y, w, h = box.hit_area()
        yield LinkBox(target.removeprefix("#"), (x * PT, y * PT, w * PT, h * PT))


def bookmark(subtree: Any, turns: dict[int, Turn]) -> Bookmark:
    """A bookmark of WeasyPrint's tree; one into a landscape page, turned with it."""
    label, (page, x, y), children, state = subtree
    kids = tuple(bookmark(c, turns) for c in children)
    if page in turns:
        x, y = turns[page].point(float(x), float(y))
    return Bookmark(label, page, float(x), float(y), state != "closed", kids)
