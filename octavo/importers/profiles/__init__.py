"""Site profiles: how each site that carries the country studies lays out a page.

A profile is data, not code: patterns for the lines that identify the site, for its title
line, for its chrome, and for where its body ends. `detect` scores every profile on a page
and says why the winner won; the generic profile takes any page no site claims.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

__all__ = [
    "COMMON_CHROME",
    "COMMON_END",
    "PROFILE_SERIES",
    "Detection",
    "Profile",
    "detect",
    "from_one",
    "rx",
]


def rx(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """Compile whole-line patterns (matched with fullmatch; case-insensitive unless a
    pattern starts with '(?-i)')."""
    return tuple(re.compile(p[5:] if p.startswith("(?-i)") else "(?i)" + p) for p in patterns)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str  # short, shown by --explain
    site: str  # where its pages come from
    hosts: tuple[str, ...] = ()  # address fragments naming the site (file path, canonical link)
    file_names: tuple[re.Pattern[str], ...] = ()  # how the site names its pages
    marks: tuple[re.Pattern[str], ...] = ()  # a line that matches one is the site's
    # two lines in a row (blank lines between aside), the first matching the first pattern
    # and the second the second: the site's header (a title over 'Bhutan Table of Contents')
    heads: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()
    titles: tuple[re.Pattern[str], ...] = ()  # title lines: groups 'country' and 'title'
    chrome: tuple[re.Pattern[str], ...] = ()  # the site's navigation, never body text
    body_end: tuple[re.Pattern[str], ...] = ()  # the body ends before the first such line
    title_after_country: bool = False  # a line holding only the country precedes the title
    title_is_last_header_line: bool = False  # else: the last header line is the title
    # its pages' names are country, chapter's subject, title: belarus_society_ethnic_...
    subject_in_name: bool = False


# The Library's line atop each of its Country Profiles, which it titles "Country Profile:
# Nepal" (a copy that keeps the line and not the title: mongabay's 2005 profiles).
PROFILE_SERIES = rx(
    r"\s*This series of profiles of foreign nations is part of the Country Studies Program\b.*"
)[0]
# Every site's pages may carry these; none of them is ever body text.
COMMON_CHROME = (
    *rx(
        r"\s*[|.\s]*",
        r"\s*Country Listing\s*",
        r"\s*Country Studies Index\s*",  # countrystudies.us's link to its list of studies
        r"\s*.{1,60}\S Table of Contents\s*",
        r"\s*Custom Search\s*",
        r"\s*Source: U\.?S\.? Library of Congress\.?\s*",
        r"\s*Unavailable Country Profile map\s*",
        r"[\s.|]*(?:!\[[^\]]*\]\([^)]*\)[\s|]*)+",
        r"\s*\[(?:JPEG|GIF|PNG|IMAGE|Figure|Photo)\]\s*",
        r"\s*(?:<<\s*)?(?:Previous|Next|Back|Top)(?:\s*(?:Page|\||Next|of Page))*\s*(?:>>)?\s*",
        r"\s*Click any image to enlarge\.?\s*",
    ),
    PROFILE_SERIES,
)
# The first line of closing chrome common to the sites.
COMMON_END = rx(
    r"\s*NOTE: The information regarding .+",
    r"\s*Editor's Note:.*",
    r"\s*Note that current information\b.*",
    r".*\bMain Page\s+Country Studies Main Page\s*",
)


@dataclass(frozen=True, slots=True)
class Detection:
    profile: Profile
    reasons: tuple[str, ...]


def from_one(index: int) -> int:
    """The line a reason names for `lines[index]`: a text page's own, counted from 1."""
    return index + 1


def _score(
    profile: Profile, lines: list[str], address: str, line_of: Callable[[int], int] = from_one
) -> tuple[int, list[str]]:
    score, reasons = 0, []
    lowered = address.lower()
    for host in profile.hosts:
        if host in lowered:
            score += 3
            reasons.append(f"its address {address!r} names {host!r}")
            break
    name = re.split(r"[/\\]", address.split()[0])[-1] if address.strip() else ""
    for pattern in profile.file_names:
        if pattern.fullmatch(name):
            score += 3
            reasons.append(f"its file name {name!r} is named as the site names pages")
            break
    for mark in profile.marks:
        hit = next((i for i, line in enumerate(lines) if mark.fullmatch(line)), None)
        if hit is not None:
            score += 2
            reasons.append(f"line {line_of(hit)} {lines[hit].strip()[:60]!r} is the site's chrome")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for upper, lower in profile.heads:
        pair = next(
            (
                (a, b)
                for a, b in pairwise(filled)
                if upper.fullmatch(lines[a]) and lower.fullmatch(lines[b])
            ),
            None,
        )
        if pair is not None:
            a, b = pair
            score += 2
            reasons.append(
                f"lines {line_of(a)} and {line_of(b)} ({lines[a].strip()[:40]!r} over "
                f"{lines[b].strip()[:40]!r}) are the site's header"
            )
    return score, reasons


def detect(
    lines: list[str], address: str = "", line_of: Callable[[int], int] = from_one
) -> Detection:
    """The profile whose hosts and marks the page shows most; the generic one if none.
    `line_of`: the page's line of `lines[i]`, as the reasons name it (from_one: a text
    page's; a saved HTML page's own line: octavo.importers.html)."""
    from octavo.importers.profiles.sites import GENERIC, SITES

    best: tuple[int, Profile, list[str]] = (0, GENERIC, [])
    for profile in SITES:
        score, reasons = _score(profile, lines, address, line_of)
        if score > best[0]:
            best = (score, profile, reasons)
    if best[0] == 0:
        return Detection(GENERIC, ("no site's address or chrome found: the generic layout",))
    return Detection(best[1], tuple(best[2]))
