"""A table's length in lines (octavo.render.table_length): print keeps a table of fifteen
lines of rows or fewer whole, so a short table of tall rows is long."""

from __future__ import annotations

import pytest

from octavo.render.markdown import render_block
from octavo.render.table_length import LONG_ROWS, MEASURE, Cell, long_table, table_lines

DESCRIPTION = (
    "A long description of the district's roads and bridges that runs on for several lines "
    "of the narrow column, as a gazetteer's cell does."
)


def _rows(count: int, *cells: int) -> list[list[Cell]]:
    return [[(size, 1) for size in cells] for _ in range(count)]


@pytest.mark.parametrize(
    ("rows", "lines"),
    [
        (_rows(12, 10, 4), 12),  # short cells: a line a row
        (_rows(3, 10, MEASURE), 6),  # one long column: its share of the measure, twice
        (_rows(2, 200, 200), 8),  # two halves of the measure (55), 200 characters each
        ([[(10, 1), (2, 1)], [(300, 2)]], 4),  # a cell across both columns: the measure
        ([], 0),
    ],
    ids=["one-line-rows", "long-column", "two-long-columns", "spanning-cell", "no-rows"],
)
def test_table_lines(rows: list[list[Cell]], lines: int) -> None:
    assert table_lines(rows) == lines


@pytest.mark.parametrize(
    ("groups", "rows", "long"),
    [
        (1, _rows(15, 10, 4), False),  # fifteen one-line rows: kept whole
        (1, _rows(8, 10, 3 * len(DESCRIPTION)), True),  # eight rows of 3+ lines
        (1, _rows(20, 10, 4), False),  # print's stylesheet counts a lone group's rows
        (2, _rows(20, 10, 4), True),  # ... not those of several groups
    ],
    ids=["short", "tall-rows", "many-rows-one-group", "many-rows-two-groups"],
)
def test_long_table(groups: int, rows: list[list[Cell]], long: bool) -> None:
    assert long_table(groups, rows) is long


def test_a_pipe_table_of_tall_rows_is_long() -> None:
    """Ten rows of a three-line cell: more than fifteen lines, the body classed `long`."""
    rows = "".join(f"| District {r} | {DESCRIPTION * 3} | {r} |\n" for r in range(10))
    html = render_block(f"| District | Roads | Km |\n|---|---|--:|\n{rows}").html
    assert html.count('<tbody class="long">') == 1


def test_a_pipe_table_of_short_rows_is_not() -> None:
    rows = "".join(f"| District {r} | {r} |\n" for r in range(LONG_ROWS))
    assert "<tbody>" in render_block(f"| District | Km |\n|---|--:|\n{rows}").html


def test_a_cells_markup_is_not_counted() -> None:
    """A cell counts the words it prints: a link's address, an index mark's attributes and
    a note's label are source, not type (a reviewer's find: eight rows of a year and a
    link to a report were classed long, and print broke a short table)."""
    address = "https://www.worldbank.org/en/country/testland/publication/annual-report-1991"
    rows = "".join(
        f'| 199{i} | [World Bank]({address}) [Bank]{{index="World Bank"}}[^n] |\n' for i in range(8)
    )
    html = render_block(f"| Year | Source |\n|---|---|\n{rows}\n[^n]: A note.\n").html
    assert "<tbody>" in html and "long" not in html


def test_a_raw_table_of_tall_rows_is_long() -> None:
    """A raw HTML table's cells are counted by their text, the same way."""
    rows = f"<tr><td>a</td><td>{DESCRIPTION * 3}</td></tr>" * 10
    fragment = render_block(f"<table><tbody>{rows}</tbody></table>\n")
    assert fragment.html.count('<tbody class="long">') == 1 and not fragment.removed
