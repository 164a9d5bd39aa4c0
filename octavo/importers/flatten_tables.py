"""A page's `<table>` read as a data table (rows of cells, their alignment, its caption), or
not: a layout table, one that holds blocks, is walked as the blocks it holds
(octavo.importers.flatten).

Its cells are laid out on the HTML table model's grid first (octavo.importers.table_grid),
so that each lands in its column whatever spans rows or columns above or beside it. A
table with spans, a head of several rows or a foot keeps them, as pandoc's grid table
(octavo.importers.table_kept); one a grid cannot hold, or one without spans, is set as a
pipe table (octavo.importers.table_spans: its head made one row, a cell spanning rows
repeated, one spanning columns set in the first), and what a reader could misread of it
is told (W423).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from octavo.importers.page import Spans
from octavo.importers.table_grid import Grid, lay_out, table_rows
from octavo.importers.table_kept import Kept, kept_spans
from octavo.importers.table_spans import FIGURE, NONE, Shown, head_rows, header, set_body
from octavo.limits import MAX_TABLE_SLOTS
from octavo.text import alignment, drop_table_number, first_words, own_table_number

__all__ = ["Cell", "DataTable", "Unread", "data_table"]

Cell = Callable[[etree._Element], tuple[str, str]]  # an element's words: plain, Markdown


@dataclass(frozen=True, slots=True)
class DataTable:
    """A data table as the book's Markdown sets it."""

    words: str  # its caption's and its cells' words, each once
    caption: str  # Markdown, without the page's own number
    rows: tuple[tuple[str, ...], ...]  # Markdown cells, `|` escaped; the first row the head
    aligns: tuple[str, ...]  # each column's: "", "right" or "center"
    said: tuple[str, ...] = ()  # how its spans were set (--explain)
    lost: tuple[tuple[int, str], ...] = ()  # (the page's line, what) a reader could misread: W423
    number: str = ""  # the page's own number its caption opened with ("12" of "Table 12.")
    spans: Spans | None = None  # kept with its spans (a grid table): `rows` each row's own


@dataclass(frozen=True, slots=True)
class Unread:
    """A table too large to lay out (octavo.importers.table_grid): its cells are walked as
    the page's blocks, a paragraph each, and `what` is told at its `line` (W423)."""

    line: int
    what: str


def data_table(element: etree._Element, cell: Cell) -> DataTable | Unread | None:
    """The table as a pipe table's cells (see above); None for a layout table (one that
    holds blocks) or one of fewer than two rows or columns."""
    rows = table_rows(element)
    if not rows or any(
        c.tag in ("table", "p", "div", "ul", "ol", "img") for r in rows for c in r.iter()
    ):
        return None
    grid = lay_out(element)
    if grid is None:
        return Unread(element.sourceline or 0, _UNREAD)
    words = [_words(cell, placed.element) for placed in grid.cells]
    live = [r for r in range(len(grid.slots)) if any(words[i][0] for i in grid.starts(r))]
    columns = sorted({grid.cells[i].column for r in live for i in grid.starts(r)})
    head, titles = head_rows(grid, live, columns)
    body = live[len(head) + len(titles) :]  # the head and its titles are live's first rows
    if not body or len(columns) < 2:
        return None
    caption = _caption(element, cell, [words[grid.slots[r][columns[0]]] for r in titles])
    texts = " ".join(words[i][0] for r in [*head, *body] for i in grid.starts(r) if words[i][0])
    named = f"line {element.sourceline}: <table> {first_words(caption[0] or texts)}"
    kept = kept_spans(grid, head, body, columns)
    if kept is not None:
        return _kept(kept, grid, words, caption, f"{caption[0]} {texts}".strip(), named)
    names = header(grid, head, columns, words)
    set_as = set_body(grid, body, columns, words, [plain for plain, _ in names])
    said = [*_head_said(grid, head, titles, names), *set_as.said]
    lost = list(set_as.lost)
    if grid.flat:
        lost.insert(0, (element.sourceline or 0, _FLAT))
    return DataTable(
        words=f"{caption[0]} {texts}".strip(),
        caption=caption[1],
        rows=(
            tuple(markdown for _, markdown in names),
            *(tuple("" if s is None else s[1] for s in r) for r in set_as.rows),
        ),
        aligns=tuple(
            _column_alignment(_aligned(set_as.rows, at), at == 0) for at in range(len(columns))
        ),
        said=tuple(f"{named}: {s}" for s in said),
        lost=tuple(lost),
        number=caption[2],
    )


_FLAT = (
    f"a table's spans would lay it out on more than {MAX_TABLE_SLOTS:,} cells: its spans are "
    "not read, each cell set in the next column of its row, as the page's rows list them"
)
_UNREAD = (
    f"a table of more than {MAX_TABLE_SLOTS:,} cells (its rows by its columns): not read as "
    "a table, each of its cells is a paragraph"
)


def _kept(
    kept: Kept,
    grid: Grid,
    words: list[tuple[str, str]],
    caption: tuple[str, str, str],
    texts: str,
    named: str,
) -> DataTable:
    """The table kept with its spans (octavo.importers.table_kept): each row its own
    cells' Markdown, their spans, each column aligned by its body's cells of one column."""
    columns = 1 + max(c for row in kept.rows for _, c, _, _ in row)
    body = kept.rows[kept.head : len(kept.rows) - kept.foot]
    aligns = []
    for column in range(columns):
        own = [
            (words[i][0], _own_alignment(grid.cells[i].element))
            for row in body
            for i, c, _, across in row
            if c == column and across == 1 and i >= 0
        ]
        aligns.append(_column_alignment(own, column == 0))
    return DataTable(
        words=texts,
        caption=caption[1],
        rows=tuple(tuple(words[i][1] if i >= 0 else "" for i, _, _, _ in r) for r in kept.rows),
        aligns=tuple(aligns),
        said=(f"{named}: {_kept_said(kept, words)}",),
        number=caption[2],
        spans=Spans(
            tuple(
                tuple((column, down, across) for _, column, down, across in r) for r in kept.rows
            ),
            kept.head,
            kept.foot,
        ),
    )


def _kept_said(kept: Kept, words: list[tuple[str, str]]) -> str:
    """What --explain says of a table kept with its spans."""
    cells = [cell for row in kept.rows for cell in row if cell[0] >= 0]
    down = [words[i][0] for i, _, rows, _ in cells if rows > 1 and words[i][0]]
    across = [words[i][0] for i, _, _, columns in cells if columns > 1 and words[i][0]]
    parts = [f"{len(kept.rows) - kept.foot - kept.head} body rows under {kept.head} head rows"]
    parts += [f"a foot of {kept.foot}"] if kept.foot else []
    for how, found in (("rows", down), ("columns", across)):
        if found:
            shown = ", ".join(first_words(text, 24) for text in found[:3])
            parts.append(f"{len(found)} spanning {how} ({shown}{', …' if len(found) > 3 else ''})")
    return "kept as a grid table with its spans: " + "; ".join(parts)


def _words(cell: Cell, element: etree._Element) -> tuple[str, str]:
    plain, markdown = cell(element)
    return plain, markdown.replace("|", "\\|")


def _head_said(
    grid: Grid, head: list[int], titles: list[int], names: list[tuple[str, str]]
) -> list[str]:
    """What --explain says of the head: its rows made one, a title row moved."""
    said = []
    shown = ", ".join(first_words(plain, 24) for plain, _ in names[:4])
    shown += ", …" if len(names) > 4 else ""
    if len(head) > 1:
        said.append(f"its {len(head)} head rows made one: {shown}")
    elif any(grid.cells[i].columns > 1 for r in head for i in grid.starts(r)):
        said.append(f"a head cell spanning columns names each of them: {shown}")
    if titles:
        rows = f"{len(titles)} head rows" if len(titles) > 1 else "a head row"
        said.append(f"{rows} of one cell across the table moved to its caption")
    return said


def _caption(
    table: etree._Element, cell: Cell, titles: list[tuple[str, str]]
) -> tuple[str, str, str]:
    """The table's <caption>, with the words of its title rows (`titles`), plain and as
    Markdown, without the page's own number ("Table 12."): octavo numbers the book's
    tables; and that number, which labels it (octavo.importers.float_labels)."""
    found = next((c for c in table if isinstance(c.tag, str) and c.tag == "caption"), None)
    own = ("", "") if found is None else cell(found)
    parts = [own, *titles]
    text = " ".join(p for p, _ in parts if p)
    markdown = " ".join(m for _, m in parts if m)
    return drop_table_number(text), drop_table_number(markdown), own_table_number(text)


def _aligned(rows: tuple[tuple[Shown, ...], ...], at: int) -> list[tuple[str, str]]:
    """The body's cells of column `at`: their words and their own alignment (a short
    row's missing slot left out)."""
    return [(s[0], _own_alignment(s[2])) for row in rows if (s := row[at]) is not None]


def _own_alignment(cell: etree._Element) -> str:
    """A cell's alignment as its page writes it (`align="right"`, `text-align: center`, or
    its row's `align`)."""
    row = cell.getparent()
    return alignment(
        cell.get("style", ""), cell.get("align"), None if row is None else row.get("align")
    )


def _column_alignment(body: list[tuple[str, str]], stub: bool) -> str:
    """A column's alignment from its body cells: as the page aligns them, if it aligns
    more than half; else right for a column of figures ("1,234", "12.5", "-3", "(4.1)",
    "15%", with "-" or "n.a." for none), as the printed studies set them, but for the
    first (`stub`), which names the rows (years too); else none (left)."""
    said = [how for _, how in body if how]
    if len(said) * 2 > len(body):
        most = max(sorted(set(said)), key=said.count)
        return "" if most == "left" else most
    texts = [text for text, _ in body if text]
    if not stub and texts and all(FIGURE.fullmatch(t) or NONE.fullmatch(t) for t in texts):
        return "right" if any(FIGURE.fullmatch(t) for t in texts) else ""
    return ""
