"""Both outputs at once: of one book (`invoke watch`'s rebuild), or of several books, each
into a folder of its own name (`invoke all`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from octavo.api.epub import build_epub
from octavo.api.opened import BookArg, Sources, sources
from octavo.api.pdf import build_pdf
from octavo.errors import BuildError, Diagnostic, error

if TYPE_CHECKING:
    from octavo.render.pdf.parallel.start import KeptWorkers

__all__ = ["build_all", "build_both", "output_names", "shared_identifiers"]


def build_both(
    book: BookArg, strict: bool = False, kept: KeptWorkers | None = None
) -> tuple[list[Path], tuple[Diagnostic, ...]]:
    """The EPUB and the PDF to their default places (`invoke watch`'s rebuild), each as
    `invoke epub` and `invoke pdf` make it by default (two cores; the PDF laid out in
    parts, unchanged chapters reused, by `kept` workers if given)."""
    given = sources(book, strict)
    epub, found = build_epub(given, strict=strict, jobs=0)
    pdf, more = build_pdf(given, strict=strict, jobs=0, kept=kept)
    return [epub, pdf], tuple(dict.fromkeys(found + more))


def _build_one(
    book: Path, name: str, out: Path, strict: bool
) -> tuple[tuple[Path, ...], tuple[Diagnostic, ...]]:
    """Both formats of one book into OUT/NAME/ (a worker of build_all), named as a single
    build names them (<slug>.epub, <slug>.pdf: the folder keeps two books of one title
    apart), and what the two builds found (once each, as `build_both` tells them)."""
    folder = out / name
    given = Sources(book, strict)
    slug = given.project.config.slug
    epub, found = build_epub(given, folder / f"{slug}.epub", strict)
    pdf, more = build_pdf(given, folder / f"{slug}.pdf", strict=strict)
    return (epub, pdf), tuple(dict.fromkeys(found + more))


def output_names(books: list[Path]) -> list[str]:
    """A folder name per book: its own name, with as many parents as make it unique
    (studies/belarus/book and studies/russia/book → belarus-book, russia-book)."""
    # realpath, not resolve(): a book linked to itself is E100 (build_all), where Python
    # 3.11's resolve() raises RuntimeError
    paths = [Path(os.path.realpath(book)) for book in books]
    twice = sorted({str(p) for p in paths if paths.count(p) > 1})
    if twice:
        raise BuildError(
            [error("E112", f"book given twice: {t}", hint="name each book once") for t in twice]
        )
    depths = [1] * len(paths)
    while True:
        names = [
            "-".join(p.parts[-d:]).lstrip("/") or "book" for p, d in zip(paths, depths, strict=True)
        ]
        clashing = [i for i, name in enumerate(names) if names.count(name) > 1]
        if not clashing:
            return names
        for i in clashing:
            depths[i] += 1


def build_all(
    books: list[Path], out: Path, jobs: int, strict: bool = False
) -> tuple[tuple[Path, ...], tuple[Diagnostic, ...]]:
    """`invoke all`: EPUB and PDF of several books, `jobs` books at a time (< 1: one a
    core); every failure is reported, the other books still build. Two books with one
    identifier are a warning (W131): reading systems would take them for one book. Each
    book's warnings are told with them."""

    from octavo import workers
    from octavo.output_guard import guard_output

    if not books:
        raise BuildError([error("E111", "no books given: pass --books DIR (repeatable)")])
    for book in books:  # a folder of outputs: never the root, nor one of the kernel's
        guard_output(book, out, folder=True, example="build/all")
    names = output_names(books)
    shared = shared_identifiers(books)
    if strict and shared:
        raise BuildError(shared)
    written: list[Path] = []
    found: list[Diagnostic] = []  # the books' warnings, told as `invoke epub` tells them
    failed: list[Diagnostic] = [
        error(
            "E100",
            "the book folder is a file",
            book,
            hint=f"pass --books the folder that holds book.toml ({book.parent})",
        )
        if book.is_file()  # `--books book/book.toml`, as `--book` says it
        else error("E100", "book folder not found", book, hint="check the --books DIR given")
        for book in books
        if not book.is_dir()
    ]
    # never more workers than books: `--jobs 99999` forked 99,999 for one book
    with workers.pool(min(jobs, len(books)) if jobs > 0 else workers.cores()) as pool:
        futures = [
            pool.submit(_build_one, book, name, out, strict)
            for book, name in zip(books, names, strict=True)
            if book.is_dir()
        ]
        for future in futures:
            try:
                paths, told = future.result()
            except BuildError as exc:
                failed += exc.diagnostics
            else:
                written += paths
                found += told
    if failed:  # the paths that were written are still told
        raise BuildError(shared + tuple(found) + tuple(failed), written)
    return tuple(written), shared + tuple(found)


def shared_identifiers(books: list[Path]) -> tuple[Diagnostic, ...]:
    """W131 for each book whose identifier an earlier book of the list has already."""
    from octavo.errors import warning
    from octavo.source.config import load_config

    first: dict[str, Path] = {}
    found = []
    for book in books:
        config, _ = load_config(book)  # a bad book.toml is reported by its own build
        if config is None:
            continue
        other = first.setdefault(config.identifier, book)
        if other != book:
            found.append(
                warning(
                    "W131",
                    f"'identifier' {config.identifier} is also {other}'s: reading systems "
                    "would take the two for one book (one place, one set of notes)",
                    config.path,
                    hint="give each book its own identifier in its book.toml",
                )
            )
    return tuple(found)
