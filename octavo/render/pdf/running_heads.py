"""A running head on one line: a title longer than the text block is wide is cut.

A running head is the title of the chapter (or of the book) in the head margin, in 9 pt
italic. A long one ("La economía, las relaciones exteriores y la política de seguridad
nacional de la República de Belarús después de la independencia") wrapped in its margin box
onto a second line, down against the text block's first, and `invoke check` called its
own book wrong (E613). WeasyPrint clips nothing in a page's margin box (`overflow`,
`text-overflow` are not read there), so the head is cut before: after its last whole word
that fits, with an ellipsis, measured in the shipped italic face (Pillow's layout, with
HarfBuzz where Pillow has it, as WeasyPrint shapes). A book that sets its heads in a face
of its own is measured in octavo's. A title with letters the shipped face lacks (Arabic,
Hebrew) is measured in the machine's face WeasyPrint sets it in, found through
fontconfig (octavo.render.faces), shaped and in its direction where Pillow has raqm.

The cut keeps the title's beginning, in its reading order, and its ellipsis at its end:
where the title is written in the other direction than the book (an Arabic title in an
English book, an English one in an Arabic book), the ellipsis, a neutral, would take the
line's direction and stand at the title's beginning; a mark of the title's direction after
it (U+200F or U+200E, of no width) keeps it at the title's end.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from octavo.render.faces import HELD, Face, face_for, raqm
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


@lru_cache(maxsize=4)
def _machine_face(face: Face) -> Any:
    from PIL import ImageFont

    engine = ImageFont.Layout.RAQM if raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(
        str(face.path), HEAD_PT * _SCALE, index=face.index, layout_engine=engine
    )


def _width(text: str) -> float:
    """`text`'s width in points as the head sets it: in the shipped italic, or where it
    lacks the text's letters in the machine's face that holds them (octavo.render.faces)."""
    if all(ord(c) in HELD for c in text):  # a Latin title: the shipped face, no fontconfig
        return float(_face().getlength(text)) / _SCALE
    face = face_for(STYLES / "fonts" / "LinLibertine_RI.otf", text, "italic")
    if not face.fallback:
        return float(_face().getlength(text)) / _SCALE
    way = _direction(text) if raqm() else None
    return float(_machine_face(face).getlength(text, direction=way)) / _SCALE


def _direction(text: str) -> str:
    """The direction of `text`'s first letter written in one ('rtl', 'ltr'), as the
    bidirectional algorithm finds a paragraph's; 'ltr' for one without."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _ended(cut: str, direction: str) -> str:
    """The cut `cut` (ending in its ellipsis) with a mark of its own direction after it,
    where that is not the book's `direction`: the ellipsis then stands at its end."""
    own = _direction(cut)
    if own == direction:
        return cut
    return cut + ("\u200f" if own == "rtl" else "\u200e")


def running_head(text: str, measure: float | None, direction: str = "ltr") -> str:
    """`text` cut to hold on one line of `measure` points (the text block's width), after
    its last whole word that does, and an ellipsis; "" when it fits whole (or there is no
    measure): the head is the title as the heading sets it. `direction`: the book's, the
    heads' line's (a title in the other direction is marked to end in its ellipsis)."""
    if measure is None or _width(text) <= measure * ROOM:
        return ""
    words = text.split()
    for end in range(len(words) - 1, 0, -1):
        cut = " ".join(words[:end]).rstrip(CUT_AFTER) + ELLIPSIS
        if _width(cut) <= measure * ROOM:
            return _ended(cut, direction)
    return _ended(words[0] + ELLIPSIS, direction)  # one word longer than the line
