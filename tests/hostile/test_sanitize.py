"""Issue 16 item 6: an unclosed tag never deletes the rest of a section."""

from __future__ import annotations

import pytest

from octavo.render.markdown import render_block
from octavo.render.sanitize import clean_fragment

REST = "Every following word stays."


@pytest.mark.parametrize(
    "raw",
    [
        'Before <embed src="x.swf"> after.',
        'Before <iframe src="http://example.org/"> after.',
        "Before <svg><circle r='1'/> after.",
        "Prose that mentions the <title> element.",
        "An unclosed <script>alert(1) here.",
        "An unclosed <style>p{} here.",
        "<object data='x'>\n",
    ],
    ids=["embed", "iframe", "svg", "title-in-prose", "script", "style", "object-block"],
)
def test_an_unclosed_tag_keeps_the_rest_of_the_section(raw: str) -> None:
    fragment = render_block(f"{raw}\n\n{REST}\n\nAnd a last paragraph.\n")
    assert REST in fragment.html and "And a last paragraph." in fragment.html
    assert fragment.removed  # still reported as W502


def test_a_closed_script_still_loses_its_content() -> None:
    html, removed = clean_fragment("<p>a<script>alert('x')</script>b</p>")
    assert html == "<p>ab</p>" and removed == ("tag <script>",)


def test_an_unclosed_script_is_text_not_markup() -> None:
    html, _ = clean_fragment("<p>a <script>x <img src=y onerror=z></p>")
    assert "<script" not in html and "<img" not in html and "onerror" not in html
