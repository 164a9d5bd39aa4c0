"""A table a page breaks is named again at the head of every page it runs on to: "Table 3
(continued)", as a book sets a long table (the caption stays on its first page only).

WeasyPrint repeats a table's head (<thead>) on each page the table spans, and CSS has no way
to tell the head's first showing from the others (Prince's `prince-caption-page` is its
own). So the print HTML gives each captioned table's head a first row that names it
(`continued_heads`), hidden (`visibility: hidden`, styles/print/book.css) and, on the first
page, overlapped by the caption (whose bottom margin is less the row's height: the table
sits where it sat without the row); after layout, `show_continued` makes the row visible on
every page of the table but its first. Visibility changes no line of the layout: nothing is
laid out again, and a hidden row draws nothing (no hidden text in the PDF). WeasyPrint alone
on `--html` lays out the same pages, without the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import escape
from typing import Any

from octavo.render.pdf.box_tree import walk_boxes

__all__ = ["ROW_CLASS", "continued_heads", "show_continued"]

ROW_CLASS = "table-continued"
# a table's caption (never past its end: a caption is the table's first child), its column
# groups (a grid table's: octavo.render.grid_tables) and its head's first row
_CAPTIONED = re.compile(
    r'(<table class="table\b[^"]*"[^>]*>\s*)<caption>(\s*<span class="caption-label">'
    r"((?:(?!</span>).)*)</span>(?:(?!</caption>).)*</caption>"
    r"\s*(?:<colgroup\b[^>]*>\s*(?:</colgroup>\s*)?)*<thead>)"
    r"((?:(?!</tr>).)*</tr>)",
    re.DOTALL,
)
_CELL = re.compile(r"<t[hd]\b([^>]*)>")
_SPAN = re.compile(r'\bcolspan="([0-9]+)"')


def continued_heads(body: str, form: tuple[tuple[str, str], ...]) -> str:
    """`body` with a hidden first row in the head of each captioned table, naming it in
    `form` (the parts of the book's `table_continued`, '{label} (continued)': Labels.parts)
    with the caption's label ('Table 3', its closing period left out)."""
    if "caption-label" not in body:
        return body

    def one(match: re.Match[str]) -> str:
        label = re.sub(r"[.:\s]+$", "", match[3])  # 'Table 3.' -> 'Table 3' (markup kept)
        columns = sum(int(s[1]) if (s := _SPAN.search(c)) else 1 for c in _CELL.findall(match[4]))
        named = f'<span class="caption-label">{label}</span>'
        words = "".join(
            escape(text, quote=False) + (named if field == "label" else "") for text, field in form
        )
        row = f'<tr class="{ROW_CLASS}"><th colspan="{columns}">{words}</th></tr>'
        return f'{match[1]}<caption class="continues">{match[2]}{row}{match[4]}'

    return _CAPTIONED.sub(one, body)


def show_continued(document: Any, begun: Iterable[Any] = ()) -> None:
    """Make the hidden naming row of each table's head visible on the pages the table runs
    on to (a laid-out weasyprint Document, changed in place, before it is drawn); `begun`:
    the elements of tables begun before its first page (a layout resumed at a page:
    octavo.render.pdf.parallel.resume)."""
    seen: set[int] = {id(element) for element in begun}
    for page in document.pages:
        for table in _tables(page._page_box):
            element = id(table.element)
            if element in seen:
                for row in _rows(table):
                    for box in walk_boxes(row):
                        box.style = box.style.copy()
                        box.style["visibility"] = "visible"
            seen.add(element)


def _tables(box: Any) -> Iterator[Any]:
    """The table boxes of a page, not looking into lines (a table is never inside one)."""
    for child in getattr(box, "children", None) or ():
        kind = type(child).__name__
        if kind == "TableBox":
            yield child
        elif kind != "LineBox":
            yield from _tables(child)


def _rows(table: Any) -> Iterator[Any]:
    for group in table.children:
        if getattr(group, "is_header", False):
            for row in group.children:
                if ROW_CLASS in (row.element.get("class") or "").split():
                    yield row
