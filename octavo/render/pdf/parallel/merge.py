"""Put laid-out parts together with pypdf: one PDF as a one-process layout would write it.

front matter, a blank page if it ends on a right-hand page, then each body part (a blank
page first when the previous one ended on a right-hand page, as `break-before: right`
does), the stamp (running heads, folios) laid over the body pages up to the
appendix (which prints its own), then the named
destinations, the links of the contents and appendix, the bookmarks and the metadata of
the front part, each font once for the whole book from the glyphs its pages draw
(octavo.render.pdf.parallel.book_fonts, written by
octavo.render.pdf.parallel.merged_fonts), and an /ID made from the content: the same pages
give the same bytes, whatever layouts of the parts they came from. The
stamp's overlay: octavo.render.pdf.parallel.overlay; the destinations, links and bookmarks:
octavo.render.pdf.parallel.navigation.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from octavo.cache import Store
from octavo.render.pdf.page_labels import Label, pypdf_labels
from octavo.render.pdf.parallel.fonts import Begun, share_fonts
from octavo.render.pdf.parallel.merged_fonts import own_fonts, written_fonts
from octavo.render.pdf.parallel.navigation import (
    add_destinations,
    add_links,
    add_outline,
    move_first,
    name_destinations,
)
from octavo.render.pdf.parallel.overlay import Overlay
from octavo.render.pdf.parallel.part import PartLayout
from octavo.render.pdf.parallel.read_ahead import ReadAhead

__all__ = [
    "Merger",
    "Placed",
    "Spliced",
    "Unmergeable",
    "compact",
    "merge_libraries",
    "place",
]


@dataclass(frozen=True, slots=True)
class Placed:
    part: PartLayout
    start: int  # 0-based page of the merged PDF where the part begins


class Unmergeable(Exception):
    """The parts do not fit together (the caller falls back to a one-process layout)."""


class Spliced(Exception):
    """Parts resumed after an edit (`PartLayout.spliced`, by name) whose fonts the merge
    would keep as they are: laid out whole, they are merged again
    (octavo.render.pdf.parallel.spliced_fonts)."""

    def __init__(self, names: tuple[str, ...]):
        super().__init__(", ".join(names))
        self.names = names


def place(front: PartLayout, body: tuple[PartLayout, ...]) -> tuple[tuple[Placed, ...], int]:
    """Where each part starts; and the page count with the blank pages included.
    Unmergeable where a part but the last ends on a right-hand page of its notes alone
    (carried past its text: octavo.render.pdf.weasy_carried): the whole book sets them at
    the foot of the next part's first page, not on a page of their own."""
    if any(p.pages and p.pages[-1].carried == "right" for p in (front, *body[:-1])):
        raise Unmergeable("a part's notes run onto a right-hand page of their own")
    placed = [Placed(front, 0)]
    at = len(front.pages)
    for part in body:
        at += at % 2  # every body part opens on a right-hand (odd) page
        placed.append(Placed(part, at))
        at += len(part.pages)
    return tuple(placed), at


def merge_libraries() -> None:
    """Import what the merge uses (~0.1 s of CPU): called while the parts are being laid
    out, when this process has nothing else to do, rather than once they are."""
    import pikepdf  # noqa: F401
    import pypdf  # noqa: F401


class Merger:
    """merging.merge_parts in two steps: the parts added one by one in their order (the first
    ones while later ones are still being laid out), then `finish`. The same calls in the
    same order as all at once: the same bytes."""

    def __init__(self) -> None:
        from pypdf import PdfWriter

        from octavo.render.pdf.parallel.pypdf_names import install

        install()
        self.writer = PdfWriter()
        self.placed: list[Placed] = []
        self.readers: list[Any] = []
        self.stamped = ""  # the key of the stamp laid over the body early (`stamp_body`)
        self.front = True  # False while a merge begun with the body waits for the front
        self.first = len(self.writer._objects)  # the objects of a new writer come first
        self.ahead = ReadAhead()  # the parts still to add, parsed meanwhile

    def add(self, p: Placed) -> None:
        """The next part's pages, after blank pages up to where it starts."""
        from pypdf.generic import NameObject

        writer = self.writer
        reader = self.ahead.reader(p.part)
        self.placed.append(p)
        self.readers.append(reader)
        first = self.readers[0].pages[0]
        while len(writer.pages) < p.start:
            blank = writer.add_blank_page(float(first.mediabox.width), float(first.mediabox.height))
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):  # the parts' boxes, bleed too
                if box in first:
                    blank[NameObject(box)] = first[box]
        for page in reader.pages:
            writer.add_page(page)

    def fits(self, placed: tuple[Placed, ...], stamp: PartLayout | None = None) -> bool:
        """Whether the parts added so far begin `placed` (the same parts, the same starts);
        a merge begun with the body: whether it is `placed`'s body, stamped by `stamp`."""
        ours = [(p.part.key, p.start) for p in self.placed]
        if self.front:
            return ours == [(p.part.key, p.start) for p in placed[: len(ours)]]
        shift = placed[1].start if len(placed) > 1 else 0
        body = [(p.part.key, p.start - shift) for p in placed[1:]]
        return stamp is not None and stamp.key == self.stamped and ours == body

    def put_front(self, placed: tuple[Placed, ...]) -> None:
        """The front matter's pages (and the blank page after them) before a body merged
        first (merging.body_merger): the same pages, objects and calls as in order, but for
        the objects' numbers, which `compact` writes anew."""
        from pypdf.generic import NameObject

        writer, front = self.writer, placed[0]
        reader = self.ahead.reader(front.part)
        begin = len(writer._objects)
        for index, page in enumerate(reader.pages):
            writer.insert_page(page, index)
        first = reader.pages[0]
        at = len(reader.pages)
        while at < (placed[1].start if len(placed) > 1 else at):
            width, height = float(first.mediabox.width), float(first.mediabox.height)
            writer.insert_blank_page(width, height, at)
            blank = writer.pages[at]  # the page inserted is a copy of the one made
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                if box in first:
                    blank[NameObject(box)] = first[box]
            at += 1
        move_first(writer, self.first, begin)  # the front's objects before the body's
        self.readers.insert(0, reader)
        self.placed = list(placed)
        self.front = True

    def stamp_body(self, stamp: PartLayout) -> Merger:
        """The stamp laid over a body merged first (merging.body_merger)."""
        _stamp(self.writer, 0, self.placed[-1].start, stamp, self.ahead)
        self.stamped = stamp.key
        return self

    def finish(
        self,
        total: int,
        stamp: PartLayout,
        fonts: Store | None = None,
        pool: Executor | None = None,
        unions: Begun | None = None,
        nest: Mapping[str, str] | None = None,
        labels: tuple[Label, ...] = (),
    ) -> bytes:
        """The book's PDF once every part is added (see merging.merge_parts)."""
        from pypdf.generic import NameObject

        writer, placed, readers = self.writer, tuple(self.placed), self.readers
        if len(writer.pages) != total:
            raise Unmergeable(f"{len(writer.pages)} pages merged, {total} expected")
        if self.stamped != stamp.key:
            start, end = (placed[1].start, placed[-1].start) if len(placed) > 1 else (total, total)
            _stamp(writer, start, end, stamp, self.ahead)
        named: dict[str, tuple[Any, Any]] = {}
        for p in placed:
            add_destinations(writer, p, named)
            add_links(writer, p)
        name_destinations(writer, named)
        items: dict[str, Any] = {}  # part name -> its first bookmark's outline item
        for p in placed:
            parent = items.get((nest or {}).get(p.part.name, ""))
            for mark in p.part.bookmarks:
                item = add_outline(writer, mark, p.start, parent)
                items.setdefault(p.part.name, item)
        written = written_fonts(writer, placed, stamp, fonts, pool)
        # a spliced part's fonts not written for the book hold the replaced pages' glyphs
        # (or name a font no page draws any more): other bytes than a cold build's
        kept = tuple(
            p.part.name for p in placed if p.part.spliced and own_fonts(writer, p, written)
        )
        if kept:
            raise Spliced(kept)
        # what the pages' records do not cover: one union of the parts' subsets a font
        if share_fonts(writer, fonts, pool, unions, written) or written:
            writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        writer.add_metadata(dict(readers[0].metadata or {}))
        front: Any = readers[0].trailer["/Root"]
        if "/Metadata" in front:  # the XMP: identifiers, series (octavo.render.pdf.finish)
            writer._root_object[NameObject("/Metadata")] = (
                front["/Metadata"].clone(writer).indirect_reference
            )
        _catalog(writer, front, labels)
        out = io.BytesIO()
        writer.write(out)
        return compact(out.getvalue())


def _catalog(writer: Any, front: Any, labels: tuple[Label, ...]) -> None:
    """The book's page `labels` and the front's language (WeasyPrint's /Lang: pypdf's
    writer left it out), in the book's catalog."""
    from pypdf.generic import NameObject

    if "/Lang" in front:
        writer._root_object[NameObject("/Lang")] = front["/Lang"].clone(writer)
    if labels:
        writer._root_object[NameObject("/PageLabels")] = pypdf_labels(labels)


def compact(pdf: bytes) -> bytes:
    """`pdf` with its objects in compressed object streams, as WeasyPrint writes them (pypdf
    cannot): without this the merged PDF carries ~2 KB of plain dictionaries a page. The
    /ID is made from the content written (QPDF's deterministic ID; the one pypdf gave it
    dropped first, else QPDF keeps its first half): the same pages, the same bytes,
    whatever parts they came from."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if "/ID" in document.trailer:
            del document.trailer["/ID"]
        document.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            deterministic_id=True,
        )
    return out.getvalue()


def _stamp(writer: Any, start: int, end: int, stamp: PartLayout, ahead: ReadAhead) -> None:
    """The stamp laid over the pages from `start` (the body's first) to `end` (the
    appendix's first, which prints its own heads and folios, as the pages after it do):
    the stamp's last page is the appendix's first (jobs.stamp_job), not laid over."""
    pages = ahead.reader(stamp).pages
    if start + len(pages) - 1 != end:
        raise Unmergeable(f"the stamp has {len(pages) - 1} pages, the body {end - start}")
    lay = Overlay(writer)
    for index in range(len(pages) - 1):
        lay(writer.pages[start + index], pages[index])  # blank pages have heads too
