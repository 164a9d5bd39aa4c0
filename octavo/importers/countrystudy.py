"""A scraped country-study page (text) -> Page.

Metadata comes out of the chrome; the body is kept word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from octavo.model import YearMonth
from octavo.source.dates import parse_month_name

__all__ = ["Page", "PageError", "decode_page", "parse_page"]

_BREADCRUMB = re.compile(r"\s*Country Stud(?:y|ies)\s*>.*", re.IGNORECASE)
_CHAPTER = re.compile(r"Chapter\s+(\d+)", re.IGNORECASE)
_SECTION = re.compile(r"\s*Section\s+(\d+)\s+of\s+(\d+)\s*", re.IGNORECASE)
_MONTH_YEAR = r"([A-Za-z]+\.?,?\s+\d{4})\.?"
_DATA_AS_OF = re.compile(rf"\s*Data as of\s+{_MONTH_YEAR}\s*", re.IGNORECASE)
_LAST_UPDATED = re.compile(rf"\s*Last Updated:?\s+{_MONTH_YEAR}\s*", re.IGNORECASE)
_PUBLISHED = re.compile(r"Country study for .+? was first published in (\d{4})", re.IGNORECASE)
# Lines of the site's chrome: never text of the section.
_CHROME = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\s*We're always looking for ways to make\b.*",
        r"\s*Editor's Note:.*",
        r"\s*Note that current information\b.*",
        r".*\bMain Page\s+Country Studies Main Page\s*",
        r"\s*Click any image to enlarge\.?\s*",
        r"\s*National Flag\s*",
        r"\s*\(p\.\)\s.*",
        r"\s*Convert to Any Currency\s*",
        r"\s*Locator Map\s*",
    )
)
# Where the body ends: the first line of the page's closing chrome.
_BODY_END = (_DATA_AS_OF, _LAST_UPDATED, _SECTION, *_CHROME[1:4])


class PageError(Exception):
    """The page's layout is not recognised; `missing` names what was not found."""

    def __init__(self, missing: tuple[str, ...]):
        super().__init__("layout not recognised: no " + ", no ".join(missing))
        self.missing = missing


@dataclass(frozen=True, slots=True)
class Page:
    country: str
    title: str
    chapter: int
    parents: tuple[str, ...]
    sequence: int
    total: int
    data_as_of: YearMonth | None
    last_updated: YearMonth | None
    first_published: int | None
    paragraphs: tuple[str, ...]
    title_line: int  # 1-based line numbers in the page, for messages
    breadcrumb: tuple[str, ...]

    @property
    def chapter_title(self) -> str | None:
        """A page at chapter level ('Country Study > Chapter 8') names its chapter."""
        return self.title if len(self.breadcrumb) <= 2 and self.chapter else None


def decode_page(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, else Latin-1; LF line ends."""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_chrome(line: str) -> bool:
    return any(p.fullmatch(line) for p in _CHROME)


def _find(pattern: re.Pattern[str], lines: list[str]) -> tuple[int, re.Match[str]] | None:
    for number, line in enumerate(lines):
        match = pattern.fullmatch(line)
        if match:
            return number, match
    return None


def parse_page(text: str) -> Page:
    """Parse a raw page; raise PageError naming everything missing."""
    lines = text.split("\n")
    crumb_at = _find(_BREADCRUMB, lines)
    section = _find(_SECTION, lines)
    title_at = None
    if crumb_at:
        above = [i for i in range(crumb_at[0]) if lines[i].strip() and not _is_chrome(lines[i])]
        if above and ":" in lines[above[-1]]:
            title_at = above[-1]
    missing = tuple(
        name
        for name, found in (
            ("title line ('Country: Title')", title_at is not None),
            ("breadcrumb ('Country Study > Chapter N > …')", crumb_at),
            ("'Section N of M' line", section),
        )
        if not found
    )
    if missing:
        raise PageError(missing)
    assert crumb_at and section and title_at is not None
    country, _, title = lines[title_at].strip().partition(":")
    crumbs = tuple(
        c.strip() for c in re.split(r"\s+>\s+|^\S*>|>\S*$", lines[crumb_at[0]].strip()) if c.strip()
    )
    chapter = _CHAPTER.fullmatch(crumbs[1]) if len(crumbs) > 1 else None
    levels = crumbs[2:] if chapter else crumbs[1:]
    return Page(
        country=country.strip(),
        title=title.strip(),
        chapter=int(chapter[1]) if chapter else 0,
        parents=levels[:-1],
        sequence=int(section[1][1]),
        total=int(section[1][2]),
        data_as_of=_date(_DATA_AS_OF, lines),
        last_updated=_date(_LAST_UPDATED, lines),
        first_published=_published(text),
        paragraphs=_paragraphs(lines[crumb_at[0] + 1 :]),
        title_line=title_at + 1,
        breadcrumb=crumbs,
    )


def _date(pattern: re.Pattern[str], lines: list[str]) -> YearMonth | None:
    found = _find(pattern, lines)
    return parse_month_name(found[1][1]) if found else None


def _published(text: str) -> int | None:
    match = _PUBLISHED.search(text)
    return int(match[1]) if match else None


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    """Blank-line separated paragraphs up to the closing chrome, chrome lines left out."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if any(p.fullmatch(line) for p in _BODY_END):
            break
        if not line.strip() or _is_chrome(line):
            paragraphs.append([])
        else:
            paragraphs[-1].append(line.strip())
    return tuple(" ".join(p) for p in paragraphs if p)
