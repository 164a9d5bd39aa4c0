"""`invoke pdf`: the book's PDF (and the print HTML) as bytes; octavo.api writes them."""

from __future__ import annotations

import time
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from octavo.cache import prune
from octavo.errors import BuildError, error
from octavo.limits import MiB
from octavo.model import BookConfig, Manuscript
from octavo.render.budget import one_output
from octavo.render.pdf.document import PdfOptions, PrintResult, check_paper, render_pdf
from octavo.render.pdf.nested_notes import crowded_notes
from octavo.render.pdf.parallel.start import AUTO_SECTIONS
from octavo.render.url_sandbox import real_urls
from octavo.source.paper import PaperError, parse_bleed, parse_marks

__all__ = ["PrintChoices", "auto_jobs", "pdf_options", "render_book_pdf"]


@dataclass(frozen=True, slots=True)
class PrintChoices:
    """What a command line chooses of the print PDF (`invoke pdf`'s options), over
    book.toml's: the trim (`paper`), the print HTML as laid out (`html`), a tagged PDF, the
    processes (`jobs`), a PDF variant, the bleed and the marks (as book.toml writes them)."""

    paper: str | None = None
    html: bool = False
    tagged: bool = False
    jobs: int = 1
    variant: str = ""
    bleed: str | None = None
    marks: str | None = None


@one_output()  # its documents share a budget (octavo.render.budget)
def render_book_pdf(
    manuscript: Manuscript,
    cache: Path | None,
    choices: PrintChoices = PrintChoices(),
    pool: Executor | None = None,
) -> tuple[bytes, str | None]:
    """The PDF, and the print HTML as laid out if `choices.html` (else None), its
    stylesheets by their paths (url_sandbox.real_urls: WeasyPrint alone lays it out).

    `jobs` > 1: chapters laid out in that many processes, unchanged ones reused
    (octavo.render.pdf.parallel.build); the same pages. `html` needs the one-process layout.
    `jobs` < 1: `auto_jobs`. `bleed` and `marks` (as in book.toml) replace the book's.
    `cache`: the cache store's folder (Project.cache), pruned to `layout_cache_mb`.
    `pool`: workers started before the book was read (octavo.render.pdf.parallel.start
    .early_pool), used for the parts."""
    crowded = crowded_notes(manuscript.sections)  # E647: before any layout
    if crowded:
        raise BuildError(crowded)
    c = choices
    jobs = c.jobs if c.jobs > 0 else auto_jobs(manuscript)
    options = pdf_options(manuscript.book.config, c)
    started = time.time() - 1  # mtimes of a coarse filesystem may lag a little
    try:
        if jobs > 1 and not c.html and not options.pdf_variant:
            from octavo.render.pdf.parallel.build import render_pdf_parallel

            return render_pdf_parallel(manuscript, options, jobs, cache, pool).pdf, None
        result: PrintResult = render_pdf(manuscript, options, cache, with_html=c.html)
        return result.pdf, real_urls(result.html, manuscript.book.project) if c.html else None
    finally:
        if cache is not None:
            prune(cache, manuscript.book.config.layout_cache_mb * MiB, started)


def pdf_options(config: BookConfig, choices: PrintChoices = PrintChoices()) -> PdfOptions:
    """The book's page and PDF settings, with the command line's `choices` over them (E605,
    E620); `choices.html` and `choices.jobs` are the layout's, not the PDF's."""
    c = choices
    try:
        bleed_pt = config.bleed if c.bleed is None else parse_bleed(c.bleed)
    except PaperError as exc:  # as book.toml's (E141)
        hint = 'printers ask for "0.125in" or "3mm"'
        raise BuildError([error("E605", f"--bleed: {exc}", hint=hint)]) from exc
    try:
        chosen = config.marks if c.marks is None else parse_marks(c.marks)
    except PaperError as exc:
        raise BuildError([error("E605", str(exc))]) from exc
    options = PdfOptions(
        c.paper or config.paper, c.tagged, config.margins, bleed_pt, chosen, c.variant.lower()
    )
    check_paper(options)
    return options


def auto_jobs(manuscript: Manuscript) -> int:
    """Every core for a book of several chapters and AUTO_SECTIONS sections or more, and
    two at least: such a book is laid out in parts on any machine, so that its PDF is the
    same bytes on one core as on eight (one process, whole, gives other bytes)."""
    from octavo.machine import cores

    if len(manuscript.sections) < AUTO_SECTIONS or len(manuscript.chapters) < 2:
        return 1
    return max(2, min(cores(), len(manuscript.chapters)))
