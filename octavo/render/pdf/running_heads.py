"""A running head on one line: a title longer than the text block is wide is cut.

A running head is the title of the chapter (or of the book) in the head margin, in 9 pt
italic. A long one ("La economía, las relaciones exteriores y la política de seguridad
nacional de la República de Belarús después de la independencia") wrapped in its margin box
onto a second line, down against the text block's first, and `invoke check` called its
own book wrong (E613). WeasyPrint clips nothing in a page's margin box (`overflow`,
`text-overflow` are not read there), so the head is cut before: after its last whole word
that fits, with an ellipsis, measured in the shipped italic face (Pillow's layout, with
HarfBuzz where Pillow has it, as WeasyPrint shapes). A book that sets its heads in a face
of its own is measured in octavo's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from octavo.shipped import STYLES
from octavo.text import CUT_AFTER

__all__ = ["running_head"]

HEAD_PT = 9.0  # styles/print/book.css: the running heads' size
ROOM = 0.98  # of the text block's width: a little kept for shaping's differences
ELLIPSIS = "\u2026"
_SCALE = 100  # the face is measured at HEAD_PT × _SCALE, for whole-pixel precision


@lru_cache(maxsize=1)
def _face() -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(STYLES / "fonts" / "LinLibertine_RI.otf"), HEAD_PT * _SCALE)


def _width(text: str) -> float:
    return float(_face().getlength(text)) / _SCALE


def running_head(text: str, measure: float | None) -> str:
    """`text` cut to hold on one line of `measure` points (the text block's width), after
    its last whole word that does, and an ellipsis; "" when it fits whole (or there is no
    measure): the head is the title as the heading sets it."""
    if measure is None or _width(text) <= measure * ROOM:
        return ""
    words = text.split()
    for end in range(len(words) - 1, 0, -1):
        cut = " ".join(words[:end]).rstrip(CUT_AFTER) + ELLIPSIS
        if _width(cut) <= measure * ROOM:
            return cut
    return words[0] + ELLIPSIS  # one word longer than the line: as long as it is
