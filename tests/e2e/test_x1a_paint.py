"""PDF/X-1a read back from what WeasyPrint writes: RGB colour painted through a pattern, a
shading or a form, not in the page's own content (E644)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from octavo import api
from octavo.check.variants import check_variant
from octavo.errors import BuildError
from octavo.shipped import STYLES
from tests.conftest import BOOK_TOML, MakeBook, section_source

_GRADIENT_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#c03020"/>'
    '<stop offset="1" stop-color="#2040c0"/></linearGradient></defs>'
    '<rect x="0" y="0" width="200" height="100" fill="url(#g)"/></svg>'
)
_PATTERN_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
    '<defs><pattern id="p" width="10" height="10" patternUnits="userSpaceOnUse">'
    '<rect width="5" height="5" fill="#30a060"/></pattern></defs>'
    '<rect x="0" y="0" width="200" height="100" fill="url(#p)"/></svg>'
)


def _rgb_png(path: Path) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (30, 20), (40, 90, 160)).save(path)


@pytest.mark.parametrize(
    ("files", "css", "expected"),
    [
        ({"map.svg": _GRADIENT_SVG}, "", "RGB colour in "),
        ({"map.svg": _PATTERN_SVG}, "", "RGB colour in "),
        ({}, ".boxed { background: linear-gradient(#ccc, #888); }\n", "RGB colour in "),
        (
            {"images/tile.png": b""},
            ".boxed { background: url(../../images/tile.png); }\n",
            "is RGB",
        ),
    ],
    ids=["svg-gradient", "svg-pattern", "css-gradient", "css-background-image"],
)
def test_x1a_finds_rgb_painted_through_a_pattern(
    make_book: MakeBook, tmp_path: Path, files: dict[str, str | bytes], css: str, expected: str
) -> None:
    """An SVG's gradient or pattern fill, a CSS gradient and a CSS background image are
    painted through a pattern (a shading, or a form painting an image): the check read the
    page's own content alone, so each passed as PDF/X-1a though RGB. Each is E644 now, at
    the page that paints it."""
    body = "Before.\n\n::: {.boxed}\nBoxed text.\n:::\n\n"
    body += "![A map](map.svg)\n\nAfter.\n" if "map.svg" in files else "After.\n"
    book = make_book(
        {"001.md": section_source(1, "Land", total=1, body=body)},
        BOOK_TOML + 'paper = "6x9"\n',
    )
    for name, content in files.items():
        if name.endswith(".png"):
            _rgb_png(book / name)
        else:
            (book / name).write_text(str(content), encoding="utf-8")
    sheet = book / "styles" / "print" / "cmyk.css"  # the book's replaces octavo's: keep it
    sheet.parent.mkdir(parents=True)
    sheet.write_text((STYLES / "print" / "cmyk.css").read_text(encoding="utf-8") + css)
    plain, _ = api.build_pdf(book, tmp_path / "plain.pdf")  # the same pages, no variant
    with pdfplumber.open(plain) as opened:
        (page,) = [p.page_number for p in opened.pages if "Boxed text" in p.extract_text()]
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, tmp_path / "x1a.pdf", variant="pdf/x-1a")
    found = [d.message for d in caught.value.diagnostics if d.code == "E644"]
    assert any(expected in m for m in found), found
    assert all(m.startswith(f"pdf/x-1a: page {page}: ") for m in found), found


def test_x1a_tells_a_figure_on_every_page_once(make_book: MakeBook, tmp_path: Path) -> None:
    """A figure repeated on every page (a book's page background, an image painted through
    the pattern of each page) is told once, at its first page, with the pages it is on."""
    pages = "".join(f"Paragraph {n}.\n\n" for n in range(60))
    book = make_book(
        {"001.md": section_source(1, "Land", total=1, body=pages)},
        BOOK_TOML + 'paper = "6x9"\n',
    )
    _rgb_png(book / "images" / "paper.png")
    sheet = book / "styles" / "print" / "cmyk.css"
    sheet.parent.mkdir(parents=True)
    own = (STYLES / "print" / "cmyk.css").read_text(encoding="utf-8")
    sheet.write_text(own + "@page { background: url(../../images/paper.png); }\n")
    pdf, _ = api.build_pdf(book, tmp_path / "plain.pdf")
    with pikepdf.open(pdf) as opened:
        count = len(opened.pages)
    assert count > 3
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, tmp_path / "x1a.pdf", variant="pdf/x-1a")
    (told,) = [d for d in caught.value.diagnostics if "image /" in d.message]
    assert told.code == "E644" and told.message.startswith("pdf/x-1a: page 1: image /")
    assert "(30×20 px) is RGB (DeviceRGB" in told.message
    assert f"and on {count - 1} more pages: 2, 3, 4, 5, 6, …" in told.message
    assert check_variant(pdf, "pdf/x-1a", ()) != ()
