"""E657 from a book laid out in parts, told at the PDF's page a one-process build names.

In one process, E657 (notes set over a page's text: octavo.render.pdf.notes.place) names
the page of the whole book's layout: the PDF's page, counted from its first (a cover's
too), as a PDF viewer counts it. A part laid out in a worker counts its pages from its own
first, and where that page falls in the book is known only once the parts before it are
laid out, the front matter among them, which is laid out after the chapters (it prints
their folios). So a part's E657 comes back with the part's page maps (`PartSpilled`); the
build waits for the other chapters, lays out the front matter with their folios, places
the parts as the merge places them (merge.place) and tells the error at the book's page
(`chapters_laid_out`). One the build cannot place so (the front matter's own, or a part
laid out again later: page references, a part resumed and then laid out whole) falls back
to the one-process build (parallel.build), which names its page itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from octavo.render.pdf.notes.place import LetThrough, Spilled
from octavo.render.pdf.parallel.merge import place
from octavo.render.pdf.parallel.page_maps import PageMap
from octavo.render.pdf.parallel.part import PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.started import Started, finish

__all__ = ["PartSpilled", "at_page", "chapters_laid_out"]


class PartSpilled(Spilled):
    """E657 in the part `part`: its group's pages counted from the part's first page; with
    the part's page maps, so that the build can place it (`chapters_laid_out`)."""

    def __init__(
        self,
        group: LetThrough,
        part: str,
        pages: tuple[PageMap, ...],
        written: Iterable[Path] = (),
    ):
        super().__init__(group, written)
        self.part = part
        self.pages = pages

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.group, self.part, self.pages, self.written))


def chapters_laid_out(
    store: PartStore,
    started: Sequence[Started],
    front: Callable[[tuple[PartLayout, ...]], PartLayout],
) -> tuple[PartLayout, ...]:
    """The chapters' parts (`started`, in the book's order) laid out. Where one set notes
    over a page's text (the first in the book, as one process names the first such page):
    the others waited for, the front matter laid out with the folios they give (`front`),
    and the error raised at the page of the book (`at_page`)."""
    parts: list[PartLayout] = []
    spilled: list[tuple[int, PartSpilled]] = []
    for each in started:
        try:
            parts.append(finish(store, each))
        except PartSpilled as failed:  # its pages stand in for its layout: never kept
            spilled.append((len(parts), failed))
            parts.append(PartLayout(failed.part, "", b"", failed.pages, (), ()))
    if not spilled:
        return tuple(parts)
    at, first = spilled[0]
    placed, _ = place(front(tuple(parts)), tuple(parts))
    raise at_page(first, placed[at + 1].start) from None


def at_page(failed: Spilled, start: int) -> Spilled:
    """`failed`'s E657 with its pages counted in the book: its part begins on the book's
    page `start` (0-based)."""

    def moved(page: int | None) -> int | None:
        return None if page is None else page + start

    group = failed.group
    notes = tuple(
        replace(p, heading_page=moved(p.heading_page), note_page=moved(p.note_page))
        for p in group.notes
    )
    return Spilled(LetThrough(notes, moved(group.spilled)), failed.written)
