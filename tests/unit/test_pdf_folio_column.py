"""octavo.render.pdf.folio_column: the contents' folios' column measured after a layout, and
set as wide as the widest folio where a folio is wider."""

from __future__ import annotations

import pytest

from octavo.render.pdf.folio_column import COLUMN, folio_column, hold_column

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
