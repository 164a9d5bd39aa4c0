"""A comma or a period after a closing quote set inside it (octavo.render.quote_punctuation),
as pandoc's citeproc sets it for a locale with `punctuation-in-quote="true"`: the
expected strings are what `pandoc --citeproc` 2.17 prints for those titles in en-US."""

from __future__ import annotations

import pytest

from octavo.render.quote_punctuation import QuotePunctuation

AMERICAN = QuotePunctuation("\u201d", "\u2018", "\u2019")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param("“Roads and rail”, Transport", "“Roads and rail,” Transport", id="comma"),
        pytest.param("“Roads end”.", "“Roads end.”", id="period"),
        pytest.param("“Roads, etc.”, Transport", "“Roads, etc.” Transport", id="own-period"),
        pytest.param("“Why roads?”, Transport", "“Why roads?” Transport", id="own-question"),
        pytest.param("“<i>Minsk</i>”, x", "“<i>Minsk</i>,” x", id="a-tag-inside"),
        pytest.param("x”</a>, y", "x,”</a> y", id="a-tag-after"),
        pytest.param("“AT&amp;T”, x", "“AT&amp;T,” x", id="an-entity-is-no-period"),
        pytest.param("“Roads”; x", "“Roads”; x", id="a-semicolon-stays"),
        pytest.param("the Joneses’, x", "the Joneses’, x", id="an-apostrophe"),
        pytest.param("‘Martin’s roads’, x", "‘Martin’s roads,’ x", id="inner-quote"),
    ],
)
def test_inside_the_quote(html: str, expected: str) -> None:
    assert AMERICAN(html) == expected


def test_in_one_pass() -> None:
    """The inner quotations open were counted again before each mark: a hostile suffix of
    40,000 inner quotes and commas would have taken minutes."""
    import time

    started = time.monotonic()
    assert AMERICAN("‘a’, " * 40_000) == "‘a,’ " * 40_000
    assert AMERICAN("“a&amp;”, " * 40_000) == "“a&amp;,” " * 40_000
    assert time.monotonic() - started < 2


def test_not_across_a_tag_where_it_says_so() -> None:
    """A field's own quotation at the end of its italics keeps the mark outside (pandoc's
    `Rock and “Roll”.`); a style's quotes take it across (citeproc-py's `<i>“…”</i>,`)."""
    own = QuotePunctuation("\u201d", "\u2018", "\u2019", across=False)
    assert own("<i>Rock and “Roll”</i>.") == "<i>Rock and “Roll”</i>."
    assert own("Rock and “Roll”.") == "Rock and “Roll.”"
    assert AMERICAN("<i>“Roll”</i>, x") == "<i>“Roll,”</i> x"
