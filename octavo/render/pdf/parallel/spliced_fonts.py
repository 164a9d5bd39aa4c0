"""A chapter resumed after an edit, laid out whole again when one of its fonts falls back
to the parts' own subsets.

A resumed part (octavo.render.pdf.parallel.resume) keeps the pages before the edit as its
last layout wrote them, with that layout's font subsets, which also hold the glyphs of the
pages the edit replaced. The merge writes each font once for the book from the pages'
records (octavo.render.pdf.parallel.book_fonts), so those glyphs leave no trace. A font it
cannot write so (a .notdef drawn in another chapter, say) is the union of the parts'
subsets instead (octavo.render.pdf.parallel.fonts), and the union would carry them: the
book's bytes would then depend on the history of its edits. Before the merge, each
spliced chapter that draws such a font is laid out whole, as a cold build lays it out
(its pages are the same: only the fonts' bytes differ).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor

from octavo.render.pdf.parallel.book_fonts import uncovered
from octavo.render.pdf.parallel.jobs import finish
from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.parts_store import PartStore

__all__ = ["whole_again"]

log = logging.getLogger("octavo")


def whole_again(
    pool: Executor,
    store: PartStore,
    job_of: Callable[[str], PartJob],
    chapters: tuple[PartLayout, ...],
    others: tuple[PartLayout, ...],
) -> tuple[PartLayout, ...] | None:
    """The chapters, each spliced one that draws a font the records cannot cover laid out
    whole in `pool` (`job_of`: its job by name, as a cold build makes it; kept in `store`
    in the spliced one's place); None when there is none. `others`: the book's other
    parts (front matter, appendix, stamp), whose fonts count as much."""
    if not any(c.spliced for c in chapters):
        return None
    gone = uncovered((*others, *chapters))

    def falls_back(chapter: PartLayout) -> bool:
        faces = chapter.faces or ()
        return chapter.spliced and (gone is None or any(f.hash in gone for f in faces))

    again = {c.name: c for c in chapters if falls_back(c)}
    if not again:
        return None
    started = {}
    for name in again:
        log.info("part %s laid out whole: a font of it is not written from the records", name)
        started[name] = pool.submit(lay_out_part, store.keyed(job_of(name)))
    return tuple(finish(store, started[c.name]) if c.name in again else c for c in chapters)
