"""A chapter's part after an edit: its last layout resumed at the page before the edit.

An edit of one section used to lay its whole chapter out again (~1.15 s of the 1.9 s edit
at 81 sections). The cache keeps, beside a chapter's part, the HTML it was laid out from
and each page's layout state (octavo.render.pdf.parallel.page_states). `resume_part` finds
the first element the edit changed, lays out from the last clean page before it until the
breaks meet the old ones again (or to the end), and puts the new pages between the old
part's: the pages, page maps, bookmarks and recorded states of a full layout of the
edited HTML (tests/e2e/test_pdf_parallel_resume.py compares them).

A part it cannot resume exactly is laid out whole (`lay_out_part`), logged at info on the
"octavo" logger: no last layout or state, a layout with note fixes or broadside pages (the
pages written were not the first layout of the text as it is), a change before the first
clean page, a note on another page than its call's on the new pages (place_notes would lay
out again), a warning, an exception. Runs in a worker: WeasyPrint is imported within.

The new pages' PDF is written apart and spliced between the old part's pages with pypdf:
each page's content stream is the full layout's, but the part's fonts then carry the
glyphs of both writes (the merge makes each font's file for the whole book).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from octavo.render.pdf.parallel.page_maps import PT, PageMap
from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.part_json import from_json
from octavo.render.pdf.parallel.splice import spliced
from octavo.render.pdf.weasy_log import warnings_logged

__all__ = ["resume_part"]

log = logging.getLogger("octavo")


class _Unresumable(Exception):
    """Why a part is laid out whole instead."""


def resume_part(job: PartJob, last: str, folder: Path, splice: bool = True) -> PartLayout:
    """`job`'s layout, resumed from the part's last layout (`last`: its key in the parts'
    store in `folder`) where they differ; else laid out whole. `splice` False: the new
    pages' PDF, not spliced into the old part's (`PartLayout.unspliced`: the build's
    process splices it, octavo.render.pdf.parallel.resumed_here)."""
    try:
        return _resumed(job, last, folder, splice)
    except _Unresumable as exc:
        why = str(exc)
    except Exception as exc:
        why = f"{type(exc).__name__}: {exc}"
    log.info("part %s laid out whole, not resumed: %s", job.name, why)
    return lay_out_part(job)


def _resumed(job: PartJob, last: str, folder: Path, splice: bool = True) -> PartLayout:
    from octavo.cache import Store
    from octavo.collector import paused
    from octavo.render.guarded import guarded
    from octavo.render.pdf.broadside_flow import broadside_tables
    from octavo.render.pdf.continued import show_continued
    from octavo.render.pdf.document import load_html
    from octavo.render.pdf.notes.hold import held
    from octavo.render.pdf.notes.hyphens import hyphens_held
    from octavo.render.pdf.parallel.page_states import from_bytes, to_bytes
    from octavo.render.pdf.parallel.resumed_layout import lay_out_from, resume_page
    from octavo.render.pdf.parallel.shared_fonts import Fonts, applies
    from octavo.render.pdf.parallel.tree_diff import diff, tree_of
    from octavo.render.pdf.weasy_stack import roomy

    store = Store(folder, signed=True)  # only entries this user's octavo wrote are read
    state, pdf, meta = (store.get(f"{last}.{kind}") for kind in ("state", "pdf", "json"))
    if state is None or pdf is None or meta is None:
        raise _Unresumable("the last layout is not in the cache")
    recorded = from_bytes(state)
    if recorded is None or not recorded.resumable:
        raise _Unresumable("the last layout's states cannot be resumed from")
    old = from_json(meta.decode("utf-8"), pdf)
    if any(page.turned for page in old.pages):
        raise _Unresumable("broadside pages")
    if not _recorded(old.faces):
        raise _Unresumable("the last layout's fonts were not recorded whole")
    with warnings_logged() as logged:
        html = load_html(job.html, job.project)
        tree = tree_of(html.etree_element)  # before the layout: as lay_out_part records it
        change = diff(recorded.tree, tree)
        if change is None:
            raise _Unresumable("the same HTML")
        body = next(i for i, e in enumerate(html.etree_element.iter()) if _local(e) == "body")
        if change.first <= body:
            raise _Unresumable("the head changed")
        if broadside_tables(html.etree_element):
            raise _Unresumable("a broadside table")
        start = resume_page(recorded, change.first, change.old_last)
        if start is None:
            raise _Unresumable("the edit is before the first clean page")
        fonts = Fonts(job.fonts) if job.fonts and applies() else None
        laid = roomy(lay_out_from)  # as HTML.render is called (octavo.render.pdf.weasy_stack)
        with held(), hyphens_held(), paused():
            document, kept, recorder = guarded(lambda: laid(html, recorded, start, fonts, change))
        if not _notes_home(document, job):
            raise _Unresumable("a note off its call's page")
        order = recorder.order
        before = frozenset().union(*recorded.elements[:start])  # the same ordinals
        show_continued(document, (e for e, i in order.items() if i in before and _table(e)))
        new = _new_pages(document, job)
    if logged:
        raise _Unresumable("WeasyPrint warned")
    carried = old.pages[start - 1].chapter if start else ""
    if not _recorded(new.faces):  # the merge would keep the parts' fonts: two writes' glyphs
        raise _Unresumable("the new pages' fonts were not recorded whole")
    pages = (*old.pages[:start], *_carried(new.pages, carried), *old.pages[kept:])
    states = _states(recorded, recorder, document, (start, kept), change, tree)
    marks = _bookmarks(states)
    joined = spliced(pdf, new.pdf, start, kept) if splice else new.pdf
    made = len(document.pages)
    log.info("part %s resumed at page %d: %d pages laid out", job.name, start + 1, made)
    faces = _faces(old.faces, new.faces)
    state = to_bytes(states)
    unspliced = None if splice else (pdf, start, kept)
    return PartLayout(
        job.name, job.key, joined, pages, marks, (), faces, new.files, state, unspliced, splice
    )


def _new_pages(document: Any, job: PartJob) -> PartLayout:
    """The new pages' PDF and page maps, each page's glyphs recorded as it is drawn: the
    one place a resumed part writes them."""
    from octavo.render.guarded import guarded
    from octavo.render.pdf.document import PdfOptions
    from octavo.render.pdf.parallel.page_maps import read_pages
    from octavo.render.pdf.parallel.part import _with_glyphs, _written

    painted: list[Any] = []
    options = PdfOptions(bleed=job.bleed)
    pdf: bytes = guarded(lambda: _written(document, options, job, painted))
    pages = tuple(read_pages(document, frozenset(job.chapters), job.notes))
    layout = PartLayout(job.name, job.key, pdf, pages, (), ())
    return _with_glyphs(layout, painted[0], job.cache) if painted else layout


def _recorded(faces: tuple[Any, ...] | None) -> bool:
    """Whether the merge writes every font of these pages from their glyph records
    (octavo.render.pdf.parallel.book_fonts): else it keeps the part's own fonts, which in
    a spliced part hold the glyphs of the pages the edit replaced."""
    return faces is not None and all(face.whole for face in faces)


def _faces(old: tuple[Any, ...] | None, new: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    """The fonts of the old pages and of the new ones (both recorded whole: `_recorded`)."""
    if old is None or new is None:
        return None
    merged = {face.hash: face for face in old}
    for face in new:
        merged.setdefault(face.hash, face)
    return tuple(merged[name] for name in sorted(merged))


def _carried(pages: tuple[PageMap, ...], chapter: str) -> tuple[PageMap, ...]:
    """The new pages before any chapter heading belong to the chapter of the page before."""
    out, opened = [], False
    for page in pages:
        opened = opened or page.chapter != ""
        out.append(page if opened else replace(page, chapter=chapter))
    return tuple(out)


def _local(element: Any) -> str:
    return str(element.tag).rpartition("}")[2]


def _table(element: Any) -> bool:
    return _local(element) == "table"


def _notes_home(document: Any, job: PartJob) -> bool:
    """Whether every note on the new pages, or called there, is on its call's page."""
    from octavo.render.pdf.notes.layout import note_placements, read_layout

    pages = read_layout(document, frozenset(h for h, _ in job.notes))
    shown = {h for p in pages for h in p.headings} | {n for p in pages for n in p.notes}
    placed = note_placements(pages, job.notes)
    return not any(p.misplaced for p in placed if {p.heading_id, p.note_id} & shown)


def _states(
    recorded: Any, recorder: Any, document: Any, pages: tuple[int, int], change: Any, tree: Any
) -> Any:
    """The recorded states of the part as resumed (`pages`: the new ones, from the first
    to the first old one kept after them; `tree`: the edited HTML's): the full layout's."""
    start, kept = pages
    from octavo.render.pdf.parallel.page_states import Recorded, elements_on, strings_of
    from octavo.render.pdf.parallel.resumed_layout import moved_boundaries

    def moved(pages: tuple[frozenset[int], ...]) -> tuple[frozenset[int], ...]:
        return tuple(frozenset(change.to_new(o) for o in page) for page in pages)

    after = tuple(moved_boundaries(recorded.boundaries[kept:], change))
    strings = strings_of(recorder.context) + tuple(s for s in recorded.strings if s[1] > kept)
    new = document.pages
    return Recorded(
        (*recorder.boundaries, *after),
        (
            *moved(recorded.elements[:start]),
            *elements_on(new, recorder.order),
            *moved(recorded.elements[kept:]),
        ),
        tuple(recorder.page_sizes.items()) if start == 0 else recorded.page_sizes,
        tuple(sorted(strings)),
        (
            *recorded.bookmarks[:start],
            *(tuple(p.bookmarks) for p in new),
            *recorded.bookmarks[kept:],
        ),
        (*recorded.heights[:start], *(float(p.height) for p in new), *recorded.heights[kept:]),
        tree,
    )


def _bookmarks(recorded: Any) -> tuple[Any, ...]:
    """The part's bookmarks as WeasyPrint's tree of the whole layout gives them (its own
    `make_bookmark_tree`, over each page's bookmarks and height)."""
    from weasyprint.document import Document

    from octavo.render.pdf.parallel.page_maps import bookmark

    pages = [
        SimpleNamespace(bookmarks=list(marks), height=height)
        for marks, height in zip(recorded.bookmarks, recorded.heights, strict=True)
    ]
    tree = Document.make_bookmark_tree(SimpleNamespace(pages=pages), scale=PT, transform_pages=True)
    return tuple(bookmark(b, {}) for b in tree)
