"""Pillow's decompression-bomb warning (octavo.render.image_limits): an image over 89.5 Mpx
and under Pillow's refusal is within octavo's limits, but the warning reached stderr as a
line of Python ("…/PIL/Image.py:3593: DecompressionBombWarning: …", ut47 bug 15)."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from octavo import api
from octavo.limits import MAX_IMAGE_PIXELS
from octavo.render.images import ImageProblem, probe_image, raster_size
from octavo.render.url_sandbox import Sandbox, weasyprint_fetcher
from tests.conftest import MakeBook, section_source

LARGE = (9500, 9420)  # 89,490,000 pixels: past Pillow's warning, far under its refusal


def _png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("1", size).save(out, "PNG")  # one bit a pixel: 11 MB decoded, 11 kB saved
    return out.getvalue()


def test_octavos_limit_is_pillows_refusal() -> None:
    assert 2 * (Image.MAX_IMAGE_PIXELS or 0) == MAX_IMAGE_PIXELS


def test_a_large_image_is_measured_without_a_python_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the warning, were it given, is raised
        assert raster_size(_png(LARGE)) == ("PNG", *LARGE)


def test_the_epub_scales_a_large_image_without_a_python_warning(
    make_book: MakeBook, tmp_path: Path
) -> None:
    body = "![A large plain](images/large.png)\n"
    book = make_book(
        {"001-a.md": section_source(1, total=1, body=body), "images/large.png": _png(LARGE)}
    )
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        epub, _ = api.build_epub(book, tmp_path / "b.epub")
    assert [str(w.message) for w in said if "pixels" in str(w.message)] == []
    with (
        zipfile.ZipFile(epub) as opened,
        Image.open(io.BytesIO(opened.read("EPUB/media/images/large.png"))) as scaled,
    ):
        assert max(scaled.size) == 1600


def test_print_reads_a_large_image_without_a_python_warning(tmp_path: Path) -> None:
    (tmp_path / "large.png").write_bytes(_png(LARGE))
    fetcher = weasyprint_fetcher(Sandbox((tmp_path,), tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        response = fetcher.fetch((tmp_path / "large.png").as_uri())
        with Image.open(io.BytesIO(response.read())) as opened:  # as WeasyPrint does
            assert opened.size == LARGE


def test_an_image_past_the_limit_is_e507_with_a_hint_to_scale_it(tmp_path: Path) -> None:
    (tmp_path / "bomb.png").write_bytes(_png((13400, 13400)))
    problem = probe_image(tmp_path, "bomb.png")
    assert isinstance(problem, ImageProblem) and problem.code == "E507"
    assert "scale it down under 178,956,970 pixels" in problem.hint  # not "save it as PNG"


@pytest.mark.parametrize("size", [(1, 1), (100, 100)], ids=["tiny", "small"])
def test_small_images_are_measured_as_before(size: tuple[int, int]) -> None:
    assert raster_size(_png(size)) == ("PNG", *size)


@pytest.mark.parametrize(
    ("orientation", "shown"), [(1, (300, 200)), (3, (300, 200)), (6, (200, 300)), (8, (200, 300))]
)
def test_a_jpeg_is_measured_as_it_is_shown(orientation: int, shown: tuple[int, int]) -> None:
    """review52d: a cover 2775 × 1875 px with EXIF orientation 6 (shown 1875 × 2775, the
    page's shape at 300 dpi) was told W660, 54 % of its width cut: WeasyPrint and the
    EPUB's readers turn it (CSS image-orientation: from-image), so is it measured."""
    picture = Image.new("RGB", (300, 200), "white")
    exif = picture.getexif()
    exif[0x0112] = orientation
    data = io.BytesIO()
    picture.save(data, "JPEG", exif=exif.tobytes())
    assert raster_size(data.getvalue()) == ("JPEG", *shown)
