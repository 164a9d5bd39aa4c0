"""Sections + BookConfig -> Book: order, chapters, and the checks across files."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from octavo.errors import Diagnostic, error, has_errors, warning
from octavo.model import (
    Book,
    BookConfig,
    Labels,
    Part,
    Section,
)
from octavo.source.chapters import divisions, in_parts
from octavo.source.crosscheck import crosscheck

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
    project: Project,
    sections: tuple[Section, ...],
    labels: Labels,
    reading: tuple[Diagnostic, ...] = (),
) -> tuple[Book | None, tuple[Diagnostic, ...]]:
    """The book of `sections`, or None (and why). `reading`: what reading the section files
    told: no E305 where it told an error ("no sections" says nothing new then; warnings
    alone do not say why no section was read, so E305 still does), no W309 or W311 where a
    file could not be read (a section not read is not missing: its error says why)."""
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
    unread = has_errors(reading)
    if not sections and not unread:
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
    parts, problems = _parts(config, ordered, unread)
    found += problems
    chapters, problems = divisions(config, ordered, labels, parts)
    found += problems
    gaps = [] if unread else _gaps(sections)
    found += gaps
    found += crosscheck(config, ordered, chapters, parts, partial=bool(gaps))
    if not sections or has_errors(found):
        return None, tuple(found)
    return Book(project, chapters, project.build_time(sections), labels, parts), tuple(found)


def _line(section: Section, key: str = "sequence") -> int:
    return section.line_of(key)


def _totals(sections: tuple[Section, ...]) -> list[Diagnostic]:
    """E302 for a section whose "of M" is not the other sections' (those that state one);
    E313 for the example section `new` wrote, in a book of imported sections."""
    stated = [s for s in sections if s.total is not None]
    # a section the import wrote states the study's count, or, where no page stated one,
    # what the import supplied (its number at least: W407)
    imported = [s for s in sections if s.total is not None or s.supplied]
    if not imported:
        return []
    # the example section `new` writes states no count (a book written by hand has none);
    # in a book of imported pages it is `new`'s boilerplate, printed as a section of the book
    left = [
        error(
            "E313",
            "the example section `new` wrote is in a book of imported pages",
            s.path,
            _line(s, "source"),
            "delete it now that the book has sections of its own (kept as a section of "
            "yours, a foreword: write your own `source` for it)",
        )
        for s in sections
        if s.source == EXAMPLE_SOURCE and s.total is None
    ]
    if not stated:
        return left
    # the example section `new` wrote never sets the count: a book of it and one imported
    # page (a tie) takes the page's, so the example is the one named to delete
    counted = [s for s in stated if s.source != EXAMPLE_SOURCE] or stated
    usual, _ = Counter(s.total for s in counted).most_common(1)[0]
    return left + [
        error(
            "E302",
            f"total is {s.total} here but {usual} in the other sections",
            s.path,
            _line(s, "total"),
            "the example section `new` wrote: delete it now that the book has sections of its own"
            if s.source == EXAMPLE_SOURCE
            else "every section must say the same 'of M'",
        )
        for s in stated
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


def _parts(
    config: BookConfig, ordered: list[Section], unread: bool = False
) -> tuple[tuple[Part, ...], list[Diagnostic]]:
    """One part per country when the sections name more than one (or book.toml has parts).
    `unread`: a section file could not be read (its error says why): no W311 then, as the
    country 'parts' names may be that section's (a broken save of a part's only section
    told W311 beside its E206)."""
    placed = [s for s in ordered if in_parts(s.kind)]
    countries = list(dict.fromkeys(s.country for s in placed))
    if len(countries) < 2 and not config.parts:
        return (), []
    found: list[Diagnostic] = []
    for country in config.parts:
        if country not in countries and not unread:
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


def _gaps(sections: tuple[Section, ...]) -> list[Diagnostic]:
    """W309 for the study's sections not in the book: of those that state its "of M" (one
    written for the book, with no `total`, is not one of them, whatever its number), or
    that an import wrote where no page stated the total (`supplied:`: its number, at least),
    which are present all the same (they were named missing beside a later page's total)."""
    stated = [(s.sequence, s.total) for s in sections if s.total is not None]
    if not stated:
        return []
    total = max(count for _, count in stated)
    present = sorted({s.sequence for s in sections if s.total is not None or s.supplied})
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
