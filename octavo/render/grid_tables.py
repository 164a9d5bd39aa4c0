"""pandoc's grid tables: cells drawn with `+`, `-`, `=` and `|`, spanning rows and columns,
with a head of one row or more and a foot, as pandoc 3 reads them (octavo.render.grid_trace
reads the lines; its docstring draws one).

The table is a pipe table's tokens (`table_open`, `thead_open`, `th_open` … with
`text-align` styles), so its caption (`Table: …` under it, or `: …` above), number and
cells go on as for any table (octavo.render.floats), with what a pipe table has not: a
`tfoot`, `colspan` and `rowspan`, and each header cell's `scope`. A head cell is a column's
header (`scope="col"`, given by octavo.render.floats as any table's head cell); one of the
first head row that spans columns heads a column group (`scope="colgroup"`, the table's
`<colgroup>`s drawn from that row). A body whose first column holds a cell spanning rows
("Minsk" over two years) has its first column's cells as its rows' headers (`th
scope="row"`); so has a foot's first cell ("Total"). A body row of one cell with words
across the table, rows under it, is their subheading ("Minsk" over its districts): a `th
scope="rowgroup"` opening a `<tbody>` of its own, its row group, as the HTML table model
has it (pandoc 3 writes a `td` spanning the columns). A row that a cell above reaches into
is `class="spanned"`: print never breaks a page above it (the region's name on one page,
its last year on the next without it). A cell is aligned as its first column is, but one
spanning columns all aligned right or centre is centred over them.

A cell's lines are one cell's words, as a pipe table's cell is (a list or paragraphs in a
cell: W504 from octavo.render.unrendered, its words kept on one line). A grid that cannot
be read stays a paragraph, its text kept, and W504 says why at the line at fault.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from octavo.render.grid_trace import Cell, Grid, Unread, read_grid
from octavo.render.table_tokens import push_cell, source_line
from octavo.render.tokens import octavo_state

__all__ = ["BLOCKS_IN_A_CELL", "SPANNED", "install"]

BLOCKS_IN_A_CELL = "grid_blocks"  # an inline's meta: its cell held a list or paragraphs
SPANNED = "spanned"  # a row's class: a cell of a row above reaches down into it


def install(md: MarkdownIt) -> None:
    md.block.ruler.before("table", "grid_tables", _grid_table)


def _grid_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    at = state.bMarks[start] + state.tShift[start]  # a top border's `+` (what strip() drops
    if at >= state.eMarks[start] or not (state.src[at] == "+" or state.src[at].isspace()):
        return False  # before it, past markdown-it's spaces and tabs, read on: `\f+--+`)
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    read = read_grid(lambda n: source_line(state, n).strip(), start, end)
    if read is None:
        return False
    if isinstance(read, Unread):
        if not silent:
            _unread(state, start, read)
        return False
    if silent:
        return True
    _push(state, start, read)
    state.line = start + read.length
    return True


def _unread(state: StateBlock, start: int, unread: Unread) -> None:
    """W504 at the line at fault, once for the grid (its paragraph is not told again by
    octavo.render.unrendered)."""
    octavo = octavo_state(state.env)
    if octavo is None or start in octavo.grid_lines:
        return
    octavo.grid_lines.add(start)
    octavo.problem(
        "W504",
        f"{unread.why}: not read as a table; its text is kept",
        start + unread.line,
        "draw each cell's box whole, every line as wide as the top border; "
        "see README, 'Writing a section'",
    )


def _push(state: StateBlock, start: int, grid: Grid) -> None:
    after = start + grid.length
    state.push("table_open", "table", 1).map = [start, after]
    groups = [c.columns for c in grid.cells if c.row == 0] if grid.head else []
    grouped = any(n > 1 for n in groups)  # the head's first row names column groups
    if grouped:
        for span in groups:
            group = state.push("colgroup_open", "colgroup", 1)
            if span > 1:
                group.attrs = {"span": str(span)}
            state.push("colgroup_close", "colgroup", -1)
    stub = any(c.column == 0 and c.rows > 1 for c in grid.cells if c.row >= grid.head)
    rows = len(grid.rows)
    starting: list[list[Cell]] = [[] for _ in range(rows)]  # each row's cells, in order
    spanned: set[int] = set()  # rows a cell above reaches into
    for cell in grid.cells:
        starting[cell.row].append(cell)
        spanned.update(range(cell.row + 1, cell.row + cell.rows))
    body = range(grid.head, rows - grid.foot)
    subheads = [n for n in body[:-1] if _subheading(starting[n], grid.columns)]
    # a run of subheadings heads one group ("Minsk", then "City" over its districts): a
    # group holding a heading alone would head no row
    opening = [n for n in subheads if n - 1 not in subheads]
    parts = [("thead", range(grid.head))]
    for begin, stop in zip([body.start, *opening], [*opening, body.stop], strict=True):
        parts.append(("tbody", range(begin, stop)))  # a subheading opens a row group
    parts.append(("tfoot", range(rows - grid.foot, rows)))
    for part, numbers in parts:
        if not numbers:
            continue
        first = start + grid.rows[numbers[0]]
        last = start + grid.rows[numbers[-1] + 1] if numbers[-1] + 1 < rows else after
        state.push(f"{part}_open", part, 1).map = [first, last]
        for number in numbers:
            line = start + grid.rows[number]
            row = state.push("tr_open", "tr", 1)
            row.map = [line, line + 1]
            if number in spanned:
                row.attrs = {"class": SPANNED}  # a page's break never parts it from above
            for cell in starting[number]:
                kind = _kind(part, cell, stub, grouped, grid.columns)
                _cell(state, start, cell, grid, ("th", "rowgroup") if number in subheads else kind)
            state.push("tr_close", "tr", -1)
        state.push(f"{part}_close", part, -1)
    state.push("table_close", "table", -1)


def _subheading(cells: list[Cell], columns: int) -> bool:
    """A body row of one cell with words across the table (of two columns or more): the
    name of the rows under it, to the next such row ("Minsk" over its districts)."""
    return len(cells) == 1 and cells[0].columns == columns > 1 and bool(cells[0].lines)


def _kind(part: str, cell: Cell, stub: bool, grouped: bool, columns: int) -> tuple[str, str]:
    """A cell's tag and scope (see above); `grouped`: the head names column groups."""
    if part == "thead":  # a column's header: scope="col" as any table's (floats.table)
        return "th", "colgroup" if grouped and cell.row == 0 and cell.columns > 1 else ""
    if cell.column == 0 and (stub or part == "tfoot") and cell.columns < columns:
        return "th", "row"
    return "td", ""


def _alignment(aligns: tuple[str, ...]) -> str:
    """A cell's alignment from its columns': centred over columns all aligned right or
    centre (a column group's name over its years, "n.a." across two columns of figures:
    set at the right it read as the last column's alone), else as its first."""
    if len(aligns) > 1 and all(a in ("right", "center") for a in aligns):
        return "center"
    return aligns[0]


def _cell(state: StateBlock, start: int, cell: Cell, grid: Grid, kind: tuple[str, str]) -> None:
    tag, scope = kind
    spans = {"colspan": str(cell.columns)} if cell.columns > 1 else {}
    if cell.rows > 1:
        spans["rowspan"] = str(cell.rows)
    if scope:
        spans["scope"] = scope
    align = _alignment(grid.aligns[cell.column : cell.column + cell.columns])
    words = "\n".join(cell.lines)
    inline = push_cell(state, tag, align, start + cell.line, words, spans)
    if cell.blocks:  # a list or paragraphs in the cell: W504 (octavo.render.unrendered)
        inline.meta[BLOCKS_IN_A_CELL] = True
