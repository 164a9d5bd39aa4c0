"""The book's divisions, from its sections in reading order (octavo.source.assemble): the
front matter by kind, the body's chapters (by part, in a volume of several countries), the
back matter; each with its title, its chapter-level page and its sections, and W308, E304,
W310 where the sections say otherwise."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from functools import cache

from octavo.errors import Diagnostic, error, warning
from octavo.model import (
    APPENDIX_KIND,
    BACK_KINDS,
    BODY_KIND,
    FRONT_KINDS,
    BookConfig,
    Chapter,
    Labels,
    Part,
    Section,
)
from octavo.shipped import TEMPLATES
from octavo.source.labels import read_catalogue

__all__ = ["divisions", "in_parts"]

# the kind whose pages the importer places under its English name, as the sites word it
# (`parents: [Country Profile]`, an overview page titled "Country Profile"): its division
# is itself under that name too, in every language. Only it: a German book's own
# `parents: [Bibliography]` is the author's grouping within "Literatur", and stays.
_IMPORTED_KIND = "profile"


def in_parts(kind: str) -> bool:
    """In a book of parts, the body and each country's profile and introduction."""
    return kind in (BODY_KIND, "profile", "introduction")


def divisions(
    config: BookConfig, ordered: list[Section], labels: Labels, parts: tuple[Part, ...]
) -> tuple[tuple[Chapter, ...], list[Diagnostic]]:
    """Divisions in reading order: front matter by kind, the body (by part), back matter."""
    part_of = {p.title: p.number for p in parts}
    groups: dict[tuple[int, str, int, str], list[Section]] = defaultdict(list)
    found: list[Diagnostic] = []
    previous: Section | None = None
    previous_part = 0
    for section in ordered:
        part = part_of.get(section.country, 0) if in_parts(section.kind) else 0
        number = section.chapter if section.kind == BODY_KIND else 0
        key = (part, section.kind, number, _unplaced_head(config, section, part, parts))
        group = groups[key]
        # Another country's section between two of a chapter's is no interruption: each
        # country's chapters are set in its own part.
        if (
            group
            and group[-1] is not previous
            and section.kind == BODY_KIND
            and previous_part == part
        ):
            # (chapter 0 is no chapter: the body sections the import could not place, a
            # division a heading, named: _unplaced_head)
            head = _own_head(section)
            which, other = f"chapter {section.chapter} is", "another chapter's or kind's"
            if not section.chapter:
                which = "the sections of no chapter are"
            if key[3]:
                which = f"the sections of no chapter under {head!r} are"
                other = "another chapter's, kind's or heading's"
            between = previous.path.name if previous is not None else "another"
            found.append(
                warning(
                    "W308",
                    f"{which} interrupted by {between} ({other}); their sections are kept together",
                    section.path,
                    section.line_of("chapter"),
                    hint=f"number a chapter's sections one after another, or check {between}'s "
                    "chapter",
                )
            )
        group.append(section)
        previous, previous_part = section, part
    chapters = []
    divisions: Counter[tuple[int, str, int]] = Counter()  # chapter 0's, under several heads
    for (part, kind, number, _), members in groups.items():
        chapter = _chapter(config, (part, kind, number), members, labels, parts, found)
        chapters.append(replace(chapter, division=divisions[part, kind, number]))
        divisions[part, kind, number] += 1
    return tuple(sorted(chapters, key=_place)), found


def _unplaced_head(config: BookConfig, section: Section, part: int, parts: tuple[Part, ...]) -> str:
    """The heading an unplaced body section (chapter 0, W408) is set under: its first
    breadcrumb level, else its own title; "" for any other section, or where chapter 0 has
    a title (book.toml's [chapters] 0, a section's chapter_title), under which they are one.
    Unplaced pages under 'The Rana Oligarchy' and 'Economy' were one division called
    'Introduction', a heading none of them has: each heading is a division now, as each
    file of a Quarto book is a chapter of its own heading. So is an appendix section's
    heading, as a Quarto book's appendices are: two appendix pages were one division
    "Appendix", where a reader looks for "Appendix A" and "Appendix B"."""
    if section.kind == APPENDIX_KIND:  # each appendix its own, lettered: Chapter.letter
        return _own_head(section).casefold()
    if section.kind != BODY_KIND or section.chapter:
        return ""
    country = parts[part - 1].title if part else ""
    if config.chapter_title(0, country) or section.chapter_title:
        return ""
    return _own_head(section).casefold()


def _own_head(section: Section) -> str:
    """The heading a section stands under by its own page: its first breadcrumb level,
    else its title."""
    return section.parents[0] if section.parents else section.title


def _place(chapter: Chapter) -> tuple[int, int, int]:
    """Front matter (in the order of FRONT_KINDS), then each part, then back matter; within a
    part its profile and introduction come first. Python's sort keeps the reading order."""
    if chapter.matter == "front":
        return (0, FRONT_KINDS.index(chapter.kind), 0)
    if chapter.matter == "back":
        return (2, BACK_KINDS.index(chapter.kind), 0)
    inside = FRONT_KINDS.index(chapter.kind) if chapter.kind in FRONT_KINDS else len(FRONT_KINDS)
    return (1, chapter.part, inside)


def _chapter(
    config: BookConfig,
    key: tuple[int, str, int],
    members: list[Section],
    labels: Labels,
    parts: tuple[Part, ...],
    found: list[Diagnostic],
) -> Chapter:
    part, kind, number = key
    if kind != BODY_KIND:
        # A division of one top-level section is that section ('Foreword'); a part of one
        # ('Economy', under the Country Profile) is set under the kind's title.
        alone = len(members) == 1 and not members[0].parents
        title = members[0].title if alone else labels.format(f"kind_{kind}")
        if kind == APPENDIX_KIND:  # the heading its pages are under (_unplaced_head)
            title = _own_head(members[0])
        english = _english(f"kind_{kind}") if kind == _IMPORTED_KIND else ""
        members = _below(title, members, english)
        opening = members[0] if alone else _opening(title, members, english)
        return Chapter(0, title, _first(opening, members), kind, part, opening)
    titles = {s.chapter_title: s for s in members if s.chapter_title}
    if len(titles) > 1:
        (t1, s1), (t2, s2) = list(titles.items())[:2]
        found.append(
            error(
                "E304",
                f"chapter {number} is titled '{t2}' here but '{t1}' in {s1.path}",
                s2.path,
                s2.line_of("chapter_title"),
                "use one title for the chapter",
            )
        )
    country = parts[part - 1].title if part else ""
    # book.toml's, else the sections' chapter_title, else the chapter-level page's own title
    # (`kind: chapter`, the page that opens the chapter under its title): a page "Foreign
    # Relations" so marked left its chapter "Chapter 8" (W310), its title shown nowhere.
    page = next((s.title for s in members if s.chapter_page), "")
    title = config.chapter_title(number, country) or next(iter(titles), None) or page
    if not number:
        # The pages the import could not place (W408) under one heading (_unplaced_head)
        # are a division of it: of a lone page's own title (an 'Introduction' set after
        # chapter 8 around 'Ethnic Composition' misnamed it), of the heading they are all
        # under ('Society', the subject their address names: octavo.importers.subject).
        first = members[0]
        title = title or (first.parents[0] if first.parents else first.title)
    elif not title:
        where = f"[chapters.{country}]" if country else "[chapters]"
        found.append(
            warning(
                "W310",
                f"chapter {number}{f' of {country}' if country else ''} has no title",
                config.path,
                config.chapters_line(country),
                hint=f'set it in book.toml: {where} {number} = "…", or mark the page that '
                "opens the chapter `kind: chapter` (its title is the chapter's)",
            )
        )
    members = _below(title, members)
    opening = _opening(title, members)
    return Chapter(number, title, _first(opening, members), kind, part, opening)


def _first(opening: Section | None, members: list[Section]) -> tuple[Section, ...]:
    """The sections with the opening first, where both outputs set it (under the division's
    title): its note is then the division's first, as printed. Four Acknowledgments pages
    of three countries, 'Acknowledgments' the last of them, were numbered 4, 1, 2, 3."""
    if opening is None:
        return tuple(members)
    return (opening, *(s for s in members if s is not opening))


def _below(title: str, members: list[Section], english: str = "") -> list[Section]:
    """The sections without a first breadcrumb level that is the division itself: an
    imported 'Economy' page under [Country Profile] is set in the Country Profile division,
    and a heading 'Country Profile' under the title 'Country Profile' would say it twice;
    so is a manifest's 'The Economy > Infrastructure' in chapter 3, The Economy. A kind's
    division is itself under its English name too (`english`, _IMPORTED_KIND's): the
    importer writes the English sites' 'Country Profile', which a French book's "Profil
    du pays" set again under its title ("Profil du pays › Country Profile › Économie")."""
    keys = {title.casefold(), english.casefold()} - {""}
    return [
        replace(s, parents=s.parents[1:]) if s.parents and s.parents[0].casefold() in keys else s
        for s in members
    ]


@cache
def _english(key: str) -> str:
    """A label as octavo's shipped English catalogue words it ('' when it has none)."""
    return str(read_catalogue(TEMPLATES / "labels" / "en.toml").get(key, ""))


def _opening(title: str, members: list[Section], english: str = "") -> Section | None:
    """The chapter-level page: the first top-level section titled as the chapter (or as
    its English name, `english`: an imported overview "Country Profile" opens a French
    book's "Profil du pays")."""
    keys = {title.casefold(), english.casefold()} - {""}
    return next((s for s in members if s.chapter_page), None) or next(
        (s for s in members if not s.parents and s.title.casefold() in keys),
        None,
    )
