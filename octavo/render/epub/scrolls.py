"""A table in a box of its own that scrolls sideways, for the EPUB.

On a phone the widest tables cannot fit whatever their type and cells give (a 16-column
table of four-figure numbers is 365 px at least: styles/epub/book.css), and a reader cut
such a table at the screen's edge, its last columns out of reach. Each table at the top of
a section's body is put in a `div.table-scroll` (`overflow-x: auto`): one that fits is as
before, one that does not scrolls in its box while the text keeps the screen's width.
Print has no such box (its tables go on landscape pages: octavo.render.pdf.landscape).
"""

from __future__ import annotations

import re

__all__ = ["scrolling_tables"]

_TABLE = re.compile(r"<(/?)table\b[^>]*>")  # XHTML: a '<' in text is &lt;
OPEN = '<div class="table-scroll">'


def scrolling_tables(html: str) -> str:
    """`html` with each outermost table wrapped in a scrolling box (tables in a table's
    cells are left in theirs); as it was if its tables' tags do not pair up."""
    if "<table" not in html:
        return html
    pieces: list[str] = []
    at = depth = 0
    for tag in _TABLE.finditer(html):
        if tag[1]:
            depth -= 1
            if depth < 0:
                return html
            if depth == 0:
                pieces += [html[at : tag.end()], "</div>"]
                at = tag.end()
        else:
            if depth == 0:
                pieces += [html[at : tag.start()], OPEN]
                at = tag.start()
            depth += 1
    return html if depth else "".join([*pieces, html[at:]])
