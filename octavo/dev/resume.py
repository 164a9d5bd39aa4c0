"""Issue 17's spike: a chapter's layout resumed at a page, from the last layout's state.

Never part of a build: what it shows is written up in docs/architecture.md ("An edit
below a chapter"). WeasyPrint 70 makes a page from `context.page_maker[i]` (where the page
starts, its break and name, its side, the page counters and groups: plain data) and the
layout context. `recording` keeps a deep copy of each entry, and what else the context
holds where the page starts, while a part is laid out as `lay_out_part` lays it out.
`lay_out_from` then builds the boxes of an edited HTML (parse, cascade and boxes: the skip
stacks are indices into the whole box tree) and lays out from a page before the edit with
that state alone, up to the page where the breaks meet the old ones again. The pages so
made, put between the old layout's, write the bytes a full layout of the edited HTML
writes (octavo.dev.resume_check; tests/unit/test_dev_resume.py).

What the state is, besides the page_maker entries: the notes not laid out yet (by their
element's place in the tree), the page sizes the first page sets for page units, the
named strings of the pages before, the tables begun before (octavo's "continued" rows),
and octavo's held note and hyphen patches around the layout. A page where a note was
reported on or an out-of-flow box broken across is not resumed at (`Boundary.clean`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Boundary",
    "Recorded",
    "first_change",
    "lay_out_from",
    "local",
    "ordinals",
    "prune",
    "recording",
    "resume_page",
]


@dataclass(frozen=True, slots=True)
class Boundary:
    """The layout's state where page `index` begins."""

    index: int
    entry: Any  # a deep copy of context.page_maker[index]
    clean: bool  # no note reported on to it, no out-of-flow box broken across, no table
    first: int  # ordinal (document order) of the block the page begins in
    notes_left: frozenset[int]  # ordinals of the notes not laid out yet


@dataclass(frozen=True, slots=True)
class Recorded:
    boundaries: tuple[Boundary, ...]
    elements: tuple[frozenset[int], ...]  # ordinals of the elements on each page
    page_sizes: tuple[tuple[str, Any], ...]  # StyleFor.initial_page_sizes, set by page 1
    strings: tuple[tuple[str, int, tuple[Any, ...]], ...]  # (name, page number, values)


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

    def __call__(self, index: int, context: Any, root_box: Any, html: Any) -> Any:
        if context is not self.context:  # another layout (a note's fix): start again
            self.context, self.order, self.boundaries = context, ordinals(html.etree_element), []
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

    def recorded(self, document: Any) -> Recorded:
        from octavo.render.pdf.box_tree import walk_boxes

        pages = tuple(
            frozenset(
                self.order[box.element]
                for box in walk_boxes(page._page_box)
                if getattr(box, "element", None) in self.order
            )
            for page in document.pages
        )
        strings = tuple(
            (name, number, tuple(values))
            for name, numbers in self.context.string_set.items()
            for number, values in numbers.items()
        )
        return Recorded(tuple(self.boundaries), pages, tuple(self.page_sizes.items()), strings)


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


def first_change(old_root: Any, new_root: Any) -> int | None:
    """The ordinal of the first element whose tag, attributes, text or tail differ."""
    pairs = zip(old_root.iter(), new_root.iter(), strict=False)
    for i, (a, b) in enumerate(pairs):
        if (a.tag, dict(a.attrib), a.text, a.tail) != (b.tag, dict(b.attrib), b.text, b.tail):
            return i
    return None


def resume_page(recorded: Recorded, change: int) -> int:
    """The last clean page that begins before the changed element, none of whose pages
    before it holds any of it."""
    return max(
        b.index
        for b in recorded.boundaries
        if b.clean
        and b.first < change
        and not any(change in page for page in recorded.elements[: b.index])
    )


HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
BLOCKS = HEADINGS | {"p", "table", "figure", "ul", "ol", "dl", "blockquote", "div", "section"}


def prune(root: Any, first: int) -> dict[Any, int]:
    """Empty each block element of the tree that ends before the element of ordinal
    `first` and holds no note (a note's number counts the notes before it) nor quote:
    the pages before are not laid out again, and an empty block keeps its box, so the
    skip stacks' indices hold. The ordinals of the tree's elements before it was pruned
    (those the recorded state names)."""
    order = ordinals(root)
    ends = {element: order[element] + sum(1 for _ in element.iter()) - 1 for element in order}

    def kept(element: Any) -> bool:
        return any(
            "note" in (e.get("class") or "").split() or local(e.tag) == "q" for e in element.iter()
        )

    def visit(element: Any) -> None:
        for child in element:
            if order[child] > first:
                return
            if ends[child] >= first or kept(child):
                visit(child)
            elif local(child.tag) in BLOCKS:
                child.text = None
                for grandchild in list(child):
                    child.remove(grandchild)

    visit(root)
    return order


def local(tag: Any) -> str:
    """An element's tag without its namespace."""
    return str(tag).rpartition("}")[2]


def lay_out_from(
    html: Any,
    recorded: Recorded,
    start: int,
    fonts: Any,
    after: int | None = None,
    pruned: bool = False,
) -> tuple[Any, int]:
    """A weasyprint Document of `html`'s pages from page `start` on, laid out from the
    recorded state; it stops at the first page whose state is the old one's at the same
    page, past the element of ordinal `after` (the last changed). Also the index of the
    first page not laid out: the old layout's pages from there on follow."""
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.document import Document, Page
    from weasyprint.formatting_structure.build import build_formatting_structure
    from weasyprint.html import get_html_metadata
    from weasyprint.layout import page as pages
    from weasyprint.layout.background import layout_backgrounds
    from weasyprint.pdf.metadata import DocumentMetadata
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration() if fonts is None else fonts
    root = html.etree_element
    order = prune(root, recorded.boundaries[start].first) if pruned else ordinals(root)
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
    _restore(context, order, recorded, start)
    made, index = [], start
    while True:
        box, resume_at = pages.remake_page(index, context, root_box, html)
        made.append(box)
        index += 1
        if resume_at is None and not context.reported_footnotes:
            break
        if after is not None and _met(context, recorded, index, after):
            break
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
    return document, index


def _restore(context: Any, order: dict[Any, int], recorded: Recorded, start: int) -> None:
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


def _met(context: Any, recorded: Recorded, index: int, after: int) -> bool:
    """Do the breaks meet the old ones again where page `index` begins?"""
    if index >= len(recorded.boundaries):
        return False
    old = recorded.boundaries[index]
    quiet = not (context.reported_footnotes or context.broken_out_of_flow)
    same = context.page_maker[index][:4] == old.entry[:4]  # resume_at, break, side, counters
    return quiet and old.clean and old.first > after and same
