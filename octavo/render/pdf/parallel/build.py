"""The book's PDF from parts laid out in parallel, and again only where they changed.

Within a chapter nothing depends on where it starts but its folios (chapters open on
right-hand pages, notes are numbered per chapter, running heads come from the model), so:

1. each chapter is a part (print HTML from templates/print/book.html with `part`), laid
   out in `jobs` worker processes, longest first, or taken from the cache when its HTML,
   styles, fonts and versions are those of an earlier build;
2. from their page counts come the folios of every heading; the front matter (contents
   numbers given) and the appendix (page column given) are laid out next, with the stamp
   of running heads and folios for the body (octavo.render.pdf.parallel.stamp);
3. octavo.render.pdf.parallel.merge puts it all together.

The workers are started before the book is read (octavo.render.pdf.parallel.start) and
import WeasyPrint meanwhile; this process never imports it. When the cache holds an
earlier layout of every chapter still to be laid out, the front matter, appendix and
stamp are started at once with the folios those layouts give (a guess): after an edit
that moves no heading to another page, they are laid out beside the chapter, not after
it; a wrong guess is dropped and laid out again. A part's bytes depend on its HTML alone,
so a guess changes when a part is laid out, never what. The front matter is laid out with
a stand-in build time and given the book's before the merge
(octavo.render.pdf.parallel.dates): an edit that changes only the build time finds it in
the cache. When the front matter is the last part still being laid out (a page number
moved, a title changed), the body is merged and stamped meanwhile and the front put
before it (octavo.render.pdf.parallel.merge: the same bytes as a merge in order).

`jobs` < 2, a PDF variant (tagged, PDF/X, PDF/A), or parts that do not fit together: the
one-process build (octavo.render.pdf.document.render_pdf), which gives the same pages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from octavo.cache import fingerprint
from octavo.errors import BuildError
from octavo.model import Manuscript
from octavo.render.metadata import book_meta
from octavo.render.pdf.document import PdfOptions, check_paper, render_pdf, xmp_descriptions
from octavo.render.pdf.html import PrintPart, has_landscape, note_pairs, print_html
from octavo.render.pdf.parallel.dates import STAND_IN, Redated, redate, stands_in
from octavo.render.pdf.parallel.fonts import Begun, begin_unions
from octavo.render.pdf.parallel.merge import (
    Merger,
    Placed,
    Unmergeable,
    body_merger,
    merge_libraries,
    merge_parts,
    merging,
    place,
)
from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.parts_store import PartStore, book_files, salt
from octavo.render.pdf.parallel.shared_fonts import scope, styles_digest
from octavo.render.pdf.parallel.stamp import APPENDIX, stamp_html
from octavo.render.pdf.parallel.start import start_workers

__all__ = [
    "ParallelResult",
    "has_page_refs",
    "in_parts_ok",
    "render_pdf_parallel",
    "start_workers",
]

MERGED = "merged-1"  # bump when octavo.render.pdf.parallel.merge writes other bytes

Started = Future[PartLayout] | PartLayout  # a part being laid out, or one from the cache


@dataclass(frozen=True, slots=True)
class ParallelResult:
    pdf: bytes
    pages: int
    laid_out: tuple[str, ...]  # parts laid out by this build (the others came from the cache)
    reused: tuple[str, ...]
    parallel: bool  # False: the one-process build was used
    guessed: tuple[str, ...] = ()  # parts laid out beside the chapters on guessed folios


def render_pdf_parallel(
    manuscript: Manuscript,
    options: PdfOptions,
    jobs: int,
    cache: Path | None = None,
    pool: Executor | None = None,
) -> ParallelResult:
    """The same PDF as render_pdf, laid out by `jobs` processes from parts (`pool`'s
    workers if given, else started here); a book with a landscape table in one process
    (the stamp of running heads knows portrait pages only)."""
    check_paper(options)
    if (
        jobs > 1
        and not options.pdf_variant
        and not has_page_refs(manuscript)
        and not has_landscape(manuscript, options.page)
        and in_parts_ok(manuscript)
    ):
        try:
            return _parallel(manuscript, options, jobs, cache, pool)
        except (Unmergeable, BrokenProcessPool) as exc:
            logging.getLogger("octavo").info("parts did not fit (%s): one-process build", exc)
    result = render_pdf(manuscript, options, cache)
    return ParallelResult(result.pdf, result.pages, ("book",), (), False)


def has_page_refs(manuscript: Manuscript) -> bool:
    """A page reference needs the folio of its target while its own part is laid out: such
    a book is laid out in one process (parts would number their pages from 1)."""
    return any('class="xref page' in s.body_html for s in manuscript.sections)


def in_parts_ok(manuscript: Manuscript) -> bool:
    """Parts laid out apart know only chapters and the appendix: a book with front or back
    matter divisions, parts of countries or an index (its numbers come from a first layout
    of the whole book) is laid out in one process (the same pages)."""
    divisions = all(c.matter == "body" for c in manuscript.chapters)
    return divisions and not manuscript.parts and not manuscript.index


def _parallel(
    manuscript: Manuscript,
    options: PdfOptions,
    jobs: int,
    cache: Path | None,
    given: Executor | None,
) -> ParallelResult:
    folder = cache / "pdf-parts" if cache else None
    project = manuscript.book.project
    styles = styles_digest(project)
    store = PartStore(
        folder, salt(options, styles, book_files(project, cache)), str(project.root.resolve())
    )
    store.fonts = scope(project, styles)
    workers = nullcontext(given) if given is not None else start_workers(jobs, cache, project)
    with workers as pool:
        started = _run(
            pool, store, [_chapter_job(manuscript, options, c.id) for c in manuscript.chapters]
        )
        guessed = _guess(pool, store, manuscript, options, started)
        begun = _begin(manuscript, started, guessed)
        if any(isinstance(s, Future) for s in started.values()):
            merge_libraries()  # while the chapters are laid out, not after
        chapters = tuple(_finish(store, started[c.id]) for c in manuscript.chapters)
        tail = _tail(pool, store, manuscript, options, chapters, guessed, begun)
        front, appendix, stamp = tail.front, tail.appendix, tail.stamp
        for wrong in guessed.values():
            if isinstance(wrong, Future):
                wrong.cancel()  # not started yet: never laid out; else its result is dropped
        store.remember((front, *chapters, appendix, stamp))
        body = (*chapters, appendix)
        pdf, total = _merged(store, front, body, stamp, pool, tail.merge, tail.unions)
    laid_out = tuple(store.laid_out)
    reused = tuple(dict.fromkeys(store.reused))  # a part guessed and then found again: once
    return ParallelResult(pdf, total, laid_out, reused, True, tuple(store.guessed))


def _merged(
    store: PartStore,
    front: PartLayout,
    body: tuple[PartLayout, ...],
    stamp: PartLayout,
    pool: Executor,
    begun: Merger | None = None,
    unions: Begun | None = None,
) -> tuple[bytes, int]:
    """The merged PDF and its page count; from the cache when these very parts were merged
    before (an edit undone, a section toggled back): the merge is a function of the parts'
    bytes, which their keys name. `unions`: the shared fonts begun already (`_unions`)."""
    placed, total = place(front, body)
    parts = (front, *body, stamp)
    name = "merged-" + fingerprint(MERGED, *(p.key for p in parts))
    found = store.store.get(name)
    if found is not None:
        for union in (unions or {}).values():
            union.cancel()  # begun beside the stamping (`_tail`): not needed after all
        return found, total
    # the shared fonts are made in the workers while this process merges the pages
    unions = unions if unions is not None else _unions(store, front, body, stamp, pool)
    pdf = merge_parts(placed, total, stamp, store.store, pool, begun, unions, store.book)
    if not any(p.warnings for p in parts):  # as `PartStore.put`: what warned is made again
        store.store.put(name, pdf)
    return pdf, total


def _unions(
    store: PartStore,
    front: PartLayout,
    body: tuple[PartLayout, ...],
    stamp: PartLayout,
    pool: Executor,
) -> Begun:
    """The shared fonts of these parts, started in the workers (read in the merge's order)."""
    placed, _ = place(front, body)
    return begin_unions((*(p.part.pdf for p in placed), stamp.pdf), store.store, pool)


@dataclass(frozen=True, slots=True)
class _Tail:
    """The last parts laid out (`_tail`), and what was begun while they were."""

    front: PartLayout
    appendix: PartLayout
    stamp: PartLayout
    merge: Merger | None  # the merge begun meanwhile (`merging`, `body_merger`)
    unions: Begun | None = None  # the shared fonts begun meanwhile (`_unions`)


def _begin(
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
    front = _dated(manuscript, front)
    ready = []
    for chapter in manuscript.chapters:
        known = started[chapter.id]
        if not isinstance(known, PartLayout):
            break
        ready.append(known)
    merger = Merger()
    for p in place(front, tuple(ready))[0]:
        merger.add(p)
    return merger


def _tail_jobs(
    manuscript: Manuscript, options: PdfOptions, chapters: tuple[PartLayout, ...]
) -> tuple[PartJob, PartJob]:
    """The front matter and the appendix, with the folios the chapters give."""
    placed, _ = place(_empty(), chapters)
    folios = _folios(placed[1:])
    appendix = _job(manuscript, options, "appendix", PrintPart(False, (), True, folios))
    when = STAND_IN if stands_in(book_meta(manuscript.book).timestamp) else None
    front = replace(
        _job(manuscript, options, "front", PrintPart(True, (), False, folios, when)),
        xmp=xmp_descriptions(manuscript, options),  # the merged PDF's XMP is the front's
    )
    return front, appendix


def _dated(manuscript: Manuscript, front: PartLayout) -> PartLayout:
    """The front part laid out at STAND_IN (`_tail_jobs`) with the book's dates, as if laid
    out with them; its key names these bytes. An unexpected PDF: Unmergeable (the
    one-process build)."""
    timestamp = book_meta(manuscript.book).timestamp
    if not stands_in(timestamp):
        return front  # laid out with the book's own dates
    try:
        pdf = redate(front.pdf, timestamp)
    except Redated as exc:
        raise Unmergeable(f"the front matter's dates: {exc}") from exc
    return replace(front, pdf=pdf, key=fingerprint(front.key, timestamp))


def _stamp_job(
    manuscript: Manuscript, options: PdfOptions, body: tuple[PartLayout, ...]
) -> PartJob:
    """The running heads and folios of `body` (the chapters and the appendix)."""
    source = stamp_html(manuscript, options.page, _counts(body))
    return _plain_job(manuscript, options, "stamp", source)


def _tail(
    pool: Executor,
    store: PartStore,
    manuscript: Manuscript,
    options: PdfOptions,
    chapters: tuple[PartLayout, ...],
    guessed: dict[str, Started],
    begun: Merger | None = None,
) -> _Tail:
    """Front matter, appendix and stamp once the chapters are known: a guess started
    earlier with the same HTML (the same key) is taken over. While the stamp is still
    being laid out, the merge of the others is begun (`begun` carried on, or a new one)."""

    def start(job: PartJob) -> Started:
        keyed = store.keyed(job)
        guess = guessed.pop(keyed.key, None)
        if isinstance(guess, Future):
            store.guessed.append(job.name)
        return guess if guess is not None else _start(pool, store, keyed)

    front_job, appendix_job = _tail_jobs(manuscript, options, chapters)
    # the stamp needs the appendix's page count only: it starts as soon as the appendix
    # is done, while the front matter (the longer of the two) is still being laid out
    front_started = start(front_job)
    appendix = _finish(store, start(appendix_job))
    stamp_started = start(_stamp_job(manuscript, options, (*chapters, appendix)))
    body = (*chapters, appendix)
    if begun is None and isinstance(front_started, Future) and not front_started.done():
        # the front matter is still being laid out (a page number moved, or a cold build's
        # front is the longer): the body is merged and stamped meanwhile, and the front put
        # before it (the same bytes); the body's pages are added while the stamp is laid out
        # (a part pypdf cannot read fails the build here, before the stamp is waited for)
        merger = body_merger(body)
        stamp = _finish(store, stamp_started)
        front: PartLayout | None = None
        unions: Begun | None = None
        if front_started.done():  # done meanwhile: the shared fonts begin before the stamping
            front = _dated(manuscript, _finish(store, front_started))
            unions = _unions(store, front, body, stamp, pool)
        begun = merger.stamp_body(stamp, store.store, store.book)
        if front is None:
            front = _dated(manuscript, _finish(store, front_started))
        return _Tail(front, appendix, stamp, begun, unions)
    front = _dated(manuscript, _finish(store, front_started))
    if isinstance(stamp_started, Future) and not stamp_started.done():
        begun = merging(place(front, body)[0], begun)
    return _Tail(front, appendix, _finish(store, stamp_started), begun)


def _guess(
    pool: Executor,
    store: PartStore,
    manuscript: Manuscript,
    options: PdfOptions,
    started: dict[str, Started],
) -> dict[str, Started]:
    """Front matter, appendix and stamp started now (by key), with the folios of the last
    layouts of the chapters still being laid out; none when one has no earlier layout."""
    chapters = []
    for chapter in manuscript.chapters:
        known = started[chapter.id]
        last = known if isinstance(known, PartLayout) else store.last(chapter.id)
        headings = {chapter.id, *(h for h, _ in note_pairs(chapter.sections))}
        if last is None or {h for p in last.pages for h in p.headings} != headings:
            return {}  # never laid out, or its headings changed since: no folio to guess
        chapters.append(last)
    try:
        jobs = _tail_jobs(manuscript, options, tuple(chapters))
    except BuildError:
        return {}  # a link target (a table, a figure) the last layouts lack: no guess
    front, appendix = (store.keyed(j) for j in jobs)
    guessed = {front.key: _start(pool, store, front)}
    guessed[appendix.key] = found = _start(pool, store, appendix)
    last = found if isinstance(found, PartLayout) else store.last("appendix")
    if last is not None:
        stamp = store.keyed(_stamp_job(manuscript, options, (*chapters, last)))
        guessed[stamp.key] = _start(pool, store, stamp)
    return guessed


def _empty() -> PartLayout:
    return PartLayout("none", "", b"", (), (), ())


def _folios(body: tuple[Placed, ...]) -> tuple[tuple[str, str], ...]:
    """(id, folio) of every heading and anchor (a table, a figure: the lists of them) in the
    body; folio 1 is the first body page."""
    first = body[0].start if body else 0
    found: dict[str, str] = {}
    for p in body:
        for offset, page in enumerate(p.part.pages):
            for heading in page.headings:
                found.setdefault(heading, str(p.start + offset - first + 1))
            for anchor, _, _ in page.anchors:
                found.setdefault(anchor, str(p.start + offset - first + 1))
    after = max((p.start + len(p.part.pages) for p in body), default=first)
    found[APPENDIX] = str(after + after % 2 - first + 1)
    return tuple(found.items())


def _counts(parts: Iterable[PartLayout]) -> tuple[tuple[str, int], ...]:
    """(chapter id, pages but blank ones) of the body, in order."""
    counts: dict[str, int] = {}
    for part in parts:
        for page in part.pages:
            if not page.blank:
                counts[page.chapter] = counts.get(page.chapter, 0) + 1
    return tuple(counts.items())


def _chapter_job(manuscript: Manuscript, options: PdfOptions, ident: str) -> PartJob:
    return _job(manuscript, options, ident, PrintPart(False, (ident,), False, ()))


def _job(manuscript: Manuscript, options: PdfOptions, name: str, part: PrintPart) -> PartJob:
    source = print_html(manuscript, options.page, part, landscape=False)  # else no parts
    chapters = tuple(c.id for c in manuscript.chapters if c.id in part.chapters)
    notes = note_pairs(s for c in manuscript.chapters if c.id in part.chapters for s in c.sections)
    chapters += (APPENDIX,) if part.appendix else ()
    project, bleed = manuscript.book.project, options.page.bleed
    return PartJob(name, "", source, project, notes, chapters, bleed)


def _plain_job(manuscript: Manuscript, options: PdfOptions, name: str, source: str) -> PartJob:
    return PartJob(name, "", source, manuscript.book.project, (), (), options.page.bleed)


def _run(pool: Executor, store: PartStore, jobs: list[PartJob]) -> dict[str, Started]:
    """Start the parts the cache does not hold, longest first, in the workers."""
    return {
        job.name: _start(pool, store, store.keyed(job))
        for job in sorted(jobs, key=lambda j: -len(j.html))
    }


def _start(pool: Executor, store: PartStore, keyed: PartJob) -> Started:
    """A part from the cache, or its layout started in a worker (`_finish` waits for it)."""
    found = store.get(keyed)
    return found if found is not None else pool.submit(lay_out_part, keyed)


def _finish(store: PartStore, started: Started) -> PartLayout:
    if isinstance(started, PartLayout):
        return started
    result = started.result()
    for message in result.warnings:
        logging.getLogger("weasyprint").warning("%s", message)
    store.put(result)
    return result
