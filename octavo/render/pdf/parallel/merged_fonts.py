"""The book's fonts in the merged PDF: each font the pages' glyph records cover written once
for the whole book (octavo.render.pdf.parallel.book_fonts), and whether a part's pages
still name a font of their own (a spliced part's: octavo.render.pdf.parallel.merge.Spliced).
"""

from __future__ import annotations

from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from octavo.cache import Store
from octavo.render.pdf.parallel.book_fonts import book_fonts, stamped_pages, subsets
from octavo.render.pdf.parallel.font_dicts import font_tables, write_fonts
from octavo.render.pdf.parallel.overlay import FORM
from octavo.render.pdf.parallel.part import PartLayout

if TYPE_CHECKING:
    from octavo.render.pdf.parallel.merge import Placed

__all__ = ["own_fonts", "written_fonts"]


def _part_tables(writer: Any, p: Placed) -> tuple[Any, ...]:
    """The /Font dictionaries of a part's pages: one in a part laid out whole; a part
    resumed after an edit is written in two goes (octavo.render.pdf.parallel.resume)."""
    found: list[Any] = []
    for index in range(p.start, p.start + len(p.part.pages)):
        for table in font_tables(writer.pages[index]):
            if all(table is not known for known in found):
                found.append(table)
    return tuple(found)


def own_fonts(writer: Any, p: Placed, written: frozenset[str]) -> bool:
    """Whether a part's pages name a font the merge did not write for the book."""
    tables = _part_tables(writer, p)
    return any(str(key)[1:] not in written for table in tables for key in table)


def written_fonts(
    writer: Any,
    placed: tuple[Placed, ...],
    stamp: PartLayout,
    store: Store | None,
    pool: Executor | None,
) -> frozenset[str]:
    """Each font the pages' records cover written once for the book from them
    (octavo.render.pdf.parallel.book_fonts); the hashes written."""
    stamped = stamped_pages(len(placed), stamp)
    chosen = book_fonts(tuple(p.part for p in placed), stamp)
    if not chosen.fonts:
        return frozenset()
    tables = [_part_tables(writer, p) for p in placed]
    over = font_tables(writer.pages[placed[1].start], FORM) if stamped else ()
    if stamped and not over:
        return frozenset()  # the stamp merged into the pages (links on it): its fonts stay
    files = subsets(chosen.fonts, store or Store(None), pool)
    return write_fonts(writer, chosen, files, (*tables, over))
