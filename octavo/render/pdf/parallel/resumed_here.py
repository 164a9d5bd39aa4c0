"""A resumed chapter's new pages spliced into its old part by the build's process, not the
worker.

The splice reads and writes PDF with pypdf (octavo.render.pdf.parallel.splice), which a
worker imports for it alone: ~55 ms of import and ~40 ms of work after the new pages are
written, in the edit's critical path, while the build's process, which imports pypdf for
the merge meanwhile, waits idle. `resume_started` has the worker return the new pages
unspliced (`PartLayout.unspliced`) and splices them here as they come back; a part that
cannot be spliced (resources named by a count: splice.spliced) is laid out whole in a
worker, as the worker would have done. The same part, made in another process: the same
bytes.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor, Future
from dataclasses import replace
from pathlib import Path

from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.resume import resume_part
from octavo.render.pdf.parallel.splice import spliced

__all__ = ["resume_started"]

log = logging.getLogger("octavo")


def resume_started(pool: Executor, job: PartJob, last: str, folder: Path) -> Future[PartLayout]:
    """`resume_part(job, last, folder)` started in `pool`, its splice made here."""
    done: Future[PartLayout] = Future()

    def splice(resumed: Future[PartLayout]) -> None:
        try:
            layout = resumed.result()
        except BaseException as exc:  # the pool's (a worker died): the caller's to report
            done.set_exception(exc)
            return
        if layout.unspliced is None:  # laid out whole over there
            done.set_result(layout)
            return
        old, start, kept = layout.unspliced
        try:
            joined = spliced(old, layout.pdf, start, kept)
        except Exception as exc:
            log.info("part %s laid out whole, not resumed: %s", job.name, exc)
            try:  # a pool broken or shut down meanwhile: the build is told, never left waiting
                _chain(pool.submit(lay_out_part, job), done)
            except BaseException as failed:
                done.set_exception(failed)
            return
        done.set_result(replace(layout, pdf=joined, unspliced=None, spliced=True))

    pool.submit(resume_part, job, last, folder, False).add_done_callback(splice)
    return done


def _chain(given: Future[PartLayout], done: Future[PartLayout]) -> None:
    def passed(finished: Future[PartLayout]) -> None:
        try:
            done.set_result(finished.result())
        except BaseException as exc:
            done.set_exception(exc)

    given.add_done_callback(passed)
