"""A wide table framed for a phone's screen: the EPUB's tables of six columns or more
(`table wide`, octavo.render.floats and html_tables) each in a frame of their own.

On a 360 px screen a table of many columns of figures ran off the screen, or had its
cells crushed to a few letters, and its caption, inside the table, was as wide as the
table and as small as its figures. Framed (templates/epub/table-frame.xhtml), the caption
is the frame's (a <figure>'s <figcaption>, as HTML asks of a table alone in a figure: the
caption is then the figure's), set at the text's size and the screen's width, and a table
of at most SCROLLED_ROWS rows is in a box that scrolls sideways where the reading system
scrolls one (styles/epub/book.css says how); where it does not, the box is a plain block
and the table is set as before. A box that scrolls is never split across pages (CSS
Fragmentation: it is monolithic), and a paginated reader cut a 46-row table in one box at
its page's foot: a taller table is cut into parts of at most SCROLLED_ROWS rows, its head
repeated in each (octavo.render.epub.table_parts), each part in a box of its own. In a box
a column head keeps its whole words (or breaks at a hyphen): out of one, a tall table set
to fit a phone had its heads cut inside their words ("Fro|m", "Chur|ch"). A table that
cannot be cut so (a table inside it, a row span taller than a page) is not in a box: it
is set to fit the screen (the type smaller, the cells' sides closer, its heads broken where
they must). The table's id goes to the frame, so a link to it shows the caption. Print is
not framed: its wide tables are turned (octavo.render.pdf).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape

from octavo.render.epub.table_parts import parts

__all__ = ["SCROLLED_ROWS", "Wide", "framed"]

# The rows of the tallest table in a box that scrolls: one page of a phone held sideways
# (some 300 px of text) at a wide table's type (13 px a row), its head of three lines.
SCROLLED_ROWS = 20

_WIDE = re.compile(r'<table\b[^>]*\bclass="table wide"[^>]*>')
_TABLE = re.compile(r"<(/?)table\b[^>]*>")
_CAPTION = re.compile(r"\s*<caption\b[^>]*>(.*?)</caption>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')
_LABEL = re.compile(r'<span class="caption-label">((?:(?!</span>).)*)</span>', re.S)


@dataclass(frozen=True, slots=True)
class Wide:
    """A wide table as its frame takes it (templates/epub/table-frame.xhtml's context)."""

    table: str  # its XHTML, without caption (or id, if it has a caption)
    tables: tuple[str, ...]  # the same in parts of at most SCROLLED_ROWS rows, if it can be cut
    caption: str  # the caption's XHTML, or ""
    ident: str  # the table's id, unescaped, or ""

    @property
    def scrolls(self) -> bool:
        """The whole table short enough for a box: what a book's own copy of an earlier
        frame (which takes `table` whole, and no parts) boxes, as it did."""
        return self.table.count("<tr") <= SCROLLED_ROWS

    @property
    def boxed(self) -> bool:
        """Its parts short enough for a box each."""
        return all(part.count("<tr") <= SCROLLED_ROWS for part in self.tables)

    @property
    def label(self) -> str:
        """The caption's label ('Table 3', its markup kept, its closing period left out: as
        print names a table again on the pages it runs on to), or "" if it has none."""
        found = _LABEL.search(self.caption)
        return re.sub(r"[.:\s]+$", "", found[1]) if found is not None else ""


def framed(html: str, frame: Callable[[Wide], str]) -> str:
    """`html` with each wide table in the frame `frame` makes of it."""
    if 'class="table wide"' not in html:
        return html
    out: list[str] = []
    at = 0
    while (found := _WIDE.search(html, at)) is not None:
        end = _close(html, found.end())
        opening, rest = found[0], html[found.end() : end]
        caption, ident = "", ""
        given = _CAPTION.match(rest)
        if given is not None:
            caption, rest = given[1], rest[given.end() :]
            named = _ID.search(opening)
            if named is not None:
                ident = unescape(named[1])  # as the template escapes it again
                opening = opening[: named.start()] + opening[named.end() :]
        table = opening + rest
        wide = Wide(table, parts(table, SCROLLED_ROWS), caption, ident)
        out += [html[at : found.start()], frame(wide)]
        at = end
    return "".join(out) + html[at:]


def _close(html: str, start: int) -> int:
    """The end of the </table> closing the table open before `start` (tables in it too)."""
    depth = 1
    for tag in _TABLE.finditer(html, start):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return tag.end()
    return len(html)  # unclosed (never, in sanitized XHTML): framed to the end
