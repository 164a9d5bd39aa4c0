"""A chapter's title set small enough to stay on its opening page.

A chapter's title is set at 1.9em of its h1's 2em (styles/print/book.css): 42 pt over 11 pt
type. A title of 250 letters ran to eleven lines on letter paper, past the opening page's
foot: its last words printed at the top of the next page under a running head (ut47 bug
21). So a title that would take more than MAX_LINES lines at that size is given a class
that sets it smaller (`title-long`: 1.5em, `title-longer`: 1.2em, `title-longest`: 1em),
the largest at which it holds in MAX_LINES, measured in the shipped face (Pillow's layout,
as octavo.render.pdf.running_heads measures the heads) by filling lines word by word. A
title too long even at 1em keeps that size and breaks across pages; `invoke check` tells
it (E655, octavo.check.titles).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from octavo.shipped import FONTS, REGULAR_FACE

__all__ = ["MAX_LINES", "SIZES", "title_class"]

MAX_LINES = 5
# the classes, largest first, with the size each sets in ems of the body's type
SIZES = (("", 1.9), ("title-long", 1.5), ("title-longer", 1.2), ("title-longest", 1.0))
HEADING = 2.0  # the chapter heading's own size, in ems of the body's (an h1's, WeasyPrint's)
TRACKING = 0.02  # the title's letter-spacing, in ems
ROOM = 0.97  # of the text block's width: a little kept for shaping's differences
_PT = 100.0  # the face is measured at this size; widths scale with it


@lru_cache(maxsize=1)
def _face() -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / REGULAR_FACE), _PT)


def _lines(words: list[str], size: float, measure: float) -> int:
    """How many lines `words` fill at `size` points, `measure` points wide."""
    face, room = _face(), measure * ROOM * _PT / size
    space = float(face.getlength(" ")) + TRACKING * _PT
    lines, width = 1, 0.0
    for word in words:
        length = float(face.getlength(word)) + TRACKING * _PT * len(word)
        if width and width + space + length > room:
            lines, width = lines + 1, length
        else:
            width += (space if width else 0.0) + length
    return lines


def title_class(text: str, measure: float | None, type_size: float) -> str:
    """The class that sets a chapter title of `text` on at most MAX_LINES lines of a
    `measure`-point text block with `type_size`-point body type; "" for the usual size (or
    no measure: a stamp's)."""
    words = text.split()
    if measure is None or not words:
        return ""
    for name, ems in SIZES:
        if _lines(words, ems * HEADING * type_size, measure) <= MAX_LINES:
            return name
    return SIZES[-1][0]
