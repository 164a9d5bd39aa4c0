"""book.toml -> BookConfig, every bad key reported at once."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import Any

from octavo.cache import DEFAULT_CACHE_MB
from octavo.errors import Diagnostic, error, has_errors, warning
from octavo.settings import BookConfig
from octavo.source.config_values import (
    KNOWN,
    REQUIRED,
    REQUIRED_HINTS,
    STRINGS,
    Bad,
    chapter_titles,
    check_flags,
    check_identity,
    check_settings,
    check_text,
    control_character,
    dates,
    language_ok,
)
from octavo.source.files import TomlError, load_toml, read_utf8
from octavo.source.paper import DEFAULT_PPI, check_ppi, print_keys

__all__ = [
    "key_line",
    "language_ok",
    "load_config",
    "near_key",
]

_CHAPTERS_TABLE = re.compile(
    r'^[ \t]*\[[ \t]*chapters(?:[ \t]*\.[ \t]*"?([^"\]]+?)"?)?[ \t]*\]', re.M
)


def chapters_lines(text: str) -> tuple[tuple[str, int], ...]:
    """Where book.toml sets its chapters' titles: [chapters] or `chapters = {…}` (""), and
    each [chapters.<country>]."""
    tables = [
        (match[1], text.count("\n", 0, match.start()) + 1)
        for match in _CHAPTERS_TABLE.finditer(text)
        if match[1]
    ]
    line = key_line(text, "chapters")
    return ((("", line),) if line else ()) + tuple(tables)


def key_line(text: str, key: str, table: str = "") -> int | None:
    """The line (from 1) where book.toml's `text` sets `key`, or opens its table; `table`:
    the key of that [table] (its first after the table's line)."""
    start = 1
    if table:
        opened = key_line(text, table)
        if opened is None:
            return None
        start = opened
    return next((line for line in _openings(text).get(key, ()) if line >= start), None)


# A line's opening key, quoted or bare, or its [table]: TOML's whitespace, spaces and tabs
# (`\s` ran over the blank lines above the key)
_OPENING = re.compile(r"^[ \t]*\[?[ \t]*([\"']?)(.+?)\1[ \t]*[\]=]", re.MULTILINE)


@lru_cache(maxsize=4)
def _openings(text: str) -> dict[str, tuple[int, ...]]:
    """Each key (or table) that opens a line of `text`, and the lines (from 1) it opens:
    found in one pass, where searching the text for each key a diagnostic names took
    20 s for 4,000 unknown keys (W103), most of an hour for the 50,000 of 1 MiB."""
    found: dict[str, list[int]] = {}
    line, at = 1, 0
    for match in _OPENING.finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        found.setdefault(match[2], []).append(line)
    return {key: tuple(lines) for key, lines in found.items()}


def opening_line(text: str, key: str) -> int | None:
    """The line of `key`, or of the first table or dotted key under it: `[chapter.Moldavie]`
    and `chapter.x = …` open no line with `chapter` alone (W103 had no line for them)."""
    line = key_line(text, key)
    if line is not None:
        return line
    under = re.compile(rf"[\"']?{re.escape(key)}[\"']?[ \t]*\.")
    lines = [n for name, at in _openings(text).items() if under.match(name) for n in at]
    return min(lines, default=None)


def _line(text: str, key: str) -> int | None:
    """The line of `key`, or of "table.key" (its table's line when the table is written
    inline, `margins = {top = "2in"}`)."""
    table, _, inner = key.rpartition(".")
    if not table:
        return key_line(text, key)
    return key_line(text, inner, table) or key_line(text, table)


def item_lines(text: str, key: str, items: Collection[str]) -> tuple[tuple[str, int], ...]:
    """The line (from 1) of each string of book.toml's array `key` (parts = ["A",
    "B"] over several lines: each its own); the key's line for one not found as written."""
    start_line = key_line(text, key)
    if start_line is None:
        return ()
    start = sum(len(line) + 1 for line in text.split("\n")[: start_line - 1])
    strings: dict[str, int] = {}
    for token, at in _array_strings(text, text.find("[", start)):
        try:
            value = load_toml(f"v = {token}")["v"]
        except TomlError:
            continue
        strings.setdefault(str(value), text.count("\n", 0, at) + 1)
    return tuple((item, strings.get(item, start_line)) for item in items)


LINED = (
    *("paper", "title", "subtitle", "description", "publisher", "ppi", "bibliography", "csl"),
    *("series", "authors", "editors"),
)
# the cover's keys, the bibliography's (octavo.source.bibliography), and the texts a
# character no font holds is told at (W651: octavo.render.pdf.missing_glyphs)
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


def _array_strings(text: str, at: int) -> list[tuple[str, int]]:
    """The strings (as written, with where) of the array that opens at `at`, to its close;
    comments skipped."""
    found: list[tuple[str, int]] = []
    depth = 0
    while 0 <= at < len(text):
        char = text[at]
        string = _STRING.match(text, at) if char in "\"'" else None
        if string:
            found.append((string[0], at))
            at = string.end()
            continue
        if char == "#":
            at = text.find("\n", at)
            continue
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth == 0:
            break
        at += 1
    return found


def load_config(root: Path) -> tuple[BookConfig | None, tuple[Diagnostic, ...]]:
    path = root / "book.toml"
    if not os.path.lexists(path):
        return None, (
            error(
                "E101",
                "no book.toml in the book folder",
                path,
                hint="create one, or run `invoke import-pages` to make it",
            ),
        )
    text, problem = read_utf8(path, root=root, kind="config")
    if text is None:
        return None, (problem,) if problem else ()
    try:
        data = load_toml(text)
    except TomlError as exc:
        from octavo.source.config_hints import toml_hint  # only for a wrong book.toml

        line = exc.line
        return None, (error("E102", f"not valid TOML: {exc}", path, line, toml_hint(text, line)),)
    return _config(data, text, path)


def near_key(key: str, known: Collection[str], words: str = "known keys") -> str:
    """The hint for an unknown key (W103, W208): the known one a misspelt key is close to
    ('subtitel': 'subtitle'), else every known key."""
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else f"{words}: {', '.join(sorted(known))}"


_NOCITE_HINT = (
    'pandoc\'s words: nocite = "@doe99, @smith2001" (or a list, ["@doe99", "@smith2001"]); '
    'nocite = "@*" lists every entry'
)


def _nocite(data: dict[str, Any], text: str, bad: Bad) -> tuple[tuple[str, int | None], ...]:
    """pandoc's `nocite`, a string or a list of strings that each name keys as a citation
    does (`@doe99`), or `@*`: each string with its line (E105: another value, or a string
    that names no key)."""
    value = data.get("nocite", [])
    strings = [value] if isinstance(value, str) else value
    if not (isinstance(strings, list) and all(isinstance(v, str) for v in strings)):
        bad("E105", "nocite", "'nocite' must be a string or a list of strings", _NOCITE_HINT)
        return ()
    if any(control_character(v) for v in strings):
        bad("E123", "nocite", "'nocite' holds a control character")
        return ()
    if any("@" not in v for v in strings):
        bad("E105", "nocite", "'nocite' names entries by their keys, each after an @", _NOCITE_HINT)
        return ()
    if isinstance(value, str):
        return ((value, key_line(text, "nocite")),) if value else ()
    return tuple(item_lines(text, "nocite", strings))


def _config(
    data: dict[str, Any], text: str, path: Path
) -> tuple[BookConfig | None, tuple[Diagnostic, ...]]:
    from octavo.source.identifiers import public_keys, uuid_as_identifier

    found: list[Diagnostic] = []

    def bad(code: str, key: str, message: str, hint: str = "") -> None:
        found.append(error(code, message, path, _line(text, key), hint))

    def warn(code: str, key: str, message: str, hint: str = "") -> None:
        found.append(warning(code, message, path, opening_line(text, key), hint=hint))

    for key in sorted(set(data) - KNOWN):
        warn("W103", key, f"unknown key '{key}' is ignored", near_key(key, KNOWN))
    data = uuid_as_identifier(data, bad)
    for key in REQUIRED:
        value = data.get(key)
        if key not in data:
            found.append(error("E104", f"'{key}' is missing", path, hint=REQUIRED_HINTS[key]))
        elif isinstance(value, str) and not value.strip():  # `title = ""`, `title = " "`
            bad("E104", key, f"'{key}' is empty", REQUIRED_HINTS[key])
    check_text(data, bad)
    check_identity(data, bad, warn)
    research, published = dates(data, bad)
    page = print_keys(data, bad)
    public = public_keys(data, bad)
    check_ppi(data, bad)
    check_flags(data, bad)
    chapters, by_part = chapter_titles(data, bad)
    check_settings(data, bad)
    nocite = _nocite(data, text, bad)
    if has_errors(found):
        return None, tuple(found)
    labels = data.get("labels", {})
    order = data.get("order", [])
    strings = {k: data.get(k, "") for k in STRINGS}
    config = BookConfig(
        **strings,
        authors=tuple(data.get("authors", [])),
        editors=tuple(data.get("editors", [])),
        subject=tuple(data.get("subject", [])),
        research_completed=research,
        date=published,
        chapter_titles=tuple(sorted((chapters or {}).items())),
        paper=page[0],
        margins=page[1],
        bleed=page[2],
        marks=page[3],
        ppi=float(data.get("ppi", DEFAULT_PPI)),
        **public,
        parts=tuple(data.get("parts", [])),
        part_chapter_titles=tuple(
            sorted((c, n, t) for c, titles in by_part.items() for n, t in (titles or {}).items())
        ),
        labels=tuple(
            sorted((str(k), tuple(v) if isinstance(v, list) else v) for k, v in labels.items())
        ),
        lists=data.get("lists", True),
        page_list=data.get("page_list", False),
        order=tuple(order),
        path=path,
        cover_line=key_line(text, "cover"),
        chapters_lines=chapters_lines(text),
        order_line=key_line(text, "order"),
        language_line=key_line(text, "language"),
        parts_lines=item_lines(text, "parts", [str(p) for p in data.get("parts", [])]),
        label_lines=tuple(
            (str(key), line) for key in labels if (line := key_line(text, str(key), "labels"))
        ),
        key_lines=tuple((key, line) for key in LINED if (line := key_line(text, key)) is not None),
        numbering=data.get("numbering", "book"),
        toc_depth=data.get("toc_depth", 3),
        epub_image_max=data.get("epub_image_max", 1600),
        layout_cache_mb=data.get("layout_cache_mb", DEFAULT_CACHE_MB),
        ncx_depth=data.get("ncx_depth", 2),
        data_date_line=data.get("data_date_line", True),
        nocite=nocite,
    )
    return config, tuple(found)
