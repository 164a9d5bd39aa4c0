"""pandoc's attribute syntax: bare values up to a space or '}', as pandoc's manual writes them."""

from __future__ import annotations

import pytest

from octavo.render.attributes import pandoc_attrs
from octavo.render.markdown import render_block


@pytest.mark.parametrize(
    ("source", "end", "attrs"),
    [
        ("{width=80%} rest", 10, {"width": "80%"}),
        (
            "{#fig:map width=80% height=2.5in}",
            32,
            {"id": "fig:map", "width": "80%", "height": "2.5in"},
        ),
        ('{fig-alt="A map, 1995" width=50%}', 32, {"fig-alt": "A map, 1995", "width": "50%"}),
        ("{.index}", 7, {"class": "index"}),
        ('{index="Belarus!economy"}', 24, {"index": "Belarus!economy"}),
    ],
    ids=["percent", "id-and-lengths", "quoted-beside-bare", "class", "quoted-only"],
)
def test_pandoc_values(source: str, end: int, attrs: dict[str, str]) -> None:
    assert pandoc_attrs(source) == (end, attrs)


def test_a_figure_with_a_bare_percentage_is_sized_without_a_warning() -> None:
    fragment = render_block("![Valley](images/v.png){#fig:v width=80%}\n")
    assert 'style="width: 80%"' in fragment.html and "{" not in fragment.html
    assert not [p for p in fragment.problems if p.code == "W504"]
