"""The book's PDF from parts laid out in parallel, and again only where they changed.

Within a chapter nothing depends on where it starts but its folios (chapters open on
right-hand pages, notes are numbered per chapter, running heads come from the model), so:

1. each chapter is a part (print HTML from templates/print/book.html with `part`), laid
   out in `jobs` worker processes, longest first, or taken from the cache when its HTML,
   styles, fonts and versions are those of an earlier build (octavo.render.pdf.parallel.jobs);
   so is each back-matter division (Bibliography, Glossary, ...) and, in a book of parts
   of countries, each part's title page (its chapters are laid out in its `.part-matter`;
   the stamp gives them the part's name in their heads, and the merge puts their
   bookmarks under the part's: jobs.in_parts, jobs.nested); a table too wide for the text
   block goes on landscape pages there as in one process (a `country-landscape` page in a
   part of a country's chapter), turned onto pages of the book's size as the part is
   written (octavo.render.pdf.broadside), and the part's page map records which
   (octavo.render.pdf.parallel.page_maps.PageMap.turned);
2. from their page counts come the folios of every heading; the front matter (contents
   numbers given; the front-matter divisions after it, roman folios and heads their own)
   and the appendix (page column given; the front-matter divisions' roman folios from the
   front matter's layout, or from its sketch, laid out among the chapters in a cold
   build: jobs.sketch_job; the index, when the book has one, set
   with its marks' pages from the parts' page maps, placed.index_located; the front
   matter numbers the index in its contents: a cold build takes that folio from a sketch
   of the appendix, jobs.appendix_sketch_job, and lays the two out side by side) are laid
   out next, with the stamp of running heads and
   folios for the body and back matter, its broadside pages stamped with their folio alone
   (octavo.render.pdf.parallel.stamp, octavo.render.pdf.parallel.tail), laid out beside
   them: it needs the chapters' page counts only, the appendix printing its own heads and
   folios from its first folio on, as the front matter does;
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

After an edit, a chapter's part (a body or back-matter division without page references
given) is not laid out whole: its last layout is resumed at the clean page before the
first changed element, from the pages' states the cache keeps beside it, until the breaks
meet the old ones again (octavo.render.pdf.parallel.resume: the full layout's pages).

Page references (xref.holds_page_refs) in the body's parts to targets in them: each part is
given its targets' folios, laid out again until every one prints its target's
(octavo.render.pdf.parallel.page_refs).

`jobs` < 2, a PDF variant (tagged, PDF/X, PDF/A), other page references (`by_part`), a
book whose own styles read the whole document from a page (`@page :first`, `counter(pages)`:
octavo.render.pdf.whole), a table on broadside pages in a front-matter division (`_front_turns`),
or parts that do not fit together: the one-process build
(octavo.render.pdf.document.render_pdf), which gives the same pages.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from octavo.collector import paused, released
from octavo.model import APPENDIX, Manuscript
from octavo.render.pdf.document import PdfOptions, check_paper, render_pdf
from octavo.render.pdf.folio_styles import folio_styles
from octavo.render.pdf.notes.place import NotesLost
from octavo.render.pdf.page_labels import cover_word
from octavo.render.pdf.parallel.early import begin, guess
from octavo.render.pdf.parallel.edited import start_edited
from octavo.render.pdf.parallel.job_memo import made as made_job
from octavo.render.pdf.parallel.jobs import (
    appendix_sketch_job,
    chapter_job,
    front_job,
    has_front_divisions,
    in_parts,
    nested,
    sketch_job,
)
from octavo.render.pdf.parallel.merge import Spliced, Unmergeable, merge_libraries
from octavo.render.pdf.parallel.page_refs import by_part, settle
from octavo.render.pdf.parallel.part import PartJob, PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore, book_files, salt
from octavo.render.pdf.parallel.shared_fonts import scope, styles_digest
from octavo.render.pdf.parallel.spilled import PartSpilled, chapters_laid_out
from octavo.render.pdf.parallel.spliced_fonts import whole_again
from octavo.render.pdf.parallel.start import start_workers
from octavo.render.pdf.parallel.started import finish, start, start_all
from octavo.render.pdf.parallel.tail import lay_out_tail, merged
from octavo.render.pdf.sheets import has_landscape
from octavo.render.pdf.whole import older_template, whole_book_features

__all__ = [
    "ParallelResult",
    "render_pdf_parallel",
    "start_workers",
]


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
    workers if given, else started here)."""
    check_paper(options)
    project = manuscript.book.project
    whole = whole_book_features(project) if jobs > 1 else ()
    if jobs > 1 and older_template(project, "print/book.html", "heads_from"):
        whole += ("print/book.html without heads_from (the appendix's own heads)",)
    if jobs > 1 and older_template(project, "print/book.html", "head_text"):
        # an appendix's heads without its letter, where the stamp gives them one
        whole += ("print/book.html without head_text (an appendix's heads)",)
    if whole:
        logging.getLogger("octavo").info("laid out whole: the book's styles use %s", whole)
    refs = by_part(manuscript) if jobs > 1 and not options.pdf_variant else None
    if refs is not None and not whole and _front_turns(manuscript, options):
        logging.getLogger("octavo").info("a broadside table in the front matter: one process")
        refs = None
    if refs is not None and not whole and not _body_and_appendix(manuscript):
        logging.getLogger("octavo").info("no body, or no Data Currency appendix: one process")
        refs = None
    if refs is not None and not whole:
        try:
            return _parallel(manuscript, options, jobs, cache, pool, refs)
        except (Unmergeable, BrokenProcessPool) as exc:
            logging.getLogger("octavo").info("parts did not fit (%s): one-process build", exc)
        except NotesLost:  # a part dropped notes one process runs on: it tells them
            logging.getLogger("octavo").info("notes on no page of a part: one-process build")
        except PartSpilled as exc:  # E657 of a part not placed (parallel.spilled)
            logging.getLogger("octavo").info("E657 in part %s: one-process build", exc.part)
    result = render_pdf(manuscript, options, cache)
    return ParallelResult(result.pdf, result.pages, ("book",), (), False)


def _body_and_appendix(manuscript: Manuscript) -> bool:
    """Whether the book has a body and a Data Currency appendix, as the parts laid out apart
    take for granted: the body's folios from its first chapter, the appendix's part opened
    by the appendix (a book of front matter alone, or with no dated section, has neither
    that chapter nor that appendix: one process lays it out)."""
    body = any(c.matter != "front" for c in manuscript.chapters)
    return body and manuscript.has_currency


def _front_turns(manuscript: Manuscript, options: PdfOptions) -> bool:
    """Whether a front-matter division holds a table set on broadside pages. The front part
    prints its own folios, the stamp never covers it, and a broadside page's folio is
    drawn over it from a layout of its own (broadside_stamps.broadside_folios), which a
    part laid out in a worker cannot make (the templates and the manuscript are not
    there): laid out in parts, those pages would lack their roman folios."""
    front = (s for c in manuscript.chapters if c.matter == "front" for s in c.sections)
    return has_landscape(manuscript, options.page, front)


def _parallel(
    manuscript: Manuscript,
    options: PdfOptions,
    jobs: int,
    cache: Path | None,
    given: Executor | None,
    refs: Mapping[str, frozenset[str]],
) -> ParallelResult:
    """`refs`: the targets of each part's page references (page_refs.by_part)."""
    folder = cache / "pdf-parts" if cache else None
    project = manuscript.book.project
    styles = styles_digest(project)
    store = PartStore(
        folder, salt(options, styles, book_files(project, cache)), str(project.root.resolve())
    )
    store.fonts = scope(project, styles)
    count = max(2, min(jobs, len(manuscript.book.sections)))  # as early_pool counts
    workers = nullcontext(given) if given is not None else start_workers(count, cache, project)
    # the workers forked (they collect for themselves): this process's collector paused
    # until the PDF is merged (octavo.collector), its passes over the parts' HTML, page
    # maps and the merge's objects, all alive until then, took ~0.5 s at 800 sections;
    # and what is alive then kept out of its reach until the next build (the process
    # writes the PDF and ends: a collection of it all then took ~25 ms at 81 sections)
    released()
    with workers as pool, paused(kept=True):
        parted = in_parts(manuscript)
        folios: dict[str, dict[str, str]] = {name: {} for name in refs}  # page_refs: why

        def part_job(name: str, refs_given: Mapping[str, str]) -> PartJob:
            return chapter_job(manuscript, options, name, refs_given if refs else None)

        def job_of(name: str) -> PartJob:
            return part_job(name, folios.get(name, {}))

        def front_for(chapters: tuple[PartLayout, ...]) -> PartLayout:
            job = store.keyed(made_job(store, front_job, manuscript, options, chapters))
            return finish(store, start(pool, store, job))

        # the chapter guessed to be edited, started before the others' HTML is made
        made, early = start_edited(pool, store, parted, job_of)
        chapter_jobs = [made.get(c.id) or job_of(c.id) for c in parted]
        # a part this cache never laid out: nothing to guess from (early.guess), so the
        # front and, in a book with an index, the appendix are sketched among the chapters
        # (tail.lay_out_tail)
        cold = any(store.last(job.name) is None for job in chapter_jobs)
        sketches: tuple[PartJob, ...] = ()
        if cold and has_front_divisions(manuscript):
            sketches += (sketch_job(manuscript, options),)
        if manuscript.index and (cold or store.last(APPENDIX) is None):
            sketches += (appendix_sketch_job(manuscript, options),)
        started = start_all(pool, store, chapter_jobs, sketches, early)
        sketched = started.pop("front-sketch", None)
        hint = started.pop("appendix-sketch", None)
        guessed = guess(pool, store, manuscript, options, started)
        try:
            begun = begin(manuscript, started, guessed)
            if any(isinstance(s, Future) for s in started.values()):
                merge_libraries()  # while the chapters are laid out, not after
            # E657 in a chapter: told at the book's page, once the front matter is laid out
            chapters = chapters_laid_out(store, [started[c.id] for c in parted], front_for)
            if refs:
                names = tuple(c.id for c in parted)
                figures = folio_styles(manuscript, options)  # the body's figures
                chapters = settle(pool, store, part_job, names, chapters, refs, folios, figures)
            tail = lay_out_tail(
                pool, store, manuscript, options, chapters, guessed, begun, sketched, hint
            )
        finally:  # also when the parts do not fit: a warm pool (watch) is not kept busy
            for wrong in (*guessed.values(), sketched, hint):
                if isinstance(wrong, Future):
                    wrong.cancel()  # not started yet: never laid out; else its result dropped
        front, appendix, stamp = tail.front, tail.appendix, tail.stamp
        store.remember((front, *chapters, appendix, stamp))
        body = (*chapters, appendix)
        nest = nested(manuscript)
        figures = folio_styles(manuscript, options)  # the page labels' styles
        cover, unions = cover_word(manuscript), tail.unions
        try:
            pdf, total = merged(
                store, front, body, stamp, pool, tail.merge, unions, nest, cover, figures
            )
        except Spliced as spliced:  # laid out whole (under the same keys), merged again
            for union in (unions or {}).values():
                union.cancel()
            chapters = whole_again(pool, store, job_of, chapters, spliced.names)
            body = (*chapters, appendix)
            pdf, total = merged(store, front, body, stamp, pool, None, None, nest, cover, figures)
    _let_through(manuscript, (front, *body))  # W656: notes more than a page let through
    laid_out = tuple(dict.fromkeys(store.laid_out))  # resumed, then laid out whole: once
    reused = tuple(dict.fromkeys(store.reused))  # a part guessed and then found again: once
    return ParallelResult(pdf, total, laid_out, reused, True, tuple(store.guessed))


def _let_through(manuscript: Manuscript, parts: tuple[PartLayout, ...]) -> None:
    """The notes called on one page that the parts' layouts let through (more than a page
    of notes: octavo.render.pdf.notes.place), read from their pages, handed to the build
    as a layout in this process hands them."""
    from octavo.render.pdf.html import note_pairs
    from octavo.render.pdf.notes.layout import away_from_calls
    from octavo.render.pdf.notes.place import record_let_through

    pages = ((page.headings, page.notes) for part in parts for page in part.pages)
    record_let_through(away_from_calls(pages, note_pairs(manuscript.sections)))
