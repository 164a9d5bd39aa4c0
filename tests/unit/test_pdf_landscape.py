"""The least width of a table's columns (octavo.render.pdf.landscape.narrowest), a grid
table's spans read as the table model places its cells."""

from __future__ import annotations

from octavo.render.pdf.landscape import CHAR_EM, PADDING_PT, WIDE_PT, narrowest


def _points(*longest: int) -> float:
    return sum(n * CHAR_EM * WIDE_PT + 2 * PADDING_PT for n in longest)


def test_each_column_is_its_longest_word() -> None:
    table = "<table><tr><th>Region</th><th>Output</th></tr><tr><td>Minsk</td><td>1,600</td></tr>"
    assert narrowest(table + "</table>") == _points(6, 6)


def test_a_cell_spanning_rows_keeps_the_cells_under_it_in_their_columns() -> None:
    """ "Minsk" down two rows: the second row's "1994" is in the second column, not the
    first (where, read row by row, it made the table a column too narrow)."""
    table = (
        '<table><tr><th rowspan="2">Minsk</th><td>1989</td><td>1,600</td></tr>'
        "<tr><td>1994</td><td>1,700,000</td></tr></table>"
    )
    assert narrowest(table) == _points(5, 4, 9)


def test_a_cell_spanning_columns_widens_them_only_past_their_own_width() -> None:
    narrow = (
        '<table><tr><th colspan="2">Output</th></tr>'
        "<tr><td>1,600,000</td><td>1,700,000</td></tr></table>"
    )
    assert narrowest(narrow) == _points(9, 9)  # "Output" fits over the two
    wide = '<table><tr><th colspan="2">Employment-by-sector</th></tr><tr><td>1</td><td>2</td></tr>'
    least = narrowest(wide + "</table>")  # the cell's own padding once, not its columns'
    assert _points(20) <= least < _points(20) + 2 * CHAR_EM * WIDE_PT
