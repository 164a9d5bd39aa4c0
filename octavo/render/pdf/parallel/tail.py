"""The parts after the chapters (front matter, appendix, stamp) and the merge.

Their folios come from the chapters' page counts (and the back-matter divisions', laid
out as chapters are); the appendix's also from the front matter's, in a book with
front-matter divisions (their sections' roman folios); in a book with an index, the
front's from the appendix's (the index's folio in the contents: `_settled`). When the
cache holds an earlier layout of every chapter still to be laid out, they are started at
once with the folios those layouts give (octavo.render.pdf.parallel.early.guess), and
taken over once the chapters are known if the guess was right (`lay_out_tail`). The merge
is begun while the last parts are still being laid out (early.begin, `lay_out_tail`), and
taken from the cache when these very parts were merged before (`merged`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass

from octavo.cache import fingerprint
from octavo.errors import BuildError
from octavo.model import APPENDIX, Manuscript
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.folio_styles import Folios
from octavo.render.pdf.page_labels import book_labels
from octavo.render.pdf.parallel.book_fonts import book_fonts
from octavo.render.pdf.parallel.fonts import Begun, begin_unions
from octavo.render.pdf.parallel.job_memo import made
from octavo.render.pdf.parallel.jobs import (
    appendix_job,
    dated,
    front_job,
    has_front_divisions,
    stamp_job,
)
from octavo.render.pdf.parallel.merge import Merger, Placed, Unmergeable, place
from octavo.render.pdf.parallel.merging import body_merger, merge_parts, merging
from octavo.render.pdf.parallel.part import PartJob, PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.started import Started, finish, start

__all__ = ["MERGED", "Tail", "lay_out_tail", "merged"]

MERGED = "merged-3"  # bump when octavo.render.pdf.parallel.merge writes other bytes


@dataclass(frozen=True, slots=True)
class Tail:
    """The last parts laid out (`lay_out_tail`), and what was begun while they were."""

    front: PartLayout
    appendix: PartLayout
    stamp: PartLayout
    merge: Merger | None  # the merge begun meanwhile (`merging`, `body_merger`)
    unions: Begun | None = None  # the shared fonts begun meanwhile (`_unions`)


def lay_out_tail(
    pool: Executor,
    store: PartStore,
    manuscript: Manuscript,
    options: PdfOptions,
    chapters: tuple[PartLayout, ...],
    guessed: dict[str, Started],
    begun: Merger | None = None,
    sketch: Started | None = None,
    hint: Started | None = None,
) -> Tail:
    """Front matter, appendix and stamp once the chapters are known: a guess started
    earlier with the same HTML (the same key) is taken over. While the stamp is still
    being laid out, the merge of the others is begun (`begun` carried on, or a new one).
    `sketch`: the front matter with stand-in folios (jobs.sketch_job), started beside the
    chapters when nothing could be guessed; the appendix takes the front-matter divisions'
    roman folios from it, and so is laid out beside the front matter, not after it.
    `hint`: the appendix with stand-in folios (jobs.appendix_sketch_job), started beside
    the chapters in a book with an index: the front matter takes the index's folio from
    it, and so is laid out beside the appendix, not after it (`_beside`)."""

    def take_or_start(job: PartJob) -> Started:
        keyed = store.keyed(job)
        earlier = guessed.pop(keyed.key, None)
        if isinstance(earlier, Future):
            store.guessed.append(job.name)
        return earlier if earlier is not None else start(pool, store, keyed)

    # the stamp needs the chapters' page counts only (the appendix prints its own heads
    # and folios): it is laid out beside the front matter and the appendix; for a book
    # with front-matter divisions, whose folios the appendix prints: these
    # follow the contents' length, so the appendix's job is known once the front matter
    # is laid out (and taken over from the guess, begun earlier, if it is the same)
    # in a book with an index, the contents give the index's folio, known once the appendix
    # is laid out (the index opens after the currency table), or from a sketch of the
    # appendix: the front matter is laid out beside it (`_beside`); with a sketch of the
    # front, the appendix is laid out with its roman folios, and the front checked against
    # them once laid out (`finish_front`)
    # (each sketch is waited for where a part needs it, after what needs none is started)
    stamp_started = take_or_start(made(store, stamp_job, manuscript, options, chapters))
    sketched: PartLayout | None = None
    front_started: Started
    if manuscript.index and has_front_divisions(manuscript) and sketch is None:
        front_started, appendix = _settled(
            store, manuscript, options, chapters, take_or_start, hint
        )
    elif manuscript.index:
        sketched = _sketch_of(store, sketch) if sketch is not None else None
        job = made(store, appendix_job, manuscript, options, chapters, sketched)
        front_started, appendix = _beside(
            store, manuscript, options, chapters, take_or_start, job, hint
        )
    else:
        front_started = take_or_start(made(store, front_job, manuscript, options, chapters))
        sketched = _sketch_of(store, sketch) if sketch is not None else None
        before: PartLayout | None = sketched
        if has_front_divisions(manuscript) and before is None:
            front_started = before = finish(store, front_started)
        job = made(store, appendix_job, manuscript, options, chapters, before)
        appendix = finish(store, take_or_start(job))
    body = (*chapters, appendix)

    def finish_front(started: Started) -> PartLayout:
        """The front laid out, dated; in a book with an index and front-matter divisions,
        or whose appendix took their folios from a sketch, the one whose folios the
        appendix printed (else Unmergeable: the one-process build; a contents whose
        length the index's number, or the sketch's stand-in folios, changed)."""
        front = finish(store, started)
        if has_front_divisions(manuscript) and (manuscript.index or sketched is not None):
            job = store.keyed(made(store, appendix_job, manuscript, options, chapters, front))
            if job.key != appendix.key:
                raise Unmergeable("the front's folios moved with the index's number")
        return dated(manuscript, front)

    if begun is None and isinstance(front_started, Future) and not front_started.done():
        # the front matter is still being laid out (a page number moved, or a cold build's
        # front is the longer): the body is merged and stamped meanwhile, and the front put
        # before it (the same bytes); the body's pages are added while the stamp is laid out
        # (a part pypdf cannot read fails the build here, before the stamp is waited for)
        merger = body_merger(body)
        stamp = finish(store, stamp_started)
        front: PartLayout | None = None
        unions: Begun | None = None
        if front_started.done():  # done meanwhile: the shared fonts begin before the stamping
            front = finish_front(front_started)
            unions = _unions(store, place(front, body)[0], stamp, pool)
        begun = merger.stamp_body(stamp)
        if front is None:
            front = finish_front(front_started)
        return Tail(front, appendix, stamp, begun, unions)
    front = finish_front(front_started)
    if isinstance(stamp_started, Future) and not stamp_started.done():
        begun = merging(place(front, body)[0], begun)
    return Tail(front, appendix, finish(store, stamp_started), begun)


def _beside(
    store: PartStore,
    manuscript: Manuscript,
    options: PdfOptions,
    chapters: tuple[PartLayout, ...],
    take_or_start: Callable[[PartJob], Started],
    job: PartJob,
    hint: Started | None,
) -> tuple[Started, PartLayout]:
    """Front matter and appendix (`job`: its folios known) of a book with an index. The
    contents number the index, which opens after the currency table: the front is laid
    out beside the appendix with the index's folio of the `hinted` sketch of it
    (jobs.appendix_sketch_job); if the appendix, once laid out, opens its index elsewhere,
    that front is dropped and laid out again with the right folio, beside the stamp.
    Without a sketch the front follows the appendix. The appendix is started before the
    sketch is waited for: it does not need it."""
    appendix_started = take_or_start(job)
    hinted = _sketch_of(store, hint) if hint is not None else None
    early: PartJob | None = None
    front_started: Started | None = None
    if hinted is not None:
        early = store.keyed(made(store, front_job, manuscript, options, chapters, hinted))
        front_started = take_or_start(early)
    appendix = finish(store, appendix_started)
    final = store.keyed(made(store, front_job, manuscript, options, chapters, appendix))
    if front_started is not None and early is not None and early.key == final.key:
        return front_started, appendix
    if isinstance(front_started, Future):
        front_started.cancel()  # not started yet: never laid out; else its result dropped
    return take_or_start(final), appendix


def _sketch_of(store: PartStore, sketch: Started) -> PartLayout:
    """A sketch (jobs.sketch_job, appendix_sketch_job) laid out. One that failed (notes it
    could not place: the front matter's E657, or E604 after its layouts) makes the book one
    process's (Unmergeable), which tells the notes at their page and line: the error of a
    sketch, laid out with stand-in folios, named no file (review51b: 120 notes called on one
    line of a preface gave 120 E604s after 6 to 9 minutes, where one process says E657)."""
    try:
        return finish(store, sketch)
    except BuildError as exc:
        codes = sorted({d.code for d in exc.diagnostics})
        raise Unmergeable(f"a sketch could not be laid out ({', '.join(codes)})") from None


def _settled(
    store: PartStore,
    manuscript: Manuscript,
    options: PdfOptions,
    chapters: tuple[PartLayout, ...],
    take_or_start: Callable[[PartJob], Started],
    sketch: Started | None = None,
) -> tuple[Started, PartLayout]:
    """Front matter and appendix of a book with an index and front-matter divisions, and
    no sketch of the front: each needs the other's layout (the contents number the index;
    the appendix prints the divisions' roman folios and the index their marks'). The
    front is laid out with the index's folio of the last appendix (or of `sketch`, the
    appendix's, when there is no last one; or a guess: `front_job`), the appendix after
    it; if the index's folio is not the one the front
    printed, the front is started again with it, laid out beside the stamp (its folios
    checked then: `lay_out_tail`). With a sketch of the front (jobs.sketch_job), the
    appendix takes its folios from that instead (`_beside`)."""
    hint = store.last(APPENDIX)
    if hint is None and sketch is not None:
        hint = _sketch_of(store, sketch)
    front = finish(
        store, take_or_start(made(store, front_job, manuscript, options, chapters, hint))
    )
    appendix = finish(
        store, take_or_start(made(store, appendix_job, manuscript, options, chapters, front))
    )
    final = made(store, front_job, manuscript, options, chapters, appendix)
    if store.keyed(final).key == front.key:
        return front, appendix
    return take_or_start(final), appendix


def merged(
    store: PartStore,
    front: PartLayout,
    body: tuple[PartLayout, ...],
    stamp: PartLayout,
    pool: Executor,
    begun: Merger | None = None,
    unions: Begun | None = None,
    nest: Mapping[str, str] | None = None,
    cover: str = "",
    folios: Folios | None = None,
) -> tuple[bytes, int]:
    """The merged PDF and its page count; from the cache when these very parts were merged
    before (an edit undone, a section toggled back): the merge is a function of the parts'
    bytes, which their keys name, of the bookmarks' nesting (`nest`: merge_parts) and of
    the page labels (`cover`: the word for a cover's pages, page_labels.cover_word; in the
    styles of `folios`). `unions`: the shared fonts begun already (`_unions`)."""
    placed, total = place(front, body)
    labels = book_labels(cover, placed[1].start if len(placed) > 1 else total, total, folios)
    parts = (front, *body, stamp)
    nesting = (f"{child} in {part}" for child, part in sorted((nest or {}).items()))
    named = (f"{first} {style} {prefix}" for first, style, prefix in labels)
    name = "merged-" + fingerprint(MERGED, *(p.key for p in parts), *nesting, *named)
    found = store.store.get(name)
    if found is not None:
        for union in (unions or {}).values():
            union.cancel()  # begun beside the stamping (`lay_out_tail`): not needed after all
        return found, total
    # the shared fonts are made in the workers while this process merges the pages
    unions = unions if unions is not None else _unions(store, placed, stamp, pool)
    pdf = merge_parts(placed, total, stamp, store.store, pool, begun, unions, nest, labels)
    if not any(p.warnings for p in parts):  # as `PartStore.put`: what warned is made again
        store.store.put(name, pdf)
    return pdf, total


def _unions(
    store: PartStore, placed: tuple[Placed, ...], stamp: PartLayout, pool: Executor
) -> Begun:
    """The shared fonts of the placed parts and the stamp, started in the workers (read in
    the merge's order); none when the pages' records cover every font (book_fonts)."""
    if book_fonts(tuple(p.part for p in placed), stamp).covered:
        return {}
    return begin_unions((*(p.part.pdf for p in placed), stamp.pdf), store.store, pool)
