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

Its rows and columns, head, foot and alignments are then read off the boxes
(octavo.render.grid_parts).

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
from collections.abc import Callable, Sequence

from octavo.limits import MAX_GRID_CHARS
from octavo.render.grid_parts import Box, Cell, Grid, Unread, parts, placed, width

__all__ = ["BORDER", "Cell", "Grid", "Unread", "read_grid", "width"]  # (with grid_parts' own)

BORDER = re.compile(r"\+(?:[-=:]+\+)+")  # a whole border: +---+, +===+, +:--+--:+
_PARTS = re.compile(r"\+(?::?=+:?\+)+")  # a line of `=`: the head's end, the foot's bounds
_AS_DASHES = str.maketrans("=:", "--")
_PLUS = re.compile(r"\+")
_RUNS = {"+-": re.compile(r"[+-]+"), "+|": re.compile(r"[+|]+")}  # a border's, a column line's


def read_grid(line: Callable[[int], str], start: int, end: int) -> Grid | Unread | None:
    """The grid table whose top border is line `start` (lines read by `line`, up to `end`):
    None when no table starts there (the line is no top border)."""
    top = line(start)
    if not BORDER.fullmatch(top) or "=" in top:
        return None
    lines = _extent(line, start, end)
    grid = [placed(text) for text in lines]
    columns = len(grid[0])
    for at, places in enumerate(grid):
        if places[-1] not in ("|", "+"):
            return Unread(at, "a line of a grid table does not end on '|' or '+'")
        if len(places) != columns:
            wide = f"{len(places)} columns wide, its top border {columns}"
            return Unread(at, f"a line of a grid table is {wide}")
    if len(lines) < 3 or not BORDER.fullmatch(lines[-1]):
        return Unread(len(lines) - 1, "a grid table's last line is no border")
    if len(lines) * columns > MAX_GRID_CHARS:
        return Unread(0, f"a grid table of more than {MAX_GRID_CHARS:,} characters")
    lines_of_equals = [at for at, text in enumerate(lines) if at and _PARTS.fullmatch(text)]
    for at, text in enumerate(lines):
        if BORDER.fullmatch(text):  # a border's `=` and colons are its lines (all ASCII)
            grid[at] = list(text.translate(_AS_DASHES))
    traced = _trace(grid)
    if isinstance(traced, Unread):
        return traced
    return parts(grid, traced, lines, lines_of_equals)


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


def _trace(grid: list[list[str]]) -> list[Box] | Unread:
    """Every cell's box, traced from the top-left corner (see above)."""
    height, breadth = len(grid), len(grid[0])
    across = _runs(grid)
    down = _runs(list(zip(*grid, strict=True)), "+|")
    pluses_in_row = [_pluses(row) for row in grid]
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


def _pluses(row: list[str]) -> list[int]:
    """The places of a line's `+`s."""
    text = "".join(row)
    if text.isascii() and len(text) == len(row):  # each place one character
        return [found.start() for found in _PLUS.finditer(text)]
    return [x for x, c in enumerate(row) if c == "+"]


def _runs(grid: Sequence[Sequence[str]], chars: str = "+-") -> list[list[int]]:
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
