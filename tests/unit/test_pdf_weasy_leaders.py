"""octavo.render.pdf.weasy_leaders: a dot leader runs on to a folio set past its line's right
edge (a contents entry's folios' column); every other leader as shipped."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from octavo.render.pdf import weasy_leaders

# A contents entry as styles/print/book.css sets it: the title's lines stop 2.5 em short of
# the folios' column, the leader and the folio run into it.
PAGE = """<!DOCTYPE html>
<html lang="en">
<style>
@page {{ size: 300px 200px; margin: 10px 20px }}
body {{ margin: 0; font: 12px/16px serif }}
a {{ display: block; text-align: left; margin-bottom: 8px; {padding} }}
a::after {{ content: "\\00a0" leader(". ") "{folio}"; {margin} }}
</style>
<a>{title}</a>
<a>Trade</a>
"""
COLUMN = ("padding-right: 2.5em", "margin-right: -2.5em")
LONG = "The Economy, Foreign Relations and the Security of the Republic after Independence"


def _page(title: str = LONG, folio: str = "7", column: bool = True) -> str:
    padding, margin = COLUMN if column else ("", "")
    return PAGE.format(title=title, folio=folio, padding=padding, margin=margin)


def _shipped() -> Callable[..., Any]:
    from weasyprint.layout import inline

    function: Callable[..., Any] = inline.handle_leader
    return getattr(function, "__wrapped__", function)


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """WeasyPrint's own handle_leader for the test, the patch put back after."""
    from weasyprint.layout import inline

    monkeypatch.setattr(inline, "handle_leader", _shipped())
    yield


def _pdf(html: str) -> bytes:
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def _lines(pdf: bytes) -> list[list[dict[str, Any]]]:
    """The characters of each line of the first page, left to right."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        rows: dict[int, list[dict[str, Any]]] = {}
        for char in document.pages[0].chars:
            rows.setdefault(round(char["bottom"]), []).append(char)
    return [sorted(rows[b], key=lambda c: c["x0"]) for b in sorted(rows)]


def _gap(line: list[dict[str, Any]]) -> float:
    """From the leader's last dot to the folio (the figures that end the line)."""
    dots = [c for c in line if c["text"] == "."]
    figures = [c for c in line if c["text"].isdigit()]
    return float(min(c["x0"] for c in figures) - max(c["x1"] for c in dots))


def _dot_width(line: list[dict[str, Any]]) -> float:
    dots = sorted(c["x0"] for c in line if c["text"] == ".")
    return float(dots[1] - dots[0])


def test_the_patch_applies_to_this_weasyprint() -> None:
    """Fails once WeasyPrint's handle_leader no longer reads as checked: read it again
    (does it fill to what follows the leader now?) before changing the shape."""
    assert weasy_leaders.install()
    assert weasy_leaders.installed()


def test_as_shipped_the_dots_stop_at_the_column(shipped: None) -> None:
    """The defect the patch mends: the tests below mean something while this passes."""
    lines = _lines(_pdf(_page()))
    last = lines[-2]  # the title's last line, its leader and folio
    assert _gap(last) > 2 * _dot_width(last)  # most of the column empty before "7"


def test_the_dots_run_on_to_the_folio_on_the_title_s_last_line() -> None:
    weasy_leaders.install()
    lines = _lines(_pdf(_page()))
    assert len(lines) == 4  # the title on three lines, then "Trade"
    *title, last = lines[:-1]
    assert not any(c["text"] == "." for line in title for c in line)  # a title alone
    assert _gap(last) < 2 * _dot_width(last)  # no dot missing before the folio
    folio = min(c["x0"] for c in last if c["text"].isdigit())
    assert max(c["x1"] for line in title for c in line) < folio - 2 * _dot_width(last)


def test_a_one_line_entry_prints_its_dots_and_folio_where_they_were_without_the_column() -> None:
    """An entry whose title fits one line: the same dots at the same places as a contents
    without the column (the grid of the folios' right edge)."""
    weasy_leaders.install()
    with_column = _lines(_pdf(_page("Trade and Industry")))
    without = _lines(_pdf(_page("Trade and Industry", column=False)))

    def placed(lines: list[list[dict[str, Any]]]) -> list[tuple[str, float]]:
        return [(c["text"], round(c["x0"], 3)) for line in lines for c in line]

    assert placed(with_column) == placed(without)


def test_a_leader_within_its_line_is_the_same_pdf(
    shipped: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.layout import inline, leader

    html = _page(column=False)
    without = _pdf(html)
    monkeypatch.setattr(
        inline, "handle_leader", weasy_leaders._reaching(_shipped(), leader.leader_index)
    )
    assert _pdf(html) == without


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.layout import inline

    shipped = _shipped()
    monkeypatch.setattr(inline, "handle_leader", shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert weasy_leaders.install() is False
    assert inline.handle_leader is shipped


def test_a_changed_grid_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.layout import inline

    shipped = _shipped()
    monkeypatch.setattr(inline, "handle_leader", shipped)
    monkeypatch.setattr(weasy_leaders, "SHAPE", weasy_leaders.SHAPE.replace("-=", "+="))
    assert weasy_leaders.install() is False
    assert inline.handle_leader is shipped


def test_a_folio_of_nothing_leaves_the_dots_as_shipped(
    shipped: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folio that prints nothing (a target-counter with no target; here a zero-width
    space, which WeasyPrint sets as a box of no width in the folios' column) marks no
    place: the dots stop where WeasyPrint's do, not in the column with nothing after."""
    from weasyprint.layout import inline, leader

    html = _page(folio="\\200b")
    without = _pdf(html)
    monkeypatch.setattr(
        inline, "handle_leader", weasy_leaders._reaching(_shipped(), leader.leader_index)
    )
    assert _pdf(html) == without


# The same entry in a book written right to left: the folios' column on the left.
RTL_PAGE = """<!DOCTYPE html>
<html lang="he" dir="rtl"><meta charset="utf-8">
<style>
@page { size: 300px 200px; margin: 10px 20px }
body { margin: 0; font: 12px/16px serif }
a { display: block; text-align: start; margin-bottom: 8px; padding-inline-end: 2.5em }
a::after {
  content: "\\00a0" leader(". ") "7"; margin-inline-end: -2.5em; white-space: nowrap;
}
</style>
<a>תעשייה ומסחר במדינה לאחר העצמאות והשינויים הכלכליים הגדולים</a>
<a>חקלאות</a>
"""


def _rtl_gaps(pdf: bytes) -> list[float]:
    """From each entry's folio (the figures at its line's left) to its leader's first dot."""
    gaps = []
    for line in _lines(pdf):
        dots = [c for c in line if c["text"] == "."]
        figures = [c for c in line if c["text"].isdigit()]
        if dots and figures:
            gaps.append(float(min(c["x0"] for c in dots) - max(c["x1"] for c in figures)))
    return gaps


def test_as_shipped_rtl_dots_stop_at_the_column(shipped: None) -> None:
    gaps = _rtl_gaps(_pdf(RTL_PAGE))
    assert len(gaps) == 2 and min(gaps) > 15  # most of the column empty after "7"


def test_rtl_dots_run_on_to_the_folio() -> None:
    weasy_leaders.install()
    lines = _lines(_pdf(RTL_PAGE))
    gaps = _rtl_gaps(_pdf(RTL_PAGE))
    assert len(gaps) == 2 and max(gaps) < 2 * 6.5, gaps  # a dot's pitch or two: none missing
    for line in lines:  # the dots end before the title (its no-break space's width apart)
        dots = [c for c in line if c["text"] == "."]
        title = [
            c for c in line if c["text"].strip() and c["text"] != "." and not c["text"].isdigit()
        ]
        if dots and title:
            assert max(c["x1"] for c in dots) <= min(c["x0"] for c in title)
