"""The functions tasks.py calls: one per task, raising BuildError on a user's mistake."""

from __future__ import annotations

from pathlib import Path

from octavo.errors import BuildError, Diagnostic, Severity, raise_if_errors
from octavo.importing import ImportResult, expand_paths, import_pages
from octavo.model import Manuscript
from octavo.outline import outline_lines
from octavo.render.manuscript import render_manuscript
from octavo.sources import load_book, read_book

__all__ = ["build_handouts", "build_pdf", "manuscript", "outline", "run_import"]


def run_import(patterns: list[str], book: Path, force: bool, strict: bool) -> ImportResult:
    paths, missing = expand_paths(patterns)
    if missing:
        raise BuildError(missing)
    result = import_pages(paths, book, force)
    if any(d.severity is Severity.ERROR or strict for d in result.diagnostics):
        raise BuildError(result.diagnostics)
    return result


def outline(book: Path) -> tuple[list[str], tuple[Diagnostic, ...]]:
    """The tree and every diagnostic; raises only when the book cannot be read at all."""
    loaded, found = read_book(book)
    if loaded is None:
        raise BuildError(found)
    return outline_lines(loaded), found


def manuscript(book: Path, strict: bool = False) -> tuple[Manuscript, tuple[Diagnostic, ...]]:
    """Read, assemble and render a book; the shared first half of every build."""
    loaded, found = load_book(book, strict)
    rendered, problems = render_manuscript(loaded)
    raise_if_errors(found + problems, strict)
    return rendered, found + problems


def generate_study(out: Path, sections: int, seed: int = 1, words: int = 600) -> Path:
    """Raw pages into OUT/pages, imported into the book folder OUT."""
    from octavo.gen import generate_pages, write_pages

    paths = write_pages(generate_pages(sections, seed=seed, words=words), out / "pages")
    result = import_pages(list(paths), out, force=True)
    raise_if_errors(result.diagnostics)
    return out


def build_pdf(
    book: Path,
    out: Path | None = None,
    paper: str | None = None,
    html: Path | None = None,
    strict: bool = False,
    tagged: bool = False,
) -> tuple[Path, tuple[Diagnostic, ...]]:
    """`invoke pdf`: the print PDF (and, if asked, the HTML WeasyPrint laid out)."""
    from octavo.render.pdf_build import build_book_pdf

    rendered, found = manuscript(book, strict)
    return build_book_pdf(rendered, out, paper, html, tagged), found


def build_handouts(
    book: Path,
    out: Path | None = None,
    by: str = "section",
    paper: str | None = None,
    strict: bool = False,
) -> tuple[tuple[Path, ...], tuple[Diagnostic, ...]]:
    """`invoke handouts`: one standalone PDF per section (or chapter)."""
    from octavo.render.pdf_handouts import build_handouts as build

    rendered, found = manuscript(book, strict)
    return build(rendered, out, by, paper), found


def build_epub(
    book: Path, out: Path | None = None, strict: bool = False
) -> tuple[Path, tuple[Diagnostic, ...]]:
    """Build the EPUB 3 to OUT (default build/<slug>.epub); a failure writes nothing."""
    from octavo.render.epub import render_epub
    from octavo.render.epub_errors import epub_errors, write_errors
    from octavo.write import atomic_bytes

    rendered, found = manuscript(book, strict)
    with epub_errors():
        data = render_epub(rendered)
    target = out if out is not None else Path("build") / f"{rendered.book.config.slug}.epub"
    return write_errors(target, lambda: atomic_bytes(target, data)), found
