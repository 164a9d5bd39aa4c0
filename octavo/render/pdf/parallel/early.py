"""The tail begun early, while the chapters are still being laid out.

When the cache holds an earlier layout of every chapter still to be laid out, the front
matter, appendix and stamp are started at once with the folios those layouts give
(`guess`), to be taken over once the chapters are known if the guess was right
(octavo.render.pdf.parallel.tail.lay_out_tail); and the merge is begun with the parts
already known (`begin`).
"""

from __future__ import annotations

from concurrent.futures import Executor

from octavo.errors import BuildError
from octavo.model import APPENDIX, Manuscript
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.job_memo import made
from octavo.render.pdf.parallel.jobs import (
    appendix_job,
    dated,
    front_job,
    has_front_divisions,
    headings,
    in_parts,
    stamp_job,
)
from octavo.render.pdf.parallel.merge import Merger, place
from octavo.render.pdf.parallel.part import PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.placed import index_page
from octavo.render.pdf.parallel.started import Started, start

__all__ = ["begin", "guess"]


def guess(
    pool: Executor,
    store: PartStore,
    manuscript: Manuscript,
    options: PdfOptions,
    started: dict[str, Started],
) -> dict[str, Started]:
    """Front matter, appendix and stamp started now (by key), with the folios of the last
    layouts of the chapters still being laid out; none when one has no earlier layout."""
    chapters = []
    for chapter in in_parts(manuscript):
        known = started[chapter.id]
        last = known if isinstance(known, PartLayout) else store.last(chapter.id)
        if last is None or {h for p in last.pages for h in p.headings} != headings(chapter):
            return {}  # never laid out, or its headings changed since: no folio to guess
        chapters.append(last)
    # in a book with an index, the contents' number of the index as the last appendix had it
    last_appendix = store.last(APPENDIX) if manuscript.index else None
    if manuscript.index and (last_appendix is None or index_page(last_appendix) is None):
        return {}  # no folio of the index to guess
    stamp = store.keyed(made(store, stamp_job, manuscript, options, tuple(chapters)))
    guessed = {stamp.key: start(pool, store, stamp)}
    try:
        front = store.keyed(
            made(store, front_job, manuscript, options, tuple(chapters), last_appendix)
        )
    except BuildError:
        return guessed  # a link target (a table, a figure) the last layouts lack
    guessed[front.key] = start(pool, store, front)
    # the front-matter divisions' folios (in a book that has them) as the front matter
    # found in the cache prints them, or as its last layout did
    known_front = guessed[front.key]
    last_front = known_front if isinstance(known_front, PartLayout) else store.last("front")
    if last_front is None and has_front_divisions(manuscript):
        return guessed
    try:
        appendix = store.keyed(
            made(store, appendix_job, manuscript, options, tuple(chapters), last_front)
        )
    except BuildError:
        return guessed  # no folio for a front-matter division's section: no appendix guessed
    guessed[appendix.key] = start(pool, store, appendix)
    return guessed


def begin(
    manuscript: Manuscript, started: dict[str, Started], guessed: dict[str, Started]
) -> Merger | None:
    """While chapters are being laid out, the merge begun: the front matter the guess found
    in the cache, then the chapters in order up to the first still being laid out (used if
    the front matter is still the same: see merge_parts). None when nothing is awaited."""
    if all(isinstance(s, PartLayout) for s in started.values()):
        return None  # nothing to wait for: the merge may come from the cache
    found = (g for g in guessed.values() if isinstance(g, PartLayout) and g.name == "front")
    front = next(found, None)
    if front is None:
        return None
    front = dated(manuscript, front)
    ready = []
    for chapter in in_parts(manuscript):
        known = started[chapter.id]
        if not isinstance(known, PartLayout):
            break
        ready.append(known)
    merger = Merger()
    for p in place(front, tuple(ready))[0]:
        merger.add(p)
    # the parts to add after the awaited one and the guessed appendix and stamp, parsed
    # while it is laid out (octavo.render.pdf.parallel.read_ahead)
    later = [started[c.id] for c in in_parts(manuscript)[len(ready) :]]
    later += [g for g in guessed.values() if isinstance(g, PartLayout) and g.name != "front"]
    merger.ahead.read(part for part in later if isinstance(part, PartLayout))
    return merger
