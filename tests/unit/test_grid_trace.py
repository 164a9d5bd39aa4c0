"""A grid table's lines read as pandoc 3 reads them (octavo.render.grid_trace): the
MANUAL's own examples ("Grid tables", pandoc 3), and what cannot be read, at its line."""

from __future__ import annotations

import pytest

from octavo.render import grid_trace
from octavo.render.grid_trace import Grid, Unread, read_grid
from tests.support.pandoc_grids import ALIGNED, FOOT, HEAD_ROWS, HEADLESS, SAMPLE, SPANS


def _read(source: str) -> Grid | Unread | None:
    lines = source.rstrip("\n").split("\n")
    return read_grid(lambda n: lines[n].strip(), 0, len(lines))


def _grid(source: str) -> Grid:
    read = _read(source)
    assert isinstance(read, Grid), read
    return read


def _cells(grid: Grid) -> list[tuple[int, int, int, int, str]]:
    """Each cell: its row, column, rows, columns and words (its lines joined)."""
    return [(c.row, c.column, c.rows, c.columns, " ".join(c.lines)) for c in grid.cells]


def test_the_manual_s_sample_a_head_and_lists_in_cells() -> None:
    grid = _grid(SAMPLE)
    assert (grid.columns, len(grid.rows), grid.head, grid.foot) == (3, 3, 1, 0)
    assert _cells(grid)[:3] == [
        (0, 0, 1, 1, "Fruit"),
        (0, 1, 1, 1, "Price"),
        (0, 2, 1, 1, "Advantages"),
    ]
    lists = [c.blocks for c in grid.cells]
    assert lists == [False, False, False, False, False, True, False, False, True]
    assert grid.cells[5].lines == ("- built-in wrapper", "- bright color")
    assert grid.rows == (1, 3, 6) and grid.length == 9  # each row's first line


def test_the_manual_s_spans_across_columns_and_down_rows() -> None:
    grid = _grid(SPANS)
    assert (grid.columns, len(grid.rows), grid.head) == (3, 4, 1)
    assert _cells(grid) == [
        (0, 0, 1, 2, "Property"),  # over two columns, its `+===+` line parting them
        (0, 2, 1, 1, "Earth"),
        (1, 0, 3, 1, "Temperature 1961-1990"),  # down three rows
        (1, 1, 1, 1, "min"),
        (1, 2, 1, 1, "-89.2 °C"),
        (2, 1, 1, 1, "mean"),
        (2, 2, 1, 1, "14 °C"),
        (3, 1, 1, 1, "max"),
        (3, 2, 1, 1, "56.7 °C"),
    ]


def test_the_manual_s_head_of_two_rows() -> None:
    grid = _grid(HEAD_ROWS)
    assert (grid.columns, grid.head, grid.foot) == (4, 2, 0)
    assert _cells(grid)[:5] == [
        (0, 0, 2, 1, "Location"),
        (0, 1, 1, 3, "Temperature 1961-1990 in degree Celsius"),
        (1, 1, 1, 1, "min"),
        (1, 2, 1, 1, "mean"),
        (1, 3, 1, 1, "max"),
    ]
    assert grid.cells[1].line == 1 and grid.cells[2].line == 4


@pytest.mark.parametrize(
    ("source", "aligns"),
    [
        pytest.param(ALIGNED, ("right", "left", "center"), id="on-the-head-s-line"),
        pytest.param(HEADLESS, ("right", "left", "center"), id="on-the-top-line-without-a-head"),
        pytest.param(SPANS, ("", "", ""), id="none"),
    ],
)
def test_the_manual_s_alignments(source: str, aligns: tuple[str, ...]) -> None:
    assert _grid(source).aligns == aligns


def test_the_manual_s_foot() -> None:
    grid = _grid(FOOT)
    assert (len(grid.rows), grid.head, grid.foot) == (4, 1, 1)
    assert _cells(grid)[-2:] == [(3, 0, 1, 1, "Sum"), (3, 1, 1, 1, "$3.44")]


def test_a_line_of_equals_in_the_body_is_a_row_s_border() -> None:
    """Only the last line's `=`, with one above it, closes a foot (pandoc 3); a table
    ending in `+===+` right under its head's `+===+` has a body and no foot."""
    inner = _grid("+---+\n| a |\n+===+\n| b |\n+===+\n| c |\n+---+\n")
    assert (inner.head, inner.foot, len(inner.rows)) == (1, 0, 3)
    closed = _grid("+---+\n| a |\n+===+\n| b |\n+===+\n")
    assert (closed.head, closed.foot, len(closed.rows)) == (1, 0, 2)


def test_a_head_of_empty_cells_is_no_head() -> None:
    """pandoc drops a head of one row whose cells are all empty."""
    grid = _grid("+---+---+\n|   |   |\n+===+===+\n| a | b |\n+---+---+\n")
    assert (grid.head, len(grid.rows), grid.rows) == (0, 1, (3,))
    assert _cells(grid) == [(0, 0, 1, 1, "a"), (0, 1, 1, 1, "b")]


def test_columns_are_counted_as_pandoc_counts_characters() -> None:
    """A wide character takes two columns, a combining mark none."""
    grid = _grid(
        "+-------+---+\n| 中文  | b |\n+-------+---+\n| Bre\u0301st | c |\n+-------+---+\n"
    )
    assert [c.lines for c in grid.cells] == [("中文",), ("b",), ("Bre\u0301st",), ("c",)]


@pytest.mark.parametrize(
    ("source", "length"),
    [
        pytest.param("+---+\n| a |\n+---+\n+1 more\n", 3, id="words-under-it"),
        pytest.param("+---+\n| a |\n+---+\n+-----+\n| b   |\n+-----+\n", 3, id="another-table"),
        pytest.param("+---+\n| a |\n+---+\n\n| b |\n", 3, id="a-blank-line"),
    ],
)
def test_a_table_ends_at_its_last_border(source: str, length: int) -> None:
    assert _grid(source).length == length


@pytest.mark.parametrize(
    ("source", "line", "why"),
    [
        pytest.param(
            "+-----+-----+\n| a   | b   |\n+-----+-----+\n| c   | d  |\n+-----+-----+\n",
            3,
            "12 columns wide, its top border 13",
            id="a-ragged-line",
        ),
        pytest.param(
            "+-----+-----+\n| a   | b   |\n+-----+-----+\n| c   | d   \n+-----+-----+\n",
            3,
            "does not end on '|' or '+'",
            id="a-line-not-closed",
        ),
        pytest.param(
            "+-----+-----+\n| a   | b   |\n+-----+-----+\n| c   | d   |\n",
            3,
            "last line is no border",
            id="no-closing-border",
        ),
        pytest.param(
            "+-----+-----+\n| a   | b   |\n+--   +-----+\n| c   | d   |\n+-----+-----+\n",
            2,
            "stops inside a cell",
            id="a-span-not-closed",
        ),
        pytest.param(
            "+-----+-----+\n| a   | b   |\n+-----+  +--+\n| c   | d   |\n+-----+-----+\n",
            2,
            "stops inside a cell",
            id="a-column-line-begun",
        ),
        pytest.param(
            SPANS.replace(
                "+-------+----------+\n|             | max",
                "+-------+---:------+\n|             | max",
            ),
            6,
            "stops inside a cell",
            id="a-colon-in-an-inner-border",
        ),
        pytest.param(
            SPANS.replace(
                "+-------+----------+\n|             | max",
                "+-------+---:------+\n|             | max",
            ).replace("+-------------+-------+", "+-------------+--------"),
            5,  # "14 °C": its bottom's colon, and the border under "max" not parted
            "does not close",
            id="and-its-cell-s-bottom-not-drawn",
        ),
    ],
)
def test_what_cannot_be_read_is_said_at_its_line(source: str, line: int, why: str) -> None:
    read = _read(source)
    assert isinstance(read, Unread), read
    assert read.line == line and why in read.why, read


def test_a_grid_past_the_limit_is_not_traced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grid_trace, "MAX_GRID_CHARS", 40)
    read = _read(SAMPLE)
    assert isinstance(read, Unread) and "more than 40 characters" in read.why


def test_no_top_border_is_no_table() -> None:
    assert _read("| a |\n+---+\n") is None
    assert _read("+===+\n| a |\n+---+\n") is None
