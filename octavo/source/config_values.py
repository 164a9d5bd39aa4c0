"""What each of book.toml's keys may hold: the known keys, and a check a group of them, each
reporting a problem through `bad(code, key, message, hint)` (octavo.source.config puts it
at the key's line), in the order the book's problems are then listed."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from octavo.limits import MAX_LINE, MAX_TEXT
from octavo.settings import YearMonth
from octavo.source.dates import (
    date_hint,
    no_such_day,
    parse_iso_month,
    parse_published,
)
from octavo.source.identity import country_only_identifier
from octavo.source.paper import PRINT_KEYS

__all__ = [
    "KNOWN",
    "NUMBERINGS",
    "REQUIRED",
    "REQUIRED_HINTS",
    "STRINGS",
    "chapter_number",
    "chapter_titles",
    "check_flags",
    "check_identity",
    "check_settings",
    "check_text",
    "control_character",
    "dates",
    "language_ok",
]

Bad = Callable[..., None]  # bad(code, key, message, hint="")

_UUID = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
STRINGS = (
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
    "bibliography",  # CSL-JSON or BibTeX, inside the book (octavo.source.bibliography)
    "csl",  # a CSL style, inside the book; default: the one citeproc-py ships
)
_LONG_HINT = "a book.toml string is a line of the title page or the imprint"


def _longest(key: str) -> int:
    return MAX_TEXT if key == "description" else MAX_LINE


LISTS = ("authors", "editors", "subject", "parts")
_IDENTIFIERS = ("isbn", "lccn", "doi", "uuid")
_SERIES = ("series_number", "series_position", "cataloguing")
FLAGS = ("lists", "page_list")
KNOWN = {
    *STRINGS,
    *LISTS,
    *FLAGS,
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
    "nocite",  # pandoc's: entries listed though never cited (octavo.source.config)
}
NUMBERINGS = ("book", "chapter")
REQUIRED = ("title", "language", "identifier")
REQUIRED_HINTS = {
    "title": 'the book\'s title, as its cover shows it: title = "Belarus: A Country Study", say',
    "language": 'add it: language = "en", the code of the text\'s language ("ru", "fr", …)',
    "identifier": (
        "add it: `invoke new` writes one (a fresh urn:uuid:…), which the book keeps for "
        'good; or the book\'s ISBN as isbn = "…"'
    ),
}


# C0 and C1 control characters (tab allowed) and Unicode non-characters: never text
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ufffe\uffff]")
_CONTROL_HINT = "remove it: book.toml strings are one line of text"


def control_character(text: str) -> bool:
    """Does `text` hold a character that is never text (XML refuses it, or a C1 control)?"""
    return _CONTROL.search(text) is not None


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


def check_text(data: dict[str, Any], bad: Bad) -> None:
    """The strings and lists of strings (E105; E123: a control character, or too long), and
    the chapters' titles (E123)."""
    for key in STRINGS:
        if key in data and not isinstance(data[key], str):
            bad("E105", key, f"'{key}' must be a string")
        elif key in data and _CONTROL.search(data[key]):
            bad("E123", key, f"'{key}' holds a control character", _CONTROL_HINT)
        elif key in data and len(data[key]) > (most := _longest(key)):
            bad("E123", key, f"'{key}' is longer than {most:,} characters", _LONG_HINT)
    for key in LISTS:
        value = data.get(key, [])
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            from octavo.source.config_hints import list_hint  # only for a wrong value

            bad("E105", key, f"'{key}' must be a list of strings", list_hint(key, value))
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


def check_identity(data: dict[str, Any], bad: Bad, warn: Bad) -> None:
    """The language (E122: a BCP 47 tag) and the identifier (E106: a urn:uuid; W130: the one
    octavo 0.1's importer made from the country alone)."""
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
        warn(
            "W130",
            "identifier",
            "'identifier' is the one every book about this country shares (octavo 0.1's "
            "importer made it from the country alone): reading systems will mix up their "
            "places and notes",
            "give the book its own: python3 -c \"import uuid; print(f'urn:uuid:{uuid.uuid4()}')\"",
        )


def dates(data: dict[str, Any], bad: Bad) -> tuple[YearMonth | None, str]:
    """When the research was completed (E107) and when the book was published (E148: the
    EPUB's dc:date, "" when book.toml does not say)."""
    research = data.get("research_completed")
    month = parse_iso_month(research) if research is not None else None
    if research is not None and month is None:
        bad(
            "E107",
            "research_completed",
            "'research_completed' is not a date like \"1995-06\"",
            date_hint("research_completed", research, toml=True),
        )
    published = parse_published(data["date"]) if "date" in data else ""
    no_day = no_such_day(data["date"]) if published is None else ""
    if no_day:
        from octavo.source.config_hints import day_hint  # only for a wrong value

        bad("E148", "date", f"'date' (when the book was published): {no_day}", day_hint(data))
    elif published is None:
        bad(
            "E148",
            "date",
            '\'date\' (when the book was published) is not a date like "1995", "1995-06" '
            'or "1995-06-10"',
            date_hint("date", data["date"], month=False, toml=True)
            or "the EPUB's dc:date; leave it out and the EPUB is dated the day it is built",
        )
    return (month if research else None), published or ""


def check_flags(data: dict[str, Any], bad: Bad) -> None:
    """The keys that are true or false (E105)."""
    for key in FLAGS:
        if key in data and not isinstance(data[key], bool):
            bad("E105", key, f"'{key}' must be true or false")


def chapter_titles(
    data: dict[str, Any], bad: Bad
) -> tuple[dict[int, str] | None, dict[str, dict[int, str] | None]]:
    """[chapters]: the chapters' titles by number, and in a book of parts each country's
    ([chapters.<country>]); E109 when they are not a number's title each."""
    raw = data.get("chapters", {})
    raw = raw if isinstance(raw, dict) else None
    tables = {k: v for k, v in (raw or {}).items() if isinstance(v, dict)}
    chapters = (
        _titles({k: v for k, v in raw.items() if k not in tables}) if raw is not None else None
    )
    by_part = {country: _titles(table) for country, table in tables.items()}
    if chapters is None or any(v is None for v in by_part.values()):
        from octavo.source.config_hints import table_hint  # only for a wrong value (cold start)

        bad(
            "E109",
            "chapters",
            '[chapters] must map chapter numbers to titles, e.g. 8 = "Government and Politics" '
            '(or, in a book of parts, [chapters.Belarus] 8 = "…")',
            table_hint("chapters", raw),
        )
    return chapters, by_part


RANGED = (
    ("toc_depth", 2, 6),
    ("epub_image_max", 200, 10000),
    ("layout_cache_mb", 1, 100000),
    ("ncx_depth", 1, 6),
)


def check_settings(data: dict[str, Any], bad: Bad) -> None:
    """The numbering (E114), the whole numbers in their ranges (E114), the data-date line
    (E105), [labels] (E116) and the reading order (E110)."""
    numbering = data.get("numbering", "book")
    if numbering not in NUMBERINGS:
        bad("E114", "numbering", f"'numbering' must be one of {', '.join(NUMBERINGS)}")
    for key, low, high in RANGED:
        value = data.get(key)
        if value is not None and not (type(value) is int and low <= value <= high):
            bad("E114", key, f"'{key}' must be a whole number from {low} to {high}")
    if not isinstance(data.get("data_date_line", True), bool):
        bad("E105", "data_date_line", "'data_date_line' must be true or false")
    if not isinstance(data.get("labels", {}), dict):
        bad("E116", "labels", "[labels] must map label names to text")
    order = data.get("order", [])
    if not (isinstance(order, list) and all(type(v) is int for v in order)):
        bad("E110", "order", "'order' must be a list of section numbers")


_CHAPTER_NUMBER = re.compile(r"[0-9]{1,6}")


def chapter_number(key: object) -> int | None:
    """A [chapters] key's chapter number: figures 0 to 9, as a section's `chapter:` is
    written (not "²", which isdigit() takes and int() refuses, nor "٥")."""
    return int(key) if isinstance(key, str) and _CHAPTER_NUMBER.fullmatch(key) else None


def _titles(value: object) -> dict[int, str] | None:
    if not isinstance(value, dict):
        return None
    result: dict[int, str] = {}
    for key, title in value.items():
        number = chapter_number(key)
        if number is None or not (isinstance(title, str) and title.strip()):
            return None
        result[number] = title.strip()
    return result
