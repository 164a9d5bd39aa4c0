"""The book's cover image as print sets it (octavo.render.pdf.cover_image): coarse (W659)
or cut to another shape (W660), told at book.toml's `cover` line."""

from __future__ import annotations

import pytest

from octavo import api
from octavo.render.pdf.cover_image import cover_image_told
from tests.conftest import BOOK_TOML, MakeBook, section_source

_FRONT = (6.25 * 72, 9.25 * 72)  # a 6 × 9 in trim and its 0.125 in bleed, in points


@pytest.mark.parametrize(
    ("size", "told"),
    [
        pytest.param((1200, 800), ["W659", "W660"], id="small-and-landscape"),
        pytest.param((600, 888), ["W659"], id="its-shape-but-coarse"),
        pytest.param((2200, 2775), ["W660"], id="fine-but-too-wide"),
        pytest.param((1950, 2775), [], id="a-little-wide-within-tolerance"),
        pytest.param((1875, 2775), [], id="the-page-at-300-dpi"),
    ],
)
def test_a_cover_image_coarse_or_cut_is_told(
    make_book: MakeBook, size: tuple[int, int], told: list[str]
) -> None:
    from PIL import Image

    toml = BOOK_TOML + 'cover = "front.png"\n'
    book = make_book({"001-a.md": section_source(1, "Land", total=1)}, toml)
    Image.new("RGB", size, "white").save(book / "front.png")
    manuscript, _ = api.manuscript(book)
    found = cover_image_told(manuscript, *_FRONT, "on the PDF's first page", True)
    assert [d.code for d in found] == told
    line = toml.split("\n").index('cover = "front.png"') + 1
    assert all(d.file == book / "book.toml" and d.line == line for d in found), found


def test_the_message_names_the_dpi_and_the_share_cut(make_book: MakeBook) -> None:
    from PIL import Image

    book = make_book({"001-a.md": section_source(1)}, BOOK_TOML + 'cover = "front.png"\n')
    Image.new("RGB", (1200, 800), "white").save(book / "front.png")
    manuscript, _ = api.manuscript(book)
    coarse, cut = cover_image_told(manuscript, 8.5 * 72, 11 * 72, "on the PDF's first page", False)
    assert "prints at 73 dpi on the PDF's first page" in coarse.message
    assert "8.50 × 11.00 in (the trim)" in coarse.message
    assert "2550 × 3300 px" in (coarse.hint or "")
    assert "48% of its width is cut away" in cut.message


def test_a_book_without_a_cover_image_is_not_told(make_book: MakeBook) -> None:
    manuscript, _ = api.manuscript(make_book({"001-a.md": section_source(1)}, BOOK_TOML))
    assert cover_image_told(manuscript, *_FRONT, "on the PDF's first page", True) == ()
