"""`invoke check`: the built EPUB and PDF read back and checked (EPUBCheck, octavo.check),
and the print cover, when it was built."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from octavo.api.epub import build_epub
from octavo.api.opened import BookArg, sources
from octavo.api.pdf import build_pdf, read_back_cover
from octavo.errors import BuildError, Diagnostic, boundary, error

if TYPE_CHECKING:
    from octavo.model import Manuscript

__all__ = ["Checked", "check"]


class Checked(NamedTuple):
    """What `invoke check` found: the outputs checked (the cover, if it was there), a line
    a verdict, and the warnings of the builds that made them."""

    epub: Path
    pdf: Path
    lines: tuple[str, ...]
    found: tuple[Diagnostic, ...]
    cover: Path | None = None


def check(
    book: BookArg,
    epub: Path | None = None,
    pdf: Path | None = None,
    strict: bool = False,
    out: Path | None = None,
    variant: str = "",
    cover: Path | None = None,
) -> Checked:
    """`invoke check`: EPUBCheck (usage messages on) and the PDF read-back checks on the built
    files (built first if missing or stale, as `invoke epub` and `invoke pdf` build them:
    their warnings are told, and fatal if `strict`). `out`: the folder they are in,
    named as by default (build/<slug>.epub, .pdf); `epub`, `pdf`: each file itself.
    `variant`: the PDF is built as that variant (`invoke pdf --pdf-variant`, which refuses
    one the variant's read-back refuses) and read back as one (octavo.check.variants).
    `cover`: the print cover to read back as `invoke cover` reads it (E646), sized from the
    book's PDF; without it, the cover built beside the PDF (build/<slug>-cover.pdf, or in
    `out`) when it is there (never built: a book needs none). A `cover` not there is E803.
    Raises BuildError listing every problem, the builds' warnings with them."""
    from octavo.render.pdf.document import check_variant_name

    check_variant_name(variant.lower())  # before the EPUB is built: a failure writes nothing
    given = sources(book, strict)
    named = given.project.output("-cover.pdf")
    if cover is not None and not cover.is_file():
        hint = "build it with `invoke cover`, or leave --cover out"
        raise BuildError([error("E803", f"the cover to check, {cover}, is not there", hint=hint)])
    if out is not None:
        epub = epub or out / given.project.output(".epub").name
        pdf = pdf or out / given.project.output(".pdf").name
        named = out / named.name
    cover = cover or (named if named.is_file() else None)
    epub_path, found = build_epub(given, epub, strict)
    pdf_path, more = build_pdf(given, pdf, strict=strict, variant=variant)
    told = tuple(dict.fromkeys(found + more))
    rendered, _ = given.manuscript()
    with boundary("the check"):
        try:
            lines = _check(rendered, epub_path, pdf_path, variant.lower(), cover)
        except BuildError as failed:
            raise BuildError(told + failed.diagnostics) from failed
    return Checked(epub_path, pdf_path, lines, told, cover)


def _check(
    rendered: Manuscript, epub_path: Path, pdf_path: Path, variant: str, cover: Path | None
) -> tuple[str, ...]:
    from octavo.check.epub import ToolMissing, run_epubcheck
    from octavo.check.pdf import check_book_pdf
    from octavo.check.pdf_facts import read_pdf
    from octavo.check.press import check_press
    from octavo.check.variants import check_variant
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
        if variant:  # built as one, and refused then if it was not: read again all the same
            images = (*rendered.images, *((rendered.cover,) if rendered.cover else ()))
            problems += check_variant(pdf_path, variant, images, rendered.book.project.root)
        if cover is not None:
            problems += _cover(rendered, pdf_path, cover)
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
        "blank pages" + (f", {variant}" if variant else "") + ": all good",
        *(
            (
                f"{cover}: size for the book's pages, bleed, text on its sides, the barcode's "
                "space, title, subtitle, description and publisher in place: all good",
            )
            if cover
            else ()
        ),
    )


def _cover(rendered: Manuscript, pdf_path: Path, cover: Path) -> tuple[Diagnostic, ...]:
    """The cover read back as `invoke cover` reads it before writing it, sized as it sizes
    one: the book's paper and bleed, its PDF's page count and book.toml's ppi."""
    from pypdf import PdfReader

    from octavo.render.pdf.build import pdf_options
    from octavo.render.pdf.cover import cover_geometry

    config = rendered.book.config
    pages = len(PdfReader(pdf_path).pages)
    geometry = cover_geometry(pdf_options(config).page, pages, config.ppi)
    made = (
        f"{geometry.pages} pages at {config.ppi:g} pages per inch, as {pdf_path.name} has: "
        "rebuild the cover (`invoke cover`) after the book changes"
    )
    return read_back_cover(rendered, cover.read_bytes(), geometry, cover, False, made)
