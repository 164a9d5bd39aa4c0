"""octavo.render.markdown_core, and render_block's own short ways: the same output as the long."""

from __future__ import annotations

from typing import Any

import pytest
from markdown_it.rules_core import StateCore, normalize, smartquotes, text_join

from octavo.render import markdown, markdown_core, tokens
from octavo.render.markdown import Context, render_block

SOURCES = [
    "Plain words, and more words.\n",
    "Words *emphasised* and `code`.\n",
    "| a | b |\n|---|---|\n| plain cell | *cell* |\n| 1,234 | 5.6 |\n",
    "# A heading\n\nA paragraph after it. Another sentence.\n",
    "Two lines\nof a paragraph.\n",
    "A note.[^n]\n\n[^n]: Its plain text.\n",
    "- an item\n- another, plain\n\nTerm\n: its plain definition\n",
    "\"Quoted\" words -- a dash... and 'single' ones.\n",
    "",
]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("typography", [True, False])
def test_same_as_parsing(monkeypatch: pytest.MonkeyPatch, source: str, typography: bool) -> None:
    context = Context(slug="s", index_terms=(("plain", "Plain"),))
    short = render_block(source, typography, context)
    monkeypatch.setattr(markdown_core, "_short_way", lambda md: False)
    assert render_block(source, typography, context) == short


def test_plain_words_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    md = markdown._parser(True, False)  # render_block's, for a context without citations
    parsed: list[str] = []
    parse = md.inline.parse

    def recorded(src: str, *args: Any) -> Any:
        parsed.append(src)
        return parse(src, *args)

    monkeypatch.setattr(md.inline, "parse", recorded)
    html = render_block("Plain words.\n\n| a |\n|---|\n| cell |\n\nWith *emphasis*.\n").html
    assert parsed == ["With *emphasis*."]
    assert ">cell</td>" in html and "<em>emphasis</em>" in html


@pytest.mark.parametrize(
    "source",
    ["plain\n", "a\r\nb\rc\r\r\nd\n\r", "nul\0here\0\r\n", "", "\r", "\0", "é\u2028\r\n"],
)
def test_normalize_as_markdown_it(source: str) -> None:
    md = markdown._parser(True, False)
    theirs, ours = StateCore(source, md, {}), StateCore(source, md, {})
    normalize(theirs)
    markdown_core._normalize(ours)
    assert ours.src == theirs.src


def _as_markdown_it(monkeypatch: pytest.MonkeyPatch, source: str, name: str, rule: Any) -> None:
    """render_block gives the same with markdown-it's own core rule `name` in place of
    octavo's (markdown_core's)."""
    ours = render_block(source)
    md = markdown._parser(True, False)
    at = next(r for r in md.core.ruler.__rules__ if r.name == name)
    monkeypatch.setattr(at, "fn", rule)
    md.core.ruler.__cache__ = None
    try:
        assert render_block(source) == ours
    finally:
        monkeypatch.undo()
        md.core.ruler.__cache__ = None


def test_line_endings_rendered_as_markdown_it(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "# Head\r\n\r\nWords\rmore\0words.\r\n\r\n| a |\r\n|---|\r\n| b |\r\n"
    _as_markdown_it(monkeypatch, source, "normalize", normalize)


def test_child_lines_counted_only_for_links_and_raw_html(monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[str] = []
    count = tokens.child_lines

    def counting(block: Any) -> dict[int, int]:
        counted.append(block.content)
        return count(block)

    monkeypatch.setattr("octavo.render.markdown.child_lines", counting)
    fragment = render_block(
        "Two lines\nof *words*.\n\nA [link](#a)\nover two.\n\n| a |\n|---|\n| b |\n"
    )
    assert counted == ["A [link](#a)\nover two."]
    assert fragment.links == (("#a", 3),)


@pytest.mark.parametrize(
    "source",
    [
        "\\*\n\n| \\| | a\\*b | <https://a.org/x--y> |\n|---|---|---|\n| \\_ | `c` | x |\n",
        "![alt \\* *em*](i.png) and \\& text\\.\n\n- \\#\n",
        "Plain.\n\n<mail@a.org>\n",
    ],
)
def test_text_join_as_markdown_it(monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    _as_markdown_it(monkeypatch, source, "text_join", text_join)


@pytest.mark.parametrize(
    "source",
    [
        "\"Quoted\" and 'single' words, it's.\n\n| \"a\" | 'b' |\n|---|---|\n| x | y |\n",
        '*"Emphasised"* ["link"](#a) and "open\n\nno quote at all\n',
    ],
)
def test_smartquotes_as_markdown_it(monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    _as_markdown_it(monkeypatch, source, "smartquotes", smartquotes)


def test_the_short_way_only_with_markdown_its_own_post_processing() -> None:
    """Taken with markdown-it's own four post-processing rules (strikethrough off too);
    not with another rule, nor one of its own replaced under its name (the names alone
    said yes to that), nor with `text` not the first inline rule; asked again once a
    ruler changes."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    assert markdown_core._short_way(md)
    md.inline.ruler2.at("emphasis", lambda state: None)
    assert not markdown_core._short_way(md)
    md = MarkdownIt("commonmark")
    md.inline.ruler2.push("mine", lambda state: None)
    assert not markdown_core._short_way(md)
    md.disable("mine")
    assert markdown_core._short_way(md)
    md.inline.ruler.before("text", "first", lambda state, silent: False)
    assert not markdown_core._short_way(md)
