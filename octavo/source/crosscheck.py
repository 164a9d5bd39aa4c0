"""What book.toml says, checked against the sections (ut46): a [chapters.<part>] table
that names no part of the book (W134), a part's chapters titled that no section of the part
is in (W135), and a section's data date later than the book's own (W136). Each was taken
without a word: the misspelt part's titles never shown, the titles never used, "Data as of
June 2031" printed in a book of 1995.

The plain [chapters] table is not checked so: it lists the study's chapters, of which a
book holds those imported so far (octavo's own book/, section 58 alone, titles chapter 8
of 8; a book of tests, chapters 1-3 with sections in 1), and a part's table is written for
the chapters of that part a volume of several countries sets."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from octavo.errors import Diagnostic, warning
from octavo.model import BODY_KIND, Chapter, Part, Section
from octavo.settings import BookConfig, YearMonth

__all__ = ["crosscheck"]


def crosscheck(
    config: BookConfig,
    sections: Iterable[Section],
    chapters: tuple[Chapter, ...],
    parts: tuple[Part, ...],
    partial: bool,
) -> list[Diagnostic]:
    """W134, W135 and W136. `partial`: sections of the study are not in the book (W309), so a
    chapter titled may be one still to import (W135's hint says so)."""
    names = [p.title for p in parts]
    tables = sorted({c for c, _, _ in config.part_chapter_titles} | _tables(config))
    found = [_no_part(config, table, names) for table in tables if table not in names]
    have = {(_name(parts, c.part), c.number) for c in chapters if c.kind == BODY_KIND}
    for table in (t for t in tables if t in names):
        titled = [n for c, n, _ in config.part_chapter_titles if c == table]
        unused = [n for n in titled if (table, n) not in have]
        if unused:
            found.append(_unused(config, table, unused, partial))
    return found + _late(config, sections)


def _tables(config: BookConfig) -> set[str]:
    """The [chapters.<part>] tables book.toml opens, an empty one too."""
    return {country for country, _ in config.chapters_lines if country}


def _name(parts: tuple[Part, ...], number: int) -> str:
    return parts[number - 1].title if number else ""


def _no_part(config: BookConfig, table: str, names: list[str]) -> Diagnostic:
    near = difflib.get_close_matches(table, names, n=1, cutoff=0.6)
    if near:
        hint = f"did you mean [chapters.{_quoted(near[0])}]?"
    elif names:
        hint = "the book's parts: " + ", ".join(names)
    else:
        hint = "the book has no parts: its chapters' titles go in [chapters]"
    return warning(
        "W134",
        f"[chapters.{_quoted(table)}] names no part of the book; its titles are not used",
        config.path,
        config.chapters_line(table),
        hint=hint,
    )


def _quoted(name: str) -> str:
    """A table's name as TOML writes it: bare if it can be."""
    return (
        name
        if name.replace("-", "").replace("_", "").isalnum() and name.isascii()
        else (f'"{name}"')
    )


def _unused(config: BookConfig, table: str, numbers: list[int], partial: bool) -> Diagnostic:
    where = f"[chapters.{_quoted(table)}]" if table else "[chapters]"
    of = f" of {table}" if table else ""
    listed = ", ".join(str(n) for n in sorted(numbers))
    noun = "chapter" if len(numbers) == 1 else "chapters"
    hint = "check the chapter's number against the part's sections' 'chapter', or remove the title"
    if partial:
        hint = "a partial study: import its pages; else " + hint
    return warning(
        "W135",
        f"{where} titles {noun} {listed}{of}, which no section is in; not used",
        config.path,
        config.chapters_line(table),
        hint=hint,
    )


def _late(config: BookConfig, sections: Iterable[Section]) -> list[Diagnostic]:
    """W136: a section's data date later than the book's: its `date` (published) or, when
    it gives none, `research_completed` (the data cannot be of a month after either)."""
    limit, key = _book_month(config)
    if limit is None:
        return []
    found = []
    for section in sections:
        month = section.data_as_of
        if month is None or not _after(month, limit):
            continue
        found.append(
            warning(
                "W136",
                f"data as of {month.label} is later than the book's {key} ({limit})",
                section.path,
                section.line_of("data_as_of"),
                hint="a section's data are at the latest of the book's month: check the year",
            )
        )
    return found


def _book_month(config: BookConfig) -> tuple[str | None, str]:
    if config.date:
        return config.date[:7], "date"
    if config.research_completed is not None:
        return config.research_completed.iso, "research_completed"
    return None, ""


def _after(month: YearMonth, limit: str) -> bool:
    """Is `month` after `limit` ("1995" or "1995-06")?"""
    if len(limit) == 4:
        return month.year > int(limit)
    return month.iso > limit
