"""octavo.render.epub.figure_widths: a figure given a width says it to every reader."""

from __future__ import annotations

import pytest

from octavo.render.epub.figure_widths import sized_figures

CAPTION = "<figcaption>Figure 1. Cap</figcaption></figure>"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param(
            f'<figure id="f" class="figure" style="width: 20px"><img src="a.png" alt="" />{CAPTION}',
            '<figure id="f" class="figure" style="width: min(20px, 100%)">'
            f'<img src="a.png" alt="" style="width: 20px" />{CAPTION}',
            id="pixels",
        ),
        pytest.param(
            '<figure class="figure map" style="width: 5%"><a href="x.xhtml"><img src="a.png" '
            f'alt="A"/></a>{CAPTION}',
            '<figure class="figure map" style="width: min(5%, 100%)"><a href="x.xhtml">'
            f'<img src="a.png" alt="A" style="width: 5%"/></a>{CAPTION}',
            id="a-share-in-a-link",
        ),
    ],
)
def test_a_figure_given_a_width_gives_it_to_its_picture(given: str, expected: str) -> None:
    assert sized_figures(given) == expected


@pytest.mark.parametrize(
    "kept",
    [
        pytest.param(
            f'<figure class="figure own-size"><img src="a.png" alt="" />{CAPTION}', id="own-size"
        ),
        pytest.param(
            f'<figure class="figure by-height"><img src="a.png" alt="" height="30" />{CAPTION}',
            id="by-height",
        ),
        pytest.param(
            f'<figure class="figure" style="width: 2in"><img src="a.png" style="x" />{CAPTION}',
            id="a-picture-with-a-style",
        ),
        pytest.param(
            f'<figure class="figure" style="width: 2in">{CAPTION}<p><img src="b.png" /></p>',
            id="no-picture-in-it",
        ),
        pytest.param(
            f'<figure class="table-frame" style="width: 2in"><img src="a.png" />{CAPTION}',
            id="not-a-figure-of-octavo",
        ),
    ],
)
def test_any_other_figure_is_kept(kept: str) -> None:
    assert sized_figures(kept) == kept
