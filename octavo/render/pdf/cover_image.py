"""The book's cover image (book.toml `cover`) as print sets it: the PDF's first page, and
the front of the print cover (`invoke cover`), each filled to its bleed as CSS's
`object-fit: cover` fills a box (styles/print/book.css, cover.css): scaled until it covers
the box, the rest cut away. Told at book.toml's `cover` line, as W508 is of a figure: a
picture printed under MIN_DPI (W659), and one of another shape than its box, which loses
more than CROP_TOLERANCE of its width or height (W660). The EPUB shows the picture whole,
at the reader's size: neither is told of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from octavo.errors import Diagnostic, warning
from octavo.render.images import MIN_DPI, SVG

if TYPE_CHECKING:
    from octavo.model import Manuscript

__all__ = ["CROP_TOLERANCE", "PRINTERS_DPI", "cover_image_told"]

CROP_TOLERANCE = 0.05  # of the picture's width or height, cut away: its edge, not its subject
PRINTERS_DPI = 300  # what printers ask of a cover (IngramSpark, KDP): the hint's size


def cover_image_told(
    manuscript: Manuscript, width: float, height: float, where: str, bled: bool
) -> tuple[Diagnostic, ...]:
    """W659 and W660 for the book's cover image filling a box `width` × `height` points
    (its bleed included, if `bled`) `where` print sets it ("on the PDF's first page")."""
    image = manuscript.cover
    if image is None or image.media_type == SVG or not image.width or not image.height:
        return ()
    config = manuscript.book.config
    wide, high = width / 72, height / 72
    box = f"{wide:.2f} × {high:.2f} in ({'the trim and its bleed' if bled else 'the trim'})"
    shaped = f"{round(wide * PRINTERS_DPI)} × {round(high * PRINTERS_DPI)} px"
    found: list[Diagnostic] = []
    dpi = min(image.width / wide, image.height / high)  # the side that fills its box
    if dpi < MIN_DPI:
        found.append(
            warning(
                "W659",
                f"cover '{image.path}' prints at {dpi:.0f} dpi {where}: {image.width} × "
                f"{image.height} px filling {box}; under {MIN_DPI} dpi it looks coarse",
                config.path,
                config.cover_line,
                hint=f"use an image of {shaped} or more: printers ask {PRINTERS_DPI} dpi of a "
                "cover",
            )
        )
    given, room = image.width / image.height, wide / high
    cut = 1 - min(given, room) / max(given, room)
    if cut > CROP_TOLERANCE:
        side = "width" if given > room else "height"
        found.append(
            warning(
                "W660",
                f"cover '{image.path}' is cut {where}: {cut:.0%} of its {side} is cut away "
                f"to fill {box}, of another shape than its {image.width} × {image.height} px",
                config.path,
                config.cover_line,
                hint=f"give a picture of the page's shape, cropped as it should print: "
                f"{shaped} at {PRINTERS_DPI} dpi",
            )
        )
    return tuple(found)
