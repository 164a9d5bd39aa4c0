"""The later chapters' documents of an EPUB rendered in a process of their own, on the core
the building process leaves idle while the EPUB writer works (octavo.render.epub.beside).

Once the writer has the manuscript, the building process only waits for the EPUB, and the
writer alone renders every chapter's document from its template: 40 ms of a cold build of
81 sections, 375 ms of one of 800, on one core. `start` forks the writer (before it starts
its deflating thread) and the process made renders the chapters from `Apart.first` on,
while the writer renders those before them, then sends its documents, and what of the
output's template budget it spent (octavo.render.budget), through a pipe.

The documents are the same bytes as the writer's would be: the same templates, renderer
and plan, made from the same manuscript. So is every failure: a template's error, an
output's budget that the two halves together overspend (where the writer alone would
stop at a template), a process that fails or dies, and each of the later chapters is
rendered by the writer as if this had never been (`Apart.take` gives None), so that what
it reports is what one process reports. On Linux only (fork), with two cores or more,
and for a book whose later chapters are worth a process (`WORTH`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from dataclasses import dataclass, field

from octavo.machine import cores
from octavo.model import Manuscript
from octavo.render.budget import OUTPUT, one_output
from octavo.render.epub.documents import Document, division
from octavo.render.epub.links import book_media
from octavo.render.epub.plan import EpubPlan, plan_epub
from octavo.render.epub.rendering import renderer
from octavo.render.metadata import book_meta
from octavo.workers import forked, received, sent

__all__ = ["WORTH", "Apart", "start"]

WORTH = 1 << 20  # characters of the later chapters' sections, at least: see `_first`
WAIT = 30.0  # seconds the documents are waited for, at most

Made = tuple[dict[str, tuple[Document, ...]], int, int]  # by chapter; steps, work spent


@dataclass
class Apart:
    """The process rendering the chapters from `first` (the plan's index) on."""

    pid: int
    inbox: int
    first: int
    _made: Made | None = field(default=None, repr=False)
    _read: bool = False

    def take(self, chapter: str) -> tuple[Document, ...] | None:
        """The documents of the chapter named `chapter` (its part's title page, then the
        chapter), rendered over there; None if it sent none whole, or if the output's
        budget cannot pay for all it spent (then the writer renders them, and stops at
        the template a single process stops at). The budget is spent the first time."""
        if not self._read:
            self._read = True
            made = _received(self.inbox)
            output = OUTPUT.get()
            if made is not None and output is not None:
                _, steps, work = made
                if output.steps >= steps and output.work >= work:
                    output.steps -= steps
                    output.work -= work
                    self._made = made
        return None if self._made is None else self._made[0].get(chapter)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.inbox)
        with contextlib.suppress(ProcessLookupError):  # done, or left: rendering is pure
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def start(manuscript: Manuscript) -> Apart | None:
    """The later chapters' renderer, forked now, or None (not on this system, or a book
    too small: the writer then renders them all). Called before the writer starts any
    thread: the process made has but the calling one. For an EPUB without a page list
    (its breaks and folios are the writer's own: octavo.render.epub.book)."""
    if not sys.platform.startswith("linux") or cores() < 2:
        return None
    plan = plan_epub(manuscript)
    first = _first(plan)
    if first is None:
        return None
    inbox, outbox = os.pipe()

    def child() -> int:
        os.close(inbox)
        return _render(plan, first, outbox)

    pid = forked(child)
    os.close(outbox)
    if pid is None:
        os.close(inbox)
        return None
    return Apart(pid, inbox, first)


def _first(plan: EpubPlan) -> int | None:
    """Where the later chapters begin: as many chapters from the end as make up to half
    the chapters' sections' characters (the writer renders the front and back matter's
    documents besides); None when they come to less than WORTH."""
    weights = [sum(len(rs.body_html) for rs in c.chapter.sections) for c in plan.chapters]
    total = sum(weights)
    first, later = len(weights), 0
    while first > 1 and 2 * (later + weights[first - 1]) <= total:
        first -= 1
        later += weights[first]
    return first if later >= WORTH else None


def _render(plan: EpubPlan, first: int, outbox: int) -> int:
    """The process made: render the chapters from `first` on, send them, and the budget
    they spent. A failure sends nothing: the writer renders them again and reports it."""
    manuscript = plan.manuscript
    meta = book_meta(manuscript.book)
    files = plan.files
    line = manuscript.book.config.data_date_line
    made: dict[str, tuple[Document, ...]] = {}
    with one_output():
        output = OUTPUT.get()
        assert output is not None
        steps, work = output.steps, output.work
        render = renderer(
            manuscript.book.project, meta.language, manuscript.labels, images=book_media(manuscript)
        )
        try:
            for chapter in plan.chapters[first:]:
                made[chapter.name] = division(plan, chapter, render, files, line)
        except BaseException:
            return 1
        spent = (made, steps - output.steps, work - output.work)
    sent(outbox, pickle.dumps(spent, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


def _received(inbox: int) -> Made | None:
    """What the process sent, whole, or None."""
    data = received(inbox, WAIT)
    with contextlib.suppress(Exception):
        found = pickle.loads(data) if data is not None else None
        if isinstance(found, tuple) and len(found) == 3 and isinstance(found[0], dict):
            return (found[0], int(found[1]), int(found[2]))
    return None
