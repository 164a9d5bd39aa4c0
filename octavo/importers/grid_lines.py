"""A table kept with its spans (octavo.importers.table_kept) drawn as pandoc's grid table,
as pandoc 3.7's Markdown writer draws one:

    +--------+-------------------+
    | Crop   | Output            |
    |        +---------+---------+
    |        | 1990    | 1991    |
    +========+========:+========:+
    | Grain  | 7,035   | 6,095   |
    +--------+---------+---------+
    | Flax   | n.a.              |
    +========+=========+=========+
    | Total  | 7,035   | 6,095   |
    +========+=========+=========+

Each column is as wide as its widest cell's widest line (characters counted as pandoc
counts them: a wide one two), a cell spanning columns widening them all alike if their
width with their lines between is less than its own; each row is as tall as its tallest
cell, one spanning rows making its last row taller if it needs more. A cell's words longer
than WRAP wrap at their spaces (never inside a link's address, an attribute's braces or a
tag), its first line's block marker escaped ("- 5" would be a list in a grid's cell). The
colons of each column's alignment are on the head's `+===+` line, which has a `+` over
every column's edge (pandoc reads the colons part by part). A foot is set between a `+===+`
line and the last, also `+===+`.

What is drawn is read back as the book will read it (octavo.render.grid_trace); should a
cell's `|` or `+` have fallen on a column's line inside a cell spanning it and made it read
otherwise, those characters are written as character references (`&#124;`, `&#43;`) and
the table is drawn again.
"""

from __future__ import annotations

import re

from octavo.importers.page import Block
from octavo.render.grid_trace import Grid, read_grid, width
from octavo.text import escape_block_start

_PIPE = re.compile(r"\\?\|")  # a cell's `|`, escaped `\|` as the importer writes it

__all__ = ["WRAP", "grid_lines"]

WRAP = 40  # a cell's longest line, in characters, before its words wrap

Placed = tuple[int, int, int, int, tuple[str, ...]]  # row, column, rows, columns, its lines


def grid_lines(block: Block) -> tuple[str, ...]:
    """The table `block` (its rows, spans and alignments) as a grid table's lines."""
    assert block.spans is not None
    drawn = _drawn(block, safe=False)
    if _reads_as(drawn, block):
        return drawn
    return _drawn(block, safe=True)


def _drawn(block: Block, safe: bool) -> tuple[str, ...]:
    spans = block.spans
    assert spans is not None
    cells = _placed(block, safe)
    columns = 1 + max(c + cs - 1 for _, c, _, cs, _ in cells)
    rows = len(block.rows)
    widths = [1] * columns
    heights = [1] * rows
    for _, column, _, across, lines in sorted(cells, key=lambda p: p[3]):
        need = max((_width(line) for line in lines), default=0)
        lack = need - sum(widths[column : column + across]) - 3 * (across - 1)
        for at in range(across):  # shared out, the first ones a character more
            widths[column + at] += max(0, lack // across + (at < lack % across))
    for row, _, down, _, lines in sorted(cells, key=lambda p: p[2]):
        have = sum(heights[row : row + down]) + down - 1
        heights[row + down - 1] += max(0, len(lines) - have)
    xs = [0]
    for size in widths:
        xs.append(xs[-1] + size + 3)
    ys = [0]
    for size in heights:
        ys.append(ys[-1] + size + 1)
    canvas = [[" "] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    for row, column, down, across, lines in cells:
        _box(canvas, (ys[row], xs[column], ys[row + down], xs[column + across]), lines)
    parts = [spans.head] if spans.head else []
    if spans.foot:
        parts += [rows - spans.foot, rows]
    for part in parts:
        line = canvas[ys[part]]
        for x, char in enumerate(line):
            line[x] = "=" if char == "-" else char
        for x in xs:
            line[x] = "+"
    _colons(canvas[ys[spans.head] if spans.head else 0], xs, block.aligns)
    return tuple("".join(line).rstrip() for line in canvas)


def _placed(block: Block, safe: bool) -> list[Placed]:
    """Each cell where the table's spans place it, with its lines."""
    spans = block.spans
    assert spans is not None
    cells: list[Placed] = []
    for row, (words, places) in enumerate(zip(block.rows, spans.cells, strict=True)):
        for text, (column, down, across) in zip(words, places, strict=True):
            if safe:
                text = _PIPE.sub("&#124;", text).replace("+", "&#43;")
            cells.append((row, column, down, across, _wrapped(text)))
    return cells


def _box(canvas: list[list[str]], box: tuple[int, int, int, int], lines: tuple[str, ...]) -> None:
    top, left, bottom, right = box
    for x in range(left + 1, right):
        for y in (top, bottom):
            if canvas[y][x] == " ":
                canvas[y][x] = "-"
    for y in range(top + 1, bottom):
        canvas[y][left] = canvas[y][right] = "|"
    for y, x in ((top, left), (top, right), (bottom, left), (bottom, right)):
        canvas[y][x] = "+"
    for at, line in enumerate(lines):
        x = left + 2
        for char in line:
            canvas[top + 1 + at][x] = char
            x += 1
            for _ in range(width(char) - 1):  # a wide character's second column
                canvas[top + 1 + at][x] = ""
                x += 1


def _colons(line: list[str], xs: list[int], aligns: tuple[str, ...]) -> None:
    for column, align in enumerate(aligns[: len(xs) - 1]):
        if align in ("left", "center"):
            line[xs[column] + 1] = ":"
        if align in ("right", "center"):
            line[xs[column + 1] - 1] = ":"


def _width(text: str) -> int:
    return sum(width(char) for char in text)


def _wrapped(text: str) -> tuple[str, ...]:
    """A cell's words in lines of WRAP characters at most (a longer word alone), never
    broken inside `<…>`, `{…}` or a link's `(…)`; its first line's block marker escaped."""
    words = _words(text)
    lines: list[str] = []
    for word in words:
        if lines and _width(lines[-1]) + 1 + _width(word) <= WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if lines:
        lines[0] = escape_block_start(lines[0])
    return tuple(lines)


_OPEN = {"<": ">", "{": "}"}


def _words(text: str) -> list[str]:
    """The text's words, parted at spaces outside a tag, braces and a link's address."""
    words: list[str] = []
    current: list[str] = []
    closing: list[str] = []
    for at, char in enumerate(text):
        if char == " " and not closing:
            if current:
                words.append("".join(current))
            current = []
            continue
        current.append(char)
        if closing and char == closing[-1]:
            closing.pop()
        elif char in _OPEN:
            closing.append(_OPEN[char])
        elif char == "(" and at and text[at - 1] == "]":
            closing.append(")")
    if current:
        words.append("".join(current))
    return words


def _reads_as(lines: tuple[str, ...], block: Block) -> bool:
    """Whether `lines` read back as the table: its cells, spans, head and foot."""
    read = read_grid(lambda n: lines[n], 0, len(lines))
    spans = block.spans
    if not isinstance(read, Grid) or spans is None:
        return False
    got = [(c.row, c.column, c.rows, c.columns) for c in read.cells]
    want = [(row, *cell) for row, cells in enumerate(spans.cells) for cell in cells]
    return sorted(got) == sorted(want) and (read.head, read.foot) == (spans.head, spans.foot)
