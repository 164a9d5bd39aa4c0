"""octavo.render.pdf.folio_column: the contents' folios' column measured after a layout, and
set as wide as the widest folio where a folio is wider."""

from __future__ import annotations

from typing import Any

import pytest

from octavo.render.pdf.folio_column import COLUMN, folio_column, hold_column, settle_column

# A contents entry as styles/print/book.css sets it: the title's lines stop short of the
# folios' column, the leader and the folio run into it.
PAGE = """<!DOCTYPE html>
<html lang="en">
<style>
:root {{ --folio-column: 2.5em }}
@page {{ size: 300px 200px; margin: 10px 20px }}
body {{ margin: 0; font: 12px/16px serif }}
a {{ display: block; padding-right: var(--folio-column) }}
a::after {{ content: "\\00a0" leader(". ") "{folio}"; margin-right: calc(-1 * var(--folio-column)) }}
</style>
<p>Words of a paragraph, not a contents entry.</p>
<a>Trade</a>
<a>The Economy</a>
"""


def _html(folio: str) -> object:
    import weasyprint

    return weasyprint.HTML(string=PAGE.format(folio=folio))


@pytest.mark.parametrize("folio", ["7", "42", "iv"])
def test_a_folio_the_column_holds_leaves_it_as_it_is(folio: str) -> None:
    assert folio_column(_html(folio).render().pages) == ""  # type: ignore[attr-defined]


@pytest.mark.parametrize("folio", ["xxxviii", "123456"])
def test_a_wider_folio_widens_the_column_to_hold_it(folio: str) -> None:
    html = _html(folio)
    column = folio_column(html.render().pages)  # type: ignore[attr-defined]
    assert column.endswith("pt") and float(column[:-2]) > 2.5 * 9  # 12 px: 9 pt
    hold_column(html, column)
    assert html.etree_element.get("style") == f"{COLUMN}: {column}"  # type: ignore[attr-defined]
    again = html.render().pages  # type: ignore[attr-defined]
    assert folio_column(again) == ""  # it holds it now


def test_a_folio_the_wider_column_moves_wider_still_widens_it_again() -> None:
    """The column widened for the widest folio can lengthen the contents and so move a
    folio ("xxxvi" of a division opening on the next page, two pages on: "xxxviii"); the
    folios are measured again after that layout and the column widened again, until they
    fit. Here the move is made by hand: the layout after the first widening sets the wider
    folio. Before, the column was widened once: the moved folio reached out of it."""
    html: Any = _html("xxxiii")
    layouts: list[Any] = []

    def again(_: Any) -> Any:
        style = html.etree_element.find(".//style")
        style.text = style.text.replace('"xxxiii"', '"xxxviii"')  # the folio moved
        layouts.append(html.render())
        return layouts[-1]

    column, laid = settle_column(html, html.render(), lambda d: d.pages, again)
    assert len(layouts) == 2  # widened for "xxxiii", then again for "xxxviii"
    assert folio_column(laid.pages) == ""
    assert html.etree_element.get("style") == f"{COLUMN}: {column}"


def test_every_folio_fitting_leaves_the_layout_as_it_is() -> None:
    html: Any = _html("7")
    first = html.render()
    column, laid = settle_column(html, first, lambda d: d.pages, lambda d: 1 / 0)
    assert (column, laid) == ("", first)
    assert html.etree_element.get("style") is None
