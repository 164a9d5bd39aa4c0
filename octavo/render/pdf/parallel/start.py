"""The workers of a parallel PDF build, started before the book is read.

Apart from octavo.render.pdf.build and octavo.render.pdf.parallel.build, which import the
print templates and the manuscript's renderer (~0.1 s of CPU): this module imports nothing
heavy, so the workers are forked that much sooner. They are forked from one warm process
(octavo.zygote), which imports only what laying out a part needs (`WARM`: WeasyPrint and
octavo.render.pdf.document, which leaves the templates to the functions that make HTML)
and lays out a few lines (octavo.render.pdf.parallel.part.warm_up), while this process
imports the rest and reads the book.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path

from octavo.project import Project
from octavo.render.pdf.libraries import remember_machine
from octavo.render.pdf.parallel.shared_fonts import clean
from octavo.zygote import Zygote

__all__ = ["AUTO_SECTIONS", "WARM", "KeptWorkers", "early_pool", "start_workers"]

AUTO_SECTIONS = 20  # below this, one process is sooner than parts, stamp and merge

# what the workers' zygote imports before it forks them (octavo.zygote)
WARM = (
    "weasyprint",
    "weasyprint.layout",
    "octavo.render.pdf.parallel.part",
    "octavo.render.pdf.document",
)


class KeptWorkers:
    """Workers kept warm from one build to the next in one process (`invoke watch`): started
    by the first build laid out in parts, then given to every later one, so that a rebuild
    after an edit does not import WeasyPrint and warm up again (the CPU of ~0.7 s; a
    command overlaps most of it with the manuscript: the bench's watch row is about the
    edited `invoke pdf`'s time, the edited chapter's layout being the cost). Started again
    for another book or number of workers, or once a worker died; ended by `close` (its
    workers remove their shared fonts' folders then, as at the end of a build)."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._pool: Executor | None = None
        self._for: tuple[Path, int] | None = None

    def pool(self, project: Project, jobs: int) -> Executor:
        """The kept workers for `jobs` parts of `project` at a time, started if need be."""
        wanted = (project.root.resolve(), jobs)
        if self._pool is not None and (wanted != self._for or getattr(self._pool, "broken", False)):
            self.close()
        if self._pool is None:
            from octavo.outputs import cache_of

            self._pool = self._stack.enter_context(start_workers(jobs, cache_of(project), project))
            self._for = wanted
        return self._pool

    def close(self) -> None:
        """End the workers (each finishes the part it is laying out first)."""
        self._pool = self._for = None
        self._stack.close()

    def __enter__(self) -> KeptWorkers:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


@contextmanager
def early_pool(
    project: Project,
    jobs: int,
    html: bool,
    variant: str,
    tagged: bool,
    kept: KeptWorkers | None = None,
) -> Iterator[Executor | None]:
    """The workers of a build that will be laid out in parts, started before the book is
    read: each imports WeasyPrint while this process reads and renders the manuscript, so
    both cores work from the first second. None when the build will be one process (by
    the same rule as octavo.render.pdf.build.auto_jobs, on the number of section files; or
    a book laid out whole: octavo.render.pdf.whole).
    `kept`: workers kept from an earlier build of this process, used (and kept) instead."""
    from octavo.machine import cores as machine_cores

    cores = machine_cores()
    if html or variant or tagged or jobs == 1:
        yield None
        return
    from octavo.render.pdf.whole import whole_book_features

    if whole_book_features(project):  # laid out whole, in one process
        yield None
        return
    from octavo.source.sections import section_files

    sections = len(section_files(project.root))
    if jobs < 1 and sections < AUTO_SECTIONS:
        yield None
        return
    # two on one core (see auto_jobs); never more than the sections to lay out: `--jobs
    # 99999` forked a worker a job until no file could be opened (E703)
    workers = max(2, min(jobs, sections)) if jobs > 1 else max(2, cores)
    if kept is not None:
        yield kept.pool(project, workers)
        return
    from octavo.outputs import cache_of

    with start_workers(workers, cache_of(project), project) as pool:
        yield pool


@contextmanager
def start_workers(
    jobs: int, cache: Path | None = None, project: Project | None = None
) -> Iterator[Executor]:
    """`jobs` worker processes, made now (forked before WeasyPrint is imported here) from
    one that imports what a part needs and lays out a few lines with `project`'s styles;
    `cache`: the cache store's folder (None: no cache; then WeasyPrint's libraries are
    looked for as shipped, else remembered: octavo.render.pdf.libraries). Each worker
    removes its shared fonts' temporary folder when it ends
    (octavo.render.pdf.parallel.shared_fonts)."""
    remember_machine(cache)  # the zygote imports WeasyPrint and warms up with them
    with Zygote(jobs, partial(_warm_up, project), clean) as pool:
        yield pool


def _warm_up(project: Project | None) -> None:
    """The zygote's warm-up (octavo.render.pdf.parallel.part.warm_up), imported there: the
    part's module and what it imports (the model, the page labels' styles: ~10 ms) are
    imported by the zygote anyway (`WARM`), and the workers are forked that much sooner."""
    from octavo.render.pdf.parallel.part import warm_up

    warm_up(project, WARM)
