"""Pillow's decompression-bomb limits, as octavo's own (octavo.limits.MAX_IMAGE_PIXELS).

Pillow warns of an image over 89,478,485 pixels (DecompressionBombWarning, through Python's
`warnings`) and refuses one over twice that (DecompressionBombError: E507, octavo's
limit). Between the two an image is within octavo's limits (its file under 16 MiB), but
the warning reached stderr as a line of Python ("…/PIL/Image.py:3593:
DecompressionBombWarning: …", ut47 bug 15), from octavo's own measure, the EPUB's scaling
and WeasyPrint's read alike. `quiet_large_images()` is called before each of them opens a
book's image, in whatever process: the warning is not shown, the refusal stays.
"""

from __future__ import annotations

import warnings

__all__ = ["quiet_large_images"]

# octavo.limits.MAX_IMAGE_PIXELS is Pillow's refusal (tests/unit/test_image_limits.py)


def quiet_large_images() -> None:
    """Pillow's warning of an image under octavo's limit (MAX_IMAGE_PIXELS) silenced, in
    this process (adding the same filter again replaces it)."""
    from PIL import Image as Pil

    warnings.filterwarnings("ignore", category=Pil.DecompressionBombWarning)
