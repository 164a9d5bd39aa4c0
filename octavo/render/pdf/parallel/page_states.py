"""Each page's layout state, kept beside a chapter's part for a layout resumed from it.

WeasyPrint 70 makes a page from `context.page_maker[i]` (where the page starts, its break
and name, its side, the page counters and groups: plain data) and the layout context.
While `lay_out_part` lays a chapter out, `recording` keeps a deep copy of each entry and
what else the context holds where the page starts (the last layout wins: a note's fix or
the broadside flow's decision layout comes before the one written). After an edit,
octavo.render.pdf.parallel.resumed_layout builds the boxes of the edited HTML (the skip
stacks are indices into the whole box tree) and lays out from a clean page before the edit
with that state alone, up to the page where the breaks meet the old ones again
(octavo.render.pdf.parallel.resume puts the pages together). Issue 17; the measurements:
docs/architecture.md ("An edit below a chapter").

Carried besides the page_maker entries: the notes not laid out yet (by their element's
place in the tree, `ordinals`), the page sizes page 1 sets for page units, the named
strings of the pages before, and the tables begun before (octavo's "continued" rows, from
the elements on each page). A page where a note was reported on, an out-of-flow box broken
across or a table goes on is never resumed at (`Boundary.clean`).
"""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from octavo.render.pdf.parallel.tree_diff import Node, tree_of

__all__ = [
    "Boundary",
    "Recorded",
    "Recorder",
    "block_at",
    "from_bytes",
    "ordinals",
    "recording",
    "to_bytes",
]

STATE = "page-states-1"  # the pickle's tag: bump when what is recorded changes meaning


@dataclass(frozen=True, slots=True)
class Boundary:
    """The layout's state where page `index` begins."""

    index: int
    entry: Any  # a deep copy of context.page_maker[index]
    clean: bool  # no note reported on to it, no out-of-flow box broken across, no table
    first: int  # ordinal (document order) of the block the page begins in (-1: none)
    notes_left: frozenset[int]  # ordinals of the notes not laid out yet


@dataclass(frozen=True, slots=True)
class Recorded:
    boundaries: tuple[Boundary, ...]
    elements: tuple[frozenset[int], ...]  # ordinals of the elements on each page
    page_sizes: tuple[tuple[str, Any], ...]  # StyleFor.initial_page_sizes, set by page 1
    strings: tuple[tuple[str, int, tuple[Any, ...]], ...]  # (name, page number, values)
    bookmarks: tuple[tuple[Any, ...], ...]  # each page's (level, label, (x, y), state)
    heights: tuple[float, ...]  # each page's height (CSS px): its bookmarks' transform
    tree: tuple[Node, ...] = ()  # the tree laid out (`tree_of`; note fixes mark it after)
    resumable: bool = True  # False: a layout with note fixes or broadside pages


def to_bytes(recorded: Recorded) -> bytes:
    return pickle.dumps((STATE, recorded), protocol=5)


def from_bytes(data: bytes) -> Recorded | None:
    """A state `to_bytes` wrote; only ever read from the signed store (octavo.cache)."""
    try:
        tag, recorded = pickle.loads(data)
    except Exception:
        return None
    return recorded if tag == STATE and isinstance(recorded, Recorded) else None


def ordinals(root: Any) -> dict[Any, int]:
    return {element: i for i, element in enumerate(root.iter())}


class Recorder:
    """Wraps WeasyPrint's `remake_page` while a part is laid out (the last layout wins)."""

    def __init__(self, original: Callable[..., Any]) -> None:
        self.original = original
        self.context: Any = None
        self.order: dict[Any, int] = {}
        self.boundaries: list[Boundary] = []
        self.page_sizes: dict[str, Any] = {}
        self.tree: tuple[Node, ...] = ()

    def __call__(self, index: int, context: Any, root_box: Any, html: Any) -> Any:
        if context is not self.context:  # another layout (a note's fix): start again
            self.context, self.order, self.boundaries = context, ordinals(html.etree_element), []
            self.tree = tree_of(html.etree_element)  # as it is laid out: marks come after
        entry = context.page_maker[index]
        block, in_table = block_at(root_box, entry[0])
        del self.boundaries[index:]  # a page made again
        reported, broken = context.reported_footnotes, context.broken_out_of_flow
        self.boundaries.append(
            Boundary(
                index,
                copy.deepcopy(entry),
                not (reported or broken or in_table),
                self.order.get(getattr(block, "element", None), -1),
                frozenset(self.order.get(note.element, -1) for note in context.footnotes),
            )
        )
        made = self.original(index, context, root_box, html)
        if index == 0:
            self.page_sizes = dict(context.style_for.initial_page_sizes)
        return made

    def recorded(self, document: Any, resumable: bool = True) -> Recorded:
        pages = document.pages
        return Recorded(
            tuple(self.boundaries),
            elements_on(pages, self.order),
            tuple(self.page_sizes.items()),
            strings_of(self.context),
            tuple(tuple(page.bookmarks) for page in pages),
            tuple(float(page.height) for page in pages),
            self.tree,
            resumable,
        )


def elements_on(pages: Any, order: dict[Any, int]) -> tuple[frozenset[int], ...]:
    from octavo.render.pdf.box_tree import walk_boxes

    return tuple(
        frozenset(
            order[element]
            for box in walk_boxes(page._page_box)
            if (element := getattr(box, "element", None)) in order
        )
        for page in pages
    )


def strings_of(context: Any) -> tuple[tuple[str, int, tuple[Any, ...]], ...]:
    return tuple(
        sorted(
            (name, number, tuple(values))
            for name, numbers in context.string_set.items()
            for number, values in numbers.items()
        )
    )


@contextmanager
def recording() -> Iterator[Recorder]:
    """Within: each page's state is recorded (read it with `Recorder.recorded`)."""
    from weasyprint.layout import page

    recorder = Recorder(page.remake_page)
    page.remake_page = recorder
    try:
        yield recorder
    finally:
        page.remake_page = recorder.original


def block_at(root_box: Any, resume_at: Any) -> tuple[Any, bool]:
    """The deepest block a skip stack resumes in, and whether it resumes inside a table."""
    from weasyprint.formatting_structure import boxes

    box, stack, in_table = root_box, resume_at, False
    while stack:
        index, deeper = min(stack.items())
        children = getattr(box, "children", None) or []
        if index >= len(children) or isinstance(children[index], boxes.InlineLevelBox):
            break
        if isinstance(children[index], boxes.LineBox):
            break
        box, stack = children[index], deeper
        if deeper is not None and isinstance(box, boxes.TableBox):
            in_table = True
    return box, in_table
