"""A figure given no size prints at its picture's own size (96 px an inch), at most the text
block's width, as the EPUB shows it: print stretched a 400 px map to the whole 6.4 in text
block (62 dpi, W508) and pushed it to a page of its own."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image as Picture

from octavo import api
from octavo.model import Image
from octavo.render.images import image_diagnostics
from octavo.render.markdown import render_block
from octavo.render.tokens import ImageUse
from tests.conftest import MakeBook, section_source


@pytest.mark.parametrize(
    ("source", "figure"),
    [
        ("![A map](m.png)\n", '<figure id="s-figure-1" class="figure own-size">'),
        ("![A map](m.SVG)\n", '<figure id="s-figure-1" class="figure">'),  # drawn to any size
        ("![A map](m.png){width=100%}\n", 'class="figure" style="width: 100%">'),  # as given
        ("![A map](m.png){width=2in}\n", 'class="figure" style="width: 2in">'),
        ("![A map](m.png){height=2in}\n", 'class="figure by-height">'),
    ],
    ids=["raster", "svg", "whole-width", "width", "height"],
)
def test_a_figure_given_no_size_has_its_own(source: str, figure: str) -> None:
    assert figure in render_block(source).html


@pytest.mark.parametrize(
    ("width", "told"),
    [
        (400, "prints at 96 dpi (400 px across 4.2 in)"),  # its own size: 96 dpi, told
        (2000, ""),  # held to the 6.4 in text block: 312 dpi
        (800, "prints at 125 dpi (800 px across 6.4 in)"),  # 8.3 in held to 6.4 in
    ],
)
def test_w508_measures_a_figure_at_its_own_size(width: int, told: str) -> None:
    image = Image("images/a.png", "image/png", width, 100)
    use = ImageUse("images/a.png", "images/a.png", 0, True, 0, 0.0, 0.0, True)
    found = image_diagnostics(image, use, 6.4, Path("a.md"), 3)
    assert [d.message.split("; ")[0].split("' ")[1] for d in found] == ([told] if told else [])


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Picture.new("RGB", (width, height), (200, 220, 240)).save(out, "PNG")
    return out.getvalue()


def test_print_sets_a_small_picture_at_its_own_size(make_book: MakeBook, tmp_path: Path) -> None:
    body = "Text.\n\n![A small map.](images/s.png)\n\n![A large scan.](images/l.png)\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    (book / "images").mkdir()
    (book / "images" / "s.png").write_bytes(_png(400, 300))
    (book / "images" / "l.png").write_bytes(_png(2400, 1600))
    out, found = api.build_pdf(book, tmp_path / "b.pdf")
    told = [d.message for d in found if d.code == "W508"]
    assert told == [
        "image 'images/s.png' prints at 96 dpi (400 px across 4.2 in); under 150 dpi it looks coarse"
    ]
    with pdfplumber.open(out) as pdf:
        widths = sorted(round(float(i["width"])) for p in pdf.pages for i in p.images)
    measure = 6.4 * 72  # letter's text block
    assert widths == [300, round(measure)]  # 400 px at 96 an inch: 300 pt; the scan held
