"""octavo's tasks: `invoke --list`. Each task calls one function of octavo."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from invoke.context import Context
from invoke.exceptions import Exit
from invoke.tasks import task

from octavo import api
from octavo.cli.outline import outline as outline_of
from octavo.cli.preview import preview as run_preview
from octavo.dev.gen import generate_study
from octavo.errors import BuildError, Diagnostic

T = TypeVar("T")
BOOK = "Book folder (default: book)."
STRICT = "Treat warnings as errors."


QUIET = "Print only the result and problems, no progress."


def _timed(name: str, quiet: bool, action: Callable[[], T]) -> T:
    """_run with progress on stderr: live on a terminal, a plain timed line elsewhere."""
    from octavo.cli.progress import progress

    with progress(quiet).step(name):
        return _run(action)


def _show(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _run(action: Callable[[], T]) -> T:
    """Run an octavo function; a user's mistake exits 1 with its messages, no traceback
    (unless invoke's --debug is given)."""
    try:
        return action()
    except BuildError as exc:
        if "--debug" in sys.argv or "-d" in sys.argv:
            raise
        count = sum(1 for d in exc.diagnostics if d.severity.value == "error")
        raise Exit(
            f"{exc}\noctavo: stopped ({count or len(exc.diagnostics)} problem(s))", code=1
        ) from None


@task(
    positional=["path"],
    iterable=["more"],
    help={
        "path": "A raw page, a folder of pages, or a quoted glob such as 'pages/*.txt'.",
        "more": "Another page, folder or glob (repeatable).",
        "book": BOOK,
        "force": "Replace sections that exist with other content.",
        "strict": STRICT,
    },
)
def import_pages(
    c: Context,
    path: str,
    more: list[str],
    book: str = "book",
    force: bool = False,
    strict: bool = False,
) -> None:
    """Import scraped country-study pages into a book folder as Markdown sections."""
    given = [path, *more]
    result = _run(lambda: api.run_import(given, Path(book), force, strict))
    _show(result.diagnostics)
    for written in result.written:
        print(f"wrote {written}")
    print(f"{len(result.written)} written, {len(result.unchanged)} unchanged")
    if result.book_toml:
        print(f"wrote {result.book_toml}")
    print(Path(book))


@task(help={"book": BOOK, "strict": STRICT})
def outline(c: Context, book: str = "book", strict: bool = False) -> None:
    """Print the book's tree: chapters, sections, N of M, data dates, and diagnostics."""
    lines, found = _run(lambda: outline_of(Path(book)))
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
    }
)
def gen_study(c: Context, out: str, sections: int = 81, seed: int = 1, words: int = 600) -> None:
    """Generate a synthetic study: raw pages in OUT/pages, imported into the book OUT."""
    folder = _run(lambda: generate_study(Path(out), sections, seed, words))
    print(folder)


@task(
    help={
        "book": BOOK,
        "out": "The PDF to write (default: build/<slug>.pdf).",
        "paper": "letter, a4 or a5 (default: the book's paper setting).",
        "html": "Also write the print HTML handed to WeasyPrint to this file.",
        "strict": STRICT,
        "tagged": "Write a tagged PDF (PDF/UA-1).",
        "quiet": QUIET,
        "jobs": "Lay chapters out in N processes, reusing unchanged ones (default 0: every "
        "core for a book of 20 sections or more, else 1).",
    }
)
def pdf(
    c: Context,
    book: str = "book",
    out: str = "",
    paper: str = "",
    html: str = "",
    strict: bool = False,
    tagged: bool = False,
    quiet: bool = False,
    jobs: int = 0,
) -> None:
    """Build the print PDF of a book; prints its path last."""
    built, found = _timed(
        "pdf",
        quiet,
        lambda: api.build_pdf(
            Path(book),
            Path(out) if out else None,
            paper or None,
            Path(html) if html else None,
            strict,
            tagged,
            jobs,
        ),
    )
    _show(found)
    print(built)


@task(
    help={
        "book": BOOK,
        "out": "Folder for the handouts (default: build/handouts/<slug>/).",
        "by": "One handout per 'section' (default) or per 'chapter'.",
        "paper": "letter, a4 or a5 (default: the book's paper setting).",
        "strict": STRICT,
        "quiet": QUIET,
    }
)
def handouts(
    c: Context,
    book: str = "book",
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
            Path(book), Path(out) if out else None, by, paper or None, strict
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
    }
)
def epub(
    c: Context, book: str = "book", out: str = "", strict: bool = False, quiet: bool = False
) -> None:
    """Build the EPUB 3; the last line printed is the path written."""
    path, found = _timed(
        "epub", quiet, lambda: api.build_epub(Path(book), Path(out) if out else None, strict)
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
    written = _run(lambda: api.build_all([Path(b) for b in books], Path(out), jobs, strict))
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
def preview(c: Context, book: str = "book", pages: int = 8, out: str = "") -> None:
    """Render the first PDF pages and the EPUB cover to PNG, with a contact sheet."""
    written = _run(lambda: run_preview(Path(book), pages, Path(out) if out else None))
    for path in written[:-1]:
        print(path)
    print(written[-1])


@task(help={"book": BOOK, "strict": STRICT})
def watch(c: Context, book: str = "book", strict: bool = False) -> None:
    """Rebuild the EPUB and the PDF whenever a source, template or style changes."""
    from octavo.cli.watch import watch as watch_loop
    from octavo.paths import style_dirs, template_dirs

    root = Path(book)

    def rebuild() -> list[Path]:
        written, found = api.build_both(root, strict)
        _show(found)
        return written

    print(f"watch: {root} (Ctrl-C to stop)", file=sys.stderr)
    watch_loop((root, *template_dirs(root), *style_dirs(root)), rebuild, sys.stderr)


@task(help={"book": BOOK})
def check(c: Context, book: str = "book") -> None:
    """Validate the built EPUB (EPUBCheck) and PDF (read-back checks); non-zero on a problem."""
    for line in _run(lambda: api.check(Path(book))):
        print(line)


@task(
    help={
        "sizes": "Study sizes, comma-separated (default 81,800).",
        "runs": "Runs a measure; the median is reported (default 3).",
        "series": "Studies in the series measure (default 10; 0 skips it).",
        "out": "The JSON report (default build/bench.json).",
    }
)
def bench(
    c: Context,
    sizes: str = "81,800",
    runs: int = 3,
    series: int = 10,
    out: str = "build/bench.json",
) -> None:
    """Benchmark octavo against pandoc and WeasyPrint alone; prints a table."""
    from octavo.dev.scenarios import run_bench

    numbers = tuple(int(s) for s in sizes.split(",") if s.strip())
    lines = run_bench(Path("build/bench"), numbers, runs, series, Path(out))
    print("\n".join(lines))
    print(out)


@task
def lint(c: Context) -> None:
    """ruff: lint rules and formatting (checks only; `ruff format` rewrites)."""
    c.run(f"{sys.executable} -m ruff check")
    c.run(f"{sys.executable} -m ruff format --check")


@task
def typecheck(c: Context) -> None:
    """mypy, strict, on octavo, tasks.py and the tests."""
    c.run(f"{sys.executable} -m mypy")


@task(help={"quick": 'Skip the tests marked slow (pytest -m "not slow").'})
def test(c: Context, quick: bool = False) -> None:
    """Run the tests (all of them, validators included, unless --quick)."""
    c.run(f"{sys.executable} -m pytest" + (' -m "not slow"' if quick else ""), pty=False)
