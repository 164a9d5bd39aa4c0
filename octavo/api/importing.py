"""`invoke import`: foreign pages made the book's own sources (octavo.importers)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from octavo.errors import BuildError, boundary, error

if TYPE_CHECKING:
    from octavo.importers.batch import ImportResult

__all__ = ["run_import"]


def run_import(
    patterns: list[str],
    book: Path,
    force: bool = False,
    strict: bool = False,
    manifest: str = "",
    data_as_of: str = "",
) -> ImportResult:
    """Import pages; raises BuildError only for what stops the whole import (no such page,
    a broken manifest, a bad --data-as-of). Refused pages are in the result's reports."""
    from octavo.importers.batch import Options, expand_paths, import_pages
    from octavo.importers.manifest import Entry, load_manifest
    from octavo.source.dates import parse_iso_month

    paths, found = expand_paths(patterns)
    entries: dict[str, Entry] = {}
    problems = list(found)
    if manifest:
        entries, bad = load_manifest(Path(manifest))
        problems += bad
    date = parse_iso_month(data_as_of) if data_as_of else None
    if data_as_of and date is None:
        problems.append(error("E410", f"--data-as-of {data_as_of!r} is not a month like 1995-06"))
    if book.exists() and not book.is_dir():  # else E701 'File exists' on <file>/009-economy.md
        problems.append(
            error(
                "E100", "the book folder is a file", book, hint="pass --book a folder (new or not)"
            )
        )
    if problems:
        raise BuildError(problems)
    options = Options(
        force=force,
        manifest=entries,
        manifest_file=Path(manifest) if manifest else None,
        data_as_of=date,
        strict=strict,
    )
    with boundary("the import"):
        return import_pages(paths, book, options=options)
