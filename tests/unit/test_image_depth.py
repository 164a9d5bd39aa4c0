"""16-bit grey PNGs in both outputs (octavo.render.image_depth): print showed one as a
black or coloured-noise block over part of its box (WeasyPrint 70 calls mode "I;16" RGB),
and the EPUB could not scale one down (Pillow: "image has wrong mode")."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from PIL import Image

from octavo import api
from octavo.model import Image as BookImage
from octavo.render.epub.media import epub_image
from octavo.render.image_depth import eight_bit
from tests.conftest import BOOK_TOML, MakeBook, section_source


def _grey16(width: int = 512, height: int = 8) -> bytes:
    """A 16-bit grey ramp, black at the left to white at the right."""
    ramp = Image.new("I;16", (width, height))
    ramp.putdata([x * 65535 // (width - 1) for _ in range(height) for x in range(width)])
    out = io.BytesIO()
    ramp.save(out, "PNG")
    assert out.getvalue()[24:26] == bytes((16, 0))  # bit depth 16, grey
    return out.getvalue()


def test_sixteen_bit_grey_becomes_eight_bit_grey_scaled_not_clipped() -> None:
    made = eight_bit(_grey16())
    assert made is not None and made == eight_bit(_grey16())  # the same bytes each time
    with Image.open(io.BytesIO(made)) as image:
        assert image.mode == "L"
        row = [image.getpixel((x, 0)) for x in (0, 128, 256, 511)]
    assert row == [0, 64, 128, 255]  # clipped, 128 and 256 were white (255)


def test_other_images_are_left_alone() -> None:
    for mode in ("L", "RGB", "RGBA"):
        out = io.BytesIO()
        Image.new(mode, (4, 4)).save(out, "PNG")
        assert eight_bit(out.getvalue()) is None
    assert eight_bit(b"GIF89a") is None


def test_print_shows_a_sixteen_bit_grey_figure_and_cover_as_grey(
    make_book: MakeBook, tmp_path: Path
) -> None:
    body = "![A ramp](images/ramp.png){width=60%}\n"
    book = make_book(
        {"001-a.md": section_source(1, total=1, body=body), "images/ramp.png": _grey16()},
        toml=BOOK_TOML + 'cover = "images/ramp.png"\n',
    )
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf")  # WeasyPrint's "Unknown image mode"
    # warning fails a test (tests/conftest.py)
    spaces = [
        str(image.indirect_reference.get_object()["/ColorSpace"])  # type: ignore[union-attr,index]
        for page in pypdf.PdfReader(pdf).pages
        for image in page.images
    ]
    assert spaces and set(spaces) == {"/DeviceGray"}  # cover and figure; it was DeviceRGB
    assert (tmp_path / "b.pdf").read_bytes() == api.build_pdf(book, tmp_path / "c.pdf")[
        0
    ].read_bytes()


def test_the_epub_scales_a_sixteen_bit_grey_image(tmp_path: Path) -> None:
    (tmp_path / "ramp.png").write_bytes(_grey16(2000, 20))
    image = BookImage("ramp.png", "image/png", 2000, 20)
    scaled = epub_image(tmp_path, image, 1000)
    with Image.open(io.BytesIO(scaled)) as opened:
        assert (opened.mode, opened.size) == ("L", (1000, 10))
        assert opened.getextrema() == (0, 255)
