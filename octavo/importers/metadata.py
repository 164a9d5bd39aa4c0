"""What a page says of itself outside its body: data date, last update, section number,
and the shapes of titles, kinds of page and the country a file name names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from octavo.importers.blocks import LABEL
from octavo.importers.profiles import rx
from octavo.model import YearMonth
from octavo.source.dates import parse_month_name

__all__ = [
    "BREADCRUMB",
    "CHAPTER",
    "DATA_AS_OF",
    "IMAGE_MARKER",
    "LAST_UPDATED",
    "SECTION",
    "TOC",
    "TRAILING_DATE",
    "URL",
    "Metadata",
    "body_like",
    "country_hint",
    "kind_of",
    "metadata",
    "title_like",
]

BREADCRUMB = re.compile(r"\s*Country Stud(?:y|ies)\s*>.*", re.IGNORECASE)
CHAPTER = re.compile(r"Chapter\s+(\d+)", re.IGNORECASE)
SECTION = re.compile(r"\s*Section\s+(\d+)\s+of\s+(\d+)\s*", re.IGNORECASE)
_MONTH_YEAR = r"([A-Za-z]+\.?,?\s+\d{4})\.?"
DATA_AS_OF = re.compile(rf"\s*Data as of\s+{_MONTH_YEAR}\s*", re.IGNORECASE)
# 'Data as of June 1995' closing the last line of text (a site that drops the line break).
TRAILING_DATE = re.compile(rf"(?P<text>.*\S)\s+Data as of\s+{_MONTH_YEAR}\s*", re.IGNORECASE)
# A Country Profile is dated by a line of its own near its top: 'November 2005'.
_DATE_LINE = re.compile(r"\s*([A-Z][a-z]+\.? \d{4})\s*")
LAST_UPDATED = re.compile(rf"\s*Last Updated:?\s+{_MONTH_YEAR}\s*", re.IGNORECASE)
TOC = re.compile(r"\s*(?P<country>\S.{0,60}?) Table of Contents\s*", re.IGNORECASE)
IMAGE_MARKER = rx(r"\s*\[(?:JPEG|GIF|PNG|IMAGE|Figure|Photo)\]\s*")[0]
URL = re.compile(r"https?://[^\s)\"'>]+")
_KINDS = (
    ("foreword", r"foreword"),
    ("preface", r"preface"),
    ("acknowledgments", r"acknowledge?ments?"),
    ("introduction", r"introduction"),
    ("profile", r"country profile"),
    ("chronology", r"chronology"),
    ("bibliography", r"bibliography"),
    ("glossary", r"glossary"),
)
_NOT_COUNTRIES = {"chapter", "section", "page", "index", "country", "study", "all", "the", "text"}


@dataclass(frozen=True, slots=True)
class Metadata:
    """The fields of a page found outside its body, with the lines they were on."""

    data_as_of: YearMonth | None
    data_line: int | None  # 0-based
    trailing: bool  # the date closed a line of text
    last_updated: YearMonth | None
    section: tuple[int, int] | None
    meta_lines: frozenset[int]
    own_date: bool = False  # a date line of its own, no 'Data as of' (see Page.own_date)


def kind_of(title: str) -> str | None:
    """The kind of page its title names ('Foreword', 'Acknowledgments and Preface')."""
    lowered = title.lower()
    for kind, pattern in _KINDS:
        if re.match(rf"(?:\w+\s*[-:]\s*)?{pattern}\b", lowered):
            return kind
    return None


def country_hint(address: str) -> str:
    """The country a page's file name or address starts with: 'nepal10.html', 'cNepal8.htm',
    'belarus_society_ethnic_composition.html', '.../country-guide-study/nepal/...'."""
    stem = PurePath(address.split("?")[0]).stem if address else ""
    stem = re.sub(r"^c(?=[A-Z])", "", stem)
    match = re.match(r"[A-Za-z]{3,}", stem)
    word = match[0].capitalize() if match else ""
    return "" if word.lower() in _NOT_COUNTRIES else word


def metadata(lines: list[str], chrome: set[int]) -> Metadata:
    meta: set[int] = set()
    data: YearMonth | None = None
    data_line, trailing = None, False
    updated: YearMonth | None = None
    section: tuple[int, int] | None = None
    for number, line in enumerate(lines):
        if match := DATA_AS_OF.fullmatch(line):
            meta.add(number)
            if data is None:
                data, data_line = parse_month_name(match[1]), number
        elif data is None and number not in chrome and (match := TRAILING_DATE.fullmatch(line)):
            data, data_line, trailing = parse_month_name(match[2]), number, True
        elif match := LAST_UPDATED.fullmatch(line):
            meta.add(number)
            updated = updated or parse_month_name(match[1])
        elif match := SECTION.fullmatch(line):
            meta.add(number)
            section = section or (int(match[1]), int(match[2]))
    own = False
    if data is None:  # only above the body: a chronology's dates are its text
        prose = next((i for i, t in enumerate(lines) if i not in chrome and body_like(t)), 0)
        for number, line in enumerate(lines[:prose]):
            match = _DATE_LINE.fullmatch(line)
            if match and number not in chrome and (found := parse_month_name(match[1])):
                data, data_line, own = found, number, True
                meta.add(number)
                break
    return Metadata(data, data_line, trailing, updated, section, frozenset(meta), own)


def title_like(line: str) -> bool:
    """Short, and not a profile entry: a line that can be a title."""
    return len(line.split()) <= 12 and not LABEL.match(line.strip())


def body_like(line: str) -> bool:
    """Prose, or a profile entry: the body has begun."""
    words = line.split()
    return len(words) >= 8 or (bool(LABEL.match(line.strip())) and len(words) >= 3)
