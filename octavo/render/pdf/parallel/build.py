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

`jobs` < 2, a PDF variant (tagged, PDF/X, PDF/A), or parts that do not fit together: the
one-process build (octavo.render.pdf.document.render_pdf), which gives the same pages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from octavo.cache import Store, fingerprint
from octavo.model import Manuscript
from octavo.render.pdf.document import PdfOptions, check_paper, render_pdf, xmp_descriptions
from octavo.render.pdf.html import PrintPart, note_pairs, print_html
from octavo.render.pdf.parallel.merge import Placed, Unmergeable, merge_parts, place
from octavo.render.pdf.parallel.part import PartJob, PartLayout, from_json, lay_out_part, to_json
from octavo.render.pdf.parallel.stamp import APPENDIX, stamp_html
from octavo.sandbox import digest_file
from octavo.workers import pool as pool_of

__all__ = [
    "ParallelResult",
    "has_page_refs",
    "in_parts_ok",
    "render_pdf_parallel",
]

FORMAT = "parts-3"  # bump when the page map, the part HTML or the note fixes change meaning


@dataclass(frozen=True, slots=True)
class ParallelResult:
    pdf: bytes
    pages: int
    laid_out: tuple[str, ...]  # parts laid out by this build (the others came from the cache)
    reused: tuple[str, ...]
    parallel: bool  # False: the one-process build was used


def render_pdf_parallel(
    manuscript: Manuscript, options: PdfOptions, jobs: int, cache: Path | None = None
) -> ParallelResult:
    """The same PDF as render_pdf, laid out by `jobs` processes from parts."""
    check_paper(options)
    if (
        jobs > 1
        and not options.pdf_variant
        and not has_page_refs(manuscript)
        and in_parts_ok(manuscript)
    ):
        try:
            return _parallel(manuscript, options, jobs, cache)
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
    manuscript: Manuscript, options: PdfOptions, jobs: int, cache: Path | None
) -> ParallelResult:
    import multiprocessing

    store = _Store(cache / "pdf-parts" if cache else None, _salt(manuscript, options))
    context = multiprocessing.get_context("fork")
    with pool_of(jobs, context) as pool:
        body = _run(
            pool, store, [_chapter_job(manuscript, options, c.id) for c in manuscript.chapters]
        )
        chapters = tuple(body[c.id] for c in manuscript.chapters)
        placed, _ = place(_empty(), chapters)
        folios = _folios(placed[1:])
        appendix_job = _job(manuscript, options, "appendix", PrintPart(False, (), True, folios))
        front_job = replace(
            _job(manuscript, options, "front", PrintPart(True, (), False, folios)),
            xmp=xmp_descriptions(manuscript, options),  # the merged PDF's XMP is the front's
        )
        # the stamp needs the appendix's page count only: it starts as soon as the appendix
        # is done, while the front matter (the longer of the two) is still being laid out
        front_started = _start(pool, store, front_job)
        appendix = _finish(store, _start(pool, store, appendix_job))
        stamp_source = stamp_html(manuscript, options.page, _counts((*chapters, appendix)))
        stamp_job = _plain_job(manuscript, options, "stamp", stamp_source)
        stamp_started = _start(pool, store, stamp_job)
        front = _finish(store, front_started)
        stamp = _finish(store, stamp_started)
    placed, total = place(front, (*chapters, appendix))
    pdf = merge_parts(placed, total, stamp)
    laid_out = tuple(store.laid_out)
    reused = tuple(store.reused)
    return ParallelResult(pdf, total, laid_out, reused, True)


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
    source = print_html(manuscript, options.page, part)
    chapters = tuple(c.id for c in manuscript.chapters if c.id in part.chapters)
    notes = note_pairs(s for c in manuscript.chapters if c.id in part.chapters for s in c.sections)
    chapters += (APPENDIX,) if part.appendix else ()
    project, bleed = manuscript.book.project, options.page.bleed
    return PartJob(name, "", source, project, notes, chapters, bleed)


def _plain_job(manuscript: Manuscript, options: PdfOptions, name: str, source: str) -> PartJob:
    return PartJob(name, "", source, manuscript.book.project, (), (), options.page.bleed)


def _run(pool: Executor, store: _Store, jobs: list[PartJob]) -> dict[str, PartLayout]:
    """Lay out the parts the cache does not hold, longest first, in the workers."""
    started = [
        (job.name, _start(pool, store, job)) for job in sorted(jobs, key=lambda j: -len(j.html))
    ]
    return {name: _finish(store, layout) for name, layout in started}


def _start(pool: Executor, store: _Store, job: PartJob) -> Future[PartLayout] | PartLayout:
    """A part from the cache, or its layout started in a worker (`_finish` waits for it)."""
    keyed = store.keyed(job)
    found = store.get(keyed)
    return found if found is not None else pool.submit(lay_out_part, keyed)


def _finish(store: _Store, started: Future[PartLayout] | PartLayout) -> PartLayout:
    if isinstance(started, PartLayout):
        return started
    result = started.result()
    for message in result.warnings:
        logging.getLogger("weasyprint").warning("%s", message)
    store.put(result)
    return result


class _Store:
    """Laid-out parts by key: <key>.pdf and <key>.json in `folder` (None: no cache)."""

    def __init__(self, folder: Path | None, salt: str):
        self.store, self.salt = Store(folder), salt
        self.laid_out: list[str] = []
        self.reused: list[str] = []

    def keyed(self, job: PartJob) -> PartJob:
        return replace(job, key=fingerprint(self.salt, job.name, job.html, job.xmp))

    def get(self, job: PartJob) -> PartLayout | None:
        pdf, meta = self.store.get(f"{job.key}.pdf"), self.store.get(f"{job.key}.json")
        if pdf is None or meta is None:
            return None
        try:
            found = from_json(meta.decode("utf-8"), pdf)
        except (ValueError, KeyError, TypeError):
            return None  # damaged: lay it out again
        self.reused.append(job.name)
        return found

    def put(self, layout: PartLayout) -> None:
        self.laid_out.append(layout.name)
        if not layout.warnings:
            self.store.put(f"{layout.key}.pdf", layout.pdf)
            self.store.put(f"{layout.key}.json", to_json(layout).encode("utf-8"))


def _salt(manuscript: Manuscript, options: PdfOptions) -> str:
    """What a part's layout depends on besides its HTML: styles, fonts, options, versions."""
    parts: list[str | bytes] = [FORMAT, str(options)]
    for folder in reversed(manuscript.book.project.style_dirs):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():  # read by the sandbox's rules (no FIFO, no link out)
                parts.append(str(path.relative_to(folder)))
                parts.append(digest_file(path, manuscript.book.project.sandbox_roots))
    return fingerprint(*parts)
