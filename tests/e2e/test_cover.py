"""`invoke cover`: the print cover's size read back from the PDF (E645 for a bad page count)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from octavo import api
from octavo.errors import BuildError
from tests.conftest import BOOK_TOML, MakeBook, section_source

SIX_BY_NINE = BOOK_TOML + 'paper = "6x9"\nbleed = "0.125in"\nppi = 400\nisbn = "0-8444-0849-2"\n'


def _boxes(pdf: Path) -> tuple[list[float], list[float], list[float]]:
    page = PdfReader(pdf).pages[0]
    return (
        [float(v) for v in page.mediabox],
        [float(v) for v in page.trimbox],
        [float(v) for v in page.bleedbox],
    )


def _text(pdf: Path) -> str:
    command = ["pdftotext", "-layout", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_cover_width_is_back_spine_front_and_bleed(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=320)
    media, trim, bleed = _boxes(pdf)
    spine = 320 / 400 * 72  # 0.8 in
    assert media[2] - media[0] == pytest.approx(432 + spine + 432 + 2 * 9, abs=0.01)
    assert media[3] - media[1] == pytest.approx(648 + 2 * 9, abs=0.01)
    assert trim[2] - trim[0] == pytest.approx(2 * 432 + spine, abs=0.01)
    assert bleed == pytest.approx(media, abs=0.01)
    text = _text(pdf)
    assert "ISBN 978-0-8444-0849-1" in text  # above the barcode's space
    assert "Testland" in text


def test_cover_takes_the_page_count_of_the_book(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    pdf, _ = api.build_pdf(book, tmp_path / "book.pdf")
    pages = len(PdfReader(pdf).pages)
    cover, _ = api.build_cover(book, tmp_path / "cover.pdf")
    _, trim, _ = _boxes(cover)
    printed = pages + pages % 2
    assert trim[2] - trim[0] == pytest.approx(2 * 432 + printed / 400 * 72, abs=0.01)


def test_a_cover_to_an_out_writes_nothing_beside_it(make_book: MakeBook, tmp_path: Path) -> None:
    """The cover counts the book's pages from its PDF; with `--out` that PDF was written
    beside the cover, a file nobody named (and E701 of it for `--out /sys/x.pdf`). It is
    laid out and not written: the folder holds the cover alone, of the same spine."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    pages = len(PdfReader(api.build_pdf(book, tmp_path / "book.pdf")[0]).pages)
    out = tmp_path / "covers"
    out.mkdir()
    cover, _ = api.build_cover(book, out / "cover.pdf")
    assert sorted(p.name for p in out.iterdir()) == ["cover.pdf"]
    _, trim, _ = _boxes(cover)
    assert trim[2] - trim[0] == pytest.approx(2 * 432 + (pages + pages % 2) / 400 * 72, abs=0.01)


def test_a_cover_image_fills_the_front(make_book: MakeBook, tmp_path: Path) -> None:
    from PIL import Image

    book = make_book(
        {"001.md": section_source(1, "Land", total=1)},
        SIX_BY_NINE + 'cover = "images/front.png"\n',
    )
    (book / "images").mkdir()
    Image.new("RGB", (120, 180), (30, 60, 110)).save(book / "images" / "front.png")
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=100)
    resources: Any = PdfReader(pdf).pages[0]["/Resources"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in resources["/XObject"].values())


def test_a_bad_page_count_is_e645(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    with pytest.raises(BuildError) as caught:
        api.build_cover(book, tmp_path / "cover.pdf", pages=-3)
    assert [d.code for d in caught.value.diagnostics] == ["E645"]


def test_a_pdf_x1a_cover_is_cmyk_and_its_ground_runs_into_the_bleed(
    make_book: MakeBook, tmp_path: Path
) -> None:
    from PIL import Image

    from octavo.check.variants import check_variant

    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=200, variant="pdf/x-1a")
    assert [str(d) for d in check_variant(pdf, "pdf/x-1a")] == []
    command = ["pdftoppm", "-r", "72", "-png", "-x", "0", "-y", "0", "-W", "4", "-H", "4"]
    subprocess.run([*command, str(pdf), str(tmp_path / "corner")], check=True)
    (png,) = tmp_path.glob("corner*.png")
    assert Image.open(png).convert("RGB").getpixel((1, 1)) != (255, 255, 255)
