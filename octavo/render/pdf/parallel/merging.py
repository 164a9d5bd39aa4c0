"""Which merge puts the parts together (octavo.render.pdf.parallel.merge.Merger): one begun
while the last parts were laid out, taken up when it holds the first of them (`merging`);
one begun with the body while the front matter is still laid out (`body_merger`); else a
new one, in order. `merge_parts`: the book's PDF from whichever it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Executor

from octavo.cache import Store
from octavo.render.pdf.page_labels import Label
from octavo.render.pdf.parallel.fonts import Begun
from octavo.render.pdf.parallel.merge import Merger, Placed, place
from octavo.render.pdf.parallel.part import PartLayout

__all__ = ["body_merger", "merge_parts", "merging"]


def merge_parts(
    placed: tuple[Placed, ...],
    total: int,
    stamp: PartLayout,
    fonts: Store | None = None,
    pool: Executor | None = None,
    begun: Merger | None = None,
    unions: Begun | None = None,
    nest: Mapping[str, str] | None = None,
    labels: tuple[Label, ...] = (),
) -> bytes:
    """The book's PDF, its page `labels` those of the whole book (page_labels.book_labels:
    the front part's are not the book's); `fonts`: where shared fonts made before are kept
    (octavo.cache); `pool`: workers that make the shared fonts side by side; `begun`: a
    merge of the first parts made meanwhile (used if they are the first of `placed`);
    `unions`: shared fonts being made meanwhile
    (octavo.render.pdf.parallel.fonts.begin_unions); `nest`: (part name -> name of the
    part whose first bookmark its bookmarks go under: a country's chapters under its title
    page's, octavo.render.pdf.parallel.jobs.nested)."""
    merger = merging(placed, begun, stamp)
    return merger.finish(total, stamp, fonts, pool, unions, nest, labels)


def body_merger(body: tuple[PartLayout, ...]) -> Merger:
    """A merge begun with the body (the chapters and the appendix) while the front matter
    is still being laid out (a cold build; an edit that moved a page number), and the stamp
    too: the body's pages added here, `Merger.stamp_body` then lays the stamp over them and
    `merging` puts the front before it. The same bytes as a merge in order: the pages,
    objects and calls are the same, `compact` numbers the objects anew, and the fonts are
    shared in book order."""
    merger = Merger()
    merger.front = False
    for p in place(PartLayout("none", "", b"", (), (), ()), body)[0][1:]:
        merger.add(p)
    return merger


def merging(
    placed: tuple[Placed, ...], begun: Merger | None = None, stamp: PartLayout | None = None
) -> Merger:
    """A merge with every part of `placed` added in order: `begun` when it holds the first
    of them, or their body stamped by `stamp` (see `Merger.fits`), else a new one."""
    if begun is not None and not begun.front and begun.fits(placed, stamp):
        begun.put_front(placed)
        return begun
    merger = begun if begun is not None and begun.front and begun.fits(placed) else Merger()
    for p in placed[len(merger.placed) :]:
        merger.add(p)
    return merger
