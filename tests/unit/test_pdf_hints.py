"""Attributes WeasyPrint does not read, said again as styles for print
(octavo.render.pdf.hints)."""

from __future__ import annotations

import pytest

from octavo.render.pdf.hints import as_styles


@pytest.mark.parametrize(
    ("html", "printed"),
    [
        (
            '<img src="a.png" alt="a" width="20" />',
            '<img style="width: 20px" src="a.png" alt="a" width="20" />',
        ),
        (
            '<img src="a.png" alt="a" width="20" height="30" />',
            '<img style="width: 20px; height: 30px" src="a.png" alt="a" width="20" height="30" />',
        ),
        (
            '<img src="a.png" alt="a" width="20" style="height: 1in" />',
            '<img src="a.png" alt="a" width="20" style="width: 20px; height: 1in" />',
        ),
        (
            '<img src="a.png" alt="a" style="width: 2em" />',
            '<img src="a.png" alt="a" style="width: 2em" />',
        ),
        (
            '<img src="a.png" alt="width=&quot;20&quot;" />',
            '<img src="a.png" alt="width=&quot;20&quot;" />',
        ),
        ('<p width="20">a</p>', '<p width="20">a</p>'),
        ('<ol start="5">', '<ol start="5" style="counter-reset: list-item 4">'),
    ],
    ids=["width", "both", "with-a-style", "style-only", "alt-text", "not-an-image", "list"],
)
def test_print_is_given_the_sizes_as_styles(html: str, printed: str) -> None:
    assert as_styles(html) == printed
