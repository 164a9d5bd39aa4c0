"""octavo.render.pdf.weasy_indent: a right-to-left paragraph's first line takes its
text-indent at its right, its start (a hanging reference entry's first line out to the
right edge, not into the left margin); every left-to-right line as shipped."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from octavo.render.pdf import weasy_indent

HEBREW = "פסקה קצרה על הנושא הזה. " * 4
ENGLISH = "A short paragraph on the subject at hand. " * 4
# a 260 pt text block from x = 20 to x = 280
PAGE = """<!DOCTYPE html>
<html dir="{direction}" lang="{lang}"><meta charset="utf-8">
<style>
@page {{ size: 300pt 300pt; margin: 20pt }}
body {{ margin: 0; font: 10pt serif }}
p {{ text-align: {align}; text-indent: {indent}; {padding} }}
</style>
<p>{text}</p>
</html>
"""


def _page(align: str, indent: str, rtl: bool = True) -> str:
    side = "right" if rtl else "left"
    padding = f"padding-{side}: 1.5em;" if indent.startswith("-") else ""
    return PAGE.format(
        direction="rtl" if rtl else "ltr",
        lang="he" if rtl else "en",
        align=align,
        indent=indent,
        padding=padding,
        text=HEBREW if rtl else ENGLISH,
    )


def _shipped() -> Callable[..., Any]:
    from weasyprint.layout import block

    function: Callable[..., Any] = block.iter_line_boxes
    return getattr(function, "__wrapped__", function)


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """WeasyPrint's own iter_line_boxes for the test, the patch put back after."""
    from weasyprint.layout import block

    monkeypatch.setattr(block, "iter_line_boxes", _shipped())
    yield


def _pdf(html: str) -> bytes:
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def _lines(pdf: bytes) -> list[tuple[float, float]]:
    """Each line's left and right ends (points), top to bottom."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        rows: dict[int, list[dict[str, Any]]] = {}
        for word in document.pages[0].extract_words():
            rows.setdefault(round(word["top"]), []).append(word)
    return [(min(w["x0"] for w in rows[t]), max(w["x1"] for w in rows[t])) for t in sorted(rows)]


def test_the_patch_applies_to_this_weasyprint() -> None:
    """Fails once WeasyPrint's iter_line_boxes no longer reads as checked: read it again
    (does it indent a right-to-left line at its right now?) before changing the shape."""
    assert weasy_indent.install()
    assert weasy_indent.installed()


def test_as_shipped_a_hanging_rtl_line_runs_into_the_left_margin(shipped: None) -> None:
    """The defect the patch mends: the tests below mean something while this passes."""
    first, second, *_ = _lines(_pdf(_page("start", "-1.5em")))
    assert first[0] < 19  # out past the text block's left edge
    assert abs(first[1] - second[1]) < 0.5  # its right end where the other lines' is


@pytest.mark.parametrize(
    ("align", "indent", "left", "right"),
    [  # where the first line stands: its left end, its right end (None: not checked)
        ("start", "-1.5em", None, 280),  # hung: out to the right edge
        ("start", "1.5em", None, 265),  # indented from the right
        ("end", "-1.5em", 20, None),  # set to the left edge, not past it
        ("end", "1.5em", 20, None),
        ("justify", "-1.5em", 20, 280),
        ("justify", "1.5em", 20, 265),
    ],
)
def test_a_rtl_first_line_takes_its_indent_at_its_right(
    align: str, indent: str, left: float | None, right: float | None
) -> None:
    weasy_indent.install()
    first, second, *_ = _lines(_pdf(_page(align, indent)))
    if left is not None:
        assert abs(first[0] - left) < 0.5, first
    if right is not None:
        assert abs(first[1] - right) < 0.5, first
    if align == "start":  # the next lines at the padding's edge (hung) or the block's
        assert abs(second[1] - (265 if indent.startswith("-") else 280)) < 0.5, second


def test_a_centred_rtl_first_line_is_centred_in_its_room() -> None:
    """Centred in the text block less the indent, on the right: [20, 280] for a hanging
    line (the padding given back), [20, 265] for an indented one."""
    weasy_indent.install()
    hung = _lines(_pdf(_page("center", "-1.5em")))[0]
    indented = _lines(_pdf(_page("center", "1.5em")))[0]
    assert abs((hung[0] + hung[1]) / 2 - 150) < 0.5, hung
    assert abs((indented[0] + indented[1]) / 2 - 142.5) < 0.5, indented


@pytest.mark.parametrize("indent", ["-1.5em", "1.5em"])
def test_a_ltr_paragraph_is_the_same_pdf(
    shipped: None, monkeypatch: pytest.MonkeyPatch, indent: str
) -> None:
    from weasyprint.layout import block

    html = _page("start", indent, rtl=False)
    without = _pdf(html)
    monkeypatch.setattr(block, "iter_line_boxes", weasy_indent._indented(_shipped()))
    assert _pdf(html) == without


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.layout import block

    shipped = _shipped()
    monkeypatch.setattr(block, "iter_line_boxes", shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert weasy_indent.install() is False
    assert block.iter_line_boxes is shipped


def test_a_changed_shape_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.layout import block

    shipped = _shipped()
    monkeypatch.setattr(block, "iter_line_boxes", shipped)
    monkeypatch.setattr(weasy_indent, "LAID", "position_x -= linebox.text_indent")
    assert weasy_indent.install() is False
    assert block.iter_line_boxes is shipped
