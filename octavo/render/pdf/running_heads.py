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

from octavo.model.language_tags import text_direction
from octavo.render.faces import HELD, Face, face_for, missing, raqm
from octavo.shipped import FONTS, ITALIC_FACE
from octavo.text import CUT_AFTER

__all__ = ["running_head"]

HEAD_PT = 9.0  # styles/print/book.css: the running heads' size
ROOM = 0.98  # of the text block's width: a little kept for shaping's differences
ELLIPSIS = "\u2026"
_SCALE = 100  # the face is measured at HEAD_PT × _SCALE, for whole-pixel precision
_ITALIC = FONTS / ITALIC_FACE


@lru_cache(maxsize=1)
def _face() -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(_ITALIC), HEAD_PT * _SCALE)


@lru_cache(maxsize=4)
def _machine_face(face: Face) -> Any:
    from PIL import ImageFont

    engine = ImageFont.Layout.RAQM if raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(
        str(face.path), HEAD_PT * _SCALE, index=face.index, layout_engine=engine
    )


def _width(text: str, fallback: Face | None = None) -> float:
    """`text`'s width in points as the head sets it, font by font as Pango picks them: a
    run of characters the shipped italic holds in it, a run it lacks in `fallback` (the
    machine's face `_fallback` found for the title) where that face holds the run, else in
    the shipped italic (its boxes). A space or other invisible character stays in the run
    before it (Pango does not change fonts for a space). A title the shipped face holds
    whole, or where `fallback` holds none of its runs, is measured whole in it, as before."""
    runs = _runs(text) if fallback is not None else []
    if fallback is None or not any(lacking and not missing(r, fallback) for r, lacking in runs):
        return float(_face().getlength(text)) / _SCALE
    return sum(_run_width(run, lacking, fallback) for run, lacking in runs) / _SCALE


def _fallback(text: str) -> Face | None:
    """The machine's face for the characters of `text` the shipped italic lacks (looked up
    once a title: a cut's characters are among its title's), None where it holds them all
    or no face of the machine's is found."""
    lacking = "".join(dict.fromkeys(c for c in text if _lacks(c)))
    if not lacking:
        return None
    face = face_for(_ITALIC, lacking, "italic")
    return face if face.fallback else None


def _lacks(char: str) -> bool:
    """Whether the shipped italic lacks `char`, a visible one (a space, a format character
    such as a mark of direction, is no run's own)."""
    if ord(char) in HELD or not _visible(char):
        return False
    return bool(missing(char, Face(_ITALIC)))


def _visible(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char)[0] != "C"


def _runs(text: str) -> list[tuple[str, bool]]:
    """`text` in runs of the characters the shipped italic holds and of those it lacks
    (True), each invisible character joined to the run before it (the first's, at the
    start)."""
    runs: list[tuple[str, bool]] = []
    pending = ""
    for char in text:
        if not _visible(char):
            if runs:
                runs[-1] = (runs[-1][0] + char, runs[-1][1])
            else:
                pending += char
            continue
        lacking = _lacks(char)
        if runs and runs[-1][1] == lacking:
            runs[-1] = (runs[-1][0] + char, lacking)
        else:
            runs.append((pending + char, lacking))
            pending = ""
    if pending:
        runs.append((pending, False))
    return runs


def _run_width(run: str, lacking: bool, fallback: Face) -> float:
    """A run's width at HEAD_PT × _SCALE: in `fallback` where the shipped face lacks it and
    `fallback` holds it (shaped in its direction by raqm, where Pillow has it)."""
    if not lacking or missing(run, fallback):
        return float(_face().getlength(run))
    way = text_direction(run) if raqm() else None
    return float(_machine_face(fallback).getlength(run, direction=way))


def _ended(cut: str, direction: str) -> str:
    """The cut `cut` (ending in its ellipsis) with a mark of the direction at its cut (of
    its last letter written in one: "Egypt: <Arabic words>…" is cut in Arabic) after it,
    where that is not the book's `direction`: the ellipsis then stands at its end."""
    own = text_direction(cut, last=True)
    if own == direction:
        return cut
    return cut + ("\u200f" if own == "rtl" else "\u200e")


def running_head(text: str, measure: float | None, direction: str = "ltr") -> str:
    """`text` cut to hold on one line of `measure` points (the text block's width), after
    its last whole word that does, and an ellipsis; "" when it fits whole (or there is no
    measure): the head is the title as the heading sets it. `direction`: the book's, the
    heads' line's (a title cut in the other direction is marked to end in its ellipsis)."""
    if measure is None:
        return ""
    fallback = _fallback(text)  # one look-up a title, for every cut of it
    if _width(text, fallback) <= measure * ROOM:
        return ""
    words = text.split()
    for end in range(len(words) - 1, 0, -1):
        cut = " ".join(words[:end]).rstrip(CUT_AFTER) + ELLIPSIS
        if _width(cut, fallback) <= measure * ROOM:
            return _ended(cut, direction)
    return _ended(words[0] + ELLIPSIS, direction)  # one word longer than the line
