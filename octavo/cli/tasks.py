"""octavo's tasks, defined once: the `octavo` command runs them (octavo.cli.main), and so
does `invoke` in the repository (its tasks.py) and in a book folder made by `octavo new`.
Each task calls one function of octavo.api; a user's mistake exits 1, never a traceback."""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from invoke.collection import Collection
from invoke.context import Context
from invoke.exceptions import Exit, ParseError
from invoke.parser.argument import Argument
from invoke.tasks import task

from octavo import api
from octavo.cli import stops
from octavo.errors import BuildError, Diagnostic, boundary

T = TypeVar("T")
BOOK = "Book folder (default: the current folder if it holds book.toml, else book)."
STRICT = "Treat warnings as errors."


QUIET = "Print only the result and problems, no progress."
_ending: list[Callable[[], None]] = []  # _quick_exit, once registered


_COUNTS = frozenset({"jobs", "sections", "words", "runs", "series"})  # never below 0


def _told_values() -> None:
    """An option given a value of the wrong kind (`--jobs x`) is a ParseError, which
    invoke prints and exits 1 on, with a code, under `invoke` and `octavo` alike: invoke
    casts an option's value to its default's type and let int()'s ValueError out as a
    traceback."""
    if getattr(Argument.set_value, "octavo", False):
        return
    original = Argument.set_value

    def set_value(self: Argument, value: Any, cast: bool = True) -> None:
        try:
            original(self, value, cast)
        except (TypeError, ValueError):
            kind = "a whole number" if self.kind is int else f"a {self.kind.__name__}"
            raise ParseError(f"E126 error: --{self.name} {value!r} is not {kind}") from None
        if self.name in _COUNTS and isinstance(self.value, int) and self.value < 0:
            # `--jobs -3` was taken as 0, every core, without a word
            raise ParseError(f"E126 error: --{self.name} {value!r} is not 0 or more")

    set_value.octavo = True  # type: ignore[attr-defined]
    Argument.set_value = set_value  # type: ignore[method-assign]


_told_values()


def _timed(name: str, quiet: bool, action: Callable[[], T]) -> T:
    """_run with progress on stderr: live on a terminal, a plain timed line elsewhere."""
    from octavo.cli.progress import progress

    with progress(quiet).step(name):
        return _run(action)


def _book(given: str) -> Path:
    """The book folder: the one given; else the current folder if it is a book (as in a
    folder made by `octavo new`); else book/."""
    if given:
        return Path(given)
    return Path(".") if Path("book.toml").is_file() else Path("book")


def _show(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _quick_exit() -> None:
    """At the command's end (atexit, after the last task): the objects alive then are moved
    out of the cyclic garbage collector's reach (gc.freeze), so that the interpreter's
    shutdown does not traverse them again and again while it clears the modules: 30-60 ms
    of a cold `invoke epub` at 81 sections, 12-15 ms left. What runs at exit (atexit,
    weakref.finalize) still runs; only objects left in reference cycles are not finalized,
    and octavo closes every file it writes."""
    gc.freeze()


def _run(action: Callable[[], T]) -> T:
    """Run an octavo function; a user's mistake exits 1 with its messages, no traceback
    (unless invoke's --debug is given). octavo.api's functions each keep to the error
    boundary; it is kept here too, for every task alike."""
    if not _ending:
        _ending.append(atexit.register(_quick_exit))
        stops.install()
    try:
        with boundary("the output"):
            done = action()
    except BaseException as exc:
        stops.cancel()  # a stop held now ends the command with this
        if not isinstance(exc, BuildError) or "--debug" in sys.argv or "-d" in sys.argv:
            raise
        count = sum(1 for d in exc.diagnostics if d.severity.value == "error")
        wrote = "".join(f"\nwrote {path}" for path in exc.written)
        raise Exit(
            f"{exc}{wrote}\noctavo: stopped ({count or len(exc.diagnostics)} problem(s))", code=1
        ) from None
    stops.release()  # a stop held by the work's last import: the next task is not begun
    return done


def _helped(value: str, name: str) -> bool:
    """`invoke import-pages --help`: invoke hands a task's positional argument the word
    after the task's name, `--help` too, which was then a page not found (E400). The
    task's help is printed instead, as `invoke --help import-pages` prints it."""
    if value not in ("--help", "-h"):
        return False
    from invoke.program import Program

    binary = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "invoke"
    binary = "invoke" if binary in ("__main__.py", "-c", "") else binary
    try:
        Program(namespace=namespace, binary=binary).run([binary, "--help", name], exit=False)
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return True


@task(
    positional=["path"],
    iterable=["more"],
    help={
        "path": "A saved page (text or HTML), a folder of pages, or a quoted glob.",
        "more": "Another page, folder or glob (repeatable).",
        "book": BOOK,
        "force": "Replace sections that exist with other content.",
        "strict": "Refuse a page that needs any warning.",
        "manifest": "A CSV or TOML file giving pages their chapter, parents, number, title.",
        "data_as_of": "The data date (YYYY-MM) of pages that carry none.",
        "explain": "Say for each page which site's layout was read, and why.",
    },
)
def import_pages(
    c: Context,
    path: str,
    more: list[str],
    book: str = "",
    force: bool = False,
    strict: bool = False,
    manifest: str = "",
    data_as_of: str = "",
    explain: bool = False,
) -> None:
    """Import saved country-study pages into a book folder as Markdown sections."""
    if _helped(path, "import-pages"):
        return
    given = [path, *more]
    folder = _book(book)
    result = _run(lambda: api.run_import(given, folder, force, strict, manifest, data_as_of))
    _show(result.diagnostics)
    for report in result.reports:
        print(report.line())
        if explain:
            for reason in report.reasons:
                print(f"    {reason}")
    if result.book_toml:
        print(f"wrote {result.book_toml}")
    print(result.summary())
    print(folder)
    if result.refused:
        raise Exit(
            f"octavo: {len(result.refused)} page(s) refused (see above); "
            f"{len(result.written)} imported and {len(result.unchanged)} unchanged "
            f"are in {folder}",
            code=1,
        )


@task(help={"book": BOOK, "strict": STRICT})
def outline(c: Context, book: str = "", strict: bool = False) -> None:
    """Print the book's tree: chapters, sections, N of M, data dates, and diagnostics."""
    from octavo.cli.outline import outline as outline_of

    lines, found = _run(lambda: outline_of(_book(book)))
    print("\n".join(lines))
    _show(found)
    if found and (strict or any(d.severity.value == "error" for d in found)):
        raise Exit("octavo: the book has problems (see above)", code=1)


@task(
    help={
        "sections": "How many sections (default 81).",
        "out": "Folder for the book.",
        "seed": "Random seed (default 1).",
        "words": "Typical words a section (600).",
        "rich": "Add tables, figures, footnotes, a Preface, a Bibliography, a Glossary and "
        "index marks, as the benchmark's studies have.",
    }
)
def gen_study(
    c: Context, out: str, sections: int = 81, seed: int = 1, words: int = 600, rich: bool = False
) -> None:
    """Generate a synthetic study: raw pages in OUT/pages, imported into the book OUT."""
    from octavo.dev.gen import generate_study  # here: no other task pays for its imports

    folder = _run(lambda: generate_study(Path(out), sections, seed, words, rich, rich))
    print(folder)


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
    built, found = _timed(
        "pdf",
        quiet,
        lambda: api.build_pdf(
            _book(book),
            Path(out) if out else None,
            paper or None,
            Path(html) if html else None,
            strict,
            tagged,
            jobs,
            pdf_variant,
            bleed or None,
            marks or None,
        ),
    )
    _show(found)
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
    built, found = _timed(
        "cover",
        quiet,
        lambda: api.build_cover(
            _book(book),
            Path(out) if out else None,
            pages,
            paper or None,
            bleed or None,
            pdf_variant,
            strict,
        ),
    )
    _show(found)
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
    written, found = _timed(
        "handouts",
        quiet,
        lambda: api.build_handouts(
            _book(book), Path(out) if out else None, by, paper or None, strict
        ),
    )
    _show(found)
    for path in written:
        print(f"wrote {path}")
    print(written[0].parent if written else Path(out or "build/handouts"))


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
    path, found = _timed(
        "epub",
        quiet,
        lambda: api.build_epub(_book(book), Path(out) if out else None, strict, jobs),
    )
    _show(found)
    print(path)


@task(
    name="all",
    iterable=["books"],
    help={
        "books": "A book folder (repeatable).",
        "out": "Folder for the outputs, one sub-folder a book (default: build/all).",
        "jobs": "Books built at a time (default: the number of cores).",
        "strict": STRICT,
    },
)
def all_books(
    c: Context, books: list[str], out: str = "build/all", jobs: int = 0, strict: bool = False
) -> None:
    """Build the EPUB and the PDF of several books, using every core."""
    written, found = _run(lambda: api.build_all([Path(b) for b in books], Path(out), jobs, strict))
    _show(found)
    for path in written:
        print(path)
    print(Path(out))


@task(
    help={
        "book": BOOK,
        "pages": "How many pages to render (default 8).",
        "out": "Folder for the PNGs (default: build/preview).",
    }
)
def preview(c: Context, book: str = "", pages: int = 8, out: str = "") -> None:
    """Render the first PDF pages and the EPUB cover to PNG, with a contact sheet."""
    from octavo.cli.preview import preview as run_preview  # Pillow: only this task needs it

    written = _run(lambda: run_preview(_book(book), pages, Path(out) if out else None))
    for path in written[:-1]:
        print(path)
    print(written[-1])


@task(help={"book": BOOK, "strict": STRICT})
def watch(c: Context, book: str = "", strict: bool = False) -> None:
    """Rebuild the EPUB and the PDF whenever a source, template or style changes."""
    from octavo.cli.watch import watch as watch_loop
    from octavo.project import watched
    from octavo.render.pdf.parallel.start import KeptWorkers

    root = _book(book)
    stops.install()
    with KeptWorkers() as kept:  # the PDF's workers, warm from one rebuild to the next

        def rebuild() -> list[Path]:
            written, found = api.build_both(root, strict, kept)
            _show(found)
            return written

        print(f"watch: {root} (Ctrl-C to stop)", file=sys.stderr)
        watch_loop(watched(root), rebuild, sys.stderr)


@task(help={"book": BOOK})
def check(c: Context, book: str = "") -> None:
    """Validate the built EPUB (EPUBCheck) and PDF (read-back checks); non-zero on a problem."""
    for line in _run(lambda: api.check(_book(book))):
        print(line)


@task(
    positional=["folder"],
    help={
        "folder": "The folder to make (it must not exist, or be empty).",
        "country": "The study's country (default: from the folder's name).",
    },
)
def new(c: Context, folder: str, country: str = "") -> None:
    """Make a book folder: book.toml, one example section, tasks.py and .gitignore."""
    if _helped(folder, "new"):
        return
    from octavo.cli.new import new_book

    for path in _run(lambda: new_book(Path(folder), country)):
        print(f"wrote {path}")
    print(Path(folder))


namespace = Collection(
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
