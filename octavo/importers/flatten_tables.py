"""A page's `<table>` read as a data table (rows of cells, their alignment, its caption), or
not: a layout table, one that holds blocks, is walked as the blocks it holds
(octavo.importers.flatten)."""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from octavo.text import alignment, drop_table_number

__all__ = ["Cell", "data_table"]

Cell = Callable[[etree._Element], tuple[str, str]]  # an element's words: plain, Markdown
Table = tuple[str, str, tuple[tuple[str, ...], ...], tuple[str, ...]]


def data_table(element: etree._Element, cell: Cell) -> Table | None:
    """A data table's words (its caption's and its cells'), its caption as Markdown, its
    rows of cells as Markdown and its columns' alignments; None for a layout table (one
    that holds blocks) or one of fewer than two rows or columns."""
    rows = [r for r in element.iter("tr") if _owner(r) is element]
    if not rows or any(
        c.tag in ("table", "p", "div", "ul", "ol", "img") for r in rows for c in r.iter()
    ):
        return None
    cells: list[tuple[str, ...]] = []
    plain: list[str] = []
    shown: list[list[tuple[str, str]]] = []  # each row's cells: (text, its own alignment)
    for row in rows:
        texts, mds, aligned = [], [], []
        for one in row:
            if isinstance(one.tag, str) and one.tag in ("td", "th"):
                text, markdown = cell(one)
                texts.append(text)
                mds.append(markdown.replace("|", "\\|"))
                aligned.append((text, _own_alignment(one)))
        if any(texts):
            cells.append(tuple(mds))
            plain.append(" ".join(texts))
            shown.append(aligned)
    if len(cells) < 2 or max(len(r) for r in cells) < 2:
        return None
    width = max(len(r) for r in cells)
    cells = [r + ("",) * (width - len(r)) for r in cells]
    caption = _caption(element, cell)
    words = " ".join([caption[0], *plain]).strip()
    aligns = tuple(
        _column_alignment([r[c] for r in shown[1:] if c < len(r)], c == 0) for c in range(width)
    )
    return words, caption[1], tuple(cells), aligns


def _caption(table: etree._Element, cell: Cell) -> tuple[str, str]:
    """The table's <caption>, plain and as Markdown, without the page's own number
    ("Table 12."): octavo numbers the book's tables."""
    found = next((c for c in table if isinstance(c.tag, str) and c.tag == "caption"), None)
    if found is None:
        return "", ""
    text, markdown = cell(found)
    return drop_table_number(text), drop_table_number(markdown)


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
    if not stub and texts and all(_FIGURE.fullmatch(t) or _NONE.fullmatch(t) for t in texts):
        return "right" if any(_FIGURE.fullmatch(t) for t in texts) else ""
    return ""


def _owner(row: etree._Element) -> etree._Element | None:
    parent = row.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


_FIGURE = re.compile(r"[-+\u2212\u2013(]?\s?[$\u00a3\u20ac]?\d[\d,.\u00a0 ]*%?\)?")
# no figure: a dash, "n.a.", "N/A", dots, an asterisk, or a unit row's "(percent)"
_NONE = re.compile(r"(?i)-|\u2013|\u2014|\.\.\.?|\u2026|n\.?\s?a\.?|n/a|\*|\([^)]*[a-z][^)]*\)")
