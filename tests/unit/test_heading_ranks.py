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


def test_headings_past_h6_keep_their_level_for_assistive_technology_and_the_nav() -> None:
    """With two parents the section's heading is h4 and a body's `##` to `######` all were
    h6, siblings in the EPUB's nav (ut47 bug 17). HTML stops at h6: past it a heading is an
    h6 that says its own level (aria-level), and the nav nests it by that level."""
    source = "".join(f"{'#' * n} H{n} body\n\n" for n in range(1, 7))
    done = render_block(source, context=Context(slug="s001-deep", level=4, toc_depth=6))
    found = re.findall(r"<(h[1-6])( aria-level=\"([0-9]+)\")?[^>]*>([^<]*)", done.html)
    assert [(tag, level, words) for tag, _, level, words in found] == [
        ("h5", "", "H1 body"),
        ("h6", "", "H2 body"),
        ("h6", "7", "H3 body"),
        ("h6", "8", "H4 body"),
        ("h6", "9", "H5 body"),
        ("h6", "10", "H6 body"),
    ]
    assert [h.level for h in done.headings] == [5, 6, 7, 8, 9, 10]  # the nav's nesting
    assert [h.listed for h in done.headings] == [True, True, False, False, False, False]
