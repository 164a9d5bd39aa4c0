"""`invoke pdf`: render the book's PDF and write it (and the print HTML) atomically."""

from __future__ import annotations

from pathlib import Path

from octavo.model import Manuscript
from octavo.render.pdf.document import PdfOptions, PrintResult, render_pdf
from octavo.write import atomic_bytes, atomic_text

__all__ = ["auto_jobs", "build_book_pdf"]

AUTO_SECTIONS = 20  # below this, one process is sooner than parts, stamp and merge


def build_book_pdf(
    manuscript: Manuscript,
    out: Path,
    paper: str | None = None,
    html: Path | None = None,
    tagged: bool = False,
    jobs: int = 1,
) -> Path:
    """Write the PDF (nothing is written unless the whole build succeeds).

    `jobs` > 1: chapters laid out in that many processes, unchanged ones reused
    (octavo.render.pdf.parallel.build); the same pages. `--html` needs the one-process layout.
    `jobs` < 1: `auto_jobs`."""
    jobs = jobs if jobs > 0 else auto_jobs(manuscript)
    options = PdfOptions(paper or manuscript.book.config.paper, tagged)
    cache = out.parent / ".octavo-cache"
    if jobs > 1 and html is None:
        from octavo.render.pdf.parallel.build import render_pdf_parallel

        return atomic_bytes(out, render_pdf_parallel(manuscript, options, jobs, cache).pdf)
    result: PrintResult = render_pdf(manuscript, options, cache)
    if html is not None:
        atomic_text(html, result.html)
    return atomic_bytes(out, result.pdf)


def auto_jobs(manuscript: Manuscript) -> int:
    """Every core for a book of several chapters and AUTO_SECTIONS sections or more."""
    import os

    if len(manuscript.sections) < AUTO_SECTIONS:
        return 1
    return max(1, min(os.cpu_count() or 1, len(manuscript.chapters)))
