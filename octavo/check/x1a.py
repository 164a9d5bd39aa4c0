"""What PDF/X-1a refuses in what a PDF's pages paint (E644, by octavo.check.variants): RGB
colour and transparency, as octavo.check.paint reads them, told.

Each problem is told once, at the first page that paints it, with the pages after it: an
image XObject (its object), or one kind of colour or transparency ("RGB colour, fill,
DeviceRGB": the same CSS colour is on every page). An image is named by the book's image of
its pixel size (`images`: its source file). The hints say where such a colour or
transparency comes from in a book WeasyPrint lays out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf

from octavo.check.paint import (
    GROUP,
    INLINE,
    MALFORMED,
    RGB,
    STATE,
    Paint,
    Painted,
    Reader,
    Seen,
    rgb_space,
)
from octavo.model import Image

__all__ = ["Found", "x1a_problems"]

_SHOWN = 5  # the pages listed after "and on N more pages:"
_CMYK_ONLY, _CMYK_OR_GREY = "PDF/X-1a is CMYK only", "PDF/X-1a is CMYK or grey only"
_FLATTEN = "flatten it onto white first"
_NOT_RGB = (
    "give the figure as a CMYK JPEG or an 8-bit greyscale PNG or JPEG (WeasyPrint writes "
    "1-bit and palette PNGs, and any with a transparent colour, as RGB), or use "
    "--pdf-variant pdf/x-4, which allows RGB; octavo converts no colours without the "
    "printer's press profile"
)
_GROUP_HINT = (
    "WeasyPrint paints CSS opacity, a CSS background image, an SVG's opacity, pattern or "
    "gradient, and SVG text anchored at its middle or end, in a transparency group: leave "
    "them out of a PDF/X-1a book, or use --pdf-variant pdf/x-4, which allows transparency"
)
_RGB_PAINT = (
    "a book's own CSS colours go in styles/print/cmyk.css as device-cmyk(), and an SVG's "
    "as device-cmyk() too (a shape given no fill is filled in RGB black); WeasyPrint "
    "writes a CSS gradient as RGB; or use --pdf-variant pdf/x-4, which allows RGB"
)

_MALFORMED = (
    "PDF gives the object another type, and a preflight cannot read it either; WeasyPrint "
    "writes none such: build the PDF again with octavo, or ask the program that made or "
    "changed it"
)


@dataclass(frozen=True, slots=True)
class Found:
    """One thing the variant refuses, as told."""

    message: str
    figure: str = ""  # the book's image it is ("images/coast.png"), if known
    hint: str = ""


def x1a_problems(pdf: pikepdf.Pdf, images: Sequence[Image]) -> Iterator[Found]:
    """PDF/X-1a's transparency and colour in what `pdf`'s pages paint, each problem once."""
    reader = Reader()
    first: dict[object, tuple[int, Seen]] = {}  # a problem's key: its first page, as seen
    pages: dict[object, list[int]] = {}  # the pages painting it
    for number, page in enumerate(pdf.pages, start=1):
        for seen in reader.page(page.obj):
            key = seen.key if isinstance(seen, Painted) else (seen.kind, seen.how, seen.space)
            if isinstance(seen, Painted) and not _image_problems(seen.image)[0]:
                continue
            first.setdefault(key, (number, seen))
            if pages.setdefault(key, [])[-1:] != [number]:
                pages[key].append(number)
    for told, (number, seen) in first.items():
        more = _more(pages[told][1:])
        if isinstance(seen, Painted):
            yield _image_found(number, seen, more, images)
        else:
            message, hint = _told(seen)
            yield Found(f"page {number}: {message}{more}", hint=hint)


def _told(paint: Paint) -> tuple[str, str]:
    """What a colour or transparency is, where (after "page N: "), and its hint."""
    within = paint.within
    if paint.kind == RGB:
        where = within or " in the page content"
        return f"RGB colour{where} ({paint.how}, {paint.space}; {_CMYK_ONLY})", _RGB_PAINT
    if paint.kind == INLINE:
        space = f"{paint.space}; {_CMYK_OR_GREY}"
        return f"an inline image{within} ({paint.how}) is RGB ({space})", _NOT_RGB
    if paint.kind == GROUP:
        return f"a transparency group{within}", _GROUP_HINT
    if paint.kind == STATE:
        return f"transparency in graphics state {paint.how}{within}", ""
    if paint.kind == MALFORMED:
        return f"a malformed object{within}: {paint.how}", _MALFORMED
    return f"content that cannot be read{within} ({paint.how})", ""


def _more(pages: list[int]) -> str:
    """The pages after the first that paint it, told: `, and on page 7`, `, and on 12 more
    pages: 7, 9, 11, 13, 15, …`, or "" for none."""
    if len(pages) == 1:
        return f", and on page {pages[0]}"
    listed = ", ".join(str(p) for p in pages[:_SHOWN]) + (", …" if len(pages) > _SHOWN else "")
    return f", and on {len(pages)} more pages: {listed}" if pages else ""


def _image_found(number: int, painted: Painted, more: str, images: Sequence[Image]) -> Found:
    problems, hints = _image_problems(painted.image)
    image = painted.image
    size = (int(image.get("/Width", 0)), int(image.get("/Height", 0)))
    figure = _figure(images, size)
    what = f"{size[0]}×{size[1]} px" + (f", {figure}" if figure else "")
    return Found(
        f"page {number}: image {painted.name}{painted.within} ({what}) "
        + " and ".join(problems)
        + more,
        figure,
        "; ".join(hints),
    )


def _image_problems(image: Any) -> tuple[list[str], list[str]]:
    """What PDF/X-1a refuses in an image XObject (a soft mask, RGB colour), and the hints."""
    problems, hints = [], []
    if image.get("/SMask", pikepdf.Name.None_) != pikepdf.Name.None_ or image.get(
        "/SMaskInData", 0
    ):
        problems.append("has a soft mask (an alpha channel)")
        hints.append(_FLATTEN + ", or use --pdf-variant pdf/x-4, which allows transparency")
    space = rgb_space(image.get("/ColorSpace"))
    if space:
        problems.append(f"is RGB ({space}; {_CMYK_OR_GREY})")
        hints.append(_NOT_RGB)
    return problems, hints


def _figure(images: Sequence[Image], size: tuple[int, int]) -> str:
    """The book's image of this pixel size (its path), if one alone has it."""
    same = [i.path for i in images if (i.width, i.height) == size]
    return same[0] if len(dict.fromkeys(same)) == 1 else ""
