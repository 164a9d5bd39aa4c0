"""A chapter's layout resumed from the page states kept beside its part
(octavo.render.pdf.parallel.page_states): after an edit, `lay_out_from` builds the boxes of
the edited HTML and lays out from a clean page before the edit (`resume_page`) with that
page's state alone (its boundaries in the edited tree's ordinals: `moved_boundaries`), up
to the page where the breaks meet the old ones again.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from octavo.render.pdf.parallel.page_states import Boundary, Recorded, Recorder, block_at, ordinals
from octavo.render.pdf.parallel.tree_diff import Diff

__all__ = ["lay_out_from", "moved_boundaries", "resume_page"]


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
    block, _ = block_at(root, entry[0])
    return order.get(getattr(block, "element", None)) == change.to_new(old.first)
