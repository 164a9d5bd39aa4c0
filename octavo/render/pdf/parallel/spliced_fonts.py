"""Chapters resumed after an edit, laid out whole when the merge would keep their own fonts.

A resumed part (octavo.render.pdf.parallel.resume) keeps the pages before the edit as its
last layout wrote them, with that layout's font subsets, which also hold the glyphs of the
pages the edit replaced (and may name a font that no page draws any more). The merge writes
each font once for the book from the pages' records (octavo.render.pdf.parallel.book_fonts)
and points every part's pages at those, so this leaves no trace; but a font it does not
write so is kept as the parts have it: one the records cannot cover (a .notdef drawn in
another chapter), one drawn on no page of the book, one whose whole file the cache lost,
every font when the stamp cannot be laid over the pages as a form. The book's bytes would
then depend on the history of its edits. The merge says so (merge.Spliced, checked on the
pages as merged, not guessed before), and the build lays those chapters out whole, as a
cold build lays them out (the same pages: only the fonts' bytes differ), and merges again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor

from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.started import finish

__all__ = ["whole_again"]

log = logging.getLogger("octavo")


def whole_again(
    pool: Executor,
    store: PartStore,
    job_of: Callable[[str], PartJob],
    chapters: tuple[PartLayout, ...],
    names: tuple[str, ...],
) -> tuple[PartLayout, ...]:
    """The chapters, those `names` laid out whole in `pool` (`job_of`: a chapter's job by
    name, as a cold build makes it), never resumed nor taken from `store`, where each is
    then kept in the spliced one's place."""
    started = {}
    for name in names:
        log.info("part %s laid out whole: the merge would keep its own fonts", name)
        started[name] = pool.submit(lay_out_part, store.keyed(job_of(name)))
    return tuple(finish(store, started[c.name]) if c.name in started else c for c in chapters)
