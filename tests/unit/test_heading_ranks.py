"""octavo.render.heading_ranks: a body's headings as an outline without a level skipped
(DAISY Ace's heading-order failed a body written in `##` alone, and `#` then `###`)."""

from __future__ import annotations

import re

import pytest

from octavo.render.markdown import Context, render_block

CONTEXT = Context(slug="s002-economy", level=2)


def _levels(source: str) -> tuple[list[str], list[tuple[str, int]]]:
    done = render_block(source, context=CONTEXT)
    found = re.findall(
        r"<h([1-6]) id=\"[^\"]*\" class=\"body-heading[^\"]*\"[^>]*>([^<]*)", done.html
    )
    return [f"h{level} {words}" for level, words in found], [
        (p.code, p.line) for p in done.problems
    ]


@pytest.mark.parametrize(
    ("source", "levels", "told"),
    [
        pytest.param(
            "# Trade\n\n## Exports\n\n### Grain\n",
            ["h3 Trade", "h4 Exports", "h5 Grain"],
            [],
            id="as-written",
        ),
        pytest.param(
            "## Trade\n\nText.\n\n### Exports\n\n## Prices\n",
            ["h3 Trade", "h4 Exports", "h3 Prices"],
            [],
            id="a-body-in-##-alone-starts-below-the-section",
        ),
        pytest.param(
            "# Trade\n\n### Grain\n\n#### Wheat\n\n# Prices\n",
            ["h3 Trade", "h4 Grain", "h5 Wheat", "h3 Prices"],
            [("W528", 2)],
            id="a-skip-set-one-deeper-and-told-once",
        ),
        pytest.param(
            "### Early\n\n# Trade\n",
            ["h3 Early", "h3 Trade"],
            [("W528", 0)],
            id="deeper-than-the-first-level-before-any",
        ),
    ],
)
def test_a_bodys_headings_skip_no_level(
    source: str, levels: list[str], told: list[tuple[str, int]]
) -> None:
    found, problems = _levels(source)
    assert found == levels
    assert [p for p in problems if p[0] == "W528"] == told
