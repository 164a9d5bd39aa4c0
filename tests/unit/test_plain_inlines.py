"""octavo.render.plain_inlines: plain words made one text token, as markdown-it makes them."""

from __future__ import annotations

from typing import Any

import pytest

from octavo.render import markdown, plain_inlines
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
    monkeypatch.setattr(plain_inlines, "_short_way", lambda md: False)
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
