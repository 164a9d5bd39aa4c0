"""The faces a drawn cover's text is set in (`setting`: one face, or a stack where its
script runs take more: octavo.render.faces.set_in), and a line set in several
(`MixedFont`: a Latin title with an Arabic, Armenian or Abkhaz word): each run in its
own face at the one size, on the first face's baseline, in the order the bidirectional
algorithm sets them (octavo.render.bidi, on the base direction of the book's language,
as the print cover's `dir` gives it), each laid out by raqm in its own direction (Arabic
joined, a right-to-left run in its order).

A MixedFont stands where a line of one face has its Pillow font: octavo.render.epub.
cover_lines measures it by `getlength` and `size`, so lines are broken by the widths of
the faces drawn, and octavo.render.epub.cover_draw draws it by `draw`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import ImageDraw, ImageFont

from octavo.model.language_tags import direction
from octavo.render.bidi import levels, visual_order
from octavo.render.faces import (
    Face,
    first_holding,
    needs_raqm,
    raqm,
    script_runs,
    set_in,
    stack_for,
)

__all__ = ["Font", "MixedFont", "Setting", "font_at", "setting", "tracking_of", "visual_runs"]


@dataclass(frozen=True, slots=True)
class Setting:
    """What a text is drawn in: one face (`faces[0]`), or a stack of them where its script
    runs take more than one (`mixed`), `rtl` the base direction of its lines then."""

    faces: tuple[Face, ...]
    mixed: bool = False
    rtl: bool = False


def setting(shipped: Path, text: str, language: str, style: str = "regular") -> Setting:
    """`text`'s faces (octavo.render.faces.set_in): a text in one face is drawn as it
    always was; the base direction of a mixed one's lines is its book's language's."""
    used = {face for _, face in set_in(shipped, text, style)}
    if len(used) == 1:
        return Setting(tuple(used))
    return Setting(stack_for(shipped, text, style), True, direction(language) == "rtl")


def font_at(face: Setting, pixels: int) -> Font:
    """The face (or faces, in a MixedFont) at `pixels`; a fallback laid out by raqm where
    Pillow has it, as its scripts ask (Arabic joined, right to left in order)."""
    if face.mixed:
        fonts = tuple(_one_font(f, pixels) for f in face.faces)
        return MixedFont(face.faces, fonts, face.rtl, raqm())
    return _one_font(face.faces[0], pixels)


def _one_font(face: Face, pixels: int) -> ImageFont.FreeTypeFont:
    if not face.fallback:
        return ImageFont.truetype(str(face.path), pixels)
    engine = ImageFont.Layout.RAQM if raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(face.path), pixels, index=face.index, layout_engine=engine)


def tracking_of(face: Setting, text: str, tracking: float) -> float:
    """The design's letter-spacing, none in a fallback face, for right-to-left text or
    for a text of faces mixed: a letter-spaced line is drawn a character at a time, which
    parted Arabic's joined letters and reversed a right-to-left word (a Hebrew country,
    in the shipped face)."""
    return 0.0 if face.mixed or face.faces[0].fallback or needs_raqm(text) else tracking


@dataclass(frozen=True, slots=True)
class MixedFont:
    """The faces a text is set in (`faces[i]` drawn by `fonts[i]`, the first the shipped),
    at one size; `rtl`: the base direction of the line."""

    faces: tuple[Face, ...]
    fonts: tuple[ImageFont.FreeTypeFont, ...]
    rtl: bool
    raqm: bool

    @property
    def size(self) -> float:
        return self.fonts[0].size

    def getlength(self, text: str) -> float:
        return sum(float(f.getlength(run, direction=way)) for run, f, way in self._runs(text))

    def draw(self, draw: ImageDraw.ImageDraw, xy: tuple[float, int], text: str) -> None:
        """`text` with its left edge at x, the top of the first face's ascent at y: every
        run on the first face's baseline."""
        x, top = xy
        baseline = top + self.fonts[0].getmetrics()[0]
        for run, font, way in self._runs(text):
            draw.text((x, baseline), run, font=font, fill=255, anchor="ls", direction=way)
            x += font.getlength(run, direction=way)

    def _runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont, str | None]]:
        """`text`'s runs left to right as drawn, each with its font and direction (given
        to raqm only: Pillow's basic layout takes none)."""
        fonts = dict(zip(self.faces, self.fonts, strict=True))
        return [
            (run, fonts[face], ("rtl" if level % 2 else "ltr") if self.raqm else None)
            for run, face, level in visual_runs(text, self.faces, self.rtl)
        ]


def visual_runs(text: str, stack: tuple[Face, ...], rtl: bool) -> list[tuple[str, Face, int]]:
    """`text`'s runs of one face and one bidirectional level, left to right as drawn, each
    in the first face of `stack` that holds it (the one that holds most, else)."""
    faced = [(run, first_holding(stack, run)) for run in script_runs(text)]
    level_of = levels(text, rtl)
    runs: list[tuple[str, Face, int]] = []
    at = 0
    for run, face in faced:
        for char in run:
            level = level_of[at]
            at += 1
            if runs and runs[-1][1] == face and runs[-1][2] == level:
                runs[-1] = (runs[-1][0] + char, face, level)
            else:
                runs.append((char, face, level))
    return [runs[i] for i in visual_order([level for _, _, level in runs])]


Font = ImageFont.FreeTypeFont | MixedFont
