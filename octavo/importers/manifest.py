"""An import manifest: what pages lack (chapter, place, number, title), given by the user.

CSV, one row a page, with a header row:

    page,chapter,parents,sequence,title
    49.htm,3,The Economy,49,Transportation
    https://countrystudies.us/nepal/50.htm,3,The Economy > Trade,50,Foreign Trade

or TOML, one table a page:

    [pages."49.htm"]
    chapter = 3
    parents = ["The Economy"]
    sequence = 49
    title = "Transportation"

`page` is a file name, a path as given to the import, or the page's address. `parents` are
the levels between the chapter and the section (' > ' between them in CSV). Every column but
`page` may be left empty; `total`, `kind` and `chapter_title` (the title of the page's
chapter, written into book.toml) may be given too.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo.errors import Diagnostic, error, warning
from octavo.importers.page import KINDS
from octavo.limits import MAX_PARENTS, MAX_SECTIONS
from octavo.sandbox import FileRefused, read_file
from octavo.source.files import TomlError, load_toml

__all__ = ["Entry", "load_manifest", "unused_rows"]

_COLUMNS = ("page", "chapter", "parents", "sequence", "title", "total", "kind", "chapter_title")


@dataclass(frozen=True, slots=True)
class Entry:
    chapter: int | None = None
    parents: tuple[str, ...] | None = None
    sequence: int | None = None
    title: str | None = None
    total: int | None = None
    kind: str | None = None
    chapter_title: str | None = None  # the title of the entry's chapter, for book.toml
    line: int = 1


def _number(value: Any, least: int) -> int | None:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value.strip()):  # not "٥"
        value = int(value.strip())
    return value if type(value) is int and least <= value <= MAX_SECTIONS else None


def _entry(row: dict[str, Any], line: int, where: Path) -> tuple[Entry | None, list[Diagnostic]]:
    found: list[Diagnostic] = []

    def bad(message: str) -> None:
        found.append(error("E409", f"manifest: {message}", where, line))

    values: dict[str, Any] = {}
    for key, least in (("chapter", 0), ("sequence", 1), ("total", 1)):
        raw = row.get(key)
        if raw in (None, ""):
            continue
        values[key] = _number(raw, least)
        if values[key] is None:
            bad(f"'{key}' must be a whole number ({least} to {MAX_SECTIONS:,}), not {raw!r}")
    parents = row.get("parents") or None  # an empty cell gives nothing
    if isinstance(parents, str):
        values["parents"] = tuple(p.strip() for p in parents.split(">") if p.strip())
    elif isinstance(parents, list) and all(isinstance(p, str) for p in parents):
        values["parents"] = tuple(p.strip() for p in parents if p.strip())
    elif parents is not None:
        bad("'parents' must be titles (' > ' between them)")
    if len(values.get("parents", ())) > MAX_PARENTS:
        bad(f"'parents' holds more than {MAX_PARENTS} levels")
    for key in ("title", "kind", "chapter_title"):
        value = row.get(key)
        if value not in (None, "") and not isinstance(value, str):
            bad(f"'{key}' must be text")
        elif value:
            values[key] = value.strip()
    if values.get("kind") and values["kind"] not in KINDS:
        bad(f"'kind' must be one of {', '.join(KINDS)}")
    unknown = sorted(set(row) - set(_COLUMNS))
    if unknown:
        bad(f"unknown column {unknown[0]!r} (known: {', '.join(_COLUMNS)})")
    return (None if found else Entry(**values, line=line)), found


def load_manifest(path: Path) -> tuple[dict[str, Entry], tuple[Diagnostic, ...]]:
    """Page key -> Entry, and every problem with its line."""
    try:  # a regular file under the size limit, checked before reading (never /dev/zero)
        text = read_file(path, (Path("/"),), "config").decode("utf-8-sig")
    except FileRefused as refused:
        return {}, (refused.diagnostic,)
    except UnicodeDecodeError as exc:
        return {}, (error("E409", f"manifest is not UTF-8 text: {exc.reason}", path),)
    rows: list[tuple[str, dict[str, Any], int]] = []
    found: list[Diagnostic] = []
    if path.suffix.lower() == ".toml":
        try:
            data = load_toml(text)
        except TomlError as exc:
            return {}, (error("E409", f"manifest is not valid TOML: {exc}", path),)
        pages = data.get("pages", {})
        if not isinstance(pages, dict) or set(data) - {"pages"}:
            return {}, (error("E409", 'manifest: pages go in [pages."FILE"] tables', path),)
        lines = text.split("\n")
        for key, row in pages.items():
            line = next((i + 1 for i, t in enumerate(lines) if key in t and "[" in t), 1)
            if isinstance(row, dict):
                rows.append((key, row, line))
            else:
                found.append(error("E409", f"manifest: {key!r} is not a table", path, line))
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "page" not in reader.fieldnames:
            return {}, (
                error(
                    "E409",
                    "manifest: the first row must name the columns, 'page' among them",
                    path,
                    1,
                ),
            )
        for row in reader:
            key = (row.pop("page", "") or "").strip()
            row = {k: (v or "").strip() for k, v in row.items() if k is not None}
            if key:
                rows.append((key, row, reader.line_num))
    entries: dict[str, Entry] = {}
    for key, row, line in rows:
        entry, problems = _entry(row, line, path)
        found += problems
        if entry is not None:
            entries[key] = entry
    return entries, tuple(found)


def unused_rows(
    manifest: dict[str, Entry], named: set[str | None], where: Path | None
) -> list[Diagnostic]:
    """W426, once, for the rows that name no page of the import (a typo, `49.html` for
    `49.htm`, gave its page nothing without a word); several named in one line, the first
    few with their lines (a whole study's manifest beside a part of its pages is one line)."""
    rows = sorted((e.line, key) for key, e in manifest.items() if key not in named)
    if not rows:
        return []
    if len(rows) == 1:
        said = f"manifest: {rows[0][1]!r} names no page of this import; its row is not used"
    else:
        shown = ", ".join(f"{key!r} (line {line})" for line, key in rows[:3])
        more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
        said = f"manifest: {len(rows)} rows name no page of this import: {shown}{more}; not used"
    return [
        warning(
            "W426",
            said,
            where,
            rows[0][0],
            hint="a row names a page by its file name, the path as given, or its address: "
            "check the spelling; a row of a page imported another time is fine",
        )
    ]
