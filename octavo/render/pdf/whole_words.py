"""A table whose words fit across the text block whole is set without hyphenating them
(class `whole-words`: `hyphens: manual`, styles/print/book.css).

A table's cells hyphenate (`hyphens: auto`), so that a long word in a narrow column still
breaks at a syllable. But WeasyPrint's automatic table layout sizes each column between its
narrowest (min-content) and its widest (max-content) width, and hyphenation makes the
narrowest a syllable: a ten-column table printed "Kath-mandu" and "House-holds" in their
columns while a column with a long head ("Literacy rate (percent) 1991") took the room
they lacked. Without hyphenation, a column's narrowest is its longest word, which the
layout then never breaks.

Judged from the markup, as octavo.render.pdf.landscape judges a table too wide, so that
WeasyPrint alone (and `--html`) gives the same pages: the table's longest word in each
column at its type size and padding (`narrowest`), within ROOM of the text block. Past it
(an estimate: the type's real widths are not measured), the table hyphenates as before,
rather than run past the margin; a landscape table is left as it is.
"""

from __future__ import annotations

import re

from octavo.render.pdf.landscape import WIDE_PT, narrowest

__all__ = ["ROOM", "whole_word_tables"]

ROOM = 0.9  # the share of the text block the estimate may take: its error's margin
TABLE_PT = 8.5  # styles/print/book.css: table.table { font-size }
TABLE_PADDING_PT = 4.0  # table.table th, td: each side
WIDE_PADDING_PT = 2.5  # table.wide th, td: each side

# A capital is wider than the average character CHAR_EM counts (in the book face's bold,
# as a head's "TELECOMMUNICATIONS" is set, 0.67 em against 0.55): a table of capitals
# estimated by length alone was classed here and ran 25 pt past the margin.
CAPITAL = 1.3  # a capital, in average characters


def _characters(word: str) -> float:
    """`word`'s width in average characters, a capital counted CAPITAL."""
    return len(word) + (CAPITAL - 1) * sum(c.isupper() for c in word)


_TABLE = re.compile(r'<table class="table( wide)?"(.*?)</table>', re.DOTALL)


def whole_word_tables(body: str, measure: float | None) -> str:
    """Each table of `body` (not a landscape one) whose longest words fit in ROOM of
    `measure` (the text block's width in points) classed `whole-words`; None (a document
    without a text block of its own: a stamp, the cover) leaves them as they are."""
    if measure is None or "<table" not in body:
        return body

    def one(match: re.Match[str]) -> str:
        wide = bool(match[1])
        size, padding = (WIDE_PT, WIDE_PADDING_PT) if wide else (TABLE_PT, TABLE_PADDING_PT)
        if narrowest(match[0], size, padding, _characters) > ROOM * measure:
            return match[0]
        return f'<table class="table{match[1] or ""} whole-words"{match[2]}</table>'

    return _TABLE.sub(one, body)
