"""Sections + BookConfig -> Book: order, chapters, and the checks across files."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from octavo.errors import Diagnostic, error, warning
from octavo.model import Book, BookConfig, Chapter, Section

if TYPE_CHECKING:
    from octavo.project import Project

__all__ = ["assemble", "missing_runs", "ranges"]


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
    project: Project, sections: tuple[Section, ...]
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
    chapters, problems = _chapters(config, ordered)
    found += problems
    found += _gaps(sections)
    if any(d.severity.value == "error" for d in found):
        return None, tuple(found)
    return Book(project, chapters, project.build_time(sections)), tuple(found)


def _line(section: Section, key: str = "sequence") -> int:
    return section.line_of(key)


def _totals(sections: tuple[Section, ...]) -> list[Diagnostic]:
    if not sections:
        return []
    usual, _ = Counter(s.total for s in sections).most_common(1)[0]
    return [
        error(
            "E302",
            f"total is {s.total} here but {usual} in the other sections",
            s.path,
            _line(s, "total"),
            "every section must say the same 'of M'",
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
            found.append(error("E306", f"'order' lists section {number} twice", config.path))
        elif number not in index:
            found.append(
                error("E306", f"'order' lists section {number}, which the book lacks", config.path)
            )
        seen.add(number)
    missing = [s.sequence for s in by_sequence if s.sequence not in seen]
    if missing:
        found.append(
            error(
                "E307",
                f"'order' leaves out sections {ranges(missing)}",
                config.path,
                hint="list every section, or remove 'order' to sort by number",
            )
        )
    return [index[n] for n in dict.fromkeys(config.order) if n in index], found


def _chapters(
    config: BookConfig, ordered: list[Section]
) -> tuple[tuple[Chapter, ...], list[Diagnostic]]:
    groups: dict[int, list[Section]] = defaultdict(list)
    found: list[Diagnostic] = []
    for previous, section in zip([None, *ordered], ordered, strict=False):
        group = groups[section.chapter]
        if group and group[-1] is not previous:
            found.append(
                warning(
                    "W308",
                    f"chapter {section.chapter} is interrupted by another "
                    "chapter; its sections are kept together",
                    section.path,
                    _line(section, "chapter"),
                )
            )
        group.append(section)
    chapters = []
    for number, members in groups.items():
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
        configured = config.chapter_title(number)
        title = (
            configured
            or next(iter(titles), None)
            or (f"Chapter {number}" if number else "Introduction")
        )
        chapters.append(Chapter(number, title, tuple(members)))
    return tuple(chapters), found


def _gaps(sections: tuple[Section, ...]) -> list[Diagnostic]:
    if not sections:
        return []
    total = max(s.total for s in sections)
    present = sorted({s.sequence for s in sections})
    missing = missing_runs(present, total)
    if not missing:
        return []
    shown = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in missing)
    return [
        warning(
            "W309",
            f"sections {shown} not present ({len(present)} of {total} in the book)",
            hint="a partial study is fine; import more pages to fill it",
        )
    ]
