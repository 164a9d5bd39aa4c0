"""The book's own images as EPUB members: scaled down for e-readers, SVG cleaned.

A raster image whose longer side passes `epub_image_max` (book.toml) is scaled down with
Pillow, never up (a 16-bit grey PNG made 8-bit first, octavo.render.image_depth); the
bytes are the same for the same image (no metadata, fixed quality). Below the limit an
image goes in as it is: reading systems (browser engines) show 16-bit PNGs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from octavo.model import Image, Manuscript
from octavo.render.epub.links import book_media
from octavo.render.image_depth import eight_bit_image
from octavo.render.image_limits import quiet_large_images
from octavo.render.images import read_image
from octavo.render.svg import clean_svg

__all__ = [
    "Member",
    "cover_member",
    "epub_image",
    "image_members",
]

JPEG_QUALITY = 88


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # inside EPUB/: "media/images/map.png"
    media_type: str
    data: bytes


def image_members(manuscript: Manuscript) -> tuple[Member, ...]:
    root, limit = manuscript.book.root, manuscript.book.config.epub_image_max
    names = book_media(manuscript)
    return tuple(
        Member(names[i.path], i.media_type, epub_image(root, i, limit)) for i in manuscript.images
    )


def cover_member(manuscript: Manuscript) -> Member | None:
    """The book's own cover (book.toml `cover`), if it names one."""
    image = manuscript.cover
    if image is None:
        return None
    data = epub_image(manuscript.book.root, image, 2 * manuscript.book.config.epub_image_max)
    return Member(book_media(manuscript)[image.path], image.media_type, data)


def epub_image(root: Path, image: Image, limit: int) -> bytes:
    data = read_image(root, image.path)
    if image.media_type == "image/svg+xml":
        return clean_svg(data)[0]
    if max(image.width, image.height) <= limit or image.media_type == "image/gif":
        return data
    from PIL import Image as Pil

    quiet_large_images()
    with Pil.open(io.BytesIO(data)) as opened:
        scaled = eight_bit_image(opened.copy())  # Pillow scales no 16-bit grey ("I;16")
    scaled.thumbnail((limit, limit), Pil.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.media_type == "image/jpeg":
        scaled.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        scaled.save(out, "PNG", optimize=True)
    return out.getvalue()
