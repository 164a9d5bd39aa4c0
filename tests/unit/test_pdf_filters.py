"""The print templates' CSS string literal (octavo.render.pdf.filters.css_string)."""

from __future__ import annotations

import pytest

from octavo.render.pdf.filters import css_string


@pytest.mark.parametrize(
    "text, literal",
    [
        pytest.param('Say "hi" \\ </style>', '"Say \\"hi\\" \\\\ \\3C /style>"', id="escaped"),
        pytest.param("Annexe A\u00a0: Villes", '"Annexe A\\A0 : Villes"', id="no-break-space"),
        pytest.param("Egypt: \u0645\u0635\u0631\u2026\u200f", '"Egypt: مصر…\\200F "', id="mark"),
        pytest.param("one\ntwo\x07", '"onetwo"', id="controls-dropped"),
    ],
)
def test_a_css_string_keeps_what_it_does_not_print_as_escapes(text: str, literal: str) -> None:
    """A running head's no-break space and mark of direction were dropped from the string
    a <style> sets it by (where the element's content(text) keeps them); control
    characters still are."""
    assert css_string(text) == literal
