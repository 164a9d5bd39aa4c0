"""The order of a citation's items and the words between them, as pandoc's citeproc sets
them (its Citeproc.Eval, CSL 1.0.2's cite grouping and collapsing): citeproc-py formats
each item alone (so that each links to its own entry), and neither sorts nor groups the
items of a citation it did not format whole.

- **Order**: an item with a prefix or a suffix stays where it was written; the runs of
  items between them are each sorted by the style's `<citation><sort>` (pandoc's citeproc
  since 0.9, June 2025: `[e.g., @zeta2021; @alpha2020]` keeps its order).
- **Grouping**, where the style sets `cite-group-delimiter` or `collapse`: the items that
  name the same authors join the first of them, "(Doe, 1999, 2003; Smith, 2001)"; an item
  with a suffix ends a group, one with a prefix starts one.
- **Collapsing** (`collapse="year"`, "year-suffix", "year-suffix-ranged"): a group's later
  items lose their names, and the words between them are the `cite-group-delimiter` (",
  "), the style's delimiter where `collapse="year"` and an item of the group has a
  locator ("(Doe, 1999, p. 4; 2003)"); after a group, the `after-collapse-delimiter`, else
  the style's delimiter.
- **Year suffixes** (`collapse="year-suffix"`): in a group, an item of the year of the
  one before it prints its suffix alone, "(Doe, 2001a; b; 2003)": the words between such
  items the `year-suffix-delimiter`, else the style's delimiter, and in a group where any
  is so, the words between its years the `after-collapse-delimiter`, else the style's
  delimiter, as pandoc prints them (its locator stays: "2001a; b, p. 4", as pandoc 3
  prints it). `year-suffix-ranged`: three or more letters one after another, none with a
  locator, print as a range, "(Doe, 2001a–c)" (pandoc 3.9 ranges over a locator too,
  leaving it out; octavo keeps it).
- **Ranges** (`collapse="citation-number"`, a numeric style's): three or more items
  numbered one after another, none with a prefix, a suffix or a locator, print as a range,
  "[1–3]", its first and last linked, as pandoc prints them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from octavo.text import JOINED_DASH  # a range kept on one line with its numbers, as the text's

__all__ = [
    "Item",
    "Shape",
    "collapsed",
    "grouped",
    "letter_ranges",
    "lettered",
    "ordered",
    "ranged",
    "separators",
]

_COLLAPSING = ("year", "year-suffix", "year-suffix-ranged")
_LETTERED = ("year-suffix", "year-suffix-ranged")


@dataclass(frozen=True, slots=True)
class Shape:
    """The style's `<citation>` and its `<layout>`, as grouping reads them."""

    prefix: str
    suffix: str
    delimiter: str  # the layout's, between items
    group_delimiter: str | None = None  # `cite-group-delimiter`; None: no grouping
    collapse: str = ""  # "year", "year-suffix", "year-suffix-ranged"; "": none read
    after_collapse: str | None = None  # `after-collapse-delimiter`
    ranges: bool = False  # `collapse="citation-number"`: numbers in a row as a range
    suffix_delimiter: str | None = None  # `year-suffix-delimiter`

    @classmethod
    def of(cls, citation: dict[str, str], layout: dict[str, str]) -> Shape:
        """The shape `citation`'s and `layout`'s attributes give."""
        collapse = citation.get("collapse", "")
        collapse = collapse if collapse in _COLLAPSING else ""
        grouping = citation.get("cite-group-delimiter", ", " if collapse else None)
        return cls(
            layout.get("prefix", ""),
            layout.get("suffix", ""),
            layout.get("delimiter", "; "),
            grouping,
            collapse,
            citation.get("after-collapse-delimiter"),
            citation.get("collapse") == "citation-number",
            citation.get("year-suffix-delimiter"),
        )


@dataclass(frozen=True, slots=True)
class Item:
    """An item of a citation, as ordering and grouping see it."""

    at: int  # its place as written
    # its variable and its names as they print ("author Smith et al. "); "" for none
    names: str
    prefix: bool = False
    suffix: bool = False
    locator: bool = False
    number: int = 0  # its citation number; 0 where it has none (a key the file lacks)
    year: int = 0  # the year its year suffix follows ("2001b": 2001); 0 where it has none
    letter: int = 0  # its year suffix's number, a = 1 ("2001b": 2); 0 for none
    people: str = ""  # its variable and every part of each of its names; "" for none

    def alike(self, other: Item) -> bool:
        """Whether the other is the same author's, as pandoc's citeproc reads it (its
        sameNames): the same people ("John Smith et al." and "Smith et al." of two works
        of the same four), or the same names printed."""
        same_people = bool(self.people) and other.people == self.people
        return bool(self.names) and (other.names == self.names or same_people)

    @property
    def held(self) -> bool:
        """Whether it stays where written (a prefix or a suffix)."""
        return self.prefix or self.suffix


def ordered(
    items: Sequence[Item], sort: Callable[[list[Item]], list[Item]], pinned: int = 0
) -> list[Item]:
    """`items` in the style's order: each run between held items sorted by `sort`; the
    first `pinned` (an in-text citation's author) left first."""
    out = list(items[:pinned])
    run: list[Item] = []
    for item in items[pinned:]:
        if item.held:
            out += (sort(run) if len(run) > 1 else run) + [item]
            run = []
        else:
            run.append(item)
    return out + (sort(run) if len(run) > 1 else run)


def grouped(items: Sequence[Item], shape: Shape) -> list[list[Item]]:
    """`items` in groups, each of one author's items (one each where the style groups
    none), as pandoc's citeproc groups them: a group's later items move up to its first."""
    if shape.group_delimiter is None:
        return [[item] for item in items]
    groups: list[list[Item]] = []
    rest = list(items)
    while rest:
        first, rest = rest[0], rest[1:]
        if first.suffix:
            groups.append([first])
            continue
        free = next((i for i, item in enumerate(rest) if item.held), len(rest))
        same = [i for i in rest[:free] if first.alike(i)]
        groups.append([first, *same])
        rest = [i for i in rest[:free] if i not in same] + rest[free:]
    return groups


def separators(groups: Sequence[Sequence[Item]], shape: Shape) -> list[str]:
    """The words after each item but the last."""
    out: list[str] = []
    for at, group in enumerate(groups):
        runs = _year_runs(group, shape)
        within = shape.group_delimiter or shape.delimiter
        merged = len(runs) < len(group)
        if merged or (shape.collapse == "year" and any(i.locator for i in group)):
            within = shape.after_collapse or shape.delimiter
        for place, run in enumerate(runs):
            out += [shape.suffix_delimiter or shape.delimiter] * (len(run) - 1)
            out += [within] if place < len(runs) - 1 else []
        if at < len(groups) - 1:
            kept = not shape.collapse or (len(group) == 1 and shape.collapse != "year")
            out.append(shape.delimiter if kept else shape.after_collapse or shape.delimiter)
    return out


def collapsed(groups: Sequence[Sequence[Item]], shape: Shape) -> set[int]:
    """The items (by `at`) that lose their names: a collapsed group's later ones."""
    if not shape.collapse:
        return set()
    return {item.at for group in groups for item in group[1:]}


def lettered(groups: Sequence[Sequence[Item]], shape: Shape) -> set[int]:
    """The items (by `at`) that print their year suffix alone ("b" of "2001a; b"): in a
    group, those of the year of the one before them, where the style collapses suffixes."""
    return {i.at for group in groups for run in _year_runs(group, shape) for i in run[1:]}


def letter_ranges(groups: Sequence[Sequence[Item]], shape: Shape) -> dict[int, str]:
    """Where the style makes ranges of year suffixes (`year-suffix-ranged`), as `ranged`
    gives them: the en dash after each range's first (by `at`), "" for those inside it.
    A range: three or more letters of one year one after another, none with a locator."""
    out: dict[int, str] = {}
    for group in groups if shape.collapse == "year-suffix-ranged" else ():
        for run in _year_runs(group, shape):
            out |= _letter_ranges(run)
    return out


def _year_runs(group: Sequence[Item], shape: Shape) -> list[list[Item]]:
    """The group's items in runs of one year, where the style collapses year suffixes
    (each alone where it does not): an item joins the run before it where it has a year
    suffix and the run's first's year."""
    runs: list[list[Item]] = []
    for item in group:
        joins = shape.collapse in _LETTERED and runs and item.letter
        if joins and item.year and item.year == runs[-1][0].year:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _letter_ranges(run: Sequence[Item]) -> dict[int, str]:
    """A run's letters in ranges: three or more one after another, none with a locator;
    the en dash after each range's first, "" for those inside it."""
    return _collapsed(
        run, lambda item: item.letter, lambda item: item.letter > 0 and not item.locator
    )


def ranged(items: Sequence[Item], shape: Shape) -> dict[int, str]:
    """Where the style makes ranges of citation numbers: the words after each run's first
    item (by `at`), its en dash, and "" for the items inside it (left out of the citation,
    their entries still listed). A run: three or more items in a row numbered one after
    another, none with a prefix, a suffix or a locator."""
    if not shape.ranges:
        return {}
    return _collapsed(
        items,
        lambda item: item.number,
        lambda item: item.number > 0 and not (item.held or item.locator),
    )


def _collapsed(
    items: Sequence[Item], key: Callable[[Item], int], free: Callable[[Item], bool]
) -> dict[int, str]:
    """Each run of three or more `free` items in a row whose `key`s follow one another:
    the en dash after its first (by `at`), "" for those inside it."""
    out: dict[int, str] = {}
    run: list[Item] = []
    for item in [*items, None]:
        taken = item is not None and free(item)
        if taken and run and item is not None and key(item) == key(run[-1]) + 1:
            run.append(item)
            continue
        if len(run) > 2:
            out |= {run[0].at: JOINED_DASH} | {inside.at: "" for inside in run[1:-1]}
        run = [item] if taken and item is not None else []
    return out
