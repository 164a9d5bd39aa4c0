"""The contents' folios' column as wide as its widest folio.

A contents entry's title stops short of the folios' column (the link's `padding-inline-end`,
`--folio-column` in styles/print/book.css: 2.5 em, LaTeX's \\@tocrmarg), and its leader and
folio run into the column (octavo.render.pdf.weasy_leaders). A folio wider than the column
("xxxviii" of a long front matter is 3 em with the space before it) reached out of
the column to the left, and the titles' lines ran on under its left edge.
How wide the folios print is known only once the pages are: after a layout, the widest
contents folio (with the space before it) is measured, and where it is wider than the
column, the document's root is given `--folio-column` that wide and laid out again. A
book whose folios all fit (most: in octavo's type, a folio of five roman letters, "xxxiv",
or four figures) is laid out once, as before. Once: a wider column can lengthen the
contents by a page and so move a folio: a Preface on "xxxvii" (six letters, the column
widened for them) moved to "xxxviii", a letter wider than the column. So the folios are
measured again after each layout with a wider column, and the column widened again where
one of them no longer fits (`settle_column`): the column only grows, each pass for a folio
wider than the last pass's, at most `PASSES` widenings (a third is a book whose widest
folio moved twice). (A leader and folio are kept whole, styles/print/book.css: WeasyPrint
broke a title's last line before its leader unless the folio fitted before the column,
and set the two on a line of their own.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

__all__ = ["COLUMN", "PASSES", "folio_column", "hold_column", "settle_column"]

Laid = TypeVar("Laid")
PASSES = 3  # widenings of the column at most in one build

COLUMN = "--folio-column"  # the custom property of styles/print/book.css
_AFTER = "a::after"  # a contents entry's leader and folio (styles/print/book.css)
_PX = 0.75  # points a CSS pixel


def folio_column(pages: Iterable[Any]) -> str:
    """The CSS length of a column that holds the widest contents folio of the laid-out
    `pages` (weasyprint.Page) with the space before it, where that is wider than the column
    its entry was laid out with; "" where every folio fits (or there is no contents)."""
    widest = 0.0
    for page in pages:
        for entry in _entries(page._page_box):
            need = _need(entry)
            if need > _end_padding(entry) + 0.01:
                widest = max(widest, need)
    if not widest:
        return ""
    return f"{-(-widest * _PX // 0.25) * 0.25:g}pt"  # rounded up to a quarter point


def settle_column(
    html: Any,
    laid: Laid,
    pages: Callable[[Laid], Iterable[Any]],
    again: Callable[[Laid], Laid],
) -> tuple[str, Laid]:
    """The column the contents' folios need and the layout made with it: `laid` (a layout
    of `html`, whose `pages` are measured) as it is where every folio fits; else `html`
    given a column that holds the widest (`hold_column`) and laid out `again` (given the
    layout before), measured again, up to `PASSES` times. The column is "" where the first
    layout's folios fit (the book laid out once, as before)."""
    column = ""
    for _ in range(PASSES):
        wider = folio_column(pages(laid))
        if not wider:
            break
        column = wider
        hold_column(html, column)
        laid = again(laid)
    return column, laid


def hold_column(html: Any, column: str) -> None:
    """`html` (weasyprint.HTML) laid out with its contents' folios' column `column` wide
    (in place of a column set before)."""
    if not column:
        return
    root = html.etree_element
    kept = [d for d in root.get("style", "").split("; ") if d and not d.startswith(COLUMN)]
    root.set("style", "; ".join([*kept, f"{COLUMN}: {column}"]))


def _entries(box: Any) -> Iterator[Any]:
    """The blocks of links with a padding at their line's end (a contents entry's) under
    `box`, not looking into lines (a paragraph's words), where no such block is."""
    if type(box).__name__ == "LineBox":
        return
    if getattr(box, "element_tag", None) == "a" and _end_padding(box):
        yield box
        return
    for child in getattr(box, "children", None) or ():
        yield from _entries(child)


def _end_padding(box: Any) -> float:
    """The padding at the end of `box`'s lines: its right's, or its left's in a right-to-left
    book (styles/print/book.css sets `padding-inline-end`)."""
    style = getattr(box, "style", None)
    rtl = style is not None and style["direction"] == "rtl"
    return float(getattr(box, "padding_left" if rtl else "padding_right", 0) or 0)


def _need(entry: Any) -> float:
    """The width (px) the entry's leader and folio need in the column: the space before
    the leader and the folio after it, the leader at no width (its `::after` on the lines
    of the link's block, in one piece or broken before the leader)."""
    need = 0.0
    for line in getattr(entry, "children", None) or ():
        for after in getattr(line, "children", None) or ():
            if getattr(after, "element_tag", None) != _AFTER:
                continue
            for child in getattr(after, "children", None) or ():
                if not getattr(child, "is_leader", False):
                    need += child.margin_width()
    return need
