"""book.toml -> BookConfig, every bad key reported at once."""

from __future__ import annotations

import datetime
import difflib
import os
import re
import tomllib
from collections.abc import Collection
from pathlib import Path
from typing import Any

from octavo.cache import DEFAULT_CACHE_MB
from octavo.errors import Diagnostic, error, warning
from octavo.limits import MAX_LINE, MAX_TEXT
from octavo.settings import BookConfig
from octavo.source.dates import parse_iso_month, parse_published
from octavo.source.files import read_utf8
from octavo.source.identity import country_only_identifier
from octavo.source.paper import DEFAULT_PPI, PRINT_KEYS, check_ppi, print_keys

__all__ = [
    "key_line",
    "language_ok",
    "load_config",
    "near_key",
]

_UUID = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STRINGS = (
    "title",
    "language",
    "identifier",
    "subtitle",
    "country",
    "series",
    "publisher",
    "description",
    "source",
    "cover",
)
_LONG_HINT = "a book.toml string is a line of the title page or the imprint"


def _longest(key: str) -> int:
    return MAX_TEXT if key == "description" else MAX_LINE


_LISTS = ("authors", "editors", "subject", "parts")
_IDENTIFIERS = ("isbn", "lccn", "doi", "uuid")
_SERIES = ("series_number", "series_position", "cataloguing")
_FLAGS = ("lists", "page_list")
_KNOWN = {
    *_STRINGS,
    *_LISTS,
    *_FLAGS,
    "research_completed",
    "date",
    "chapters",
    *PRINT_KEYS,  # octavo.source.paper reads them
    *_IDENTIFIERS,
    *_SERIES,
    "order",
    "numbering",
    "toc_depth",
    "epub_image_max",
    "layout_cache_mb",
    "ncx_depth",
    "data_date_line",
    "labels",
}
NUMBERINGS = ("book", "chapter")
_REQUIRED = ("title", "language", "identifier")
_REQUIRED_HINTS = {
    "title": 'add it: title = "Belarus: A Country Study"',
    "language": 'add it: language = "en", the code of the text\'s language ("ru", "fr", …)',
    "identifier": (
        "add it: `invoke new` writes one (a fresh urn:uuid:…), which the book keeps for "
        'good; or the book\'s ISBN as isbn = "…"'
    ),
}


# C0 and C1 control characters (tab allowed) and Unicode non-characters: never text
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ufffe\uffff]")
_CONTROL_HINT = "remove it: book.toml strings are one line of text"


# Tags known valid without asking the registry: the languages of the country studies'
# catalogues, alone or with a region. Loading langcodes' registry costs more than a whole
# EPUB of 81 sections takes to render, so it is asked only about other tags.
_COMMON = re.compile(r"(?:en|ru|be|uk|ro|fr|es|de|pt|pl|lt|lv|et|ka|hy|az|kk)(?:-[A-Z]{2})?")


def language_ok(tag: str) -> bool:
    """A valid BCP 47 tag (langcodes checks it against the IANA registry it ships)."""
    if _COMMON.fullmatch(tag):
        return True
    import langcodes

    return bool(langcodes.tag_is_valid(tag))


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
    start = 0
    if table:
        opened = key_line(text, table)
        if opened is None:
            return None
        start = sum(len(line) + 1 for line in text.split("\n")[: opened - 1])
    pattern = re.compile(rf"^\s*\[?\s*\"?{re.escape(key)}\"?\s*[\]=]", re.MULTILINE)
    match = pattern.search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else None


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
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError, or a 5,000-digit number
        match = re.search(r"line (\d+)", str(exc))
        line = int(match[1]) if match else None
        return None, (error("E102", f"not valid TOML: {exc}", path, line, _toml_hint(text, line)),)
    return _config(data, text, path)


_BARE_MONTH = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=\s*(\d{4}-\d{2})\s*(?:#.*)?")


def _toml_hint(text: str, line: int | None) -> str:
    """What to do about a TOML error: a month written bare (`research_completed = 1995-06`,
    which TOML reads as no value at all) is quoted, as every date of book.toml is."""
    lines = text.splitlines()
    bare = _BARE_MONTH.fullmatch(lines[line - 1]) if line and line <= len(lines) else None
    if bare:
        return f'quote the month: {bare[1]} = "{bare[2]}"'
    return (
        'check that line: a text in quotes, title = "Belarus"; a list in brackets, '
        'authors = ["…", "…"]; one key a line; a [table] line alone'
    )


def _table_hint(table: str, value: object) -> str:
    """A book's own key written after a [table] line belongs to that table in TOML: `paper =
    "a4"` added at the end of book.toml, under [chapters], is not the book's paper."""
    strays = sorted(k for k in value if k in _KNOWN) if isinstance(value, dict) else []
    if not strays:
        return ""
    keys = ", ".join(f"'{k}'" for k in strays)
    return (
        f"{keys} is under [{table}] (every key after a [table] line is the table's): "
        f"move it above [{table}]"
    )


def _quote_hint(key: str, value: object, *, month: bool) -> str:
    """The hint for a date book.toml holds as a TOML number or date (`date = 1995`), not
    the quoted string it takes: the same date quoted, as far as it can be told."""
    if isinstance(value, (str, bool)):
        return ""
    if isinstance(value, datetime.date):  # a TOML date or date-time: its month, or its day
        example = f"{value:%Y-%m}" if month else f"{value:%Y-%m-%d}"
    elif isinstance(value, int) and not month:
        example = str(value)
    else:
        return f'write it quoted: {key} = "{"1995-06" if month else "1995"}"'
    return f'quote it: {key} = "{example}"'


def near_key(key: str, known: Collection[str], words: str = "known keys") -> str:
    """The hint for an unknown key (W103, W208): the known one a misspelt key is close to
    ('subtitel': 'subtitle'), else every known key."""
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else f"{words}: {', '.join(sorted(known))}"


def _config(
    data: dict[str, Any], text: str, path: Path
) -> tuple[BookConfig | None, tuple[Diagnostic, ...]]:
    from octavo.source.identifiers import public_keys, uuid_as_identifier

    found: list[Diagnostic] = []

    def bad(code: str, key: str, message: str, hint: str = "") -> None:
        found.append(error(code, message, path, key_line(text, key), hint))

    for key in sorted(set(data) - _KNOWN):
        found.append(
            warning(
                "W103",
                f"unknown key '{key}' is ignored",
                path,
                key_line(text, key),
                hint=near_key(key, _KNOWN),
            )
        )
    data = uuid_as_identifier(data, bad)
    for key in _REQUIRED:
        if not data.get(key):
            found.append(error("E104", f"'{key}' is missing", path, hint=_REQUIRED_HINTS[key]))
    for key in _STRINGS:
        if key in data and not isinstance(data[key], str):
            bad("E105", key, f"'{key}' must be a string")
        elif key in data and _CONTROL.search(data[key]):
            bad("E123", key, f"'{key}' holds a control character", _CONTROL_HINT)
        elif key in data and len(data[key]) > (most := _longest(key)):
            bad("E123", key, f"'{key}' is longer than {most:,} characters", _LONG_HINT)
    for key in _LISTS:
        value = data.get(key, [])
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            bad("E105", key, f"'{key}' must be a list of strings")
        elif any(_CONTROL.search(v) for v in value):
            bad("E123", key, f"'{key}' holds a control character", _CONTROL_HINT)
        elif any(len(v) > MAX_LINE for v in value):
            bad(
                "E123", key, f"an entry of '{key}' is longer than {MAX_LINE} characters", _LONG_HINT
            )
    for number, title in (
        (data.get("chapters") or {}).items() if isinstance(data.get("chapters"), dict) else ()
    ):
        if isinstance(title, str) and _CONTROL.search(title):
            bad("E123", "chapters", f"chapter {number}'s title holds a control character")
    language = data.get("language")
    if isinstance(language, str) and language and not language_ok(language):
        bad(
            "E122",
            "language",
            f"'language' {language[:40]!r} is not a BCP 47 language tag",
            'e.g. "en", "en-US", "be", "zh-Hant"',
        )
    identifier = data.get("identifier")
    if isinstance(identifier, str) and identifier and not _UUID.fullmatch(identifier):
        bad(
            "E106",
            "identifier",
            "'identifier' must be a fixed urn:uuid:… (lowercase)",
            "e.g. urn:uuid:0b4f8c1e-3a6d-5e2f-9c7b-1d2e3f4a5b6c",
        )
    elif isinstance(identifier, str) and identifier == country_only_identifier(
        str(data.get("country", ""))
    ):
        found.append(
            warning(
                "W130",
                "'identifier' is the one every book about this country shares (octavo 0.1's "
                "importer made it from the country alone): reading systems will mix up their "
                "places and notes",
                path,
                key_line(text, "identifier"),
                hint="give the book its own: python3 -c "
                "\"import uuid; print(f'urn:uuid:{uuid.uuid4()}')\"",
            )
        )
    research = data.get("research_completed")
    if research is not None and parse_iso_month(research) is None:
        bad(
            "E107",
            "research_completed",
            "'research_completed' is not a date like \"1995-06\"",
            _quote_hint("research_completed", research, month=True),
        )
    published = parse_published(data["date"]) if "date" in data else ""
    if published is None:
        bad(
            "E148",
            "date",
            '\'date\' (when the book was published) is not a date like "1995", "1995-06" '
            'or "1995-06-10"',
            _quote_hint("date", data["date"], month=False)
            or "the EPUB's dc:date; leave it out and the EPUB is dated the day it is built",
        )
    page = print_keys(data, bad)
    public = public_keys(data, bad)
    check_ppi(data, bad)
    for key in _FLAGS:
        if key in data and not isinstance(data[key], bool):
            bad("E105", key, f"'{key}' must be true or false")
    raw = data.get("chapters", {})
    raw = raw if isinstance(raw, dict) else None
    tables = {k: v for k, v in (raw or {}).items() if isinstance(v, dict)}
    chapters = (
        _chapters({k: v for k, v in raw.items() if k not in tables}) if raw is not None else None
    )
    by_part = {country: _chapters(table) for country, table in tables.items()}
    if chapters is None or any(v is None for v in by_part.values()):
        bad(
            "E109",
            "chapters",
            '[chapters] must map chapter numbers to titles, e.g. 8 = "Government and Politics" '
            '(or, in a book of parts, [chapters.Belarus] 8 = "…")',
            _table_hint("chapters", raw),
        )
    numbering = data.get("numbering", "book")
    if numbering not in NUMBERINGS:
        bad("E114", "numbering", f"'numbering' must be one of {', '.join(NUMBERINGS)}")
    ranged = (
        ("toc_depth", 2, 6),
        ("epub_image_max", 200, 10000),
        ("layout_cache_mb", 1, 100000),
        ("ncx_depth", 1, 6),
    )
    for key, low, high in ranged:
        value = data.get(key)
        if value is not None and not (type(value) is int and low <= value <= high):
            bad("E114", key, f"'{key}' must be a whole number from {low} to {high}")
    line = data.get("data_date_line", True)
    if not isinstance(line, bool):
        bad("E105", "data_date_line", "'data_date_line' must be true or false")
    labels = data.get("labels", {})
    if not isinstance(labels, dict):
        bad("E116", "labels", "[labels] must map label names to text")
        labels = {}
    order = data.get("order", [])
    if not (isinstance(order, list) and all(type(v) is int for v in order)):
        bad("E110", "order", "'order' must be a list of section numbers")
    if any(d.severity.value == "error" for d in found):
        return None, tuple(found)
    strings = {k: data.get(k, "") for k in _STRINGS}
    config = BookConfig(
        **strings,
        authors=tuple(data.get("authors", [])),
        editors=tuple(data.get("editors", [])),
        subject=tuple(data.get("subject", [])),
        research_completed=parse_iso_month(research) if research else None,
        date=published or "",
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
        label_lines=tuple(
            (str(key), line) for key in labels if (line := key_line(text, str(key), "labels"))
        ),
        numbering=numbering,
        toc_depth=data.get("toc_depth", 3),
        epub_image_max=data.get("epub_image_max", 1600),
        layout_cache_mb=data.get("layout_cache_mb", DEFAULT_CACHE_MB),
        ncx_depth=data.get("ncx_depth", 2),
        data_date_line=line,
    )
    return config, tuple(found)


def _chapters(value: object) -> dict[int, str] | None:
    if not isinstance(value, dict):
        return None
    result: dict[int, str] = {}
    for key, title in value.items():
        if not (
            str(key).isdigit() and len(str(key)) <= 6 and isinstance(title, str) and title.strip()
        ):
            return None
        result[int(key)] = title.strip()
    return result
