"""A country-study page as text -> Page, read with the profile of the site it came from.

Metadata comes out of the chrome; the body is kept word for word. What the page lacks
(a title, numbers, a data date) is left empty here for the batch to supply.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace

from octavo.importers.blocks import IMAGE_MARK, text_blocks
from octavo.importers.metadata import (
    BREADCRUMB,
    CHAPTER,
    DATA_AS_OF,
    IMAGE_MARKER,
    LAST_UPDATED,
    SECTION,
    TOC,
    TRAILING_DATE,
    URL,
    body_like,
    country_hint,
    kind_of,
    metadata,
    title_case,
    title_like,
)
from octavo.importers.page import Block, Page, PageError
from octavo.importers.profiles import (
    COMMON_CHROME,
    COMMON_END,
    PROFILE_SERIES,
    Profile,
    detect,
    from_one,
)
from octavo.importers.profiles.sites import COLON, DASH

__all__ = ["country_hint", "kind_of", "layout", "parse_page", "title_case", "with_kind"]


class _Reader:
    """One page's lines, read with one profile."""

    def __init__(
        self,
        lines: list[str],
        profile: Profile,
        address: str,
        line_of: Callable[[int], int] = from_one,
    ):
        self.lines, self.profile, self.address = lines, profile, address
        self.line_of = line_of  # the page's line of lines[i], as the reasons name it
        patterns = (*COMMON_CHROME, *profile.chrome)
        chrome = {i for i, line in enumerate(lines) if line.strip() and _matches(patterns, line)}
        self.meta = metadata(lines, chrome)
        self.skip = set(self.meta.meta_lines) | chrome
        self.country = ""
        self.hinted = False  # the country is a guess from the file name
        self.reasons: list[str] = []

    def find_country(self) -> None:
        for line in self.lines:
            if match := TOC.fullmatch(line):
                self.country = match["country"].strip()
                return
        hint = country_hint(self.address)
        if hint and re.search(rf"\b{re.escape(hint)}\b(?! ?\d)", "\n".join(self.lines)):
            self.country, self.hinted = hint, True

    def header_end(self, start: int) -> int:
        """The first line of body text at or after `start` that is no title line: a line
        that, with the lines wrapped under it, reads as prose."""
        for number in range(start, len(self.lines)):
            line = self.lines[number]
            if number in self.skip or not line.strip() or self._is_country(number):
                continue
            prose = body_like(line) or (len(line.split()) >= 4 and body_like(self._wrapped(number)))
            if prose and not self._title_match(line):
                return number
        return len(self.lines)

    def heading_line(self, heading: str, end: int) -> tuple[int, str] | None:
        """The first line before `end` that is `heading` alone."""
        for number in range(min(end, len(self.lines))):
            if number not in self.skip and self.lines[number].strip() == heading:
                return number, heading
        return None

    def _wrapped(self, number: int) -> str:
        """A line and the lines that follow it up to a blank or skipped one."""
        end = number + 1
        while end < len(self.lines) and self.lines[end].strip() and end not in self.skip:
            end += 1
        return " ".join(self.lines[number:end])

    def title(self, end: int) -> tuple[int, str] | None:
        """The title line among the header lines [0, end): by the profile's title shapes,
        then after a line holding only the country, then the last header line."""
        header = [i for i in range(end) if i not in self.skip and self.lines[i].strip()]
        for pattern in self.profile.titles:
            for number in header:
                title = self._title_match(self.lines[number], pattern)
                if title:
                    self.reasons.append(
                        f"title on line {self.line_of(number)} (the site's title shape)"
                    )
                    return number, title
        filled = [i for i in range(end) if self.lines[i].strip()]
        for upper, lower in self.profile.heads:  # the title over the study's contents line
            for a, b in itertools.pairwise(filled):
                line = self.lines[a]
                if upper.fullmatch(line) and lower.fullmatch(self.lines[b]) and title_like(line):
                    # not the last line above the body: a photo's caption opening the body
                    self.reasons.append(f"title on line {self.line_of(a)} (over the contents line)")
                    return a, line.strip()
        if self.profile.title_after_country and self.country:
            after = [j for i, j in itertools.pairwise(header) if self._is_country(i)]
            if after:
                self.reasons.append(
                    f"title on line {self.line_of(after[-1])} (after the country line)"
                )
                return after[-1], self.lines[after[-1]].strip()
        rest = [i for i in header if not self._is_country(i) and title_like(self.lines[i])]
        if self.profile.title_is_last_header_line and rest:
            self.reasons.append(
                f"title on line {self.line_of(rest[-1])} (the last line above the body)"
            )
            return rest[-1], self.lines[rest[-1]].strip()
        return None

    def _title_match(self, line: str, only: re.Pattern[str] | None = None) -> str | None:
        """The title a line holds in one of the profile's title shapes, its country being
        the page's (when known): 'Belarus: Russia' -> 'Russia'."""
        for pattern in (only,) if only else self.profile.titles:
            match = pattern.fullmatch(line)
            if not match or not title_like(match["title"]) or match["title"].endswith("."):
                continue  # 'Salient Features: Underdeveloped ... economy.' is an entry
            if not self.country:
                self.country = match["country"]
                return str(match["title"])
            if match["country"].lower() == self.country.lower():
                return str(match["title"])
            if self.hinted and pattern in (*COLON, *DASH):
                # 'Belarus: Foreword' in foreword.htm: the title line knows the country
                self.country, self.hinted = match["country"], False
                return str(match["title"])
            known = re.match(rf"(?i)\s*{re.escape(self.country)}\b", line)
            if known and match.start("country") == known.start() + len(line) - len(line.lstrip()):
                rest = line[known.end() :].lstrip(" :-–—").strip()
                return rest or None
        return None

    def _is_country(self, number: int) -> bool:
        return bool(self.country) and self.lines[number].strip().lower() == self.country.lower()

    def body_end(self, start: int) -> int:
        ends = (*COMMON_END, *self.profile.body_end, DATA_AS_OF, SECTION, LAST_UPDATED)
        if self.meta.trailing and self.meta.data_line is not None:
            return self.meta.data_line + 1
        for number in range(start, len(self.lines)):
            if _matches(ends, self.lines[number]):
                return number
        return len(self.lines)

    def body_lines(self, start: int, end: int, header_end: int) -> list[tuple[int, str]]:
        """(line number, text) of the body; chrome and metadata lines become blank."""
        body = []
        for number in range(start, end):
            line = self.lines[number]
            if number == self.meta.data_line and self.meta.trailing:
                match = TRAILING_DATE.fullmatch(line)
                line = match["text"] if match else line
            if IMAGE_MARKER.fullmatch(line):
                body += [(number, ""), (number, IMAGE_MARK), (number, "")]
            elif number in self.skip or (number < header_end and self._is_country(number)):
                body.append((number, ""))
            else:
                body.append((number, line))
        return body


def _matches(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)


def _breadcrumb(line: str) -> tuple[str, ...]:
    parts = re.split(r"\s+>\s+|^\S*>|>\S*$", line.strip())
    return tuple(c.strip() for c in parts if c.strip())


def _drop_subsection_list(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A chapter page ends with the list of its subsections: short lines, no sentences."""
    kept = list(lines)
    while kept and not kept[-1][1].strip():
        kept.pop()
    tail = 0
    for _, line in reversed(kept):
        text = line.strip()
        if text and (len(text.split()) > 8 or re.search(r"[.!?]$", text)):
            break
        tail += 1
    return kept[: len(kept) - tail] if tail >= 2 and tail < len(kept) else kept


def layout(
    text: str,
    address: str = "",
    profile: Profile | None = None,
    known: bool = False,
    fallback_title: str = "",
    heading: str = "",
    line_of: Callable[[int], int] = from_one,
) -> tuple[Page, list[tuple[int, str]]]:
    """The page's fields (its blocks left empty) and its body lines, read with the profile
    of its site; PageError when it shows nothing of a country-study page (no title, no data
    date, no breadcrumb, no site's layout) and the user has not vouched for it (`known`: a
    manifest names it). `fallback_title` is a title from outside the text (HTML <title>);
    `heading` an HTML heading the <title> names: the title where the body's first lines are
    too short to tell from a header (a short section's page). `line_of`: the page's line of
    the text's line i (a saved HTML page's own: octavo.importers.html), as the reasons and
    `title_line` name it."""
    lines = text.split("\n")
    found = [address] + [m[0] for m in URL.finditer("\n".join(lines[:12]))]
    detection = detect(lines, " ".join(found), line_of)
    chosen = profile or detection.profile
    reader = _Reader(lines, chosen, address, line_of)
    reader.reasons += list(detection.reasons) if profile is None else ["profile chosen by hand"]
    reader.find_country()
    crumb_at = next((i for i, line in enumerate(lines) if BREADCRUMB.fullmatch(line)), None)
    crumbs: tuple[str, ...] = ()
    chapter, parents = None, None
    title: str | None = None
    title_line = 0
    if crumb_at is not None:
        # every breadcrumb line is the site's chrome: a page may repeat it (issue 16 item 19)
        reader.skip.update(i for i, line in enumerate(lines) if BREADCRUMB.fullmatch(line))
        crumbs = _breadcrumb(lines[crumb_at])
        number = CHAPTER.fullmatch(crumbs[1]) if len(crumbs) > 1 else None
        levels = crumbs[2:] if number else crumbs[1:]
        chapter = int(number[1]) if number else 0
        parents = levels[:-1]
        above = reader.title(crumb_at)
        title_line, title = above if above else (crumb_at, levels[-1] if levels else None)
        if title is None and number:
            title = crumbs[1]
        start = crumb_at + 1
        header_end = start
        reader.reasons.append(f"breadcrumb on line {reader.line_of(crumb_at)}")
    else:
        header_end = reader.header_end(0)
        told = len(reader.reasons)
        found_title = reader.title(header_end)
        named = reader.heading_line(heading, header_end) if heading else None
        if named is not None and (found_title is None or named[0] <= found_title[0]):
            del reader.reasons[told:]  # why title() chose the line it did
            reader.reasons.append(
                f"title on line {reader.line_of(named[0])} (the heading its <title> names)"
            )
            found_title = named
        if found_title:
            title_line, title = found_title
        start = title_line + 1 if found_title else 0
    if title is not None:
        reader.skip.add(title_line)
    elif fallback_title:
        title = _fallback(fallback_title, reader)
    series = "" if title else _series(lines[:header_end], reader)
    # an end marker ("Section 5 of 20", "Data as of …") above the first line of prose is
    # the page's header, not the body's end (a page so laid out lost its whole body)
    end = reader.body_end(max(start, header_end) if header_end < len(lines) else start)
    body = reader.body_lines(start, end, header_end)
    kind = kind_of(title or series)
    if crumbs and len(crumbs) <= 2 and chapter:
        kind = "chapter"
        body = _drop_subsection_list(body)
    # a site's chrome alone, with no title, is its home or index page, not a section
    recognised = bool(title) and (chosen.name != "generic" or bool(reader.country))
    if not (known or reader.meta.data_as_of or crumbs or recognised):
        raise PageError(("title line naming a country", "'Data as of' line", "site's layout"))
    page = Page(
        country=reader.country,
        title=title_case(title.strip()) if title else "",
        chapter=chapter,
        parents=parents,
        sequence=reader.meta.section[0] if reader.meta.section else None,
        total=reader.meta.section[1] if reader.meta.section else None,
        data_as_of=reader.meta.data_as_of,
        last_updated=reader.meta.last_updated,
        blocks=(),
        title_line=line_of(title_line),
        breadcrumb=crumbs,
        profile=chosen.name,
        reasons=tuple(reader.reasons),
        kind=kind,
        address=next((u for u in found[1:] if u), ""),
        own_date=reader.meta.own_date,
        series=series,
    )
    return page, body


def _series(header: list[str], reader: _Reader) -> str:
    """'Country Profile' where a page with no title line says above its body that it is one
    of the Library's Country Profiles (its title is then the series' and its country's)."""
    at = next((i for i, line in enumerate(header) if PROFILE_SERIES.fullmatch(line)), None)
    if at is None:
        return ""
    reader.reasons.append(
        f"line {reader.line_of(at)}: one of the Library's Country Profiles, no title line"
    )
    return "Country Profile"


def _fallback(title: str, reader: _Reader) -> str:
    """An HTML <title> ('Belarus - Russia', 'Nepal: A Country Study') as a section title."""
    reader.reasons.append("title from the page's <title>")
    for pattern in reader.profile.titles:
        if found := reader._title_match(title, pattern):
            return found
    return title


def with_kind(page: Page, blocks: tuple[Block, ...]) -> Page:
    """The page with its blocks; a page of 'Label: text' entries is a Country Profile page."""
    kind = page.kind
    if kind is None and blocks and sum(b.kind == "entry" for b in blocks) * 2 >= len(blocks):
        kind = "profile"
    return replace(page, blocks=blocks, kind=kind)


def parse_page(
    text: str, address: str = "", profile: Profile | None = None, known: bool = False
) -> Page:
    """A text page -> Page; see `layout`."""
    page, body = layout(text, address, profile, known)
    return with_kind(page, tuple(text_blocks([line for _, line in body])))
