"""A wide table framed for a phone's screen: the EPUB's tables of six columns or more
(`table wide`, octavo.render.floats and html_tables) each in a frame of their own.

On a 360 px screen a table of many columns of figures ran off the screen, or had its
cells crushed to a few letters, and its caption, inside the table, was as wide as the
table and as small as its figures. Framed (templates/epub/table-frame.xhtml), the caption
is the frame's (a <figure>'s <figcaption>, as HTML asks of a table alone in a figure: the
caption is then the figure's), set at the text's size and the screen's width, and a table
of at most SCROLLED_ROWS rows is in a box that scrolls sideways where the reading system
scrolls one (styles/epub/book.css says how); where it does not, the box is a plain block
and the table is set as before. A taller table is not: a box that scrolls is never split
across pages (CSS Fragmentation: it is monolithic), and a paginated reader cut a 46-row
table at its page's foot; it is set to fit the screen (the type smaller, the cells'
sides closer), as before. The table's id goes to the frame, so a link to it shows the
caption. Print is not framed: its wide tables are turned (octavo.render.pdf).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

__all__ = ["SCROLLED_ROWS", "framed"]

# The rows of the tallest table in a box that scrolls: one page of a phone held sideways
# (some 300 px of text) at a wide table's type (13 px a row), its head of three lines.
SCROLLED_ROWS = 20

_WIDE = re.compile(r'<table\b[^>]*\bclass="table wide"[^>]*>')
_TABLE = re.compile(r"<(/?)table\b[^>]*>")
_CAPTION = re.compile(r"\s*<caption\b[^>]*>(.*?)</caption>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')

# (the table without its caption, the caption's XHTML or "", the table's id or "", whether
# it scrolls) -> the frame
Frame = Callable[[str, str, str, bool], str]


def framed(html: str, frame: Frame) -> str:
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
        scrolls = rest.count("<tr") <= SCROLLED_ROWS
        table = opening + rest
        out += [html[at : found.start()], frame(table, caption, ident, scrolls)]
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
