"""A table's grid (octavo.importers.table_grid) set as a pipe table's rows: which rows are
its head, and what becomes of a cell that spans.

A table that can keep its spans is written as pandoc's grid table (octavo.importers.
table_kept, as pandoc 3.7 writes one: pandoc up to 3.6 wrote a simple or pipe table that
lost them, the rows under a cell spanning rows left blank in its column and header rows
past the first made body rows). What is set here is what a grid cannot hold (cells that
overlap, a head whose cells reach into the body, spans past the limit) and a table
without spans: a pipe table, every cell in its column, saying where a reader could be
misled. (A raw HTML `<table>` would keep the spans too, but it holds HTML, not Markdown:
a link to another section would not be read there; a note's call is, since session 52,
octavo.render.table_calls.) `head_rows` is shared with the grid: its head and the title
rows that go to the caption.

- The head (a `<thead>`'s rows, else the leading rows of `<th>` alone, with the rows a
  header cell spans down into) is made one header row: each column's header is the words
  of the cells over it, top to bottom ("Output" over "1990": "Output 1990"), as a
  statistician flattens a table's column groups; its words are all kept. A head row of one
  cell across the table, above the columns' names, is not a column's name but the table's
  title or unit ("Table 5. Trade (millions of US$)"): it goes to the caption; one under
  them is the body's first subheading ("Kolkhozy").
- A body cell spanning rows is repeated in each row it spans: the table model gives it
  each of those slots, and a row read alone (on a narrow screen, quoted, by a screen
  reader) keeps its label ("Minsk" on both its rows). A figure spanning rows in a column
  of figures may be their total, not each row's: a reader adding up the column would count
  it twice (W423).
- A body cell spanning columns is set in its first column, the others blank: a row across
  the whole table is a subheading ("Agriculture") and reads as one; "-" or "n.a." is
  repeated (each column has none); over a column of figures the blank would read as no
  entry (W423).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from octavo.importers.table_grid import Grid
from octavo.text import first_words

__all__ = ["FIGURE", "NONE", "Body", "Shown", "head_rows", "header", "set_body"]

FIGURE = re.compile(r"[-+\u2212\u2013(]?\s?[$\u00a3\u20ac]?\d[\d,.\u00a0 ]*%?\)?")
# no figure: a dash, "n.a.", "N/A", dots, an asterisk, or a unit row's "(percent)"
NONE = re.compile(r"(?i)-|\u2013|\u2014|\.\.\.?|\u2026|n\.?\s?a\.?|n/a|\*|\([^)]*[a-z][^)]*\)")

Words = tuple[str, str]  # a cell's words: plain, and as Markdown
Shown = tuple[str, str, etree._Element] | None  # a slot: its words, its cell; None: no cell


@dataclass(frozen=True, slots=True)
class Body:
    """The body's rows as set, what --explain says of them, and what a reader could
    misread: (the page's line, what) for W423."""

    rows: tuple[tuple[Shown, ...], ...]
    said: tuple[str, ...] = ()
    lost: tuple[tuple[int, str], ...] = ()


def head_rows(grid: Grid, live: list[int], columns: list[int]) -> tuple[list[int], list[int]]:
    """The rows of `live` that name the table's columns, and those above them that are
    its title (a row of one cell across every one of `columns`), for the caption:
    together, live's first rows."""
    if not live:
        return [], []
    if grid.head:
        head = [r for r in live if r < grid.head]
    else:
        head = list(itertools.takewhile(lambda r: _all_th(grid, r), live))
    if head:  # with the rows its cells reach down into, and theirs
        last = head[-1]
        for row in live:
            if row > last:
                break
            last = max(last, _reach(grid, row))
        head = [r for r in live if r <= last]
    if not head or len(head) == len(live):  # a pipe table needs one; and a body
        head = live[:1]
    titles = list(itertools.takewhile(lambda r: _across(grid, r, columns), head))
    named = head[len(titles) :]
    # one across the table under the columns' names is the body's first subheading
    named = list(itertools.takewhile(lambda r: not _across(grid, r, columns), named))
    return named or live[len(titles) : len(titles) + 1], titles


def header(grid: Grid, head: list[int], columns: list[int], words: list[Words]) -> list[Words]:
    """Each column's header: the words of the head's cells over it, top to bottom, a cell
    spanning rows once."""
    named: list[Words] = []
    for column in columns:
        parts: list[Words] = []
        for index in dict.fromkeys(grid.slots[r][column] for r in head):
            if index >= 0 and words[index][0] and (not parts or parts[-1][0] != words[index][0]):
                parts.append(words[index])
        named.append((" ".join(p for p, _ in parts), " ".join(m for _, m in parts)))
    return named


def set_body(
    grid: Grid, body: list[int], columns: list[int], words: list[Words], names: list[str]
) -> Body:
    """The body's rows, each slot its cell's words or none (see above); `names`: each
    column's header, as W423 names it."""
    figured = _figured(grid, body, columns, words)
    rows: list[tuple[Shown, ...]] = []
    repeated: dict[int, str] = {}  # spanning rows, by cell
    first: dict[int, str] = {}  # spanning columns, set in the first
    lost: dict[int, str] = {}
    for row in body:
        shown: list[Shown] = []
        covers = Counter(grid.slots[row][c] for c in columns)  # each cell's columns here
        for at, column in enumerate(columns):
            index = grid.slots[row][column]
            if index < 0:
                shown.append(None)
                continue
            cell = grid.cells[index]
            plain, markdown = words[index]
            own = (plain, markdown, cell.element)
            if cell.column == column:
                shown.append(own)
                if cell.row != row and plain:
                    repeated[index] = plain
                    if cell.element.tag == "td" and _figure(plain) and figured[at]:
                        lost[index] = (
                            f"a table's cell {first_words(plain)} spans {cell.rows} rows: a "
                            "pipe table cannot span, so it is repeated in each; a reader "
                            "adding up the column counts it each time"
                        )
                continue
            if NONE.fullmatch(plain):
                shown.append(own)
                continue
            shown.append(("", "", cell.element))
            if not plain or covers[index] == len(columns) or index in first:
                continue  # a row across the table is a subheading
            first[index] = plain
            spanned = [at for at, c in enumerate(columns) if grid.slots[row][c] == index]
            if any(figured[at] for at in spanned[1:]):
                named = ", ".join(first_words(names[at], 24) for at in spanned)
                lost.setdefault(
                    index,
                    f"a table's cell {first_words(plain)} spans {len(spanned)} columns "
                    f"({named}): a pipe table cannot span, so it is set in the first and "
                    "the others left blank, which reads as no entry",
                )
        rows.append(tuple(shown))
    said = _said("spanning rows repeated in each", repeated)
    said += _said("spanning columns set in the first, the others blank", first)
    return Body(
        tuple(rows),
        said,
        tuple((grid.cells[i].element.sourceline or 0, what) for i, what in lost.items()),
    )


def _said(how: str, cells: dict[int, str]) -> tuple[str, ...]:
    if not cells:
        return ()
    shown = ", ".join(first_words(text, 24) for text in list(cells.values())[:3])
    more = ", …" if len(cells) > 3 else ""
    return (f"{len(cells)} cell{'s' if len(cells) > 1 else ''} {how} ({shown}{more})",)


def _figured(grid: Grid, body: list[int], columns: list[int], words: list[Words]) -> list[bool]:
    """Whether each column holds figures of its own: a `<td>` of one row and one column
    whose words are a figure. A column of labels (years each over two rows, a stub) holds
    none, and a span over it misleads no one."""
    own = {
        grid.cells[i].column
        for r in body
        for i in grid.starts(r)
        if grid.cells[i].rows == grid.cells[i].columns == 1
        and grid.cells[i].element.tag == "td"
        and _figure(words[i][0])
    }
    return [column in own for column in columns]


def _figure(text: str) -> bool:
    return bool(FIGURE.fullmatch(text)) and not NONE.fullmatch(text)


def _all_th(grid: Grid, row: int) -> bool:
    return all(grid.cells[i].element.tag == "th" for i in grid.starts(row))


def _reach(grid: Grid, row: int) -> int:
    """The last row that a cell beginning in `row` covers."""
    return max((grid.cells[i].row + grid.cells[i].rows - 1 for i in grid.starts(row)), default=row)


def _across(grid: Grid, row: int, columns: list[int]) -> bool:
    """Is `row` one cell, beginning there, across all of `columns` (two or more)?"""
    found = {grid.slots[row][c] for c in columns}
    if len(columns) < 2 or len(found) != 1:
        return False
    (index,) = found
    return index >= 0 and grid.cells[index].row == row
