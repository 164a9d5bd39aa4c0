"""Markdown -> XHTML fragments (markdown-it-py), with typography at render time.

Typography changes characters, never words: straight quotes become curly, '--' an en
dash, '---' an em dash, '...' an ellipsis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from octavo.render.sanitize import Removal, clean_fragment, find_removals

__all__ = ["Fragment", "render_block", "render_inline"]

_DASHES = (
    (re.compile(r"(?<!-)---(?!-)"), "\u2014"),
    (re.compile(r"(?<!-)--(?!-)"), "\u2013"),
    (re.compile(r"\.\.\."), "\u2026"),
)


@dataclass(frozen=True, slots=True)
class Fragment:
    html: str  # well-formed XHTML, raw HTML cleaned to the allow-list
    images: tuple[tuple[str, int], ...]  # (src, 0-based line within the Markdown)
    links: tuple[tuple[str, int], ...]
    removed: tuple[Removal, ...]  # raw HTML the cleaner dropped
    too_deep: int | None = None  # 0-based line where nesting passed the parser's limit


def _punctuation(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for token in block.children:
            if token.type == "text":
                for pattern, replacement in _DASHES:
                    token.content = pattern.sub(replacement, token.content)


@lru_cache(maxsize=2)
def _parser(typography: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": typography, "html": True, "xhtmlOut": True})
    if typography:
        md.enable("smartquotes")
        md.core.ruler.before("smartquotes", "octavo_punctuation", _punctuation)
    return md


def render_block(text: str, typography: bool = True) -> Fragment:
    md = _parser(typography)
    tokens = md.parse(text)
    images: list[tuple[str, int]] = []
    links: list[tuple[str, int]] = []
    removed: list[Removal] = []
    for block in tokens:
        line = block.map[0] if block.map else 0
        if block.type == "html_block":
            removed += find_removals(block.content, line)
        for token in block.children or ():
            if token.type == "image":
                images.append((str(token.attrGet("src") or ""), line))
            elif token.type == "link_open":
                links.append((str(token.attrGet("href") or ""), line))
            elif token.type == "html_inline":
                removed += find_removals(token.content, line)
    html, _ = clean_fragment(md.renderer.render(tokens, md.options, {}))
    limit = int(md.options["maxNesting"]) - 1
    deep = next((t.map[0] if t.map else 0 for t in tokens if t.level >= limit), None)
    return Fragment(html, tuple(images), tuple(links), tuple(removed), deep)


def render_inline(text: str, typography: bool = True) -> str:
    """One line (a title) as inline XHTML."""
    html, _ = clean_fragment(_parser(typography).renderInline(text).strip())
    return html
