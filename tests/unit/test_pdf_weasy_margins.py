"""octavo.render.pdf.weasy_margins: a right-to-left block with an `auto` side margin stands
where its margins put it (a figure given a width, centred by `margin: auto`, inside the
text block), as a left-to-right one does; a box too wide for its container still runs
out on the left, and every left-to-right box is as shipped."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from octavo.render.pdf import weasy_margins
from tests.conftest import MakeBook, section_source

# a 160 mm text block from x = 20 to x = 180 mm; the box 50 mm wide
PAGE = """<!DOCTYPE html>
<html dir="{direction}"><meta charset="utf-8">
<style>
@page {{ size: 200mm 100mm; margin: 20mm }}
body {{ margin: 0 }}
div {{ border: 1px solid black; {style} }}
</style>
<div>x</div>
</html>
"""
CASES = [  # style, the box's left and right ends (mm) in either direction
    ("width: 50mm; margin: 0 auto", (75, 125)),
    ("width: 50mm; margin-left: auto; margin-right: 0", (130, 180)),
    ("width: 50mm; margin-left: 0; margin-right: auto", (20, 70)),
    ("max-width: 50mm; margin: 0 auto", (75, 125)),
    ("width: 50mm; margin: 0 auto; padding: 0 5mm", (70, 130)),
]


def _shipped() -> Callable[..., Any]:
    from weasyprint.layout import block

    function: Callable[..., Any] = block.block_level_width
    return getattr(function, "__wrapped__", function)


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """WeasyPrint's own block_level_width for the test, the patch put back after."""
    from weasyprint.layout import block

    monkeypatch.setattr(block, "block_level_width", _shipped())
    yield


def _pdf(style: str, direction: str) -> bytes:
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=PAGE.format(direction=direction, style=style)).write_pdf()
    return pdf


def _box(pdf: bytes) -> tuple[float, float]:
    """The box's left and right ends (mm): its border's outer edges."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        edges = [(e["x0"], e["x1"]) for e in page.rects + page.lines]
    return (
        min(x0 for x0, _ in edges) / 72 * 25.4,
        max(x1 for _, x1 in edges) / 72 * 25.4,
    )


def test_the_patch_applies_to_this_weasyprint() -> None:
    """Fails once WeasyPrint's block_level_width no longer reads as checked: read it again
    (does it leave an `auto`-margined right-to-left box in place now?) before changing it."""
    assert weasy_margins.install()
    assert weasy_margins.installed()


def test_as_shipped_a_centred_rtl_box_runs_off_the_page(shipped: None) -> None:
    """The defect the patch mends: the tests below mean something while this passes."""
    left, right = _box(_pdf(CASES[0][0], "rtl"))
    assert left > 180 and right > 200, (left, right)  # past the text block, off the page


@pytest.mark.parametrize(("style", "ends"), CASES, ids=[c[0] for c in CASES])
def test_an_auto_margined_rtl_box_stands_where_its_margins_put_it(
    style: str, ends: tuple[float, float]
) -> None:
    weasy_margins.install()
    left, right = _box(_pdf(style, "rtl"))
    assert abs(left - ends[0]) < 0.6 and abs(right - ends[1]) < 0.6, (left, right)


def test_a_box_too_wide_still_runs_out_on_the_left() -> None:
    """Over-constrained (its `auto` margins 0): a right-to-left box keeps its right edge on
    the text block's, as CSS 2.1 §10.3.3 and WeasyPrint as shipped place it."""
    weasy_margins.install()
    left, right = _box(_pdf("width: 180mm; margin: 0 auto", "rtl"))
    assert abs(right - 180) < 0.6 and abs(left - 0) < 0.6, (left, right)


@pytest.mark.parametrize(("style", "ends"), CASES, ids=[c[0] for c in CASES])
def test_a_ltr_box_is_the_same_pdf(
    shipped: None, monkeypatch: pytest.MonkeyPatch, style: str, ends: tuple[float, float]
) -> None:
    from weasyprint.layout import block

    without = _pdf(style, "ltr")
    monkeypatch.setattr(block, "block_level_width", weasy_margins._in_place(_shipped()))
    assert _pdf(style, "ltr") == without
    left, right = _box(without)
    assert abs(left - ends[0]) < 0.6 and abs(right - ends[1]) < 0.6, (left, right)


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.layout import block

    shipped = _shipped()
    monkeypatch.setattr(block, "block_level_width", shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert weasy_margins.install() is False
    assert block.block_level_width is shipped


def test_a_changed_shape_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.layout import block

    shipped = _shipped()
    monkeypatch.setattr(block, "block_level_width", shipped)
    monkeypatch.setattr(weasy_margins, "SHAPE", "    if direction == 'ltr':\n")
    assert weasy_margins.install() is False
    assert block.block_level_width is shipped


HEBREW = "פסקה קצרה על הנושא הזה. " * 20


def test_a_rtl_books_figure_given_a_width_is_inside_the_text_block(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """`{width=40%}` in a book written right to left: the figure, centred by octavo's
    `margin: 1em auto`, was printed past the page's left edge (x 349-483 pt on a 420 pt
    A5 page, E642); it is centred in the text block now."""
    import pdfplumber
    from PIL import Image

    from octavo import api

    image = io.BytesIO()
    Image.new("RGB", (600, 400), (200, 50, 50)).save(image, "PNG")
    body = f"{HEBREW}\n\n![מפה](images/map.png){{width=40%}}\n\n{HEBREW}\n"
    toml = (
        'title = "ארץ"\nlanguage = "he"\ncountry = "ארץ"\npaper = "a5"\n'
        'identifier = "urn:uuid:12345678-1234-5678-9abc-123456789abd"\n'
    )
    book = make_book(
        {
            "001-a.md": section_source(1, "חקלאות", total=1, body=body),
            "images/map.png": image.getvalue(),
        },
        toml,
    )
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=1)
    with pdfplumber.open(pdf) as document:
        placed = [(page, image) for page in document.pages for image in page.images]
    assert len(placed) == 1
    page, figure = placed[0]
    assert figure["x0"] > 0 and figure["x1"] < page.width, figure
    middle = (figure["x0"] + figure["x1"]) / 2
    assert abs(middle - page.width / 2) < 0.1 * page.width, (middle, page.width)
