"""A country-study page as text -> Page, read with the profile of the site it came from.

Metadata comes out of the chrome; the body is kept word for word. What the page lacks
(a title, numbers, a data date) is left empty here for the batch to supply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from octavo.importers.blocks import text_blocks
from octavo.importers.head_title import read_head_title
from octavo.importers.metadata import (
    BREADCRUMB,
    CHAPTER,
    URL,
    country_hint,
    kind_of,
)
from octavo.importers.page import Block, Page, PageError
from octavo.importers.page_lines import PageReader
from octavo.importers.profiles import PROFILE_SERIES, Profile, detect, from_one
from octavo.importers.title_casing import title_case

__all__ = ["country_hint", "kind_of", "layout", "parse_page", "title_case", "with_kind"]


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
    head_title: str = "",
    line_of: Callable[[int], int] = from_one,
    navigation: frozenset[int] = frozenset(),
    headings: frozenset[int] = frozenset(),
) -> tuple[Page, list[tuple[int, str]]]:
    """The page's fields (its blocks left empty) and its body lines, read with the profile
    of its site; PageError when it shows nothing of a country-study page (no title, no data
    date, no breadcrumb, no site's layout) and the user has not vouched for it (`known`: a
    manifest names it). `head_title`: a saved HTML page's <title>, which names the line
    that is its title (octavo.importers.head_title), else is its title when no line is.
    `line_of`: the page's line of the text's line i (a saved HTML page's own:
    octavo.importers.html), as the reasons and `title_line` name it; `navigation`: the text's
    lines that are a link and nothing else, the site's where they stand above the body;
    `headings`: the text's lines set as a heading (an HTML page's <h1>-<h6>, bold lines)."""
    lines = text.split("\n")
    found = [address] + [m[0] for m in URL.finditer("\n".join(lines[:12]))]
    detection = detect(lines, " ".join(found), line_of)
    chosen = profile or detection.profile
    reader = PageReader(lines, chosen, address, line_of, navigation, headings)
    reader.reasons += list(detection.reasons) if profile is None else ["profile chosen by hand"]
    reader.find_country()
    head = read_head_title(head_title)
    if head is not None:
        reader.country_from(head)
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
        header_end = reader.header_end(0, head)
        found_title = reader.title_line(head, header_end)
        if found_title:
            title_line, title = found_title
            reader.drop_repeat(title_line, title, header_end)
        start = title_line + 1 if found_title else 0
    if title is not None:
        reader.skip.add(title_line)
    elif head is not None and head.section_title(reader.country):
        reader.reasons.append(f"title from the page's <title> {head.text!r}")
        title = head.section_title(reader.country)
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
        title=title_case(title.strip(), "\n".join(line for _, line in body)) if title else "",
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


def _series(header: list[str], reader: PageReader) -> str:
    """'Country Profile' where a page with no title line says above its body that it is one
    of the Library's Country Profiles (its title is then the series' and its country's)."""
    at = next((i for i, line in enumerate(header) if PROFILE_SERIES.fullmatch(line)), None)
    if at is None:
        return ""
    reader.reasons.append(
        f"line {reader.line_of(at)}: one of the Library's Country Profiles, no title line"
    )
    return "Country Profile"


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
