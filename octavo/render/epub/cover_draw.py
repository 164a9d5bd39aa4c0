"""The default cover drawn with Pillow (FreeType), not WeasyPrint.

A cold `invoke epub` spent most of its time drawing the cover: importing WeasyPrint alone
costs more than rendering a whole study. The default design (styles/cover.css as shipped)
is simple enough to draw directly: a coloured ground, a ruled frame, the series, the
country, a rule, the title, the subtitle, the authors and editors (as the title page names
them, in the book's language) and the publisher, all in the shipped face (a text it
does not hold, Arabic or Chinese, in a face of the machine's that does, shaped by raqm:
octavo.render.faces; a text of more scripts, each script run in the first face that
holds it: octavo.render.epub.cover_runs; what cannot be drawn so is W658). A book that
overrides the cover's template or stylesheet gets its design drawn by WeasyPrint, as
before (octavo.render.epub.cover decides).

Geometry follows styles/cover.css (4 x 6 in at 400 dpi); the two are kept in step by the
test that compares them. Titles are broken into balanced lines, so no word is left alone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageChops, ImageColor, ImageDraw

from octavo.casing import upper
from octavo.render.epub.cover_lines import balanced_lines, text_width
from octavo.render.epub.cover_runs import Font, MixedFont, Setting, font_at, setting, tracking_of
from octavo.shipped import BOLD_FACE, ITALIC_FACE, REGULAR_FACE
from octavo.text import strip_tags

if TYPE_CHECKING:
    from octavo.render.epub.cover import CoverText

__all__ = [
    "COVER_SIZE",
    "CoverDesign",
    "Faces",
    "balanced_lines",
    "draw_cover",
    "faces",
]

DPI = 400
COVER_SIZE = (1600, 2400)  # pixels: 4 x 6 in at 400 dpi
PT = DPI / 72


@dataclass(frozen=True, slots=True)
class CoverDesign:
    """What styles/cover.css says, in pixels at 400 dpi."""

    size: tuple[int, int] = COVER_SIZE
    ground: str = "#6b2d1f"
    ink: str = "#f6efe2"
    accent: str = "#d8b98a"
    inset: int = round(0.28 * DPI)
    border: int = round(1.2 * PT)
    pad_top: int = round(0.35 * DPI)
    pad_side: int = round(0.3 * DPI)
    middle_top: int = round(1.45 * DPI)
    series_pt: float = 10
    country_pt: float = 36
    rule_width: int = round(1.2 * DPI)
    rule_gap: int = round(0.22 * DPI)
    title_pt: float = 20
    subtitle_gap: int = round(0.18 * DPI)
    subtitle_pt: float = 13
    contributors_gap: int = round(0.35 * DPI)
    contributors_pt: float = 12
    publisher_pt: float = 8.5
    publisher_bottom: int = round(0.35 * DPI)


@dataclass(frozen=True, slots=True)
class Faces:
    regular: Path
    italic: Path
    bold: Path


def faces(fonts: Path) -> Faces:
    return Faces(fonts / REGULAR_FACE, fonts / ITALIC_FACE, fonts / BOLD_FACE)


def draw_cover(text: CoverText, fonts: Path, design: CoverDesign = CoverDesign()) -> bytes:
    """The cover of `text` as PNG bytes: the same text gives the same bytes."""
    series, country = upper(text.series, text.language), upper(text.country, text.language)
    publisher = text.publisher
    title_html, subtitle_html = text.title_html, text.subtitle_html
    face = faces(fonts)
    language = text.language
    width, height = design.size
    inner = design.inset + design.border
    left, right = inner + design.pad_side, width - inner - design.pad_side
    box = right - left
    publisher_face = setting(face.regular, publisher, language)
    publisher_font = _font(publisher_face, design.publisher_pt)
    publisher_tracking = tracking_of(publisher_face, publisher, 0.03)
    publisher_lines = (
        balanced_lines(publisher, publisher_font, box, publisher_tracking) if publisher else []
    )
    step = round(publisher_font.size * 1.2)
    publisher_top = height - inner - design.publisher_bottom - step * len(publisher_lines)
    # The middle (country, rule, title, subtitle, who made the book) at its size, or smaller
    # until it clears the publisher: 'Belarus, Nepal and Moldova' in 36 pt ran the title
    # into it.
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):
        ink, accent = Image.new("L", design.size), Image.new("L", design.size)
        on_ink, on_accent = ImageDraw.Draw(ink), ImageDraw.Draw(accent)
        texts = (country, strip_tags(title_html), strip_tags(subtitle_html))
        frame = (inner, left, box)
        end = _middle(on_ink, on_accent, texts, face, language, design, scale, frame)
        regular = setting(face.regular, " ".join(text.contributors), language)
        end = _contributors(on_ink, text.contributors, regular, design, scale, end, left)
        if end <= publisher_top - design.subtitle_gap:
            break
    # Two coverage masks, one a colour: text is drawn anti-aliased into them, then they
    # become palette indices (ground→ink 0-127, ground→accent 128-255). No two masks
    # overlap, so a palette PNG holds the picture exactly, small and quick to write.
    if series:
        series_face = setting(face.regular, series, language)
        font = _font(series_face, design.series_pt)
        top = inner + design.pad_top
        _centred(on_accent, series, font, top, left, box, tracking_of(series_face, series, 0.2))
    for i, line in enumerate(publisher_lines):
        top = publisher_top + i * step
        _centred(on_accent, line, publisher_font, top, left, box, publisher_tracking)
    indices = _indices(ink, accent)
    ImageDraw.Draw(indices).rectangle(  # the frame: accent all through (index 255)
        (design.inset, design.inset, width - design.inset - 1, height - design.inset - 1),
        outline=255,
        width=design.border,
    )
    picture = indices.convert("P")
    picture.putpalette(_palette(design))
    out = io.BytesIO()
    picture.save(out, "PNG", compress_level=6)
    return out.getvalue()


_TO_INK = [v * 127 // 255 for v in range(256)]  # coverage -> palette index
_TO_ACCENT = [0] + [128 + v * 127 // 255 for v in range(1, 256)]
_STRIP = 64  # rows of the masks turned into indices at a time


def _indices(ink: Image.Image, accent: Image.Image) -> Image.Image:
    """The masks' coverage as palette indices, worked out only on the strips of rows that
    hold text: the rest of the cover is ground (index 0), and passes over all of it (two
    lookups and a sum of 3.8 megapixels each) took 11 ms, a fifth of drawing it."""
    width = ink.size[0]
    indices = Image.new("L", ink.size)
    boxes = [b for b in (ink.getbbox(), accent.getbbox()) if b is not None]
    top, bottom = min((b[1] for b in boxes), default=0), max((b[3] for b in boxes), default=0)
    for y in range(top, bottom, _STRIP):
        strip = (0, y, width, min(y + _STRIP, bottom))
        ink_strip, accent_strip = ink.crop(strip), accent.crop(strip)
        if ink_strip.getbbox() is None and accent_strip.getbbox() is None:
            continue
        coverage = ImageChops.add(ink_strip.point(_TO_INK), accent_strip.point(_TO_ACCENT))
        indices.paste(coverage, strip)
    return indices


def _middle(
    on_ink: ImageDraw.ImageDraw,
    on_accent: ImageDraw.ImageDraw,
    texts: tuple[str, str, str],
    face: Faces,
    language: str,
    design: CoverDesign,
    scale: float,
    frame: tuple[int, int, int],
) -> int:
    """Country, rule, title and subtitle, their sizes times `scale`; the y below them."""
    country, title, subtitle = texts
    inner, left, box = frame
    width = design.size[0]
    y = inner + round(design.middle_top * scale)
    if country:
        country_face = setting(face.bold, country, language, "bold")
        tracking = tracking_of(country_face, country, 0.06)
        font = _fitting(country_face, design.country_pt * scale, country, box, tracking)
        for line in balanced_lines(country, font, box, tracking):
            _centred(on_ink, line, font, y, left, box, tracking)
            y += round(font.size * 1.05)
        y += design.rule_gap
    half = design.rule_width // 2
    on_accent.rectangle(
        (width // 2 - half, y, width // 2 + half - 1, y + design.border - 1), fill=255
    )
    y += design.border + design.rule_gap
    font = _font(setting(face.regular, title, language), design.title_pt * scale)
    y = _paragraph(on_ink, title, font, 1.2, y, left, box)
    if subtitle:
        y += design.subtitle_gap
        italic = setting(face.italic, subtitle, language, "italic")
        font = _font(italic, design.subtitle_pt * scale)
        y = _paragraph(on_ink, subtitle, font, 1.25, y, left, box)
    return y


def _contributors(
    on_ink: ImageDraw.ImageDraw,
    lines: tuple[str, ...],
    face: Setting,
    design: CoverDesign,
    scale: float,
    y: int,
    left: int,
) -> int:
    """Who made the book below the subtitle ('A and B', 'Edited by C'), each line of theirs
    broken evenly; the y below them."""
    if not lines:
        return y
    box = design.size[0] - 2 * left  # the frame is symmetric
    y += round(design.contributors_gap * scale)
    font = _font(face, design.contributors_pt * scale)
    for line in lines:
        y = _paragraph(on_ink, line, font, 1.25, y, left, box)
    return y


def _palette(design: CoverDesign) -> list[int]:
    """Index i < 128: ground blended toward ink by i/127; i >= 128: toward accent."""
    ground, ink, accent = (ImageColor.getrgb(c) for c in (design.ground, design.ink, design.accent))
    colours: list[int] = []
    for target in (ink, accent):
        for step in range(128):
            colours += [
                round(g + (t - g) * step / 127) for g, t in zip(ground, target, strict=True)
            ]
    return colours


def _font(face: Setting, points: float) -> Font:
    return font_at(face, round(points * PT))


def _fitting(face: Setting, points: float, text: str, box: int, tracking: float) -> Font:
    """The face at `points`, smaller if the longest word would not fit the box."""
    font = _font(face, points)
    longest = max(text.split() or [""], key=lambda word: text_width(word, font, tracking))
    while points > 8 and text_width(longest, font, tracking) > box:
        points -= 1
        font = _font(face, points)
    return font


def _paragraph(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: Font,
    leading: float,
    y: int,
    left: int,
    box: int,
) -> int:
    step = round(font.size * leading)
    for line in balanced_lines(text, font, box):
        _centred(draw, line, font, y, left, box, 0.0)
        y += step
    return y


def _centred(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: Font,
    y: int,
    left: int,
    box: int,
    tracking: float,
) -> None:
    """One line centred in the box, top at y, into a mask; `tracking` in em (letter-spacing)."""
    x = left + (box - text_width(text, font, tracking)) / 2
    if isinstance(font, MixedFont):  # untracked: its runs, each in its face
        font.draw(draw, (x, y), text)
        return
    if not tracking:
        draw.text((x, y), text, font=font, fill=255)
        return
    for char in text:
        draw.text((x, y), char, font=font, fill=255)
        x += font.getlength(char) + tracking * font.size
