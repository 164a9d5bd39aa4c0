"""16-bit greyscale PNGs made 8-bit, for the outputs that cannot show them as they are.

Pillow opens a 16-bit grey PNG (scanners and GIS tools write them) in mode "I;16".
WeasyPrint 70 knows no such mode: it logs "Unknown image mode", calls the image DeviceRGB
and writes its 16-bit samples as 8-bit RGB ones, so print showed a black or coloured-noise
block over part of the figure's box (ut47 bug 11), and PDF/X-1a's check called a grey
image RGB (E644). Pillow's own `convert("L")` clips every value over 255 to white, and its
LANCZOS scaling refuses the mode ("image has wrong mode"), so the EPUB could not scale one.

`eight_bit(data)` reads the PNG's header first (its bit depth and colour type) and decodes
only such an image: the samples are scaled to 0-255 (v / 257, rounded) and saved as an
8-bit grey PNG with no metadata but its ICC profile, the same bytes every build. A 16-bit
RGB or grey-and-alpha PNG is opened 8-bit by Pillow, and WeasyPrint prints it right.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from octavo.render.image_limits import quiet_large_images

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

__all__ = ["SIXTEEN_BIT_MODES", "eight_bit", "eight_bit_image"]

_PNG = b"\x89PNG\r\n\x1a\n"
SIXTEEN_BIT_MODES = frozenset({"I;16", "I;16B", "I;16L", "I;16N", "I"})


def eight_bit(data: bytes) -> bytes | None:
    """`data` (a PNG's bytes) as an 8-bit grey PNG if it is a 16-bit grey one, else None."""
    # IHDR is the first chunk: width, height, then bit depth (byte 24), colour type (25)
    if not data.startswith(_PNG) or len(data) < 26 or data[12:16] != b"IHDR":
        return None
    if data[24] != 16 or data[25] != 0:  # colour type 0: grey, no alpha
        return None
    from PIL import Image as Pil

    quiet_large_images()
    try:
        with Pil.open(io.BytesIO(data)) as opened:
            opened.load()
            converted = eight_bit_image(opened)
            profile = opened.info.get("icc_profile")
    except (OSError, ValueError, Pil.DecompressionBombError):  # reported by the manuscript
        return None
    out = io.BytesIO()
    converted.save(out, "PNG", optimize=True, **({"icc_profile": profile} if profile else {}))
    return out.getvalue()


def eight_bit_image(image: PilImage) -> PilImage:
    """A Pillow image in one of SIXTEEN_BIT_MODES as an 8-bit grey ("L") one, its values
    scaled (not clipped); any other image as it is."""
    if image.mode not in SIXTEEN_BIT_MODES:
        return image
    return image.convert("I").point(lambda v: v * (1 / 257) + 0.5).convert("L")
