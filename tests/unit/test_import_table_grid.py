"""octavo.importers.table_grid: a page's table laid out on the HTML table model's grid,
its spans read as browsers read them, and bounded. Each grid is shown as its rows of
slots, each slot the words of the cell covering it ("." where none does)."""

from __future__ import annotations

import pytest

from octavo.importers.flatten import document
from octavo.importers.table_grid import MOST_COLUMNS, Grid, lay_out, span
from octavo.limits import MAX_TABLE_SLOTS


def _grid(table: str, doctype: str = "") -> Grid | None:
    root = document(f"{doctype}<html><body>{table}</body></html>".encode())
    return lay_out(root.find(".//table"))


def _picture(table: str, doctype: str = "") -> list[str]:
    grid = _grid(table, doctype)
    assert grid is not None
    return [
        " ".join("." if i < 0 else (grid.cells[i].element.text or "") for i in row)
        for row in grid.slots
    ]


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("2", 2),
        (" 2", 2),  # leading spaces
        ("\t\n2", 2),
        ("+2", 2),
        ("2px", 2),  # the leading figures
        ("2.9", 2),
        ("007", 7),
        ("0", 0),
        ("-0", 0),
        ("two", None),  # no number: the attribute's default
        ("-1", None),
        ("", None),
        (None, None),
        ("\u0663", None),  # ٣: figures 0-9 only, as HTML reads them
        ("1001", MOST_COLUMNS),
        ("9" * 5000, MOST_COLUMNS),  # never converted: past Python's int digits limit
    ],
    ids=lambda v: repr(v)[:12],
)
def test_a_span_is_read_as_html_reads_it(value: str | None, read: int | None) -> None:
    assert span(value, MOST_COLUMNS) == read


BELARUS = (
    "<table><tr><th>Region</th><th>Year</th><th>Urban</th><th>Rural</th></tr>"
    "<tr><td rowspan=2>Minsk</td><td>1989</td><td>1,600</td><td>400</td></tr>"
    "<tr><td>1994</td><td>1,700</td><td>350</td></tr></table>"
)


def test_a_cell_spanning_rows_keeps_the_cells_under_it_in_their_columns() -> None:
    """The user's page: '1994' had landed under 'Region'."""
    assert _picture(BELARUS) == [
        "Region Year Urban Rural",
        "Minsk 1989 1,600 400",
        "Minsk 1994 1,700 350",
    ]
    grid = _grid(BELARUS)
    assert grid is not None
    minsk = grid.cells[grid.slots[1][0]]
    assert (minsk.row, minsk.column, minsk.rows, minsk.columns) == (1, 0, 2, 1)
    assert grid.starts(2) == (grid.slots[2][1], grid.slots[2][2], grid.slots[2][3])


def test_a_two_row_head() -> None:
    table = (
        "<table><tr><th rowspan=2>Crop</th><th colspan=2>Output</th></tr>"
        "<tr><th>1990</th><th>1994</th></tr><tr><td>Grain</td><td>7</td><td>6</td></tr></table>"
    )
    assert _picture(table) == ["Crop Output Output", "Crop 1990 1994", "Grain 7 6"]


def test_bad_spans_are_one_and_a_huge_colspan_takes_no_room() -> None:
    """colspan 0, negative or no number is 1; a column that only a span makes (no cell
    begins in it) takes no room on screen, and none here."""
    table = (
        "<table><tr><td colspan=0>a</td><td colspan=-2>b</td><td colspan=two>c</td></tr>"
        "<tr><td colspan=99999999999999999999>note</td></tr>"
        "<tr><td>d</td><td colspan='2px'>e</td></tr></table>"
    )
    assert _picture(table) == ["a b c", "note note note", "d e e"]


@pytest.mark.parametrize(
    ("doctype", "grows"),
    [
        ("", False),  # no doctype: quirks mode
        ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">', False),
        ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">', False),
        ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">', False),
        (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
            '"http://www.w3.org/TR/html4/loose.dtd">',
            True,  # limited quirks
        ),
        ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">', True),
        (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
            True,
        ),
        ("<!DOCTYPE html>", True),
    ],
    ids=["none", "html-3.2", "ietf-2.0", "4.01-transitional-bare", "4.01-transitional",
         "4.01-strict", "xhtml-strict", "html5"],
)  # fmt: skip
def test_rowspan_0_reaches_the_group_s_end_in_standards_mode_only(
    doctype: str, grows: bool
) -> None:
    """As Firefox and Chrome read it: in quirks mode (a 1990s page without a doctype)
    rowspan="0" is 1, as Netscape had it."""
    table = (
        "<table><tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td></tr>"
        "<tr><td>d</td></tr></table>"
    )
    shown = ["a b", "a c", "a d"] if grows else ["a b", "c .", "d ."]
    assert _picture(table, doctype) == shown


def test_a_rowspan_stops_at_its_row_group_s_end() -> None:
    table = (
        "<table><thead><tr><th rowspan=5>h</th><th>i</th></tr></thead>"
        "<tbody><tr><td rowspan=9>a</td><td>b</td></tr><tr><td>c</td></tr></tbody>"
        "<tbody><tr><td>d</td><td>e</td></tr></tbody></table>"
    )
    assert _picture(table) == ["h i", "a b", "a c", "d e"]
    grid = _grid(table)
    assert grid is not None and grid.head == 1


def test_the_head_is_laid_out_first_and_the_feet_last() -> None:
    """As CSS shows them, wherever the page writes them (HTML 4 put <tfoot> before
    <tbody>)."""
    table = (
        "<table><tfoot><tr><td>Total</td><td>3</td></tr></tfoot>"
        "<tbody><tr><td>Minsk</td><td>2</td></tr></tbody>"
        "<thead><tr><th>Region</th><th>Pop</th></tr></thead>"
        "<tbody><tr><td>Brest</td><td>1</td></tr></tbody></table>"
    )
    assert _picture(table) == ["Region Pop", "Minsk 2", "Brest 1", "Total 3"]


def test_a_row_no_cell_begins_in_takes_no_room() -> None:
    table = (
        "<table><tr><td rowspan=2>a</td><td rowspan=2>b</td></tr><tr></tr>"
        "<tr><td>c</td><td>d</td></tr></table>"
    )
    assert _picture(table) == ["a b", "c d"]


def test_overlapping_cells_leave_a_slot_to_the_first() -> None:
    """The table model's error case: a colspan running into a cell spanning rows from
    above; each cell still begins where the model puts it."""
    table = (
        "<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr>"
        "<tr><td colspan=3>d</td></tr></table>"
    )
    assert _picture(table) == ["a b c", "d b d"]


def test_a_short_row_has_no_cell_in_its_last_slots() -> None:
    assert _picture("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == [
        "a b",
        "c .",
    ]


def test_the_rows_of_a_table_inside_a_cell_are_not_the_table_s() -> None:
    table = (
        "<table><tr><td>a<table><tr><td>x</td><td>y</td></tr></table></td><td>b</td></tr></table>"
    )
    assert _picture(table) == ["a b"]


def test_spans_past_the_limit_are_not_read() -> None:
    """A hostile page's spans (1000 columns by every row of the table, in each row) would
    make a grid of millions of slots: the table is laid out one cell a slot instead."""
    rows = "<tr><td colspan=1000 rowspan=0>x</td><td>1</td></tr>" * 3000
    grid = _grid(f"<table><tr><th>A</th><th>B</th></tr>{rows}</table>", "<!DOCTYPE html>")
    assert grid is not None and grid.flat
    assert len(grid.slots) == 3001 and {len(r) for r in grid.slots} == {2}
    assert all(c.rows == c.columns == 1 for c in grid.cells)


def test_spans_that_overlap_are_counted_each_time() -> None:
    """Cells whose spans cover slots already covered (each row's colspan over 99 cells
    spanning every row) still cost their slots: a page of them cannot make the layout's
    work unbounded. Here the grid itself would hold 90,100 slots, under the limit; the
    slots visited, 179,399, are not."""
    table = (
        "<table><tr><td>a</td>" + "<td rowspan=0>r</td>" * 99 + "</tr>"
        + "<tr><td colspan=100>x</td></tr>" * 900 + "</table>"
    )  # fmt: skip
    grid = _grid(table, "<!DOCTYPE html>")
    assert grid is not None and grid.flat
    shorter = table.replace("<tr><td colspan=100>x</td></tr>" * 900, "<tr><td>x</td></tr>")
    grid = _grid(shorter, "<!DOCTYPE html>")
    assert grid is not None and not grid.flat


def test_a_table_too_large_for_a_grid_is_none() -> None:
    """One row of many cells over many rows of one: a grid of rows by columns past the
    limit even one cell a slot (the importer then reads its cells as paragraphs)."""
    side = int(MAX_TABLE_SLOTS**0.5) + 1
    table = "<table><tr>" + "<td>a</td>" * side + "</tr>" + "<tr><td>b</td></tr>" * side
    assert _grid(table + "</table>") is None
