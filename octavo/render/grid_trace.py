"""A grid table's lines read as pandoc 3 reads them: its cells traced, with their spans, its
head, body and foot, its columns' alignments. No markdown-it here (octavo.render.grid_tables
makes the tokens).

    +-----------+-----------------+
    | Region    | Output          |
    |           +--------+--------+
    |           | 1990   | 1991   |
    +===========+=======:+=======:+
    | Minsk     | 1,600  | 1,650  |
    +-----------+--------+--------+
    | Brest     | 950    | 990    |
    +===========+========+========+
    | Total     | 2,550  | 2,640  |
    +===========+========+========+

The lines are a grid of characters, each of the columns it takes (a wide character two, a
combining mark none, as pandoc counts them). A cell is traced from its top-left `+`: along
its top border (`-` and `+`) to the first `+` from which a column line (`|` and `+`) runs
down to a `+` from which a border runs back left to the corner, the cell's left line
closing it; each traced cell's top-right and bottom-left corners are where the next ones
start. The borders' places, across all cells, are the table's row and column lines, so a
cell whose box takes in several of them spans them ("Region" two rows, "Output" two
columns).

A line of `=` (`+===+`, its colons kept) parts the head from the body; when the table also
ends with one and has another above it, the rows between the two are its foot (pandoc
3's; a table's foot is always its last rows). A column's alignment is read from the colons
of the first `=` line (the top border's without one) over that column: `:==` left, `==:`
right, `:=:` centre. A head of one row of empty cells is no head, as pandoc reads it.

What cannot be read is said, with the line at fault, and the table is not read (its text
stays, W504): a line not as wide as the top border or not ending on `|` or `+` (ragged), no
closing border, a border or column line that stops inside a cell (a span that does not
close), a place no traced cell covers, cells that overlap, and a grid past MAX_GRID_CHARS
characters.
"""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from octavo.limits import MAX_GRID_CHARS

__all__ = ["BORDER", "Cell", "Grid", "Unread", "read_grid", "width"]

BORDER = re.compile(r"\+(?:[-=:]+\+)+")  # a whole border: +---+, +===+, +:--+--:+
_PARTS = re.compile(r"\+(?::?=+:?\+)+")  # a line of `=`: the head's end, the foot's bounds
_RUNS = {"+-": re.compile(r"[+-]+"), "+|": re.compile(r"[+|]+")}  # a border's, a column line's
_BLOCK_LINE = re.compile(r"(?:[-*+]|\d+[.)])\s")  # a list item's start in a cell


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


def _placed(text: str) -> list[str]:
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


def read_grid(line: Callable[[int], str], start: int, end: int) -> Grid | Unread | None:
    """The grid table whose top border is line `start` (lines read by `line`, up to `end`):
    None when no table starts there (the line is no top border)."""
    top = line(start)
    if not BORDER.fullmatch(top) or "=" in top:
        return None
    lines = _extent(line, start, end)
    grid = [_placed(text) for text in lines]
    columns = len(grid[0])
    for at, placed in enumerate(grid):
        if placed[-1] not in ("|", "+"):
            return Unread(at, "a line of a grid table does not end on '|' or '+'")
        if len(placed) != columns:
            wide = f"{len(placed)} columns wide, its top border {columns}"
            return Unread(at, f"a line of a grid table is {wide}")
    if len(lines) < 3 or not BORDER.fullmatch(lines[-1]):
        return Unread(len(lines) - 1, "a grid table's last line is no border")
    if len(lines) * columns > MAX_GRID_CHARS:
        return Unread(0, f"a grid table of more than {MAX_GRID_CHARS:,} characters")
    parts = [at for at, text in enumerate(lines) if at and _PARTS.fullmatch(text)]
    for at, text in enumerate(lines):
        if BORDER.fullmatch(text):  # a border's `=` and colons are its lines
            grid[at] = ["-" if c in "=:" else c for c in grid[at]]
    traced = _trace(grid)
    if isinstance(traced, Unread):
        return traced
    return _parts(grid, traced, lines, parts)


def _extent(line: Callable[[int], str], start: int, end: int) -> list[str]:
    """The table's lines: those from `start` that begin with `+` or `|`, to a border with
    the next line another border (a table under this one) or words that begin with `+`
    ("+3 more", after the table)."""
    lines = [line(start)]
    at, bordered = start + 1, True
    while at < end:
        text = line(at)
        if not text.startswith(("+", "|")):
            break
        border = bool(BORDER.fullmatch(text))
        if bordered and (border or (text[0] == "+" and text[-1] not in "|+")):
            break
        lines.append(text)
        bordered = border
        at += 1
    return lines


Box = tuple[int, int, int, int]  # a cell's top line, left column, bottom line, right column


def _trace(grid: list[list[str]]) -> list[Box] | Unread:
    """Every cell's box, traced from the top-left corner (see above)."""
    height, breadth = len(grid), len(grid[0])
    across = _runs(grid)
    down = _runs([list(column) for column in zip(*grid, strict=True)], "+|")
    pluses_in_row = [[x for x, c in enumerate(row) if c == "+"] for row in grid]
    pluses_in_column: list[list[int]] = [[] for _ in range(breadth)]
    for y, pluses in enumerate(pluses_in_row):
        for x in pluses:
            pluses_in_column[x].append(y)
    corners, seen, boxes = [(0, 0)], {(0, 0)}, []
    budget = 8 * height * breadth  # candidate boxes tried: a few a cell in any real table
    while corners:
        top, left = heapq.heappop(corners)
        found = None
        row = pluses_in_row[top]
        for right in row[bisect.bisect_right(row, left + 1) :]:
            if right > across[top][left] or found:
                break
            column = pluses_in_column[right]
            for bottom in column[bisect.bisect_right(column, top + 1) :]:
                budget -= 1
                if bottom > down[right][top] or budget < 0:
                    break
                closed = grid[bottom][left] == "+" and across[bottom][left] >= right
                if closed and down[left][top] >= bottom:
                    found = (top, left, bottom, right)
                    break
        if budget < 0:
            return Unread(top, "a grid table too intricate to trace")
        if found is None:
            continue
        boxes.append(found)
        for corner in ((top, found[3]), (found[2], left)):
            if corner not in seen:
                seen.add(corner)
                heapq.heappush(corners, corner)
    return boxes


def _runs(grid: list[list[str]], chars: str = "+-") -> list[list[int]]:
    """For each place of each line, the last place the line's run of `chars` from it
    reaches (-1 where it holds none): a border's run across, or (the grid turned) a column
    line's down."""
    runs = []
    pattern = _RUNS[chars]
    for row in grid:
        text = "".join(row)
        if text.isascii() and len(text) == len(row):  # each place one character
            reach = [-1] * len(row)
            for run in pattern.finditer(text):
                begin, end = run.span()
                reach[begin:end] = [end - 1] * (end - begin)
            runs.append(reach)
            continue
        reach, last = [-1] * len(row), -1
        for x in range(len(row) - 1, -1, -1):
            if row[x] in chars and len(row[x]) == 1:
                last = x if last < 0 else last
                reach[x] = last
            else:
                last = -1
        runs.append(reach)
    return runs


def _parts(
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
    border = _placed(lines[parts[0]] if parts else lines[0])
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
