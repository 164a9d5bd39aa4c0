"""Sections + BookConfig -> Book: order, chapters, and the checks across files."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from octavo.errors import Diagnostic, error, warning
from octavo.model import (
    BACK_KINDS,
    BODY_KIND,
    FRONT_KINDS,
    Book,
    BookConfig,
    Chapter,
    Labels,
    Part,
    Section,
)

if TYPE_CHECKING:
    from octavo.project import Project

__all__ = ["assemble", "missing_runs", "ranges"]


EXAMPLE_SOURCE = "octavo new"  # the `source` of the example section of templates/new/


def ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1–3, 5'."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def missing_runs(present: list[int], total: int) -> list[tuple[int, int]]:
    """The runs of 1..total not in `present` (sorted), computed from the numbers present
    alone: a total of 300,000,000 costs nothing."""
    runs: list[tuple[int, int]] = []
    expected = 1
    for number in [*present, total + 1]:
        if number > expected:
            runs.append((expected, min(number - 1, total)))
        expected = max(expected, number + 1)
    return [(a, b) for a, b in runs if a <= b]


def assemble(
    project: Project, sections: tuple[Section, ...], labels: Labels
) -> tuple[Book | None, tuple[Diagnostic, ...]]:
    config, root = project.config, project.root
    found: list[Diagnostic] = []
    by_number: dict[int, Section] = {}
    for section in sorted(sections, key=lambda s: str(s.path)):
        first = by_number.setdefault(section.sequence, section)
        if first is not section:
            found.append(
                error(
                    "E301",
                    f"section {section.sequence} is also in {first.path}",
                    section.path,
                    _line(section),
                    "renumber or remove one of them",
                )
            )
    found += _totals(sections)
    if not sections:
        found.append(
            error(
                "E305",
                "the book has no sections",
                root,
                hint="import pages with `invoke import-pages PAGE... --book DIR`",
            )
        )
    ordered, problems = _order(config, list(by_number.values()))
    found += problems
    parts, problems = _parts(config, ordered)
    found += problems
    chapters, problems = _chapters(config, ordered, labels, parts)
    found += problems
    found += _gaps(sections)
    if any(d.severity.value == "error" for d in found):
        return None, tuple(found)
    return Book(project, chapters, project.build_time(sections), labels, parts), tuple(found)


def _line(section: Section, key: str = "sequence") -> int:
    return section.line_of(key)


def _totals(sections: tuple[Section, ...]) -> list[Diagnostic]:
    if not sections:
        return []
    # the example section `new` wrote never sets the count: a book of it and one imported
    # page (a tie) takes the page's, so the example is the one named to delete
    counted = [s for s in sections if s.source != EXAMPLE_SOURCE] or sections
    usual, _ = Counter(s.total for s in counted).most_common(1)[0]
    return [
        error(
            "E302",
            f"total is {s.total} here but {usual} in the other sections",
            s.path,
            _line(s, "total"),
            "the example section `new` wrote: delete it now that the book has sections of its own"
            if s.source == EXAMPLE_SOURCE
            else "every section must say the same 'of M'",
        )
        for s in sections
        if s.total != usual
    ]


def _order(config: BookConfig, sections: list[Section]) -> tuple[list[Section], list[Diagnostic]]:
    by_sequence = sorted(sections, key=lambda s: s.sequence)
    if not config.order:
        return by_sequence, []
    index = {s.sequence: s for s in sections}
    found = []
    seen: set[int] = set()
    for number in config.order:
        if number in seen:
            found.append(
                error(
                    "E306",
                    f"'order' lists section {number} twice",
                    config.path,
                    config.order_line,
                    hint=f"keep one {number} in 'order': each section is read once",
                )
            )
        elif number not in index:
            found.append(
                error(
                    "E306",
                    f"'order' lists section {number}, which the book lacks",
                    config.path,
                    config.order_line,
                    hint=f"take {number} out of 'order', or add the section numbered {number}",
                )
            )
        seen.add(number)
    missing = [s.sequence for s in by_sequence if s.sequence not in seen]
    if missing:
        found.append(
            error(
                "E307",
                f"'order' leaves out sections {ranges(missing)}",
                config.path,
                config.order_line,
                hint="list every section, or remove 'order' to sort by number",
            )
        )
    return [index[n] for n in dict.fromkeys(config.order) if n in index], found


def _parts(config: BookConfig, ordered: list[Section]) -> tuple[tuple[Part, ...], list[Diagnostic]]:
    """One part per country when the sections name more than one (or book.toml has parts)."""
    placed = [s for s in ordered if _in_parts(s.kind)]
    countries = list(dict.fromkeys(s.country for s in placed))
    if len(countries) < 2 and not config.parts:
        return (), []
    found: list[Diagnostic] = []
    for country in config.parts:
        if country not in countries:
            found.append(
                warning(
                    "W311",
                    f"'parts' names {country!r}, which no section has as its country",
                    config.path,
                    dict(config.parts_lines).get(country),
                    hint="check the spelling against the sections' 'country'",
                )
            )
    for country in countries:
        if config.parts and country not in config.parts:
            first = next(s for s in placed if s.country == country)
            found.append(
                error(
                    "E312",
                    f"country {country!r} is not in book.toml's 'parts'",
                    first.path,
                    _line(first, "country"),
                    f"add it: parts = {[*config.parts, country]!r}".replace("'", '"'),
                )
            )
    names = [c for c in (config.parts or countries) if c in countries]
    return tuple(Part(n, title) for n, title in enumerate(names, start=1)), found


def _in_parts(kind: str) -> bool:
    """In a book of parts, the body and each country's profile and introduction."""
    return kind in (BODY_KIND, "profile", "introduction")


def _chapters(
    config: BookConfig, ordered: list[Section], labels: Labels, parts: tuple[Part, ...]
) -> tuple[tuple[Chapter, ...], list[Diagnostic]]:
    """Divisions in reading order: front matter by kind, the body (by part), back matter."""
    part_of = {p.title: p.number for p in parts}
    groups: dict[tuple[int, str, int, str], list[Section]] = defaultdict(list)
    found: list[Diagnostic] = []
    previous: Section | None = None
    previous_part = 0
    for section in ordered:
        part = part_of.get(section.country, 0) if _in_parts(section.kind) else 0
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
                    _line(section, "chapter"),
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
    file of a Quarto book is a chapter of its own heading."""
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
        title = members[0].title if alone else labels[f"kind_{kind}"]
        members = _below(title, members)
        opening = members[0] if alone else _opening(title, members)
        return Chapter(0, title, _first(opening, members), kind, part, opening)
    titles = {s.chapter_title: s for s in members if s.chapter_title}
    if len(titles) > 1:
        (t1, s1), (t2, s2) = list(titles.items())[:2]
        found.append(
            error(
                "E304",
                f"chapter {number} is titled '{t2}' here but '{t1}' in {s1.path}",
                s2.path,
                _line(s2, "chapter_title"),
                "use one title for the chapter",
            )
        )
    country = parts[part - 1].title if part else ""
    title = config.chapter_title(number, country) or next(iter(titles), None) or ""
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
                hint=f'set it in book.toml: {where} {number} = "…"',
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


def _below(title: str, members: list[Section]) -> list[Section]:
    """The sections without a first breadcrumb level that is the division itself: an
    imported 'Economy' page under [Country Profile] is set in the Country Profile division,
    and a heading 'Country Profile' under the title 'Country Profile' would say it twice;
    so is a manifest's 'The Economy > Infrastructure' in chapter 3, The Economy."""
    key = title.casefold()
    return [
        replace(s, parents=s.parents[1:]) if s.parents and s.parents[0].casefold() == key else s
        for s in members
    ]


def _opening(title: str, members: list[Section]) -> Section | None:
    """The chapter-level page: the first top-level section titled as the chapter."""
    return next((s for s in members if s.chapter_page), None) or next(
        (s for s in members if not s.parents and title and s.title.casefold() == title.casefold()),
        None,
    )


def _gaps(sections: tuple[Section, ...]) -> list[Diagnostic]:
    if not sections:
        return []
    total = max(s.total for s in sections)
    present = sorted({s.sequence for s in sections})
    missing = missing_runs(present, total)
    if not missing:
        return []
    shown = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in missing)
    one = len(missing) == 1 and missing[0][0] == missing[0][1]
    return [
        warning(
            "W309",
            f"{'section' if one else 'sections'} {shown} not present "
            f"({len(present)} of {total} in the book)",
            hint="a partial study is fine; import more pages to fill it",
        )
    ]
