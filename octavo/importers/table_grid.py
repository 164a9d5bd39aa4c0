"""A page's `<table>` laid out on a grid as the HTML table model lays it out (HTML, "Tables:
processing model"): each cell in its row's first free slot, over `colspan` columns and
`rowspan` rows, a slot that a cell above reaches into skipped. Read row by row without the
grid, a cell spanning rows pushed the cells under it one column left, silently ("1994"
under "Region").

Spans are read as browsers read them: a value's leading figures (" 2", "+2", "2px" are 2;
"two", "-1" and "" are no value, 1); colspan 0 is 1, and past 1000 is 1000; rowspan past
65534 is 65534, and 0 reaches to the end of its row group in a page read in standards mode
(one read in quirks mode, as a 1990s page without a doctype is, takes it as 1, as
Netscape did: Firefox and Chrome still do). A rowspan stops at the end of its row group (a
`<thead>`, `<tbody>` or `<tfoot>`, or the rows straight in the table). The first `<thead>`
is laid out first and the `<tfoot>`s last, wherever the page writes them, as CSS shows
them.

What a reader sees is kept, not the model's bookkeeping: a column in which no cell begins
(made only by a span: `colspan="99"` on a note row of a four-column table) takes no room
on screen, and none here; nor does a row in which no cell begins.

A hostile page's spans could ask for a grid of 1000 columns by 65534 rows a cell, and its
rows alone (one of 200,000 cells over 200,000 rows of one) for a grid of billions of
slots. A grid holds at most MAX_TABLE_SLOTS slots (rows by columns), and its spans may
cover at most as many (overlaps counted again): past that the table is laid out again
with every span 1, one cell a slot, as it was before spans were read (`flat`: W423 says
so); a table too large even so is no grid (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from octavo.limits import MAX_TABLE_SLOTS

__all__ = ["MOST_COLUMNS", "MOST_ROWS", "Grid", "Placed", "lay_out", "span", "table_rows"]

MOST_COLUMNS = 1000  # HTML's most colspan
MOST_ROWS = 65534  # HTML's most rowspan
# HTML's rules for parsing a non-negative integer: its ASCII spaces, a sign, the figures
_LEADING = re.compile(r"[\t\n\f\r ]*(?:\+|-(?=0+(?![0-9])))?([0-9]+)")


@dataclass(frozen=True, slots=True)
class Placed:
    """A cell where the table model sets it: its first row and column, and how many of
    each it spans (on the grid as shown: columns and rows no cell begins in left out)."""

    element: etree._Element
    row: int
    column: int
    rows: int = 1
    columns: int = 1


@dataclass(frozen=True, slots=True)
class Grid:
    """The table's cells on its grid. `slots[row][column]` is the index in `cells` of the
    cell covering that slot, -1 where none does (a row shorter than the others)."""

    cells: tuple[Placed, ...]
    slots: tuple[tuple[int, ...], ...]
    begins: tuple[tuple[int, ...], ...]  # each row's cells that begin in it, left to right
    head: int = 0  # how many of its rows (the first ones) are its <thead>'s
    foot: int = 0  # how many (the last ones) are its <tfoot>s'
    flat: bool = False  # its spans asked for more than MAX_TABLE_SLOTS: every span taken as 1

    def starts(self, row: int) -> tuple[int, ...]:
        """The indices of the cells that begin in `row`, left to right."""
        return self.begins[row]


def span(value: str | None, most: int) -> int | None:
    """A colspan's or rowspan's value as HTML parses it, at most `most`; None for no
    number (the attribute's default then applies). A value too long for any int is `most`,
    never converted (Python refuses an int of more than 4,300 figures)."""
    found = _LEADING.match(value or "")
    if found is None:
        return None
    figures = found[1].lstrip("0")
    if len(figures) > len(str(most)):
        return most
    return min(int(figures or "0"), most)


def table_rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows in the page's order (not those of a table inside one of its
    cells)."""
    return [row for row in table.iter("tr") if _owner(row) is table]


def lay_out(table: etree._Element) -> Grid | None:
    """The table's cells on its grid (see above); None for a table too large for one."""
    groups = _row_groups(table)
    placed = _place(groups, spans=True, grows=_standards_mode(table))
    if placed is not None:
        return _shown(*placed)
    placed = _place(groups, spans=False, grows=False)
    return None if placed is None else _shown(*placed, flat=True)


_Placing = tuple[list[Placed], dict[tuple[int, int], int], int, int]


def _place(groups: list[list[etree._Element]], spans: bool, grows: bool) -> _Placing | None:
    """Each cell placed by the table model: the cells, each slot's cell, the number of
    <thead> rows and the first <tfoot> row; None when the cells' slots (their overlaps
    counted again), or the rows by the columns that cells begin in, pass MAX_TABLE_SLOTS."""
    cells: list[Placed] = []
    covered: dict[tuple[int, int], int] = {}
    work = 0  # the slots the cells cover, counted as they are visited
    head = 0
    y = 0
    foot = sum(len(group) for group in groups)
    for number, group in enumerate(groups):
        end = y + len(group)
        if number == 0 and group and _parent_tag(group[0]) == "thead":
            head = len(group)
        if group and _parent_tag(group[0]) == "tfoot":
            foot = min(foot, y)
        for row in group:
            x = 0
            for element in _cells(row):
                while (y, x) in covered:
                    x += 1
                columns, rows = _spans(element, grows) if spans else (1, 1)
                rows = end - y if rows == 0 else min(rows, end - y)
                work += rows * columns
                if work > MAX_TABLE_SLOTS:
                    return None
                index = len(cells)
                cells.append(Placed(element, y, x, rows, columns))
                for r in range(y, y + rows):
                    for c in range(x, x + columns):
                        covered.setdefault((r, c), index)  # overlapping cells: the first's
                x += columns
            y += 1
    shown = len({c.column for c in cells}) * len({c.row for c in cells})
    return None if shown > MAX_TABLE_SLOTS else (cells, covered, head, foot)


def _spans(element: etree._Element, grows: bool) -> tuple[int, int]:
    """(colspan, rowspan) of a cell as HTML reads them; a rowspan of 0: to the end of its
    row group, when `grows` (standards mode)."""
    columns = span(element.get("colspan"), MOST_COLUMNS) or 1
    rows = span(element.get("rowspan"), MOST_ROWS)
    if rows is None or (rows == 0 and not grows):
        rows = 1
    return columns, rows


def _shown(
    cells: list[Placed],
    covered: dict[tuple[int, int], int],
    head: int,
    foot: int,
    flat: bool = False,
) -> Grid:
    """The grid without the columns and rows in which no cell begins, each cell's place and
    spans counted on what is left."""
    columns = sorted({c.column for c in cells})
    rows = sorted({c.row for c in cells})
    column_at = {c: i for i, c in enumerate(columns)}
    row_at = {r: i for i, r in enumerate(rows)}
    shown = tuple(
        Placed(
            c.element,
            row_at[c.row],
            column_at[c.column],
            sum(1 for r in range(c.row, c.row + c.rows) if r in row_at),
            sum(1 for k in range(c.column, c.column + c.columns) if k in column_at),
        )
        for c in cells
    )
    slots = tuple(tuple(covered.get((r, c), -1) for c in columns) for r in rows)
    begins: list[list[int]] = [[] for _ in rows]
    for index, cell in enumerate(shown):
        begins[cell.row].append(index)
    return Grid(
        shown,
        slots,
        tuple(tuple(sorted(b, key=lambda i: shown[i].column)) for b in begins),
        sum(1 for r in rows if r < head),
        sum(1 for r in rows if r >= foot),
        flat,
    )


def _row_groups(table: etree._Element) -> list[list[etree._Element]]:
    """The table's rows in runs of one parent (a row group), the first <thead>'s first and
    the <tfoot>s' last."""
    groups: list[list[etree._Element]] = []
    for row in table_rows(table):
        if groups and groups[-1][0].getparent() is row.getparent():
            groups[-1].append(row)
        else:
            groups.append([row])
    head = next((g for g in groups if _parent_tag(g[0]) == "thead"), None)
    feet = [g for g in groups if _parent_tag(g[0]) == "tfoot"]
    body = [g for g in groups if g is not head and _parent_tag(g[0]) != "tfoot"]
    return [*([head] if head else []), *body, *feet]


def _cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]


def _parent_tag(row: etree._Element) -> str:
    parent = row.getparent()
    return parent.tag if parent is not None and isinstance(parent.tag, str) else ""


def _owner(row: etree._Element) -> etree._Element | None:
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


# The public identifiers, by family, of the doctypes HTML reads in quirks mode (HTML,
# "The initial insertion mode"), lower-cased; the last two only without a system identifier.
_QUIRKS = (
    "+//silmaril//", "-//as//", "-//advasoft ltd//", "-//ietf//dtd html", "-//metrius//",
    "-//microsoft//dtd internet explorer", "-//netscape comm. corp.//",
    "-//o'reilly and associates//", "-//sq//", "-//softquad", "-//spyglass//",
    "-//sun microsystems corp.//", "-//w3c//dtd html 3", "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//", "-//w3c//dtd html experimental",
    "-//w3c//dtd w3 html//", "-//w3o//", "-//webtechs//", "-/w3c/dtd html 4.0 transitional/en",
)  # fmt: skip
_QUIRKS_BARE = ("-//w3c//dtd html 4.01 frameset//", "-//w3c//dtd html 4.01 transitional//")


def _standards_mode(table: etree._Element) -> bool:
    """Would a browser read the table's page in standards mode (or limited quirks)? Not
    without a doctype: libxml2 then gives the page HTML 4.0 Transitional's, which is read
    in quirks mode too."""
    info = table.getroottree().docinfo
    public = (info.public_id or "").lower()
    system = (info.system_url or "").lower()
    if (info.root_name or "").lower() != "html" or public == "html":
        return False
    if public.startswith(_QUIRKS) or (not system and public.startswith(_QUIRKS_BARE)):
        return False
    return system != "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd"
