"""pandoc's grid tables: cells drawn with `+`, `-`, `=` and `|`.

    +-----------+---------:+
    | Region    | Output   |
    +===========+=========:+
    | Minsk     | 1,600    |
    +-----------+----------+

The first line is a border of `+`s and `-`s; a `+===+` line parts the head from the body
(none: no head); each row's lines run to the next border. A column's alignment is read
from the colons of the `+===+` line (the first border's without a head): `:--` left, `--:`
right, `:-:` centre, none the default, as pandoc reads them. A cell's lines are one
cell's text, as a pipe table's cell is (a list or paragraphs in a cell: W504 from
octavo.render.inlines, its words kept on one line). The table is the same tokens as a pipe
table (octavo.render.pandoc_tables.push_table), so its caption (`Table: …` under it, or
`: …` above), number and cells go on as for any table.

A grid whose lines do not meet its column lines (a cell spanning columns or rows, which
pandoc 3 reads) is not read as a table: it stays a paragraph, and W504 says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from octavo.render.pandoc_tables import push_table, source_line

__all__ = ["BLOCKS_IN_A_CELL", "install"]

_BORDER = re.compile(r"\+(?:[-=:]+\+)+")  # a border: +---+, +===+, +:--+--:+
_BLOCK_LINE = re.compile(r"(?:[-*+]|\d+[.)])\s")  # a list item's start in a cell
BLOCKS_IN_A_CELL = "grid_blocks"  # an inline's meta: its cell held a list or paragraphs


def install(md: MarkdownIt) -> None:
    md.block.ruler.before("table", "grid_tables", _grid_table)


def _grid_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    read = read_grid(lambda n: source_line(state, n).strip(), start, end)
    if read is None:
        return False
    if silent:
        return True
    header, rows, aligns, after = read
    head = [lines for lines, _ in header] if header is not None else None
    body = [(at, [lines for lines, _ in row]) for at, row in rows]
    inlines = push_table(state, start, after, head, body, aligns, head_line=start + 1)
    every = ([header] if header is not None else []) + [row for _, row in rows]
    held = [blocks for row in every for _, blocks in row]
    for inline, blocks in zip(inlines, held, strict=True):
        if blocks:  # a list or paragraphs in the cell: W504 (octavo.render.inlines)
            inline.meta[BLOCKS_IN_A_CELL] = True
    state.line = after
    return True


# a row's cells: each its lines and whether they were blocks (a list, paragraphs)
Cells = list[tuple[list[str], bool]]
Grid = tuple[Cells | None, list[tuple[int, Cells]], list[str], int]


def read_grid(line: Callable[[int], str], start: int, end: int) -> Grid | None:
    """The grid table at line `start`, if one is there: its head (None without one), its
    rows (each with its first line), each column's alignment, and the line after it."""
    top = line(start)
    if not _BORDER.fullmatch(top) or "=" in top:
        return None
    edges = [m.start() for m in re.finditer(r"\+", top)]
    rows: list[tuple[int, Cells]] = []
    header: Cells | None = None
    aligns = _aligns(top, edges)
    pending: list[str] = []
    at = start + 1
    while at < end:
        text = line(at)
        if _BORDER.fullmatch(text):
            if [m.start() for m in re.finditer(r"\+", text)] != edges or not pending:
                if not pending:
                    break  # another table's border under this one's: this one ends
                return None  # a cell that spans columns or rows: not read
            cells = _cells(pending, edges)
            if "=" in text and header is None and not rows:
                header, aligns = cells, _aligns(text, edges)
            elif "=" in text:
                return None  # a table's foot (pandoc 3): not read
            else:
                rows.append((at - len(pending), cells))
            pending = []
            at += 1
            if at >= end or not line(at).startswith(("|", "+")):
                break  # a blank line, a caption line, a paragraph: the table's end
            continue
        if not _meets(text, edges):
            if not pending and rows and not _spans(text, edges):
                break  # a line under the last border that is no row of it: its end
            return None  # a row whose cells span columns: not read
        pending.append(text)
        at += 1
    if pending or not rows:
        return None  # no closing border, or a head alone
    return header, rows, aligns, at


def _width(char: str) -> int:
    """Columns a character takes, as pandoc counts them: none for a combining mark, two
    for a wide (East Asian) one."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _placed(text: str) -> tuple[list[tuple[int, str]], int]:
    """Each character with the column it starts at, and the line's width."""
    placed, column = [], 0
    for char in text:
        placed.append((column, char))
        column += _width(char)
    return placed, column


def _bars(text: str, edges: list[int]) -> set[int] | None:
    """The columns of a line's `|`s, by the columns its characters take ('中文' two
    each); None for a line not as wide as the table."""
    placed, width = _placed(text)
    return {column for column, char in placed if char == "|"} if width == edges[-1] + 1 else None


def _meets(text: str, edges: list[int]) -> bool:
    """A row's line with a `|` on each column line (and nothing after the last)."""
    bars = _bars(text, edges)
    return bars is not None and set(edges) <= bars


def _spans(text: str, edges: list[int]) -> bool:
    """A row's line as wide as the table, between its outer lines, some inner one missing:
    a cell spanning columns (pandoc 3 reads it), not the text after the table."""
    bars = _bars(text, edges)
    return bars is not None and {edges[0], edges[-1]} <= bars


def _cells(lines: list[str], edges: list[int]) -> Cells:
    cells: Cells = []
    placed = [_placed(text)[0] for text in lines]
    for left, right in pairwise(edges):
        parts = ["".join(c for at, c in line if left < at < right).strip() for line in placed]
        while parts and not parts[-1]:
            parts.pop()
        while parts and not parts[0]:
            parts.pop(0)
        # a list (its marker on the cell's first line, and on another) or paragraphs (a
        # blank line between): one line's "- 5 %" or a wrapped "1990. Est" is words
        first, *rest = parts or [""]
        listed = bool(_BLOCK_LINE.match(first)) and any(_BLOCK_LINE.match(p) for p in rest)
        cells.append(([p for p in parts if p], "" in parts or listed))
    return cells


def _aligns(border: str, edges: list[int]) -> list[str]:
    """Each column's alignment from the colons of a border (`+:--+`, `+--:+`, `+:-:+`)."""
    found = []
    for left, right in pairwise(edges):
        dashes = border[left + 1 : right]
        first, last = dashes.startswith(":"), dashes.endswith(":")
        found.append("center" if first and last else "left" if first else "right" if last else "")
    return found
