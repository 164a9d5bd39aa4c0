"""Issue 17's spike, checked: a part laid out whole and resumed after an edit
(octavo.dev.resume) write the same bytes. Never part of a build."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from octavo.dev.resume import (
    Recorded,
    first_change,
    lay_out_from,
    local,
    ordinals,
    recording,
    resume_page,
)

__all__ = ["Resumed", "resumed_bytes", "show_continued_from"]


@dataclass(frozen=True, slots=True)
class Resumed:
    """A full layout of an edited part and the same resumed (`resumed_bytes`)."""

    full: bytes  # the PDF of the full layout
    resumed: bytes  # the PDF of the old pages before `start`, the new ones, the old from `kept`
    start: int
    kept: int  # the first old page kept after the new ones (`pages`: none)
    pages: int


def show_continued_from(
    document: Any, recorded: Recorded, start: int, order: dict[Any, int]
) -> None:
    """octavo's `show_continued` on pages laid out from `start`, the tables begun on the
    pages before seen (`order`: the ordinals of the tree's elements)."""
    from octavo.render.pdf.box_tree import walk_boxes
    from octavo.render.pdf.continued import _rows, _tables

    before = frozenset().union(*recorded.elements[:start])
    seen = {id(e) for e, i in order.items() if i in before and local(e.tag) == "table"}
    for page in document.pages:
        for table in _tables(page._page_box):
            if id(table.element) in seen:
                for row in _rows(table):
                    for box in walk_boxes(row):
                        box.style = box.style.copy()
                        box.style["visibility"] = "visible"
            seen.add(id(table.element))


def resumed_bytes(job: Any, edited: str, stop: bool = True, pruned: bool = False) -> Resumed:
    """`job` (a PartJob) laid out and recorded as `lay_out_part` lays it out (its broadside
    tables left where they are), then `edited` (its HTML changed) laid out whole and
    resumed."""
    from octavo.collector import paused
    from octavo.render.pdf.continued import show_continued
    from octavo.render.pdf.document import PdfOptions, load_html, write_document
    from octavo.render.pdf.notes.hold import held
    from octavo.render.pdf.notes.hyphens import hyphens_held
    from octavo.render.pdf.notes.place import place_notes
    from octavo.render.pdf.parallel.shared_fonts import Fonts, applies

    def fonts() -> Any:
        return Fonts(job.fonts) if job.fonts and applies() else None

    def written(document: Any) -> bytes:
        pdf: bytes = write_document(document, PdfOptions(bleed=job.bleed), xmp=job.xmp)
        return pdf

    old_root = load_html(job.html, job.project).etree_element
    html = load_html(job.html, job.project)
    with recording() as recorder:
        old, _ = place_notes(html, job.notes, fonts=fonts)
    show_continued(old)
    recorded = recorder.recorded(old)
    new, _ = place_notes(load_html(edited, job.project), job.notes, fonts=fonts)
    show_continued(new)
    html = load_html(edited, job.project)
    change = first_change(old_root, html.etree_element)
    if change is None:
        raise ValueError("the edited HTML is the same")
    start = resume_page(recorded, change)
    order = ordinals(html.etree_element)
    last = change + sum(1 for _ in list(order)[change].iter()) - 1
    with held(), hyphens_held(), paused():
        after = last if stop else None
        resumed, kept = lay_out_from(html, recorded, start, fonts(), after, pruned)
    show_continued_from(resumed, recorded, start, order)
    pages = old.pages[:start] + resumed.pages + old.pages[kept:]
    return Resumed(written(new), written(resumed.copy(pages)), start, kept, len(new.pages))
