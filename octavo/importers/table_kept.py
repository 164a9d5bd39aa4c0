"""A page's table kept with its spans, as pandoc 3.7 keeps them: its cells on the rows and
columns the book's table shows (octavo.importers.table_grid laid them out), each spanning
what it spans there, to be written as pandoc's grid table (octavo.importers.grid_lines
draws it).

A table keeps its spans when it has one a pipe table cannot hold: a cell spanning rows or
columns, a head of two rows or more ("Output" over "1990"), or a foot (a `<tfoot>`, its
totals). Of the flattening's care (octavo.importers.table_spans) what still matters is
kept: the head is the rows that name the columns, a head row of one cell across the table
above them goes to the caption (the table's title and unit, "Table 5. Trade (millions of
US$)"), rows and columns in which no cell with words begins are left out (a cell spanning
into them spans the fewer), a column of figures is aligned right. What a pipe table had
to repeat or leave blank is not: "Minsk" is once, over its two rows; a figure spanning two
rows or columns is once, across them, as the page sets it, and no reader adds it twice
(W423 said so of the pipe table).

Not kept, so flattened as before: a table whose cells overlap (a page's rowspan running
into a colspan: browsers draw one over the other; a grid cannot), one whose head's cells
reach down into its body (a grid's head ends at a line across the table), and one whose
spans were not read (past MAX_TABLE_SLOTS). A place no cell covers on the rows and columns
shown (a row shorter than the others) is an empty cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from octavo.importers.table_grid import Grid

__all__ = ["Kept", "kept_spans"]


@dataclass(frozen=True, slots=True)
class Kept:
    """Each kept row's cells that begin in it, left to right: the index of the page's cell
    in the grid (-1: an empty cell where none is), its column, rows and columns; how many
    of the rows are the head's and the foot's."""

    rows: tuple[tuple[tuple[int, int, int, int], ...], ...]
    head: int
    foot: int


def kept_spans(grid: Grid, head: list[int], body: list[int], columns: list[int]) -> Kept | None:
    """The table kept with its spans on the `head` and `body` rows and the `columns` shown,
    when it has one a pipe table cannot hold and a grid can (see above); else None."""
    if grid.flat:
        return None
    shown = [*head, *body]
    row_at = {r: i for i, r in enumerate(shown)}
    column_at = {c: i for i, c in enumerate(columns)}
    owner: dict[tuple[int, int], int] = {}
    anchors: list[list[tuple[int, int, int, int]]] = [[] for _ in shown]
    for r in shown:
        for index in grid.starts(r):
            cell = grid.cells[index]
            down = [row_at[y] for y in range(cell.row, cell.row + cell.rows) if y in row_at]
            across = [
                column_at[x]
                for x in range(cell.column, cell.column + cell.columns)
                if x in column_at
            ]
            if not across:
                continue
            for y in range(cell.row, cell.row + cell.rows):
                for x in range(cell.column, cell.column + cell.columns):
                    if grid.slots[y][x] != index:
                        return None  # it overlaps another cell
            if row_at[r] < len(head) <= down[-1]:
                return None  # a head cell reaching into the body
            for y in down:
                for x in across:
                    owner[(y, x)] = index
            anchors[row_at[r]].append((index, across[0], len(down), len(across)))
    for y in range(len(shown)):
        for x in range(len(columns)):
            if (y, x) not in owner:
                anchors[y].append((-1, x, 1, 1))
    foot = sum(1 for r in body if r >= len(grid.slots) - grid.foot)
    foot = 0 if foot == len(body) else foot
    rows = tuple(tuple(sorted(a, key=lambda cell: cell[1])) for a in anchors)
    spanning = any(rs > 1 or cs > 1 for row in rows for _, _, rs, cs in row)
    if not (spanning or len(head) > 1 or foot):
        return None
    return Kept(rows, len(head), foot)
