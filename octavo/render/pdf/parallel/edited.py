"""The edited chapter's part started before the other parts' HTML is made.

After a one-section edit, the chapter that holds it is the build's critical path: its
layout (resumed from its last one: octavo.render.pdf.parallel.resume) is the one thing
the workers do, and the merge waits for it. Making every part's HTML from the templates
first, to learn from the keys which part changed, took ~0.1 s at 81 sections before that
part could start. Here the chapter whose section file was modified last is guessed to be
the edited one: its part is made and started first, the others' after. Only the order of
the starts depends on the guess, never what is laid out: a wrong guess (a template
edited, a file touched) starts a part the cache holds (nothing to do) or one that had to
be laid out anyway.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Executor

from octavo.model import RenderedChapter, RenderedPart
from octavo.render.pdf.parallel.part import PartJob
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.started import Started, start

__all__ = ["edited_part", "start_edited"]


def edited_part(parted: tuple[RenderedChapter | RenderedPart, ...], store: PartStore) -> str:
    """The id of the chapter whose section file was modified last, if the cache holds an
    earlier layout of it (else ''): a cold build starts its parts longest first
    (started.start_all), with no guess."""
    newest: tuple[int, str] = (-1, "")
    for division in parted:
        if not isinstance(division, RenderedChapter):
            continue
        for section in division.chapter.sections:
            with contextlib.suppress(OSError):
                newest = max(newest, (section.path.stat().st_mtime_ns, division.id))
    name = newest[1]
    return name if name and store.last(name) is not None else ""


def start_edited(
    pool: Executor,
    store: PartStore,
    parted: tuple[RenderedChapter | RenderedPart, ...],
    make: Callable[[str], PartJob],
) -> tuple[dict[str, PartJob], dict[str, Started]]:
    """The guessed edited chapter's job (`make`: a part's job by its id), made and started
    now: (its job by id, its start by id), both empty without a guess."""
    name = edited_part(parted, store)
    if not name:
        return {}, {}
    job = store.keyed(make(name))
    return {name: job}, {name: start(pool, store, job)}
