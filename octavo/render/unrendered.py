"""Pandoc blocks octavo does not render, which markdown-it reads as a paragraph: told
(W504) where a reader would otherwise see their marks as text. Split from
octavo.render.inlines, which calls it for each paragraph."""

from __future__ import annotations

import re

from markdown_it.token import Token

from octavo.render.grid_tables import BLOCKS_IN_A_CELL
from octavo.render.pandoc_tables import split_cells
from octavo.render.tokens import State

__all__ = ["unrendered_block"]

_GRID_BORDER = re.compile(r"^\+[-=:][^\n]*\+$", re.MULTILINE)  # "+" at both ends
_UNRENDERED = (
    (
        re.compile(r"^:::", re.MULTILINE),
        "a ':::' line that is no fenced div's fence (an opening '::: {.class}' or "
        "'::: Word' needs a closing ':::' line after it, a closing one a div to close); "
        "its text is kept",
    ),
    (
        _GRID_BORDER,
        "a grid table whose top border is no line of '-' and '+' ('+---+---+') is not "
        "read as a table; its text is kept",
    ),
)
_DELIMITER_CELL = re.compile(r":?-+:?")  # a pipe table's delimiter row's cell: ---, :--:


def _delimiter_row(row: str) -> bool:
    """|---|:--:|, its outer pipes optional (cell by cell: one pattern of the whole row,
    its spaces on both sides of each pipe optional, took seconds on a long row)."""
    inner = row.strip()
    if "|" not in inner:
        return False
    inner = inner.removeprefix("|").removesuffix("|")
    return all(_DELIMITER_CELL.fullmatch(cell.strip()) for cell in inner.split("|"))


def unrendered_block(state: State, inline: Token) -> None:
    """W504 for pandoc blocks octavo does not render, which would read as a paragraph: a
    stray fenced div's fence, a grid table it cannot read, a pipe table whose delimiter
    row does not match its header (markdown-it reads a paragraph, GFM's rule; pandoc a
    table cut or padded to the delimiter row's cells, dropping words), a list or
    paragraphs in a grid table's cell (set on one line)."""
    line = inline.map[0] if inline.map else 0
    if inline.meta.get(BLOCKS_IN_A_CELL):
        state.problem(
            "W504",
            "a list or paragraphs in a grid table's cell are set as one line of words",
            line,
            "keep a cell to words, or set the list after the table",
        )
    if inline.content[:1] == "|":
        _pipe_rows(state, inline.content, line)
    if inline.content[:1] not in (":", "+") and "\n:::" not in inline.content:
        return  # what both patterns begin with (a stray fence: on any line)
    for pattern, message in _UNRENDERED:
        if pattern is _GRID_BORDER and line in state.grid_lines:
            continue  # told at its line at fault (octavo.render.grid_tables)
        if pattern.search(inline.content):
            state.problem("W504", message, line, "see README, 'Writing a section'")


def _pipe_rows(state: State, content: str, line: int) -> None:
    """W504 for a paragraph that is a pipe table but for its delimiter row's cells."""
    rows = content.split("\n")
    if len(rows) < 2 or not _delimiter_row(rows[1]):
        return
    header, delimiter = (len(split_cells(r.strip().strip("|"))) for r in rows[:2])
    state.problem(
        "W504",
        f"a pipe table whose delimiter row has {delimiter} cell(s) for its header's "
        f"{header} is not a table; its text is kept",
        line,
        "give the delimiter row one |---| for each cell of the header",
    )
