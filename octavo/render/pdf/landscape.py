"""A table too wide for the text block even in the smaller type of a wide table is set on
a page of its own laid out landscape (`page: landscape`, styles/print/book.css), never past
the margin, and turned onto a page of the book's size as the PDF is written (a broadside
table: octavo.render.pdf.broadside).

Whether it fits is judged from the markup, before layout, so that WeasyPrint alone (and
`--html`) gives the same pages: the narrowest a table can be is the sum, over its columns,
of the longest word in each (cells wrap between words, and a word broken inside is not a
table a reader can use), at the wide table's type size and padding.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable

__all__ = ["CHAR_EM", "WIDE_PT", "landscape_tables", "narrowest"]

WIDE_PT = 7.0  # styles/print/book.css: table.wide { font-size }
PADDING_PT = 5.0  # table.wide th, td: 2.5pt each side
CHAR_EM = 0.55  # an average character of the book face, in ems (digits are 0.5)

_TABLE = re.compile(r'<table class="table wide"(.*?)</table>', re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<t[hd]\b([^>]*)>(.*?)</t[hd]>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CAPTION = re.compile(r"<caption\b.*?</caption>", re.DOTALL)
_SPANS = re.compile(r'\b(colspan|rowspan)="([0-9]{1,4})"')


def narrowest(
    table: str,
    size: float = WIDE_PT,
    padding: float = PADDING_PT,
    width: Callable[[str], float] = len,
) -> float:
    """The least width in points the table's columns take without breaking a word, in type
    of `size` points with `padding` points on each side of a cell's text: each cell in its column
    as the table model places it (a grid table's cell spanning rows takes its column in
    the rows under it), one spanning columns widening them only where its longest word is
    wider than they are together. `width`: a word's width in average characters (CHAR_EM
    each; its length by default)."""
    longest: list[float] = []
    spanning: list[tuple[int, int, float]] = []  # (first column, columns, longest word)
    taken: dict[tuple[int, int], bool] = {}  # slots a cell from a row above reaches into
    for y, row in enumerate(_ROW.findall(_CAPTION.sub("", table))):
        x = 0
        for attributes, cell in _CELL.findall(row):
            while taken.pop((y, x), False):
                x += 1
            spans = {name: max(1, int(value)) for name, value in _SPANS.findall(attributes)}
            columns, rows = spans.get("colspan", 1), spans.get("rowspan", 1)
            words = html.unescape(_TAG.sub(" ", cell)).split()
            most = max((width(w) for w in words), default=0.0)
            for below in range(y + 1, y + rows):
                taken.update({(below, k): True for k in range(x, x + columns)})
            longest += [0] * (x + columns - len(longest))
            if columns == 1:
                longest[x] = max(longest[x], most)
            else:
                spanning.append((x, columns, most))
            x += columns

    def points(characters: float) -> float:
        """A column's least width for its longest word of `characters`, padding included."""
        return characters * CHAR_EM * size + 2 * padding

    for first, columns, word in spanning:  # what the columns under it lack, shared out
        lack = points(word) - sum(points(n) for n in longest[first : first + columns])
        if lack > 0:
            for k in range(first, first + columns):
                longest[k] += math.ceil(lack / columns / (CHAR_EM * size))
    return sum(points(n) for n in longest)


def landscape_tables(body: str, measure: float | None) -> str:
    """Each wide table of `body` narrowest past `measure` (the text block's width in points)
    classed `landscape`; None (a document without a text block of its own: a stamp, the
    cover) leaves them as they are."""
    if measure is None:
        return body

    def one(match: re.Match[str]) -> str:
        if narrowest(match[0]) <= measure:
            return match[0]
        return f'<table class="table wide landscape"{match[1]}</table>'

    return _TABLE.sub(one, body)
