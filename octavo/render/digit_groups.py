"""A figure written in digit groups with a space ("12 345", as French and Russian write
it) kept on one line: in a table's cell whose whole text is that one figure, each space
between its groups becomes the no-break space the book's language groups digits with
(ICU's grouping separator: U+202F in French, U+00A0 in Russian; U+00A0 in a language that
groups with a comma or a point, where the space is the author's own). A phone's narrow
column broke "12 345" into "12" over "345", two numbers to a reader.

Only a whole cell is joined: in running text "in 1995 345 people" holds two numbers a
space apart, which no rule can tell from one figure of two groups."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it.token import Token

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["GROUPED", "group_separator", "join_cells", "join_elements"]

# a sign, one to three figures, then groups of three each after one space (or a no-break
# one), a decimal part: "12 345", "−1 234 567,5", "+12 345.25"
GROUPED = re.compile("[-+\u2212]?\\d{1,3}(?:[ \u00a0\u202f]\\d{3})+(?:[.,]\\d+)?")
_SPACE = re.compile("(?<=\\d)[ \u00a0\u202f](?=\\d)")
_SPACES = (" ", "\u00a0", "\u202f")


@lru_cache(maxsize=16)
def group_separator(language: str) -> str:
    """The no-break space `language` writes between digit groups: its own, ICU's, when it
    groups with a space, else a no-break space (U+00A0)."""
    import icu

    symbols = icu.DecimalFormatSymbols(icu.Locale(language.replace("-", "_")))
    own = str(symbols.getSymbol(icu.DecimalFormatSymbols.kGroupingSeparatorSymbol))
    return own if own in _SPACES[1:] else "\u00a0"


def join_cells(tokens: list[Token], start: int, end: int, language: str) -> None:
    """Join the digit groups of every cell of tokens[start:end] whose whole text is one
    figure in groups (its words alone: a note's call or a link makes it more than one)."""
    for at in range(start, end):
        if tokens[at].type not in ("td_open", "th_open"):
            continue
        inline = tokens[at + 1]
        children = inline.children or []
        if not all(c.type == "text" or c.type.endswith(("_open", "_close")) for c in children):
            continue
        words = "".join(c.content for c in children if c.type == "text")
        if not GROUPED.fullmatch(words.strip()):
            continue
        separator = group_separator(language)
        for child in children:
            if child.type == "text":
                child.content = _SPACE.sub(separator, child.content)


def join_elements(table: etree._Element, language: str) -> None:
    """The same for an HTML table's cells of text alone (`<td>12 345</td>`)."""
    for cell in table.iter("th", "td"):
        if len(cell) == 0 and cell.text and GROUPED.fullmatch(cell.text.strip()):
            cell.text = _SPACE.sub(group_separator(language), cell.text)
