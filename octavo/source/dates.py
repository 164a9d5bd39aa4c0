"""Parsing of the month dates the sources use."""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata

from octavo.limits import YEARS
from octavo.settings import YearMonth

__all__ = [
    "ascii_figures",
    "date_hint",
    "last_day",
    "no_such_day",
    "parse_iso_month",
    "parse_month_name",
    "parse_published",
]

# figures 0-9, as YAML, TOML and pandoc read a date: "١٩٩٥-٠٦" is none (E207, E107, E148)
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})")
_PUBLISHED = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})


def ascii_figures(value: object) -> str:
    """`value` with its other scripts' digits written 0-9 ("١٩٩٥-٠٦" -> "1995-06"), for a
    hint; "" when it is no string or holds none."""
    if not isinstance(value, str) or not any(c.isdecimal() and not c.isascii() for c in value):
        return ""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in value.strip())


def parse_iso_month(value: object) -> YearMonth | None:
    """'1995-06' -> YearMonth(1995, 6); None when it is not such a string."""
    if not isinstance(value, str):
        return None
    match = _ISO.fullmatch(value.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return YearMonth(year, month) if 1 <= month <= 12 and year in YEARS else None


def date_hint(key: str, value: object, *, month: bool = True, toml: bool = False) -> str:
    """What to write instead of `value`, a date refused: front matter's month (`key:
    "…"`, YAML) or book.toml's (`key = "…"`, `toml`), or, not `month`, book.toml's `date`.
    In figures 0-9; quoted (a number; a day YAML or TOML read, which a month gives as
    "1995-06"); a month's with a month 01 to 12 or a year 1 to 9999 (a "2026-13" was told
    to be quoted, as it was) and as year-month. "" for a `date` quoted already (its
    message says what it takes)."""

    def written(example: str) -> str:
        return f'{key} = "{example}"' if toml else f'{key}: "{example}"'

    if figures := ascii_figures(value):
        return "write it in the figures 0-9: " + written(figures)
    if isinstance(value, datetime.date):  # unquoted: a day (YAML's, TOML's), a date-time
        if not month:
            return "quote it: " + written(f"{value.year:04}-{value.month:02}-{value.day:02}")
        return "quote it, the year and the month: " + written(f"{value.year:04}-{value.month:02}")
    if isinstance(value, int) and not isinstance(value, bool) and not month:
        return "quote it: " + written(str(value))  # `date = 1995`: the year
    if not isinstance(value, str):
        return "write it quoted: " + written("1995-06" if month else "1995")
    if not month:
        return ""
    match = _ISO.fullmatch(value.strip())
    if match is None:
        named = parse_month_name(value)
        example = f"{named.year:04}-{named.month:02}" if named else "1995-06"
        return "write the year, then the month: " + written(example)
    if not 1 <= int(match[2]) <= 12:
        return "the month is 01 to 12: " + written(f"{match[1]}-06")
    return "the year is 1 to 9999, written in four figures: " + written(f"1995-{match[2]}")


def parse_month_name(text: str) -> YearMonth | None:
    """'June 1995' (or 'Jun. 1995') -> YearMonth(1995, 6)."""
    match = re.fullmatch(r"([A-Za-z]+)\.?,?\s+(\d{4})", text.strip())
    if not match:
        return None
    month = _MONTHS.get(match[1].lower())
    return YearMonth(int(match[2]), month) if month and int(match[2]) in YEARS else None


def parse_published(value: object) -> str | None:
    """book.toml's `date` (pandoc's metadata field: the EPUB's dc:date) as W3CDTF, the form
    dc:date takes: "1995", "1995-06" or "1995-06-10", a string or a TOML date; None when
    it is none of them, or no day of the calendar."""
    if isinstance(value, datetime.datetime):
        return None  # a time of day is no publication date
    if isinstance(value, datetime.date):
        return value.isoformat() if value.year in YEARS else None
    if not isinstance(value, str):
        return None
    match = _PUBLISHED.fullmatch(value.strip())
    if not match or int(match[1]) not in YEARS:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    if month is not None and not 1 <= int(month) <= 12:
        return None
    if day is not None:
        try:
            datetime.date(year, int(month or 1), int(day))
        except ValueError:
            return None
    return match[0]


def no_such_day(value: object) -> str:
    """What is wrong with a `date` of the right shape that is no day of the calendar
    ("1995-02-30": "February 1995 has no day 30"); "" for any other value."""
    match = _PUBLISHED.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match or match[3] is None or int(match[1]) not in YEARS:
        return ""
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not 1 <= month <= 12:
        return f"{match[0]} has no month {month} (01 to 12)"
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return ""
    return f"{calendar.month_name[month]} {year} has no day {day} (it has {days})"


def last_day(value: str) -> str:
    """ "1995-02-30" -> "1995-02-28": the last day of the month given, "" if none is."""
    match = _PUBLISHED.fullmatch(value.strip())
    if not match or match[2] is None or not 1 <= int(match[2]) <= 12:
        return ""
    year, month = int(match[1]), int(match[2])
    return f"{year:04}-{month:02}-{calendar.monthrange(year, month)[1]:02}"
