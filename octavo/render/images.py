"""The images a book shows: found inside the book folder, their format and size read.

A path is checked before anything is read: it must stay inside the book folder once
symlinks are followed (E506). Then the file must exist (E505) and be a PNG, JPEG, GIF or
SVG (E507); Pillow reads the size of the first three, the SVG's root element gives its
own. An image printed under 150 dpi at the width it is given is a warning (W508).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from octavo.errors import Diagnostic, error, warning
from octavo.limits import MAX_IMAGE_PIXELS
from octavo.model import BookConfig, Image
from octavo.render.image_limits import quiet_large_images
from octavo.sandbox import FileRefused, read_file

if TYPE_CHECKING:  # the EPUB writer reads this module, and never imports markdown-it
    from octavo.render.tokens import ImageUse

# Pillow and lxml (octavo.render.svg) are imported where an image needs them: a build whose
# images were measured before (octavo.render.markdown_cache) needs neither.

__all__ = [
    "MEDIA_TYPES",
    "MIN_DPI",
    "ImageProblem",
    "image_diagnostics",
    "misnamed",
    "probe_image",
    "raster_key",
    "raster_size",
    "read_image",
    "refused",
    "svg_removals",
    "text_width_in",
]

MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}
SVG = "image/svg+xml"
MIN_DPI = 150
CSS_PX = 96  # CSS pixels an inch: a picture given no size prints a pixel so (print's CSS)
# a size in figures (not "٥٠"), and in reach of an int: 400 nines read as float('inf')
_SVG_SIZE = re.compile(r'\b(width|height)\s*=\s*"([0-9]{1,9}(?:\.[0-9]{1,9})?)(?:px)?"')


@dataclass(frozen=True, slots=True)
class ImageProblem:
    code: str
    message: str
    hint: str = ""


def probe_image(
    root: Path, path: str, measure: Callable[[bytes], tuple[str, int, int] | str] | None = None
) -> Image | ImageProblem:
    """The image at `path` (relative to the book folder, '/'-separated), or why not.
    `measure`: a raster image's format and size, or why it cannot be read (default
    `raster_size`: Pillow's)."""
    inside = root.resolve()
    target = (inside / path).resolve()
    if not target.is_relative_to(inside):
        return ImageProblem(
            "E506",
            f"image '{path}' leads outside the book folder; not read",
            "copy the image into the book folder and refer to it from there",
        )
    if not target.exists():
        return ImageProblem("E505", f"image '{path}' not found", "check the path and its case")
    try:
        data = read_image(root, path)
    except FileRefused as refused:
        found = refused.diagnostic
        return ImageProblem(found.code, f"image '{path}': {found.message}", found.hint)
    if target.suffix.lower() == ".svg":
        return _svg(data, path)
    measured = (measure or raster_size)(data)
    if isinstance(measured, str):
        hint = (
            f"scale it down under {MAX_IMAGE_PIXELS:,} pixels (a print page needs no more "
            "than about 4,000 by 5,000)"
            if measured == _BOMB
            else _FORMATS
        )
        return ImageProblem("E507", f"image '{path}' cannot be read: {measured}", hint)
    kind, width, height = measured
    if kind not in MEDIA_TYPES:
        return ImageProblem(
            "E507", f"image '{path}' is {kind}, not PNG, JPEG, GIF or SVG", _FORMATS
        )
    return Image(path, MEDIA_TYPES[kind], width, height)


def raster_key(data: bytes) -> str:
    """The key of a raster image's measure (octavo.render.markdown_cache keeps them): its
    bytes (and octavo's versions)."""
    from octavo.cache import fingerprint

    return "image:" + fingerprint(data)


# EXIF's Orientation tag, and its values that turn the picture a quarter (WeasyPrint and
# the EPUB's readers show it so: CSS image-orientation's default is from-image)
_ORIENTATION = 0x0112
_TURNED = frozenset({5, 6, 7, 8})


def raster_size(data: bytes) -> tuple[str, int, int] | str:
    """A raster image's format (Pillow's word: "PNG", "JPEG", …) and size in pixels as
    it is shown (a JPEG's EXIF orientation turning it a quarter swaps the two), or why
    Pillow cannot read it."""
    from PIL import Image as Pil
    from PIL import ImageFile, UnidentifiedImageError

    quiet_large_images()
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint sets it, for every process
    try:
        with Pil.open(io.BytesIO(data)) as opened:
            kind, (width, height) = opened.format or "", opened.size
            if kind == "JPEG":  # decoded at an eighth of its size: as sure, far quicker
                opened.draft(opened.mode, (max(1, width // 8), max(1, height // 8)))
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            opened.load()  # a truncated stream stops here (the PDF left it out, silent)
            # (after the load: a PNG's EXIF may follow its pixels, and reading it loads them)
            if opened.getexif().get(_ORIENTATION, 1) in _TURNED:  # shown turned a quarter
                width, height = height, width
            return kind, width, height
    except UnidentifiedImageError:  # Pillow's text names the stream's memory address
        return "not an image Pillow knows (PNG, JPEG, GIF or another raster format)"
    except Pil.DecompressionBombError:  # a few bytes that claim billions of pixels
        return _BOMB
    except OSError as exc:
        return str(exc)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


_FORMATS = "save it as PNG, JPEG, GIF or SVG"
_BOMB = "it claims more pixels than Pillow will decode (a decompression bomb)"


def read_image(root: Path, path: str) -> bytes:
    """An image's bytes, read by octavo.sandbox's rules (inside the book, a regular file,
    under the image size limit); FileRefused otherwise."""
    return read_file(root / path, (root,), "image")


def _svg(data: bytes, path: str) -> Image | ImageProblem:
    from octavo.render.svg import SvgError, clean_svg

    head = data[:4096].decode("utf-8", "replace")
    try:
        clean_svg(data)
    except SvgError as exc:
        return ImageProblem("E507", f"image '{path}' is not an SVG document: {exc}", _FORMATS)
    tag = head[head.index("<svg") : head.find(">", head.index("<svg")) + 1]
    sizes = {name: float(value) for name, value in _SVG_SIZE.findall(tag)}
    return Image(path, SVG, int(sizes.get("width", 0)), int(sizes.get("height", 0)))


def svg_removals(root: Path, image: Image, file: Path, line: int) -> tuple[Diagnostic, ...]:
    """W514 for what cleaning takes out of an SVG (scripts, handlers, outside references)."""
    if image.media_type != SVG:
        return ()
    from octavo.render.svg import clean_svg

    _, removed = clean_svg(read_image(root, image.path))
    if not removed:
        return ()
    return (
        warning(
            "W514",
            f"image '{image.path}': removed {', '.join(dict.fromkeys(removed))}",
            file,
            line,
            hint="an SVG may not run scripts or load other files; both outputs show it without",
        ),
    )


def text_width_in(config: BookConfig) -> float:
    """The width of the book's text block in inches (its trim less the inner and outer
    margins, octavo.source.paper): a figure's `width=N%` is a share of it."""
    from octavo.source.paper import PaperError, page_setup

    try:
        page = page_setup(config.paper, config.margins)
    except PaperError:  # reported by book.toml's own checks
        page = page_setup("letter")
    return (page.width - page.inner - page.outer) / 72


def image_diagnostics(
    image: Image, use: ImageUse, text_width: float, file: Path, line: int
) -> tuple[Diagnostic, ...]:
    """W508 when a raster figure would print under MIN_DPI at its width: a share of a text
    block `text_width` inches wide, a width on paper, the width its height on paper gives
    it (the image's own proportions), or, given no size, its own (CSS_PX pixels an inch);
    never wider than the text block."""
    if image.media_type == SVG or not image.width:
        return ()
    inches = image.width / CSS_PX if use.own else use.inches or text_width * use.percent / 100
    if use.high and image.height:
        inches = use.high * image.width / image.height
    if not inches:
        return ()
    inches = min(inches, text_width)  # print holds a figure to the text block (a review's
    # find: `height=40in` was told "20 dpi" of a picture printed at 187)
    dpi = image.width / inches
    if dpi >= MIN_DPI:
        return ()
    return (
        warning(
            "W508",
            f"image '{image.path}' prints at {dpi:.0f} dpi ({image.width} px across "
            f"{inches:.1f} in); under {MIN_DPI} dpi it looks coarse",
            file,
            line,
            hint=f"use an image {round(inches * MIN_DPI)} px wide or more, or a smaller width=",
        ),
    )


# the names each format goes by: readers and EPUBCheck (PKG-022) go by a file's name
_SUFFIXES = {
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "image/gif": (".gif",),
    SVG: (".svg",),
}


def misnamed(image: Image, file: Path, line: int | None) -> tuple[Diagnostic, ...]:
    """W523 when an image's name says another format than its bytes (a PNG saved as
    `map.jpg`): octavo reads the bytes, but an EPUB's reading system and EPUBCheck
    (PKG-022, at `invoke check`) go by the name."""
    suffix = Path(image.path).suffix.lower()
    names = _SUFFIXES.get(image.media_type, ())
    if not names or suffix in names:
        return ()
    kind = image.media_type.removeprefix("image/").upper()
    right = Path(image.path).with_suffix(names[0]).as_posix()
    return (
        warning(
            "W523",
            f"image '{image.path}' is a {kind} image, but its name says "
            + (f"'{suffix}'" if suffix else "no format"),
            file,
            line,
            hint=f"rename it '{right}' and refer to it so (readers go by the name)",
        ),
    )


def refused(problem: ImageProblem, file: Path, line: int | None) -> Diagnostic:
    """The problem as an error at the place the image is used."""
    return error(problem.code, problem.message, file, line, hint=problem.hint)
