"""The parts' layouts started and waited for: a part's job (octavo.render.pdf.parallel.jobs)
laid out in a worker, resumed from its last layout, or its layout taken from the cache
(`start`, `start_all`: the longest first), and waited for (`finish`: its warnings told
on WeasyPrint's logger, its layout kept).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from concurrent.futures import Executor, Future

from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.resumed_here import resume_started

__all__ = ["Started", "finish", "start", "start_all"]


Started = Future[PartLayout] | PartLayout  # a part being laid out, or one from the cache


def start_all(
    pool: Executor,
    store: PartStore,
    jobs: list[PartJob],
    sketches: tuple[PartJob, ...] = (),
    early: Mapping[str, Started] | None = None,
) -> dict[str, Started]:
    """Start the parts the cache does not hold in the workers, longest first (the length
    of its HTML is a fair measure of a part's layout time, a sketch's too): the shortest
    come last and even out the workers' ends. The sketches (of the front and the appendix)
    come after the chapters (and the back-matter divisions, laid out as chapters are),
    longest first too: the stamp, the first part of the tail
    (tail.lay_out_tail), needs the chapters' page counts alone, so it is laid out while
    the sketches are, and the front and the appendix, which need a sketch each, begin
    together once they are done. A sketch longer than every chapter (long front matter)
    goes first instead: laid out last it would hold up the tail longer than any chapter.
    `early`: parts started already (octavo.render.pdf.parallel.edited), by name."""
    keyed = [store.keyed(job) for job in (*jobs, *sketches)]
    started: dict[str, Started] = dict(early or {})
    longest = max((len(job.html) for job in keyed[: len(jobs)]), default=0)

    def late(i: int) -> bool:
        return i >= len(jobs) and len(keyed[i].html) <= longest

    order = sorted(range(len(keyed)), key=lambda i: (late(i), -len(keyed[i].html)))
    for job in (keyed[i] for i in order):  # stable: equal lengths in order
        if job.name not in started:
            started[job.name] = start(pool, store, job)
    return {job.name: started[job.name] for job in keyed}


def start(pool: Executor, store: PartStore, keyed: PartJob) -> Started:
    """A part from the cache, or its layout started in a worker (`finish` waits for it):
    a chapter's resumed from its last layout where the edit begins when the cache keeps
    that layout's pages' states (octavo.render.pdf.parallel.resume), else laid out whole."""
    found = store.get(keyed)
    if found is not None:
        return found
    last = store.resumable(keyed.name) if keyed.states else None
    if last is not None and store.store.folder is not None:
        return resume_started(pool, keyed, last, store.store.folder)
    return pool.submit(lay_out_part, keyed)


def finish(store: PartStore, started: Started) -> PartLayout:
    """The part laid out, its WeasyPrint warnings logged here again: a part taken from the
    cache too (its empty boxes, W651, told by every build of the book, as one process
    tells them)."""
    result = started if isinstance(started, PartLayout) else started.result()
    for message in result.warnings:
        logging.getLogger("weasyprint").warning("%s", message)
    if not isinstance(started, PartLayout):
        store.put(result)
    return result
