"""octavo.render.images: images found in the book, their format and size, or why not."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image as Pil

from octavo.model import Image
from octavo.render.images import SVG, ImageProblem, image_diagnostics, probe_image
from octavo.render.tokens import ImageUse
from tests.conftest import BOOK_TOML, MakeBook, section_source


@pytest.fixture
def book(tmp_path: Path) -> Path:
    (tmp_path / "images").mkdir()
    Pil.new("RGB", (300, 200)).save(tmp_path / "images" / "a.png")
    Pil.new("RGB", (30, 20)).save(tmp_path / "images" / "b.bmp")
    (tmp_path / "images" / "c.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"/>'
    )
    (tmp_path.parent / "outside.png").write_bytes((tmp_path / "images" / "a.png").read_bytes())
    (tmp_path / "images" / "link.png").symlink_to(tmp_path.parent / "outside.png")
    return tmp_path


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("images/a.png", Image("images/a.png", "image/png", 300, 200)),
        ("images/c.svg", Image("images/c.svg", "image/svg+xml", 80, 40)),
        ("images/none.png", "E505"),
        ("images/b.bmp", "E507"),
        ("images/link.png", "E506"),
        ("../outside.png", "E506"),
    ],
)
def test_probe(book: Path, path: str, expected: Image | str) -> None:
    found = probe_image(book, path)
    assert (found.code if isinstance(found, ImageProblem) else found) == expected


@pytest.mark.parametrize(
    ("size", "width"),
    [("9" * 400, 0), ("1e3", 0), ("٥٠", 0), ("12.5", 12), ("123456789", 123456789)],
    ids=["huge", "exponent", "arabic-indic", "decimal", "nine-figures"],
)
def test_an_svg_size_is_read_as_written_or_not_at_all(book: Path, size: str, width: int) -> None:
    """An SVG `width="999…"` (400 nines) read as float('inf'), and int() of it stopped
    every build with an OverflowError; a size is read when it is figures, as SVG writes
    them (else the image has no size of its own, as with width="100%")."""
    (book / "images" / "c.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="40"/>'
    )
    assert probe_image(book, "images/c.svg") == Image("images/c.svg", SVG, width, 40)


@pytest.mark.parametrize(
    ("width", "measure", "warned"),
    [
        (300, (100, 0.0, 0.0), True),
        (2000, (100, 0.0, 0.0), False),
        (300, (20, 0.0, 0.0), False),
        (300, (0, 3.125, 0.0), True),  # width=300px: 96 dpi
        (300, (0, 1.0, 0.0), False),  # width=1in: 300 dpi
        (300, (0, 0.0, 1.0), True),  # height=1in, 3:1: 3 in across, 100 dpi
        (300, (0, 0.0, 0.25), False),  # height=0.25in: 0.75 in across, 400 dpi
        (300, (0, 0.0, 0.0), False),  # width=2em: not measured
        # held to the 6.4 in text block: 1,200 px across 6.4 in, 187 dpi (was "20 dpi")
        (1200, (0, 0.0, 40.0), False),  # height=40in of a 1200 x 100 picture
        (1200, (0, 20.0, 0.0), False),  # width=20in
        (600, (0, 20.0, 0.0), True),  # 600 px across 6.4 in: 94 dpi, told
    ],
)
def test_print_resolution(width: int, measure: tuple[float, float, float], warned: bool) -> None:
    image = Image("images/a.png", "image/png", width, 100)
    use = ImageUse("images/a.png", "images/a.png", 0, True, *measure)
    found = image_diagnostics(image, use, 6.4, Path("a.md"), 3)
    assert [d.code for d in found] == (["W508"] if warned else [])


def test_an_unreadable_image_is_told_the_same_way_each_time(book: Path) -> None:
    """Pillow's own text for a file it cannot identify names a memory address; the
    message must be the same run to run (a build's diagnostics are reproducible too)."""
    (book / "images" / "d.png").write_bytes(b"not an image at all")
    found = probe_image(book, "images/d.png")
    assert isinstance(found, ImageProblem) and found.code == "E507"
    assert "0x" not in found.message and "d.png" in found.message
    assert probe_image(book, "images/d.png") == found


def test_an_image_claiming_billions_of_pixels_is_e507(book: Path) -> None:
    """A 60-byte PNG whose header claims 30,000 × 30,000 pixels: Pillow refuses it with a
    DecompressionBombError (not an OSError), which must be E507, never a traceback."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    (book / "images" / "bomb.png").write_bytes(png)
    found = probe_image(book, "images/bomb.png")
    assert isinstance(found, ImageProblem) and found.code == "E507"
    assert "decompression bomb" in found.message


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_truncated_image_is_e507(book: Path, kind: str) -> None:
    """Pillow reads a truncated file's size from its head; WeasyPrint then left the image
    out of the PDF without a word. Its stream is decoded once (a JPEG at an eighth)."""
    import weasyprint  # noqa: F401  (it lets Pillow load truncated images, process-wide)

    whole = book / "images" / f"whole.{kind.lower()}"
    Pil.effect_noise((400, 300), 60).convert("RGB").save(whole, kind)
    cut = book / "images" / f"cut.{kind.lower()}"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    found = probe_image(book, f"images/{cut.name}")
    assert isinstance(found, ImageProblem) and found.code == "E507" and "truncated" in found.message
    assert isinstance(probe_image(book, f"images/{whole.name}"), Image)


@pytest.mark.parametrize(("cover", "code"), [("images/none.jpg", "E505"), ("images/c.gif", "E507")])
def test_a_cover_that_cannot_be_used_is_reported_at_its_line(
    make_book: MakeBook, cover: str, code: str
) -> None:
    """book.toml's `cover = …` that names no file was 'book.toml: E505', with no line, where
    every other key's error names its line."""
    from octavo import api
    from octavo.errors import BuildError

    book = make_book(
        {"001-a.md": section_source(1, total=1)}, toml=BOOK_TOML + f'cover = "{cover}"\n'
    )
    (book / "images").mkdir(exist_ok=True)
    Pil.new("RGB", (30, 20)).save(book / "images" / "c.gif")
    with pytest.raises(BuildError) as caught:
        api.manuscript(book)
    assert [(d.code, d.line) for d in caught.value.diagnostics if d.code == code] == [
        (code, BOOK_TOML.count("\n") + 1)
    ]


@pytest.mark.parametrize(
    ("name", "told"), [("map.jpg", True), ("map.PNG", False), ("map", True), ("map.png", False)]
)
def test_an_image_named_as_another_format_is_w523_at_its_use(
    make_book: MakeBook, name: str, told: bool
) -> None:
    """A PNG saved as map.jpg built without a word; the EPUB kept the name, and EPUBCheck
    said PKG-022 only at `invoke check`. Now W523 where the image is first shown, once."""
    from octavo import api

    body = f"Intro.\n\n![Roads](images/{name})\n\nAgain: ![Roads](images/{name})\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    (book / "images").mkdir()
    Pil.new("RGB", (900, 600)).save(book / "images" / name, format="PNG")
    _, found = api.manuscript(book)
    warned = [d for d in found if d.code == "W523"]
    assert len(warned) == (1 if told else 0), found
    if told:
        line = (book / "001-a.md").read_text().split("\n").index(f"![Roads](images/{name})") + 1
        assert warned[0].line == line and "is a PNG image" in warned[0].message
        assert "images/map.png" in warned[0].hint
