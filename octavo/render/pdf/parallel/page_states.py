"""Each page's layout state, kept beside a chapter's part, and a layout resumed from it.

WeasyPrint 70 makes a page from `context.page_maker[i]` (where the page starts, its break
and name, its side, the page counters and groups: plain data) and the layout context.
While `lay_out_part` lays a chapter out, `recording` keeps a deep copy of each entry and
what else the context holds where the page starts (the last layout wins: a note's fix or
the broadside flow's decision layout comes before the one written). After an edit,
`lay_out_from` builds the boxes of the edited HTML (the skip stacks are indices into the
whole box tree) and lays out from a clean page before the edit with that state alone, up
to the page where the breaks meet the old ones again (octavo.render.pdf.parallel.resume
puts the pages together). Issue 17; the measurements: docs/architecture.md ("An edit
below a chapter").

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
from dataclasses import dataclass, replace
from typing import Any

from octavo.render.pdf.parallel.tree_diff import Diff, Node, tree_of

__all__ = [
    "Boundary",
    "Recorded",
    "Recorder",
    "from_bytes",
    "lay_out_from",
    "ordinals",
    "recording",
    "resume_page",
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
        block, in_table = _block_at(root_box, entry[0])
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


def _block_at(root_box: Any, resume_at: Any) -> tuple[Any, bool]:
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


def resume_page(recorded: Recorded, first: int, last: int) -> int | None:
    """The last clean page that begins in a block ending before the changed run (old
    ordinals `first` to `last`), none of whose pages before it holds any of it (None: no
    such page). Not a page that begins inside a block holding the run: where the page
    before it ends follows the lines after its end (widows, a hyphen held over), which an
    edit inside the block, in a phrase or a note's call, can change. The first page always
    may be: no page ends before it."""
    run = range(first, last + 1)
    found = [
        b.index
        for b in recorded.boundaries
        if b.clean
        and -1 < b.first < first
        and (b.index == 0 or b.first >= len(recorded.tree) or recorded.tree[b.first][2] < first)
        and not any(o in run for page in recorded.elements[: b.index] for o in page)
    ]
    return max(found, default=None)


def lay_out_from(
    html: Any,
    recorded: Recorded,
    start: int,
    fonts: Any,
    change: Diff,
) -> tuple[Any, int, Recorder]:
    """A weasyprint Document of `html`'s pages from page `start` on, laid out from the
    recorded state (`change`: where `html` differs from the HTML recorded); it stops at the
    first page past the changed run whose state is the old one's at the same page. Also the
    index of the first page not laid out (the old layout's pages from there on follow),
    and the recorder of the new pages' states (its boundaries are the new layout's up to
    that page)."""
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.document import Document, Page
    from weasyprint.formatting_structure.build import build_formatting_structure
    from weasyprint.html import get_html_metadata
    from weasyprint.layout import page as pages
    from weasyprint.layout.background import layout_backgrounds
    from weasyprint.pdf.metadata import DocumentMetadata
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration() if fonts is None else fonts  # as html.render makes one
    options = dict(DEFAULT_OPTIONS)
    counters = CounterStyle()
    context = Document._build_layout_context(html, fonts, counters, {}, options)
    root_box = build_formatting_structure(
        html.etree_element,
        context.style_for,
        context.get_image_from_uri,
        html.base_url,
        context.target_collector,
        counters,
        context.footnotes,
    )
    recorder = Recorder(pages.remake_page)
    recorder.context, recorder.order = context, ordinals(html.etree_element)
    in_run = range(change.first, change.new_last + 1)
    notes = frozenset(o for n in context.footnotes if (o := recorder.order[n.element]) in in_run)
    moved = tuple(moved_boundaries(recorded.boundaries[: start + 1], change, notes))
    _restore(context, recorder.order, replace(recorded, boundaries=moved), start)
    recorder.boundaries = list(moved[:start])
    made, index, follows = [], start, len(recorded.boundaries)
    while True:
        remake = context.page_maker[index][-1]  # reset as make_all_pages resets it
        remake.update(content_changed=False, pages_wanted=False, anchors=[], content_lookups=[])
        box, resume_at = recorder(index, context, root_box, html)
        made.append(box)
        index += 1
        if resume_at is None and not context.reported_footnotes:
            break  # the end: no old page follows (a chapter made shorter had more)
        if _met(context, recorded, index, change, recorder.order, root_box):
            follows = index  # the breaks met: the old pages from here on follow
            break
    del recorder.boundaries[index:]
    for offset, box in enumerate(made):  # layout_document's second half, for these pages
        number = start + offset + 1
        for child in box.descendants():
            if child.string_set and child.string_set != "none":
                for name, text in child.string_set:
                    context.string_set[name][number].append(text)
    for offset, box in enumerate(made):
        context.current_page = start + offset + 1
        root, footnote_area, note_area = box.children
        state = context.page_maker[context.current_page][3]
        kept = [area for area in (footnote_area, note_area) if area.children]
        box.children = (root, *kept, *pages.make_margin_boxes(context, box, state))
        layout_backgrounds(box, context.get_image_from_uri)
    metadata = DocumentMetadata(**get_html_metadata(html))
    intent = options["output_intent"]
    document = Document([Page(box) for box in made], metadata, html.url_fetcher, fonts, {}, intent)
    return document, follows, recorder


def moved_boundaries(
    boundaries: tuple[Boundary, ...], change: Diff, run_notes: frozenset[int] = frozenset()
) -> Iterator[Boundary]:
    """Old boundaries in the ordinals of the edited tree; `run_notes`: the notes of the
    changed run in the new tree, still to come where these pages begin (those before it)."""
    for b in boundaries:
        notes = frozenset(n for o in b.notes_left if (n := change.to_new(o)) is not None)
        notes |= run_notes
        first = change.to_new(b.first) if b.first >= 0 else -1
        yield replace(b, first=-1 if first is None else first, notes_left=notes)


def _restore(context: Any, order: dict[Any, int], recorded: Recorded, start: int) -> None:
    """The context as it was where page `start` began (`order`: the new tree's ordinals,
    which the boundary's notes already are)."""
    boundary = recorded.boundaries[start]
    context.page_maker = [copy.deepcopy(b.entry) for b in recorded.boundaries[: start + 1]]
    if start:
        context.style_for.initial_page_sizes.update(dict(recorded.page_sizes))
    context.footnotes = [
        note for note in context.footnotes if order.get(note.element, -1) in boundary.notes_left
    ]
    context.rendered_notes = []
    for name, number, values in recorded.strings:
        if number <= start:
            context.string_set[name][number] = list(values)


def _met(
    context: Any, recorded: Recorded, index: int, change: Diff, order: dict[Any, int], root: Any
) -> bool:
    """Do the breaks meet the old ones again where page `index` begins, past the changed
    run: the same page_maker entry as the old one's at that page, in the same element (a
    block inserted or removed before it shifts the skip stack's indices), nothing
    reported or broken across?"""
    if index >= len(recorded.boundaries):
        return False
    old = recorded.boundaries[index]
    quiet = not (context.reported_footnotes or context.broken_out_of_flow)
    entry = context.page_maker[index]
    same = entry[:4] == old.entry[:4]  # resume_at, break, side, counters
    if not (quiet and old.clean and old.first > change.old_last and same):
        return False
    block, _ = _block_at(root, entry[0])
    return order.get(getattr(block, "element", None)) == change.to_new(old.first)
