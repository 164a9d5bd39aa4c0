"""octavo's tasks, defined once: the `octavo` command runs them (octavo.cli.main), and so
does `invoke` in the repository (its tasks.py) and in a book folder made by `octavo new`.
Each task calls one function of octavo.api; a user's mistake exits 1, never a traceback
(octavo.cli.running). Here are the tasks that make and check a book's outputs, and the
namespace of all; those on its sources (new, import-pages, outline, gen-study) are in
octavo.cli.source_tasks."""

from __future__ import annotations

import sys
from pathlib import Path

from invoke.collection import Collection
from invoke.context import Context
from invoke.tasks import task

from octavo import api
from octavo.cli import stops
from octavo.cli.options import checked
from octavo.cli.running import (
    BOOK,
    QUIET,
    STRICT,
    book_folder,
    output_file,
    output_folder,
    run,
    show,
    timed,
)
from octavo.cli.source_tasks import gen_study, import_pages, new, outline


@task(
    help={
        "book": BOOK,
        "out": "The PDF to write (default: build/<slug>.pdf).",
        "paper": 'A trim: letter, a4, a5, 5.5x8.5, 6x9, 7x10 or "W x H in|mm" (default: the '
        "book's paper setting).",
        "html": "Also write the print HTML handed to WeasyPrint to this file.",
        "strict": STRICT,
        "tagged": "Write a tagged PDF (PDF/UA-1; the same as --pdf-variant pdf/ua-1).",
        "pdf-variant": "pdf/x-4, pdf/x-1a, pdf/a-2b, pdf/a-3b or pdf/ua-1 (WeasyPrint's own).",
        "bleed": "Bleed around the trim, e.g. 0.125in or 3mm (default: the book's).",
        "marks": "Printer's marks: crop, cross, 'crop cross' or none (default: the book's).",
        "quiet": QUIET,
        "jobs": "Lay chapters out in N processes, reusing unchanged ones (default 0: every "
        "core, two at least, for a book of 20 sections or more, else 1).",
    }
)
def pdf(
    c: Context,
    book: str = "",
    out: str = "",
    paper: str = "",
    html: str = "",
    strict: bool = False,
    tagged: bool = False,
    quiet: bool = False,
    jobs: int = 0,
    pdf_variant: str = "",
    bleed: str = "",
    marks: str = "",
) -> None:
    """Build the print PDF of a book; prints its path last."""
    built, found = timed(
        "pdf",
        quiet,
        lambda: api.build_pdf(
            book_folder(book),
            output_file(out, ".pdf"),
            paper or None,
            output_file(html, ".html"),
            strict,
            tagged,
            jobs,
            pdf_variant,
            bleed or None,
            marks or None,
        ),
    )
    show(found)
    print(built)


@task(
    help={
        "book": BOOK,
        "out": "The cover PDF to write (default: build/<slug>-cover.pdf).",
        "pages": "The book's page count (default: that of its PDF, built first if need be).",
        "paper": "A trim, as for `pdf` (default: the book's paper setting).",
        "bleed": "Bleed round the cover (default: the book's, else 0.125in).",
        "pdf-variant": "A PDF variant, as for `pdf` (pdf/x-4 for most printers).",
        "strict": STRICT,
        "quiet": QUIET,
    }
)
def cover(
    c: Context,
    book: str = "",
    out: str = "",
    pages: int = 0,
    paper: str = "",
    bleed: str = "",
    pdf_variant: str = "",
    strict: bool = False,
    quiet: bool = False,
) -> None:
    """Build the print cover (back, spine, front) sized from the trim, pages and ppi."""
    built, found = timed(
        "cover",
        quiet,
        lambda: api.build_cover(
            book_folder(book),
            output_file(out, "-cover.pdf"),
            pages,
            paper or None,
            bleed or None,
            pdf_variant,
            strict,
        ),
    )
    show(found)
    print(built)


@task(
    help={
        "book": BOOK,
        "out": "Folder for the handouts (default: build/handouts/<slug>/).",
        "by": "One handout per 'section' (default) or per 'chapter'.",
        "paper": "A trim, as for `pdf` (default: the book's paper setting).",
        "strict": STRICT,
        "quiet": QUIET,
    }
)
def handouts(
    c: Context,
    book: str = "",
    out: str = "",
    by: str = "section",
    paper: str = "",
    strict: bool = False,
    quiet: bool = False,
) -> None:
    """Write one standalone PDF per section (or chapter); prints the folder last."""
    made = timed(
        "handouts",
        quiet,
        lambda: api.build_handouts(
            book_folder(book), output_folder(out), by, paper or None, strict
        ),
    )
    show(made.found)
    for path in made.written:
        print(f"wrote {path}")
    print(made.folder)


@task(
    help={
        "book": BOOK,
        "out": "The EPUB to write (default: build/<slug>.epub).",
        "strict": STRICT,
        "quiet": QUIET,
        "jobs": "1: one process; default 0: the EPUB writer starts in a second process "
        "while the book is rendered (on two cores or more).",
    }
)
def epub(
    c: Context,
    book: str = "",
    out: str = "",
    strict: bool = False,
    quiet: bool = False,
    jobs: int = 0,
) -> None:
    """Build the EPUB 3; the last line printed is the path written."""
    path, found = timed(
        "epub",
        quiet,
        lambda: api.build_epub(book_folder(book), output_file(out, ".epub"), strict, jobs),
    )
    show(found)
    print(path)


@task(
    name="all",
    iterable=["books"],
    help={
        "books": "A book folder (repeatable).",
        "out": "Folder for the outputs, one sub-folder a book (default: build/all).",
        "jobs": "Books built at a time (default: the number of cores).",
        "strict": STRICT,
        "quiet": QUIET,
    },
)
def all_books(
    c: Context,
    books: list[str],
    out: str = "",
    jobs: int = 0,
    strict: bool = False,
    quiet: bool = False,
) -> None:
    """Build the EPUB and the PDF of several books, using every core."""
    folder = Path("build/all")
    written, found = timed(
        "all",
        quiet,
        lambda: api.build_all([Path(b) for b in books], output_folder(out) or folder, jobs, strict),
    )
    show(found)
    for path in written:
        print(path)
    print(Path(out) if out else folder)


@task(
    help={
        "book": BOOK,
        "pages": "How many pages to render (default 8).",
        "out": "Folder for the PNGs (default: build/preview).",
        "strict": STRICT,
        "quiet": QUIET,
    }
)
def preview(
    c: Context,
    book: str = "",
    pages: int = 8,
    out: str = "",
    strict: bool = False,
    quiet: bool = False,
) -> None:
    """Render the first PDF pages and the EPUB cover to PNG, with a contact sheet."""
    from octavo.cli.preview import preview as run_preview  # Pillow: only this task needs it

    written, found = timed(
        "preview",
        quiet,
        lambda: run_preview(book_folder(book), pages, output_folder(out), strict),
    )
    show(found)
    for path in written[:-1]:
        print(path)
    print(written[-1])


@task(help={"book": BOOK, "strict": STRICT})
def watch(c: Context, book: str = "", strict: bool = False) -> None:
    """Rebuild the EPUB and the PDF whenever a source, template or style changes."""
    from octavo.cli.watch import watch as watch_loop
    from octavo.project import watched
    from octavo.render.pdf.parallel.start import KeptWorkers

    root = book_folder(book)
    stops.install()
    with KeptWorkers() as kept:  # the PDF's workers, warm from one rebuild to the next

        def rebuild() -> list[Path]:
            written, found = api.build_both(root, strict, kept)
            show(found)
            return written

        print(f"watch: {root} (Ctrl-C to stop)", file=sys.stderr)
        # stopped (Ctrl-C, a kill), it ends as every task does: `octavo: interrupted; …`, 1
        run(lambda: watch_loop(watched(root), rebuild, sys.stderr))


@task(
    help={
        "book": BOOK,
        "out": "Folder of the EPUB and the PDF checked, built there as <slug>.epub and "
        "<slug>.pdf if missing or stale (default: build/, where `epub` and `pdf` write).",
        "strict": STRICT,
        "pdf-variant": "Build and read back the PDF as this variant, as for `pdf`.",
        "cover": "The print cover to read back as `cover` does (default: <slug>-cover.pdf "
        "beside the PDF, when it is there).",
        "quiet": QUIET,
    }
)
def check(
    c: Context,
    book: str = "",
    out: str = "",
    strict: bool = False,
    pdf_variant: str = "",
    cover: str = "",
    quiet: bool = False,
) -> None:
    """Validate the built EPUB (EPUBCheck, DAISY Ace), PDF and cover (read-back checks);
    non-zero on a problem. Prints a verdict for each output, then the folder they are in."""
    checked = timed(
        "check",
        quiet,
        lambda: api.check(
            book_folder(book),
            strict=strict,
            out=output_folder(out),
            variant=pdf_variant,
            cover=Path(cover) if cover else None,
        ),
    )
    show(checked.found)
    for line in checked.lines:
        print(line)
    print(checked.pdf.parent)


# checked here, not only by the tasks.py that loads it: a book made by an octavo before
# `checked` existed has a tasks.py of one line (`from octavo.cli.tasks import namespace as
# ns`), and its misspelt option is E132 too (`checked` does nothing outside `invoke` and
# nothing the second time)
namespace = checked(
    Collection(
        new,
        import_pages,
        outline,
        epub,
        pdf,
        cover,
        handouts,
        all_books,
        preview,
        watch,
        check,
        gen_study,
    )
)
