"""A saved HTML page's <title> ("Moldova - ECONOMY") as evidence of which line is its title.

The sites that carry the studies give each page a <title> in the form "Country - SECTION"
(countrystudies.us, country-data.com, mongabay): the section's own name, which no layout
moves. The line that name is on is therefore the page's title wherever the page sets it:
under a heading that is only the country (`<h2>Moldova</h2><h3>ECONOMY</h3>`), under a
link line and the study's contents line (`Country Studies Index`, `Nepal Table of
Contents`, then a bold `Transportation`), or as a plain bold paragraph. The profile's
guesses by a line's place (the last line above the body, the line over the contents line)
took a country heading or the site's link for the title, and left the true one in the body
as a heading or a bold paragraph (session 39, a user's report).

When the two disagree (the <title> names no line above the body, and the page sets another
title line) the page's own line wins: it is what the page shows its reader and what the
printed study bears, where a <title> is the site's template, which sites reuse for every
page of a chapter, cut short, or make the study's ("Nepal: A Country Study"); `--explain`
says so. With no title line at all, the section the <title> names is the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from octavo.importers.metadata import title_like
from octavo.importers.profiles.sites import COLON, DASH

__all__ = ["HeadTitle", "named_line", "read_head_title", "same_words"]

# 'A Country Study: Nepal', 'Nepal: A Country Study', 'Nepal - a country study'
_STUDY = re.compile(
    r"(?i)(?:a\s+)?country\s+study\s*[-–—:|]\s*(?P<country>[^-–—:|]+?)"
    r"|(?P<named>[^-–—:|]+?)\s*[-–—:|]\s*(?:a\s+)?country\s+study"
)
_PARTS = re.compile(r"\s+[-–—:|]\s+|:\s+")  # 'Nepal - TRANSPORTATION | Country Studies'


@dataclass(frozen=True, slots=True)
class HeadTitle:
    """A page's <title>: as written, the country and the section its form names (no
    country, the whole <title> the section, when it is not in that form)."""

    text: str
    country: str
    section: str

    def names(self, country: str) -> frozenset[str]:
        """The words a line may hold to be the line the <title> names: its section, each
        part between its separators ('Nepal - Roads | Site' names 'Roads'), the whole;
        never the country (the page's, `country`, or the <title>'s own)."""
        if not self.section:
            return frozenset()  # the study's name: no section's
        found = {_words(self.section), "" if self.country else _words(self.text)}
        found.update(_words(part) for part in _PARTS.split(self.text))
        return frozenset(found - {"", _words(country), _words(self.country)})

    def names_title(self, title: str, country: str) -> bool:
        """Whether it names this title: the profile's, read from a line in a title shape
        ('Belarus: Trade' under <title>Belarus - Trade</title>), agrees with it."""
        return _words(title) in self.names(country)

    def names_line(self, line: str, country: str) -> bool:
        """Whether the line is the one it names (its words, or its title in a title shape)."""
        names = self.names(country)
        return any(_words(said) in names for said in _said(line))

    def section_title(self, country: str) -> str:
        """The title it gives a page with no title line: its section, never the country
        alone (a <title> 'Nepal' titles nothing: the batch supplies one, W406)."""
        return "" if _words(self.section) in {"", _words(country)} else self.section

    def title_of(self, line: str, country: str) -> str:
        """The title the line it names gives: its words, when they are what it names ('The
        Economy: An Overview'), else its title in a title shape ('Nepal: Transportation' ->
        'Transportation')."""
        names = self.names(country)
        return next((said for said in _said(line)[::-1] if _words(said) in names), line.strip())


def read_head_title(text: str) -> HeadTitle | None:
    """The <title> read: 'Moldova - ECONOMY' names Moldova's section ECONOMY (the title
    shapes the sites share, octavo.importers.profiles.sites); None for an empty one."""
    text = " ".join(text.split())
    if not text:
        return None
    study = _STUDY.fullmatch(text)
    if study:  # the study's name, the site's template for all its pages: names no section
        return HeadTitle(text, study["country"] or study["named"], "")
    for pattern in (*COLON, *DASH):
        match = pattern.fullmatch(text)
        if match and _section_like(match["title"]):
            return HeadTitle(text, match["country"], match["title"].strip())
    return HeadTitle(text, "", text)


def _section_like(title: str) -> bool:
    """A <title>'s section is the site's name for it, never a profile's entry: one with a
    colon is a title too ('Belarus - THE ECONOMY: AN OVERVIEW'), if it is no sentence."""
    return title_like(title) or (len(title.split()) <= 12 and not title.rstrip().endswith("."))


def named_line(
    head: HeadTitle, lines: list[str], candidates: Iterable[int], country: str
) -> int | None:
    """The first of the `candidates` (lines above the body that can be a title: not the
    site's chrome, not the country) whose words are the <title>'s whole section, else the
    first whose words are what it names: under <title>Nepal - The Economy: An Overview</title>
    the line 'The Economy: An Overview', not the chapter's 'The Economy' above it."""
    found = list(candidates)
    whole = _words(head.section)
    exact = (i for i in found if whole and any(_words(s) == whole for s in _said(lines[i])))
    named = (i for i in found if head.names_line(lines[i], country))
    first = next(exact, None)
    return first if first is not None else next(named, None)


def same_words(one: str, other: str) -> bool:
    """Two lines that say the same, told apart by case, spacing and closing stops only:
    a title and the line under it that repeats it ('Trade', 'TRADE')."""
    return bool(_words(one)) and _words(one) == _words(other)


def _said(line: str) -> tuple[str, ...]:
    """What a line may say as a title: its title, in a title shape ('Nepal: Transportation'),
    and its words."""
    shaped = read_head_title(line)
    title = (shaped.section,) if shaped is not None and shaped.country else ()
    return (*title, line.strip())


def _words(text: str) -> str:
    return " ".join(text.replace("&", " and ").split()).strip(" .:;").casefold()
