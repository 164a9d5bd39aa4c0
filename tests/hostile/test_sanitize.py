"""Issue 16 item 6: an unclosed tag never deletes the rest of a section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from octavo.render.markdown import render_block
from octavo.render.sanitize import clean_fragment
from tests.conftest import MakeBook, section_source

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


@pytest.mark.parametrize(
    "source",
    [
        "Intro.\n\n" + "<b>" * 3000 + "deep words" + "</b>" * 3000 + " after\n",
        "<table><tr><td>" * 300 + "deep words" + "</td></tr></table>" * 300 + "\n\nafter\n",
        "x <i>" * 3000 + "deep words" + "</i>" * 3000 + " after\n",
    ],
    ids=["inline", "tables", "in-a-line"],
)
def test_raw_html_nested_past_the_limit_keeps_its_words(source: str) -> None:
    """3,000 nested <b> or 300 nested tables: WeasyPrint lays boxes out by recursion (a
    RecursionError); tags past MAX_DEPTH open at once are dropped, their words kept, and
    W502 says so, once."""
    from octavo.limits import MAX_DEPTH
    from octavo.render.allow_list import DEEP

    fragment = render_block(source)
    assert "deep words" in fragment.html and "after" in fragment.html
    assert [r.what for r in fragment.removed].count(DEEP) == 1
    html, _ = clean_fragment(fragment.html)  # well formed, and no deeper than the limit
    depth = most = 0
    for tag in re.findall(r"<(/?)[a-z]+[^>]*?(/?)>", html):
        depth += -1 if tag[0] else (0 if tag[1] else 1)
        most = max(most, depth)
    assert depth == 0 and most <= MAX_DEPTH


def test_a_pdf_of_raw_html_nested_past_the_limit(make_book: MakeBook, tmp_path: Path) -> None:
    from octavo import api
    from tests.support.weasyprint_log import quietly

    body = "<b>" * 3000 + "deep words" + "</b>" * 3000 + "\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "deep.pdf", jobs=1))
    assert [d.code for d in found] == ["W502"] and logged == []
    assert pdf.stat().st_size > 0
