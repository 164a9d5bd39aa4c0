"""A body heading's id stem: math and autolinks as pandoc's auto_identifiers take them,
but not in a code span, whose words are text (octavo.render.in_code finds the spans)."""

from __future__ import annotations

import pytest

from octavo.render.heading_ids import heading_stem


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        pytest.param("$x^2$ growth", "x2-growth", id="math"),
        pytest.param("`$x$` and $y$", "x-and-y", id="math-in-a-span-is-text"),
        pytest.param("``a ` $x$`` $y$", "a-x-y", id="span-of-two-holds-one"),
        pytest.param("`<https://a.org>` <https://b.org>", "https-a-org-httpsb.org", id="link"),
        pytest.param("\\`$x$\\` growth", "x-growth", id="escaped-backticks-no-span"),
        pytest.param("`unclosed $x$ growth", "unclosed-x-growth", id="unclosed-no-span"),
        pytest.param("a `code` b $x$", "a-code-b-x", id="span-then-math"),
    ],
)
def test_code_spans_hold_text(words: str, stem: str) -> None:
    assert heading_stem(words) == stem
