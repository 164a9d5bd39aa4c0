"""A table's tokens, as markdown-it's pipe table makes them (`table_open`, `thead_open`,
`th_open` … with `text-align` styles), for the tables pandoc reads and markdown-it does
not (octavo.render.pandoc_tables, octavo.render.grid_tables); and a line of the source as
those tables read it."""

from __future__ import annotations

from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

__all__ = ["Row", "push_cell", "push_table", "source_line"]

Row = list[list[str]]  # a row's cells, each the lines of its text


def source_line(state: StateBlock, number: int) -> str:
    """Line `number` of the source as a table reads it: its tabs four columns."""
    return state.src[state.bMarks[number] : state.eMarks[number]].expandtabs(4)


def push_table(
    state: StateBlock,
    start: int,
    after: int,
    header: Row | None,
    rows: list[tuple[int, Row]],
    aligns: list[str],
) -> None:
    """A pipe table's tokens for the table read (lines `start` to `after`)."""
    token = state.push("table_open", "table", 1)
    token.map = [start, after]
    if header is not None:
        state.push("thead_open", "thead", 1).map = [start, start + 1]
        _row(state, header, "th", aligns, start)
        state.push("thead_close", "thead", -1)
    state.push("tbody_open", "tbody", 1).map = [rows[0][0], after]
    for line, row in rows:
        _row(state, row, "td", aligns, line)
    state.push("tbody_close", "tbody", -1)
    state.push("table_close", "table", -1)


def _row(state: StateBlock, row: Row, tag: str, aligns: list[str], line: int) -> None:
    state.push("tr_open", "tr", 1).map = [line, line + 1]
    for cell, align in zip(row, aligns, strict=True):
        push_cell(state, tag, align, line, "\n".join(t.strip() for t in cell if t.strip()))
    state.push("tr_close", "tr", -1)


def push_cell(
    state: StateBlock,
    tag: str,
    align: str,
    line: int,
    words: str,
    spans: dict[str, str] | None = None,
) -> Token:
    """A cell's tokens (`tag` "th" or "td"), as markdown-it's pipe table pushes them: its
    alignment a `text-align` style (octavo.render.floats makes it a class), then `spans`
    (a grid table's colspan, rowspan and scope); its inline token, `words` read from
    `line`, returned."""
    opening = state.push(f"{tag}_open", tag, 1)
    attrs: dict[str, str | int | float] = {"style": f"text-align:{align}"} if align else {}
    attrs.update(spans or {})
    opening.attrs = attrs
    inline = state.push("inline", "", 0)
    inline.map = [line, line + 1]
    inline.content = words
    inline.children = []
    state.push(f"{tag}_close", tag, -1)
    return inline
