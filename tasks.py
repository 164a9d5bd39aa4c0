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
from octavo.errors import BuildError, Diagnostic

T = TypeVar("T")
BOOK = "Book folder (default: book)."
STRICT = "Treat warnings as errors."


def _show(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _run(action: Callable[[], T]) -> T:
    """Run an octavo function; a user's mistake exits 1 with its messages, no traceback."""
    try:
        return action()
    except BuildError as exc:
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
    lines, found = _run(lambda: api.outline(Path(book)))
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
    folder = _run(lambda: api.generate_study(Path(out), sections, seed, words))
    print(folder)


@task(
    help={
        "book": BOOK,
        "out": "The PDF to write (default: build/<slug>.pdf).",
        "paper": "letter, a4 or a5 (default: the book's paper setting).",
        "html": "Also write the print HTML handed to WeasyPrint to this file.",
        "strict": STRICT,
        "tagged": "Write a tagged PDF (PDF/UA-1).",
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
) -> None:
    """Build the print PDF of a book; prints its path last."""
    built, found = _run(
        lambda: api.build_pdf(
            Path(book),
            Path(out) if out else None,
            paper or None,
            Path(html) if html else None,
            strict,
            tagged,
        )
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
    }
)
def handouts(
    c: Context,
    book: str = "book",
    out: str = "",
    by: str = "section",
    paper: str = "",
    strict: bool = False,
) -> None:
    """Write one standalone PDF per section (or chapter); prints the folder last."""
    written, found = _run(
        lambda: api.build_handouts(
            Path(book), Path(out) if out else None, by, paper or None, strict
        )
    )
    _show(found)
    for path in written:
        print(f"wrote {path}")
    print(written[0].parent if written else Path(out or "build/handouts"))


@task(
    help={"book": BOOK, "out": "The EPUB to write (default: build/<slug>.epub).", "strict": STRICT}
)
def epub(c: Context, book: str = "book", out: str = "", strict: bool = False) -> None:
    """Build the EPUB 3; the last line printed is the path written."""
    path, found = _run(lambda: api.build_epub(Path(book), Path(out) if out else None, strict))
    _show(found)
    print(path)
