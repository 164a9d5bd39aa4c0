"""octavo.render.renderer: markdown-it's HTML renderer written tighter, the same output."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from octavo.render import markdown
from octavo.render.renderer import Renderer, escaped

SOURCES = [
    'Words *emphasis* **strong** `code` <b>raw</b> & "quoted" <x>.\n',
    "- tight\n- list\n  > quoted\n- [link](http://a.org/?a=1&b=\"2\" 'T&t')\n",
    "1. loose\n\n2. list\n\n   ---\n",
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
    '![alt *text*](i.png "title"){#id .c k="v&<>"}\n',
    "# Head {#h .c}\n\nLine  \nbreak\\\nsoft\nbreak\n",
    "```python {.x}\ncode <&>\n```\n\n    indented\n",
    "Term\n: definition\n\nA note.[^n]\n\n[^n]: The note.\n",
    "<div>\nhtml block\n</div>\n\n***\n",
    "",
]


def _parser(renderer: type[RendererHTML], xhtml: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"xhtmlOut": xhtml, "html": True}, renderer_cls=renderer)
    md.enable("table").use(attrs_plugin).use(deflist_plugin).use(footnote_plugin)
    return md


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("xhtml", [True, False])
def test_as_markdown_it_renders(source: str, xhtml: bool) -> None:
    expected = _parser(RendererHTML, xhtml).render(source)
    assert _parser(Renderer, xhtml).render(source) == expected


def test_attribute_values() -> None:
    token = Token("td_open", "td", 1)
    token.attrs = {"a": 'x&y<z>"', "b": 3, "c": 1.5, "d": "plain"}
    assert Renderer.renderAttrs(token) == RendererHTML.renderAttrs(token)


@pytest.mark.parametrize("text", ["", "plain", "a & b", "<i>", 'say "x"', "x > y"])
def test_escaped(text: str) -> None:
    from markdown_it.common.utils import escapeHtml

    assert escaped(text) == escapeHtml(text)


def test_octavo_renders_with_it() -> None:
    assert isinstance(markdown._parser(True, False).renderer, Renderer)
