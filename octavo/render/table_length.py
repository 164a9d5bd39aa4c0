"""How long a table is, for print's rule that a short table is never broken.

Print keeps a table of fifteen body rows or fewer whole (styles/print/book.css): it goes to
the next page when the rest of this one cannot hold it, its heading with it, as a book sets
a short table. Its stylesheet counts rows, and a row is a line of the table only when its
cells are short: ten rows of five lines each (a gazetteer's descriptions) were kept whole
too, and on an A5 page that taller than a page left its heading alone on one page, its
caption alone on the next. The length counted here is in lines: each row the lines its
fullest cell takes in its column's share of the text block's measure, the measure shared
among the columns as an automatic table layout shares it (by their longest cells). The
first row group of a table longer than LONG_ROWS lines is classed `long` (print then
breaks it, two rows at least on each side); a table of more rows, in one group, print's
stylesheet counts itself (no class: its pages, EPUB and print, are as before).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["LONG_ROWS", "MEASURE", "Cell", "long_table", "table_lines"]

LONG_ROWS = 15  # a table of more body rows, or of more lines, may be broken across pages
# The characters a line of 8.5pt table type holds across the text block: about 130 on a
# letter page, 90 on an A5 one. The manuscript is the same for every trim: a count between,
# a sixth off either way (a short table is a third of a page, give or take a few lines)
MEASURE = 110
PADDING = 2  # a cell's padding (4pt each side) in characters

Cell = tuple[int, int]  # a body cell's characters and the columns it spans


def long_table(groups: int, rows: Sequence[Sequence[Cell]]) -> bool:
    """Is a table with `rows` (its body's rows) in `groups` row groups to be classed `long`:
    more rows than LONG_ROWS in more than one group (print's stylesheet counts a lone
    group's rows), or, with fewer rows, more lines than LONG_ROWS?"""
    if len(rows) > LONG_ROWS:
        return groups > 1
    return table_lines(rows) > LONG_ROWS


def table_lines(rows: Sequence[Sequence[Cell]]) -> int:
    """The lines of type `rows` take: a row as many lines as its fullest cell takes in its
    columns' share of the measure, each column's share as its longest cell's (one line a
    row when the longest cells fit the measure side by side)."""
    longest: list[int] = []
    for row in rows:
        for column, (size, span) in _placed(row):
            if span == 1:
                longest.extend([0] * (column + 1 - len(longest)))
                longest[column] = max(longest[column], size + PADDING)
    whole = sum(longest)
    shares = [MEASURE * size / whole for size in longest]
    total = 0
    for row in rows:
        lines = 1
        for column, (size, span) in _placed(row):
            share = sum(shares[column : column + span]) or MEASURE
            lines = max(lines, math.ceil(size / share))
        total += lines
    return total


def _placed(row: Sequence[Cell]) -> list[tuple[int, Cell]]:
    """A row's cells with the column each starts in."""
    placed, column = [], 0
    for cell in row:
        placed.append((column, cell))
        column += cell[1]
    return placed
