"""The tasks on a book's sources rather than its outputs: `new` (a book folder),
`import-pages` (saved pages made sections), `outline` (the book's tree as read),
`gen-study` (a synthetic study). Their namespace is octavo.cli.tasks'."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from invoke.context import Context
from invoke.exceptions import Exit
from invoke.tasks import task

from octavo import api
from octavo.cli.running import BOOK, STRICT, book_folder, run, show
from octavo.errors import has_errors

__all__ = ["gen_study", "import_pages", "new", "outline"]


def _helped(value: str, name: str) -> bool:
    """`invoke import-pages --help`: invoke hands a task's positional argument the word
    after the task's name, `--help` too, which was then a page not found (E400). The
    task's help is printed instead, as `invoke --help import-pages` prints it."""
    if value not in ("--help", "-h"):
        return False
    from invoke.program import Program

    from octavo.cli.tasks import namespace  # the tasks' namespace holds these

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
    folder = book_folder(book)
    result = run(lambda: api.run_import(given, folder, force, strict, manifest, data_as_of))
    show(result.diagnostics)
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

    lines, found = run(lambda: outline_of(book_folder(book)))
    print("\n".join(lines))
    show(found)
    if found and (strict or has_errors(found)):
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
    if _helped(out, "gen-study"):  # a study was generated into a folder named --help
        return
    from octavo.dev.gen import generate_study  # here: no other task pays for its imports

    folder = run(lambda: generate_study(Path(out), sections, seed, words, rich, rich))
    print(folder)


@task(
    positional=["folder"],
    help={
        "folder": "The folder to make (it must not exist, or be empty).",
        "country": "The study's country (default: the folder's name; one in lowercase, "
        "'bosnia-and-herzegovina', as the country is written: 'Bosnia and Herzegovina', "
        "'guinea-bissau' 'Guinea-Bissau'; one with a capital as it is written).",
    },
)
def new(c: Context, folder: str, country: str = "") -> None:
    """Make a book folder: book.toml, one example section, tasks.py and .gitignore."""
    if _helped(folder, "new"):
        return
    from octavo.cli.new import new_book

    for path in run(lambda: new_book(Path(folder), country)):
        print(f"wrote {path}")
    print(Path(folder))
