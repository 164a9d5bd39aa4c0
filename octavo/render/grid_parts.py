"""A grid table's traced boxes set on its rows and columns (octavo.render.grid_trace traces
them): its cells, each with its spans and words, its head and foot, its columns'
alignments; and the columns a line's characters take.

A line of `=` (`+===+`, its colons kept) parts the head from the body; when the table also
ends with one and has another above it, the rows between the two are its foot (pandoc
3's; a table's foot is always its last rows). A column's alignment is read from the colons
of the first `=` line (the top border's without one) over that column: `:==` left, `==:`
right, `:=:` centre. A head of one row of empty cells is no head, as pandoc reads it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

__all__ = ["Box", "Cell", "Grid", "Unread", "parts", "placed", "width"]

_BLOCK_LINE = re.compile(r"(?:[-*+]|\d+[.)])\s")  # a list item's start in a cell

Box = tuple[int, int, int, int]  # a cell's top line, left column, bottom line, right column


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell on the table's grid: its first row and column, the rows and columns it spans,
    its lines of words (blank ones at its top and bottom dropped), whether those were
    blocks (a list, or paragraphs: a blank line between), and its first line (counted from
    the top border)."""

    row: int
    column: int
    rows: int
    columns: int
    lines: tuple[str, ...]
    blocks: bool
    line: int


@dataclass(frozen=True, slots=True)
class Grid:
    """A grid table read: its cells in reading order (row by row, left to right), how many
    columns and rows it has, how many of its first rows are its head and of its last its
    foot, each column's alignment ("", "left", "right", "center"), each row's first line and
    the lines it takes (both counted from the top border)."""

    cells: tuple[Cell, ...]
    columns: int
    rows: tuple[int, ...]
    head: int
    foot: int
    aligns: tuple[str, ...]
    length: int


@dataclass(frozen=True, slots=True)
class Unread:
    """A grid table that cannot be read: the line at fault (counted from the top border)
    and why."""

    line: int
    why: str


def width(char: str) -> int:
    """Columns a character takes, as pandoc counts them: none for a combining mark, two
    for a wide (East Asian) one."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def placed(text: str) -> list[str]:
    """A line as the columns it takes: each its character (a combining mark with the one
    before it), a wide character's second column ""."""
    if text.isascii():  # each character one column (most lines: no character asked)
        return list(text)
    placed: list[str] = []
    for char in text:
        size = width(char)
        if size == 0 and placed:
            placed[-1] += char
            continue
        placed.append(char)
        if size == 2:
            placed.append("")
    return placed


def parts(
    grid: list[list[str]], boxes: list[Box], lines: list[str], parts: list[int]
) -> Grid | Unread:
    """The traced boxes set on the table's rows and columns, its head and foot, its
    alignments (see above)."""
    tops = sorted({b[0] for b in boxes} | {b[2] for b in boxes})
    lefts = sorted({b[1] for b in boxes} | {b[3] for b in boxes})
    row_at = {y: i for i, y in enumerate(tops)}
    column_at = {x: i for i, x in enumerate(lefts)}
    rows, columns = len(tops) - 1, len(lefts) - 1
    slots = [[-1] * columns for _ in range(rows)]
    cells: list[Cell] = []
    for top, left, bottom, right in sorted(boxes):
        loose = _loose(grid, (top, left, bottom, right))
        if loose is not None:
            return Unread(loose, "a grid table's line stops inside a cell (a span not closed)")
        row, column = row_at[top], column_at[left]
        words = _words(grid, (top, left, bottom, right))
        cell = Cell(row, column, row_at[bottom] - row, column_at[right] - column, *words)
        for r in range(row, row + cell.rows):
            for c in range(column, column + cell.columns):
                if slots[r][c] >= 0:
                    return Unread(tops[r] + 1, "two cells of a grid table overlap")
                slots[r][c] = len(cells)
        cells.append(cell)
    last = len(grid) - 1
    if tops[-1] != last or lefts[-1] != len(grid[0]) - 1:
        return Unread(tops[-1] + 1, "a grid table's cell does not close")
    for r, row_slots in enumerate(slots):
        if -1 in row_slots:
            return Unread(tops[r] + 1, "a grid table's cell does not close")
    head = row_at[parts[0]] if parts and parts[0] != last else 0
    foot = rows - row_at[parts[-2]] if len(parts) >= 3 and parts[-1] == last else 0
    if head == 1 and all(not c.lines and c.rows == c.columns == 1 for c in cells if not c.row):
        cells = [replace(c, row=c.row - 1) for c in cells if c.row]  # an empty head: none
        tops, head, rows = tops[1:], 0, rows - 1
    border = placed(lines[parts[0]] if parts else lines[0])
    return Grid(
        tuple(cells),
        columns,
        tuple(y + 1 for y in tops[:-1]),
        head,
        foot,
        tuple(_align(border, lefts[c]) for c in range(columns)),
        len(lines),
    )


def _loose(grid: list[list[str]], box: Box) -> int | None:
    """The line of a border or column line that runs into the box from one of its sides
    and stops inside it (`+--   +`, a cell's bottom begun and not drawn to its end: the
    trace reads the two cells as one, its words "--"), if one does."""
    top, left, bottom, right = box
    for y in range(top + 1, bottom):
        if (grid[y][left] == "+" and grid[y][left + 1] == "-") or (
            grid[y][right] == "+" and grid[y][right - 1] == "-"
        ):
            return y
    for x in range(left + 1, right):
        if grid[top][x] == "+" and grid[top + 1][x] == "|":
            return top + 1
        if grid[bottom][x] == "+" and grid[bottom - 1][x] == "|":
            return bottom - 1
    return None


def _words(grid: list[list[str]], box: Box) -> tuple[tuple[str, ...], bool, int]:
    """A cell's lines of words, whether they were blocks, and its first line."""
    top, left, bottom, right = box
    parts = ["".join(grid[y][left + 1 : right]).strip() for y in range(top + 1, bottom)]
    while parts and not parts[-1]:
        parts.pop()
    while parts and not parts[0]:
        parts.pop(0)
    # a list (its marker on the cell's first line, and on another) or paragraphs (a blank
    # line between): one line's "- 5 %" or a wrapped "1990. Est" is words
    first, *rest = parts or [""]
    listed = bool(_BLOCK_LINE.match(first)) and any(_BLOCK_LINE.match(p) for p in rest)
    return tuple(p for p in parts if p), "" in parts or listed, top + 1


def _align(placed: list[str], left: int) -> str:
    """A column's alignment: the colons of the part of the border (`placed`) over it (the
    part between the `+`s around its left edge)."""
    start = max(x for x in range(left + 1) if placed[x] == "+")
    stop = next(x for x in range(left + 1, len(placed)) if placed[x] == "+")
    first, last = placed[start + 1] == ":", placed[stop - 1] == ":"
    return "center" if first and last else "left" if first else "right" if last else ""
