"""The parts of a parallel build as jobs, and their layouts started and waited for.

A chapter's job is its print HTML (templates/print/book.html with `part`), and so is a
back-matter division's (`in_parts`); the front matter (with the front-matter divisions)
and the appendix are given the folios the chapters' page counts make, the appendix also
the front-matter divisions' roman ones from the front matter's layout and, in a book
with an index, its marks' pages from the parts' page maps (`appendix_job`,
`index_located`); the front matter, the index's folio from the appendix's (`front_job`);
the stamp of running heads and folios is given their counts
(octavo.render.pdf.parallel.stamp). A job is laid out in a worker (`start`), or its
layout taken from the cache, and waited for (`finish`). The front matter is laid out
with a stand-in build time and given the book's before the merge (`dated`,
octavo.render.pdf.parallel.dates).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import Executor, Future
from dataclasses import replace

from octavo.cache import fingerprint
from octavo.model import Manuscript, RenderedChapter, RenderedPart
from octavo.render.metadata import book_meta
from octavo.render.pdf.broadside_parts import part_html
from octavo.render.pdf.document import PdfOptions, xmp_descriptions
from octavo.render.pdf.folio_styles import folio_styles
from octavo.render.pdf.html import PrintPart, note_pairs
from octavo.render.pdf.index_pages import Located
from octavo.render.pdf.page_labels import cover_word, front_labels
from octavo.render.pdf.parallel.dates import STAND_IN, Redated, redate, stands_in
from octavo.render.pdf.parallel.merge import Unmergeable
from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.placed import (
    folios_of,
    front_folios,
    index_folio,
    index_located,
    opens,
    placed_body,
)
from octavo.render.pdf.parallel.resumed_here import resume_started
from octavo.render.pdf.parallel.stamp import APPENDIX, Pages, stamp_html

__all__ = [
    "Started",
    "appendix_job",
    "appendix_sketch_job",
    "chapter_job",
    "dated",
    "finish",
    "front_job",
    "has_front_divisions",
    "headings",
    "in_parts",
    "nested",
    "sketch_job",
    "stamp_job",
    "start",
    "start_all",
]

Started = Future[PartLayout] | PartLayout  # a part being laid out, or one from the cache
# the class of a part printing its own heads (templates/print/book.html `heads_from`)
HEADED = re.compile(r"<html\b[^>]*\boctavo-headed\b")


def in_parts(manuscript: Manuscript) -> tuple[RenderedChapter | RenderedPart, ...]:
    """The divisions laid out each as a part of its own, in order: the body's chapters,
    then the back-matter divisions (which open on a right-hand page as chapters do, and
    whose running heads and folios the stamp gives as the body's). In a book of parts of
    countries, each part's title page is one too, before its chapters (a right-hand page,
    its blank back made by the next chapter's right-hand start as in a whole book); its
    chapters are laid out in their part's `.part-matter`, which gives their bookmarks'
    levels, and their bookmarks go under the part's in the merge (`nested`). The
    front-matter divisions are laid out in the front part, after the contents: their roman
    folios follow its pages."""
    found: list[RenderedChapter | RenderedPart] = []
    for chapter in manuscript.chapters:
        if chapter.matter == "front":
            continue
        part = manuscript.part_of(chapter)
        if part is not None and all(p.id != part.id for p in found):
            found.append(part)
        found.append(chapter)
    return tuple(found)


def headings(division: RenderedChapter | RenderedPart) -> frozenset[str]:
    """The ids a division's layout records as headings (its page map): its own, and in a
    chapter each note's call (note_pairs)."""
    if isinstance(division, RenderedPart):
        return frozenset((division.id,))
    return frozenset((division.id, *(h for h, _ in note_pairs(division.sections))))


def nested(manuscript: Manuscript) -> dict[str, str]:
    """(chapter id -> its part's id) of the chapters of parts of countries: in the merged
    outline their bookmarks go under their part's (octavo.render.pdf.parallel.merge), as
    WeasyPrint nests them in a whole book (`.part-matter` chapters one level down)."""
    return {
        c.id: part.id for c in manuscript.chapters if (part := manuscript.part_of(c)) is not None
    }


def has_front_divisions(manuscript: Manuscript) -> bool:
    return any(c.matter == "front" for c in manuscript.chapters)


def chapter_job(
    manuscript: Manuscript,
    options: PdfOptions,
    ident: str,
    page_refs: Mapping[str, str] | None = None,
) -> PartJob:
    """A chapter's (or back-matter division's, or part's title page's) part; `page_refs`:
    its page references' targets' folios (octavo.render.pdf.parallel.page_refs)."""
    given = None if page_refs is None else tuple(sorted(page_refs.items()))
    part = PrintPart(False, (ident,), False, (), page_refs=given)
    # its pages' states kept, an edit resumed from them: not with page references, whose
    # targets' anchors a resumed layout would not give the target collector (`start`)
    return replace(_job(manuscript, options, ident, part), states=page_refs is None)


def front_job(
    manuscript: Manuscript,
    options: PdfOptions,
    chapters: tuple[PartLayout, ...],
    appendix: PartLayout | None = None,
) -> PartJob:
    """The front matter, with the folios the chapters (`in_parts`) give; in a book with an
    index, the contents' number of the index too, from `appendix` (its layout: the index
    opens after the currency table), or, without one, guessed as the appendix's own (a
    front laid out so is laid out again once the appendix is: tail._settled)."""
    styles = folio_styles(manuscript, options)
    folios = folios_of(placed_body(chapters), styles)
    if manuscript.index:
        folios += (("index", index_folio(chapters, styles, appendix)),)
    when = STAND_IN if stands_in(book_meta(manuscript.book).timestamp) else None
    return replace(
        _job(manuscript, options, "front", PrintPart(True, (), False, folios, when)),
        xmp=xmp_descriptions(manuscript, options),  # the merged PDF's XMP is the front's
        labels=front_labels(cover_word(manuscript)),  # the merge sets the whole book's
    )


def sketch_job(manuscript: Manuscript, options: PdfOptions) -> PartJob:
    """The front matter laid out before the chapters' page counts are known, with stand-in
    folios (html.Sketched): its page map gives the front-matter divisions' roman folios
    (they follow the contents' length, not its numbers), so the appendix, which prints
    them, need not wait for the real front matter (tail.lay_out_tail). Never merged, so
    no PDF is written (PartJob.sketch)."""
    part = PrintPart(True, (), False, (), STAND_IN, sketch=True)
    return replace(_job(manuscript, options, "front-sketch", part), sketch=True)


def appendix_sketch_job(manuscript: Manuscript, options: PdfOptions) -> PartJob:
    """The appendix laid out before the chapters' page counts are known: its currency
    table with stand-in folios (html.Sketched) and the index's heading without its entries.
    The page where the index opens follows the table's length, not its numbers, so the
    front matter, which numbers the index in its contents, need not wait for the appendix
    in a cold build (tail.lay_out_tail). Never merged: no PDF is written."""
    part = PrintPart(False, (), True, (), sketch=True)
    return replace(_job(manuscript, options, "appendix-sketch", part), sketch=True)


def appendix_job(
    manuscript: Manuscript,
    options: PdfOptions,
    chapters: tuple[PartLayout, ...],
    front: PartLayout | None = None,
) -> PartJob:
    """The appendix, with the folios the chapters (`in_parts`) give, and, in a book with
    front-matter divisions, their sections' roman folios as `front` (the front part's
    layout) prints them: its currency table gives every section's page. Their folios
    follow the contents' length, known once the front part is laid out; so this job
    waits for it (or is guessed from its last layout: tail.guess)."""
    styles = folio_styles(manuscript, options)
    folios = folios_of(placed_body(chapters), styles)
    first = opens(chapters)  # its running heads and folios are its own
    if has_front_divisions(manuscript):
        if front is None:
            raise ValueError("the front matter's layout is needed for the appendix's folios")
        folios += front_folios(manuscript, front, styles)
    located = index_located(manuscript, chapters, styles, front) if manuscript.index else None
    part = PrintPart(False, (), True, folios, heads_from=first)
    job = _job(manuscript, options, APPENDIX, part, located)  # named as its heading
    if not HEADED.search(job.html):  # a book's own print/book.html from before `heads_from`
        # (found before any part is laid out: build.render_pdf_parallel; this guards the rest)
        raise Unmergeable("the book's print template does not print the appendix's heads")
    return job


def dated(manuscript: Manuscript, front: PartLayout) -> PartLayout:
    """The front part laid out at STAND_IN (`front_job`) with the book's dates, as if laid
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


def stamp_job(
    manuscript: Manuscript, options: PdfOptions, chapters: tuple[PartLayout, ...]
) -> PartJob:
    """The running heads and folios of `chapters` (the body's chapters and the back-matter
    divisions: `in_parts`), their broadside pages (a table turned) with their folio alone,
    then the appendix's first page, which makes the blank page before it as the book does
    (the merge lays the stamp over the pages before the appendix, which prints its own:
    `appendix_job`). It needs no page count of the appendix's: it is laid out beside it."""
    counts = _counts(p for p in chapters if p.name != APPENDIX)
    source = stamp_html(manuscript, options.page, (*counts, (APPENDIX, 1, ())))
    return _plain_job(manuscript, options, "stamp", source)


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


def _counts(parts: Iterable[PartLayout]) -> tuple[Pages, ...]:
    """(chapter id, pages but blank ones, which of these are broadside ones) of the body and
    back matter, in order. A chapter that opens on a landscape page (which its heading
    never leaves it): Unmergeable, the stamp opens each chapter on its heading's page."""
    counts: dict[str, int] = {}
    turned: dict[str, list[int]] = {}
    for part in parts:
        for page in part.pages:
            if not page.blank:
                at = counts.get(page.chapter, 0)
                counts[page.chapter] = at + 1
                turned.setdefault(page.chapter, [])
                if page.turned:
                    turned[page.chapter].append(at)
    if any(t[:1] == [0] for t in turned.values()):
        raise Unmergeable("a chapter opens on a landscape page")
    return tuple((ident, count, tuple(turned[ident])) for ident, count in counts.items())


def _job(
    manuscript: Manuscript,
    options: PdfOptions,
    name: str,
    part: PrintPart,
    located: Located | None = None,
) -> PartJob:
    shown = [c for c in manuscript.chapters if c.id in part.chapters]
    shown += [c for c in manuscript.chapters if part.front and c.matter == "front"]
    # a part's landscape pages are set as the one-process build sets them (its own page
    # `part-landscape`, turned as the part is written, its folio stamped on); a part
    # without any: the same HTML. The one-process build decides its broadside tables'
    # moves on this HTML too (octavo.render.pdf.broadside_parts)
    source = part_html(manuscript, options.page, part, located=located)
    chapters = tuple(p.id for p in manuscript.parts if p.id in part.chapters)  # title pages
    chapters += tuple(c.id for c in shown)
    notes = note_pairs(s for c in shown for s in c.sections)
    chapters += (APPENDIX,) if part.appendix else ()
    chapters += ("index",) if part.appendix and manuscript.index else ()  # its own heads
    project, bleed = manuscript.book.project, options.page.bleed
    return PartJob(name, "", source, project, notes, chapters, bleed)


def _plain_job(manuscript: Manuscript, options: PdfOptions, name: str, source: str) -> PartJob:
    return PartJob(name, "", source, manuscript.book.project, (), (), options.page.bleed)
