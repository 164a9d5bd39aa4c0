"""A citation's items ordered, grouped and joined as pandoc's citeproc does it
(octavo.render.citation_groups): the words between them for each of the style's options,
as `pandoc --citeproc` 2.17 prints Cite Them Right's Harvard with `collapse="year"` set,
with `cite-group-delimiter=" | "` instead, and with `after-collapse-delimiter=" || "`."""

from __future__ import annotations

import pytest

from octavo.render.citation_groups import (
    Item,
    Shape,
    collapsed,
    grouped,
    ordered,
    ranged,
    separators,
)

YEAR = Shape.of({"collapse": "year"}, {"prefix": "(", "suffix": ")", "delimiter": "; "})
GROUPS = Shape.of({"cite-group-delimiter": " | "}, {"delimiter": "; "})
AFTER = Shape.of({"collapse": "year", "after-collapse-delimiter": " || "}, {"delimiter": "; "})
NONE = Shape.of({}, {"delimiter": "; "})
YEARS = {"Doe": (1999, 2003), "Smith": (2001,), "Adams": (1990,)}


def _printed(written: list[str], shape: Shape) -> str:
    """`written`: items as `Doe`, `Doe p`, `see Doe`, `Doe+` (a suffix); each author's
    works in year order."""
    items, years = [], {name: list(y) for name, y in YEARS.items()}
    for at, word in enumerate(written):
        name = word.removeprefix("see ").split()[0].rstrip("+")
        items.append(Item(at, name, word.startswith("see"), word.endswith("+"), " p" in word))
    year = {i.at: years[i.names].pop(0) for i in items}

    def by_year(run: list[Item]) -> list[Item]:
        return sorted(run, key=lambda i: year[i.at])

    groups = grouped(ordered(items, by_year), shape)
    bare = collapsed(groups, shape)
    between = iter(separators(groups, shape))
    out = ""
    for item in (i for g in groups for i in g):
        name = "" if item.at in bare else f"{item.names}, "
        out += ("see " if item.prefix else "") + f"{name}{year[item.at]}"
        out += (", p. 4" if item.locator else "") + ("+" if item.suffix else "")
        out += next(between, "")
    return out


@pytest.mark.parametrize(
    ("written", "year", "groups", "after"),
    [
        (
            ["Doe", "Doe"],
            "Doe, 1999, 2003",
            "Doe, 1999 | Doe, 2003",
            "Doe, 1999, 2003",
        ),
        (
            ["Doe", "Smith", "Doe"],
            "Doe, 1999, 2003; Smith, 2001",
            "Doe, 1999 | Doe, 2003; Smith, 2001",
            "Doe, 1999, 2003 || Smith, 2001",
        ),
        (
            ["Doe p", "Doe"],
            "Doe, 1999, p. 4; 2003",
            "Doe, 1999, p. 4 | Doe, 2003",
            "Doe, 1999, p. 4 || 2003",
        ),
        (
            ["Smith", "Adams"],
            "Adams, 1990; Smith, 2001",
            "Adams, 1990; Smith, 2001",
            "Adams, 1990 || Smith, 2001",
        ),
        (
            ["see Doe", "see Doe"],
            "see Doe, 1999; see Doe, 2003",
            "see Doe, 1999; see Doe, 2003",
            "see Doe, 1999 || see Doe, 2003",
        ),
    ],
)
def test_the_words_between_as_pandoc_prints_them(
    written: list[str], year: str, groups: str, after: str
) -> None:
    assert _printed(written, YEAR) == year
    assert _printed(written, GROUPS) == groups
    assert _printed(written, AFTER) == after


def test_a_style_that_groups_nothing_keeps_each_item() -> None:
    assert _printed(["Doe", "Smith", "Doe"], NONE) == "Doe, 1999; Smith, 2001; Doe, 2003"


def test_an_item_with_a_prefix_or_a_suffix_stays_where_written() -> None:
    """citeproc 0.9's rule (pandoc 2.17's sorted across a suffix: "(Adams, 1990; Doe, 1999,
    and more; Smith, 2001)" for `[@smith2001; @doe99, and more; @adams1990]`)."""
    assert _printed(["Smith", "Doe+", "Adams"], YEAR) == "Smith, 2001; Doe, 1999+; Adams, 1990"


def test_citation_number_collapsing_is_no_grouping() -> None:
    shape = Shape.of({"collapse": "citation-number"}, {"delimiter": ","})
    assert (shape.collapse, shape.group_delimiter) == ("", None)


NUMBERS = Shape.of(
    {"collapse": "citation-number"}, {"prefix": "[", "suffix": "]", "delimiter": ", "}
)


@pytest.mark.parametrize(
    ("numbers", "printed"),
    [
        ("1 2 3", "1–3"),
        ("1 2 3 4 5", "1–5"),
        ("1 2", "1, 2"),
        ("1 3 4 5 7", "1, 3–5, 7"),
        ("1 2p 3 4", "1, 2p, 3, 4"),  # a locator holds its item out of a run
        ("see1 2 3", "see1, 2, 3"),  # a prefix too
        ("1 2 3 ? 4 5 6", "1–3, ?, 4–6"),  # a key the bibliography lacks has no number
    ],
)
def test_a_numeric_style_s_ranges(numbers: str, printed: str) -> None:
    """`collapse="citation-number"` as pandoc prints it: "[1–3]" for [1, 2, 3], two numbers
    never a range, an item with a prefix, a suffix or a locator never in one."""
    items = []
    for at, word in enumerate(numbers.split()):
        figures = word.removeprefix("see").removesuffix("p")
        number = int(figures) if figures.isdigit() else 0
        items.append(Item(at, "", word.startswith("see"), False, word.endswith("p"), number))
    runs = ranged(items, NUMBERS)
    after = [*separators([[i] for i in items], NUMBERS), ""]
    words = "".join(
        word + runs.get(item.at, after[item.at])
        for item, word in zip(items, numbers.split(), strict=True)
        if runs.get(item.at) != ""
    )
    assert words.replace("\u2060", "") == printed
    assert ranged(items, NONE) == {}
