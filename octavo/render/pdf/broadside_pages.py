"""The pages that decide where a broadside table goes (octavo.render.pdf.broadside_flow),
read from WeasyPrint's layout: the document laid out only up to the page after the one
each table's block before it ends on (`up_to_turns`), and the last page each block has a
box on (`last_pages`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["last_pages", "up_to_turns"]


@contextmanager
def up_to_turns(befores: list[Any]) -> Iterator[None]:
    """Within, WeasyPrint lays a document out only up to the page after the one where each
    of `befores` (the block before each table) ends: the blocks that end on that page are
    all that broadside_flow reads (a block seen on the next page ends past it; one not
    seen yet, later still). The pages up to there are those of the whole layout (a page is
    made from the pages before it alone), and the rest of the part, 63 % of the four
    decided parts' pages in the 800-section study, is not laid out. WeasyPrint's
    `make_all_pages` (a generator, read whole by `layout_document`) is wrapped while the
    decision lays out, if its source has the shape this was made for; else the whole
    part is laid out, as before."""
    import weasyprint.layout as layout

    from octavo.render.pdf.weasy_patch import checked_source

    source = checked_source("70.", layout, "layout_document")
    original = layout.make_all_pages
    if not source or "list(make_all_pages(context, root_box, html, pages))" not in source:
        yield
        return

    def pages_up_to_turns(*args: Any) -> Iterator[Any]:
        from weasyprint.formatting_structure import boxes

        waiting = {b for b in befores if b is not None}
        seen: set[Any] = set()
        for page in original(*args):
            yield page
            elements = {getattr(b, "element", None) for b in _walk(page, boxes)} & waiting
            waiting -= seen - elements  # seen on a page before, not on this one: ended
            seen |= elements
            if not waiting:
                return

    layout.make_all_pages = pages_up_to_turns
    try:
        yield
    finally:
        layout.make_all_pages = original


def last_pages(document: Any, elements: set[Any]) -> dict[Any, int]:
    """The last page (0-based) each of `elements` has a box on, in the page's flow."""
    from weasyprint.formatting_structure import boxes

    last: dict[Any, int] = {}
    if not elements:
        return last
    for index, page in enumerate(document.pages):
        for box in _walk(page._page_box, boxes):
            element = getattr(box, "element", None)
            if element is not None and element in elements:
                last[element] = index
    return last


def _walk(box: Any, boxes: Any) -> Iterator[Any]:
    yield box
    if isinstance(box, boxes.MarginBox | boxes.FootnoteAreaBox):
        return
    for child in getattr(box, "children", ()) or ():
        yield from _walk(child, boxes)
