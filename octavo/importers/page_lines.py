"""A page's lines read with one site's profile: its country, chrome, header, title line
and body (octavo.importers.countrystudy puts them together as a Page)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from octavo.importers.blocks import IMAGE_MARK
from octavo.importers.countries import STUDY_COUNTRIES
from octavo.importers.head_title import HeadTitle, named_line, same_words
from octavo.importers.metadata import (
    DATA_AS_OF,
    IMAGE_MARKER,
    LAST_UPDATED,
    SECTION,
    TOC,
    TRAILING_DATE,
    body_like,
    country_hint,
    metadata,
    title_like,
)
from octavo.importers.profiles import COMMON_CHROME, COMMON_END, Profile, from_one
from octavo.importers.profiles.sites import COLON, DASH
from octavo.importers.title_casing import title_shaped

__all__ = ["PageReader"]


class PageReader:
    """One page's lines, read with one profile."""

    def __init__(
        self,
        lines: list[str],
        profile: Profile,
        address: str,
        line_of: Callable[[int], int] = from_one,
        navigation: frozenset[int] = frozenset(),
        headings: frozenset[int] = frozenset(),
    ):
        self.lines, self.profile, self.address = lines, profile, address
        self.line_of = line_of  # the page's line of lines[i], as the reasons name it
        self.navigation = navigation  # lines that are a link and nothing else (HTML)
        self.headings = headings  # lines set as a heading (HTML)
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

    def country_from(self, head: HeadTitle) -> None:
        """The country an HTML <title> names ('Moldova - ECONOMY'), where the page's
        contents line names none and its file name at most hints one: one of the studies'
        countries, or one a line of the page holds alone (its `<h2>Moldova</h2>`)."""
        named = head.country
        if not named or (self.country and not self.hinted):
            return
        if named == self.country:
            self.hinted = False  # the file name's guess, confirmed
        elif named in STUDY_COUNTRIES or any(line.strip() == named for line in self.lines):
            self.country, self.hinted = named, False
            self.reasons.append(f"country {named} from its <title> {head.text!r}")

    def drop_navigation(self, end: int, keep: int | None = None) -> None:
        """A line above the body (`end`) that is a link and nothing else is the site's
        navigation ('Country Studies Index', 'Home'): never the title, nor a line of the
        body; but for the line the page's <title> names (`keep`), a title linked to itself."""
        for number in sorted(self.navigation - {keep}):
            if number < end and number not in self.skip and self.lines[number].strip():
                self.skip.add(number)
                line = self.lines[number].strip()[:60]
                self.reasons.append(
                    f"line {self.line_of(number)} {line!r} is a link alone above the body: "
                    "the site's navigation"
                )

    def candidates(self, end: int, after: int = -1) -> list[int]:
        """The lines after `after` and before `end` that can be a title: not blank, not
        the site's chrome or the page's metadata, not the country alone."""
        return [
            i
            for i in range(after + 1, min(end, len(self.lines)))
            if i not in self.skip and self.lines[i].strip() and not self._is_country(i)
        ]

    def header_end(self, start: int, head: HeadTitle | None = None) -> int:
        """The first line of body text at or after `start` that is no title line: a line
        that, with the lines wrapped under it, reads as prose, and is not the line an HTML
        <title> names (`head`: 'THE ECONOMY: AN OVERVIEW' reads as a profile's entry)."""
        for number in range(start, len(self.lines)):
            line = self.lines[number]
            if number in self.skip or number in self.navigation or not line.strip():
                continue
            if self._is_country(number):
                continue
            prose = body_like(line) or (len(line.split()) >= 4 and body_like(self._wrapped(number)))
            named = head is not None and head.names_line(line, self.country)
            if prose and not named and not self._heading(number) and not self._title_match(line):
                return number
        return len(self.lines)

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
                if a in self.skip or self._is_country(a) or not title_like(line):
                    continue  # the site's link line over its contents line is no title
                if upper.fullmatch(line) and lower.fullmatch(self.lines[b]):
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
        rest = [
            i
            for i in header
            if not self._is_country(i) and (title_like(self.lines[i]) or self._heading(i))
        ]
        if self.profile.title_is_last_header_line and rest:
            self.reasons.append(
                f"title on line {self.line_of(rest[-1])} (the last line above the body)"
            )
            return rest[-1], self.lines[rest[-1]].strip()
        one = len(rest) == 1 and rest == [i for i in header if not self._is_country(i)]
        if one and (rest[0] in self.headings or _title_shaped_line(self.lines[rest[0]])):
            # the page's one heading (`<h3>The Shah Dynasty</h3>`), the country's line aside;
            # not a paragraph (`The Shah kings ruled.`) nor a caption (`King Mahendra, 1960`)
            self.reasons.append(
                f"title on line {self.line_of(rest[0])} (the one line above the body)"
            )
            return rest[0], self.lines[rest[0]].strip()
        return None

    def _title_match(self, line: str, only: re.Pattern[str] | None = None) -> str | None:
        """The title a line holds in one of the profile's title shapes, its country being
        the page's (when known): 'Belarus: Russia' -> 'Russia'."""
        for pattern in (only,) if only else self.profile.titles:
            match = pattern.fullmatch(line)
            if not match or match["title"].endswith("."):
                continue  # 'Salient Features: Underdeveloped ... economy.' is an entry
            ours = bool(self.country) and match["country"].lower() == self.country.lower()
            if not title_like(match["title"]) and not (ours and title_shaped(match["title"])):
                continue  # but 'Belarus: The Economy: An Overview' is a title
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

    def _heading(self, number: int) -> bool:
        """A line set as a heading and shaped as a title: `<h3>The Economy: An Overview</h3>`
        is a title, though its colon makes it read as a profile's entry."""
        return number in self.headings and title_shaped(self.lines[number].strip())

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

    def title_line(self, head: HeadTitle | None, end: int) -> tuple[int, str] | None:
        """The title line above the body (`end`): the one an HTML <title> names, else the
        profile's choice among the lines that are not the site's navigation
        (octavo.importers.head_title says why, and which wins where they disagree)."""
        named = None
        if head is not None:
            named = named_line(head, self.lines, self.candidates(end), self.country)
        self.drop_navigation(end, keep=named)
        if head is not None and named is not None:
            self.reasons.append(
                f"title on line {self.line_of(named)} (the heading its <title> names)"
            )
            return named, head.title_of(self.lines[named], self.country)
        found = self.title(end)
        if head is not None and not head.section:
            self.reasons.append(f"its <title> {head.text!r} is the study's name, no section's")
        elif (
            head is not None and found is not None and not head.names_title(found[1], self.country)
        ):
            self.reasons.append(
                f"its <title> {head.text!r} names no line above the body: the page's own title "
                "line kept"
            )
        return found

    def drop_repeat(self, title_line: int, title: str, end: int) -> None:
        """The line under the title that says it again ('Belarus: Trade' over a bold 'Trade')
        is the title set twice, not a heading of the body."""
        after = self.candidates(end, title_line)[:1]
        if after and same_words(self.lines[after[0]], title):
            self.skip.add(after[0])
            said = self.lines[after[0]].strip()[:60]
            self.reasons.append(
                f"line {self.line_of(after[0])} {said!r} repeats the title: left out"
            )


def _matches(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)


_YEAR = re.compile(r"\b(?:1[0-9]|20)[0-9]{2}\b")


def _title_shaped_line(line: str) -> bool:
    """A line set as a title, not as a sentence or a caption: no final full stop, no year."""
    text = line.strip()
    return not text.endswith(".") and not _YEAR.search(text)
