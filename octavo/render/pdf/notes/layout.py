"""Read WeasyPrint's laid-out pages: on which page each heading and each note landed.

This is octavo's own view of the layout, used to choose fixes before the PDF is written.
The tests never trust it: octavo.check.pdf reads the written PDF back. WeasyPrint is
imported when a layout is read, not with this module: the parent of a parallel build never
needs it (its workers do).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "NotePlacement",
    "PageLayout",
    "away_from_calls",
    "note_placements",
    "overfull",
    "read_layout",
]


@dataclass(frozen=True, slots=True)
class PageLayout:
    index: int  # 0-based physical page
    headings: tuple[str, ...]  # ids of section headings whose first line is on the page
    notes: tuple[str, ...]  # ids of notes in the page's footnote area
    last_block: Any  # the lxml element of the last in-flow block that holds lines
    last_block_continues: bool  # that block goes on to the next page
    note_heights: tuple[float, ...] = ()  # of each of `notes` (CSS px, margins included)
    room: float = 0.0  # the height of the page's content area: text and notes (CSS px)
    spilled: bool = False  # its footnote area is taller than that: set over the page's text


@dataclass(frozen=True, slots=True)
class NotePlacement:
    heading_id: str
    note_id: str
    heading_page: int | None
    note_page: int | None

    @property
    def misplaced(self) -> bool:
        return self.heading_page != self.note_page


def read_layout(document: Any, heading_ids: frozenset[str]) -> tuple[PageLayout, ...]:
    from weasyprint.formatting_structure import boxes

    return tuple(_page(i, page, heading_ids, boxes) for i, page in enumerate(document.pages))


def note_placements(
    pages: tuple[PageLayout, ...], notes: tuple[tuple[str, str], ...]
) -> tuple[NotePlacement, ...]:
    """For each (heading id, note id): the page of the heading and of its note."""
    heading_page: dict[str, int] = {}
    note_page: dict[str, int] = {}
    for page in pages:
        for heading in page.headings:
            heading_page.setdefault(heading, page.index)
        for note in page.notes:
            note_page.setdefault(note, page.index)
    return tuple(NotePlacement(h, n, heading_page.get(h), note_page.get(n)) for h, n in notes)


def overfull(
    pages: tuple[PageLayout, ...], placements: tuple[NotePlacement, ...]
) -> tuple[tuple[NotePlacement, ...], ...]:
    """The notes called on one page that are more than a page of notes (their heights, as
    laid out on whichever pages they landed, more than a page's content area): no page can
    hold them all with their calls, so no layout sets them all on their calls' page. Each
    such group, by the page of its calls, in page order."""
    heights: dict[str, float] = {}
    for page in pages:
        for note, height in zip(page.notes, page.note_heights, strict=True):
            heights.setdefault(note, height)
    groups: dict[int, list[NotePlacement]] = {}
    for placement in placements:
        if placement.heading_page is not None:
            groups.setdefault(placement.heading_page, []).append(placement)
    return tuple(
        tuple(group)
        for at, group in sorted(groups.items())
        if sum(heights.get(p.note_id, 0.0) for p in group) > pages[at].room
    )


def away_from_calls(
    pages: Iterable[tuple[tuple[str, ...], tuple[str, ...]]], notes: tuple[tuple[str, str], ...]
) -> tuple[tuple[NotePlacement, ...], ...]:
    """Of pages laid out with every note placed that can be (each page's heading and call
    ids, and its notes' ids: a book laid out in parts, their pages one after another), the
    notes called on a page that holds not all of them, with the others called there: the
    groups place_notes let through (more than a page of notes), by the page of their
    calls, in page order."""
    laid = tuple(PageLayout(i, h, n, None, False) for i, (h, n) in enumerate(pages))
    placements = note_placements(laid, notes)
    away = {
        p.heading_page
        for p in placements
        if p.misplaced and p.heading_page is not None and p.note_page is not None
    }
    return tuple(tuple(p for p in placements if p.heading_page == page) for page in sorted(away))


def _page(index: int, page: Any, heading_ids: frozenset[str], boxes: Any) -> PageLayout:
    headings: list[str] = []
    notes: dict[str, float] = {}
    area = 0.0
    for box, in_footnotes in _walk(page._page_box, False, boxes):
        if isinstance(box, boxes.FootnoteAreaBox):
            area = box.margin_height()
        element = getattr(box, "element", None)
        if element is None or not isinstance(box, boxes.BlockBox | boxes.InlineBox):
            continue
        ident = element.get("id")
        if in_footnotes and ident and box.element_tag == element.tag:
            notes.setdefault(ident, box.margin_height())
        elif ident in heading_ids:  # a heading, or the call of an author's note (inline)
            headings.append(ident)
    block, continues = _last_block(page._page_box, boxes)
    return PageLayout(
        index,
        tuple(dict.fromkeys(headings)),
        tuple(notes),
        block,
        continues,
        tuple(notes.values()),
        page._page_box.height,
        area > page._page_box.height,
    )


def _walk(box: Any, in_footnotes: bool, boxes: Any) -> Iterator[tuple[Any, bool]]:
    in_footnotes = in_footnotes or isinstance(box, boxes.FootnoteAreaBox)
    yield box, in_footnotes
    if isinstance(box, boxes.MarginBox):
        return
    for child in getattr(box, "children", ()) or ():
        yield from _walk(child, in_footnotes, boxes)


def _last_block(page_box: Any, boxes: Any) -> tuple[Any, bool]:
    """The deepest last in-flow block of the page that holds lines, and whether it goes on."""
    box = page_box.children[0] if page_box.children else None
    while box is not None:
        children = [
            c
            for c in getattr(box, "children", ()) or ()
            if isinstance(c, boxes.BlockLevelBox) and c.is_in_normal_flow()
        ]
        if not children:
            break
        box = children[-1]
    lines = [c for c in getattr(box, "children", ()) if isinstance(c, boxes.LineBox)]
    if box is None or not lines:
        return None, False
    return box.element, getattr(lines[-1], "resume_at", None) is not None
