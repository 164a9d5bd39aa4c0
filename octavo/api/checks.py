"""`invoke check`: the built EPUB and PDF read back and checked (EPUBCheck, octavo.check)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from octavo.api.epub import build_epub
from octavo.api.opened import BookArg, sources
from octavo.api.pdf import build_pdf
from octavo.errors import BuildError, boundary, error

if TYPE_CHECKING:
    from octavo.model import Manuscript

__all__ = ["check"]


def check(book: BookArg, epub: Path | None = None, pdf: Path | None = None) -> tuple[str, ...]:
    """`invoke check`: EPUBCheck (usage messages on) and the PDF read-back checks on the built
    files (built first if missing or stale). Raises BuildError listing every problem."""
    given = sources(book)
    epub_path, _ = build_epub(given, epub)
    pdf_path, _ = build_pdf(given, pdf)
    rendered, _ = given.manuscript()
    with boundary("the check"):
        return _check(rendered, epub_path, pdf_path)


def _check(rendered: Manuscript, epub_path: Path, pdf_path: Path) -> tuple[str, ...]:
    from octavo.check.epub import ToolMissing, run_epubcheck
    from octavo.check.pdf import check_book_pdf
    from octavo.check.pdf_facts import read_pdf
    from octavo.check.press import check_press
    from octavo.render.pdf.build import pdf_options

    try:
        result = run_epubcheck(epub_path)
    except ToolMissing as exc:
        raise BuildError([error("E802", str(exc))]) from exc
    problems = [
        error("E801", f"EPUBCheck {m.severity} {m.id}: {m.message}", epub_path, hint=m.location)
        for m in result.messages
    ]
    try:
        problems += check_book_pdf(pdf_path, rendered)
        problems += check_press(read_pdf(pdf_path), pdf_options(rendered.book.config).page)
    except ImportError as exc:  # pdfplumber is a test extra
        raise BuildError(
            [
                error(
                    "E802",
                    f"the PDF checks need {exc.name or 'pdfplumber'}, which is not installed",
                    hint='pip install -e ".[test]"',
                )
            ]
        ) from exc
    if problems:
        raise BuildError(problems)
    return (
        f"{epub_path}: EPUBCheck {result.version}: 0 messages (usage included)",
        f"{pdf_path}: contents numbers, notes on their pages, chapters on odd pages, tables, "
        "page references, figures, running heads, bookmarks, fonts, metadata, boxes, margins, "
        "blank pages: all good",
    )
