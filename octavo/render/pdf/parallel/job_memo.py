"""The tail's jobs made once a build for layouts alike in what the jobs read of them.

The front matter's, appendix's and stamp's jobs are rendered from the chapters' layouts
(their page counts and headings' pages) twice after an edit: by the guess, from the last
layouts, while the edited chapter is laid out (early.guess), and by the tail, from the final
ones, after it (tail.lay_out_tail), where an edit that moved no heading gives the very same
jobs. `made` renders each once for layouts alike in what the job functions read
(`read_of`): ~35 ms of templates out of the edit's critical path at 81 sections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from octavo.model import Manuscript
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.part import PartJob, PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore

__all__ = ["made", "read_of"]


def made(
    store: PartStore,
    make: Callable[..., PartJob],
    manuscript: Manuscript,
    options: PdfOptions,
    chapters: tuple[PartLayout, ...],
    *other: PartLayout | None,
) -> PartJob:
    """`make(manuscript, options, chapters, *other)` (jobs.stamp_job, front_job,
    appendix_job), made once a build (`store.made`) for layouts alike in what those read
    of them (`read_of`)."""
    key = (make.__name__, read_of(chapters), read_of(other))
    found = store.made.get(key)
    if found is None:
        found = store.made[key] = make(manuscript, options, chapters, *other)
    return found


def read_of(layouts: Iterable[PartLayout | None]) -> tuple[object, ...]:
    """What the tail's jobs (octavo.render.pdf.parallel.jobs: stamp_job, front_job,
    appendix_job and what they call: _counts and octavo.render.pdf.parallel.placed's
    functions) read of layouts: each part's name and, of each page, whether it is
    blank, its chapter, headings, anchors' names and whether it is turned (the number of
    pages with them). A job function that reads more of a layout must read it here too."""
    return tuple(
        None
        if part is None
        else (
            part.name,
            tuple(
                (p.blank, p.chapter, p.headings, tuple(a[0] for a in p.anchors), p.turned)
                for p in part.pages
            ),
        )
        for part in layouts
    )
