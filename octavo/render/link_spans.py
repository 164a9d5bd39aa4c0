"""A bracketed span inside a link's words: `[[Minsk]{lang=be}](001-a.md)` is a link
holding a span, as pandoc reads it (ut47 bug 5).

markdown-it finds the end of a link's words by skipping over the inline tokens within
(its `parseLinkLabel`), and takes a bracket that a token begins for a link inside a link,
which CommonMark forbids: the attrs plugin's span (`[Minsk]{lang=be}`) begins with one,
so the outer link was given up and its brackets and address printed. While a link's words
are looked over, a span is not a token here: its brackets count as text, as a nested
`[plain]` already did. The words are then read as ever, the span among them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

__all__ = ["install"]

Rule = Callable[[StateInline, bool], bool]
_LOOKING = "octavo_link_words"  # env: how many links' words are being looked over


def install(md: MarkdownIt) -> None:
    """Wrap the link and image rules and the attrs plugin's span (installed before)."""
    ruler = md.inline.ruler
    rules = {rule.name: rule.fn for rule in ruler.__rules__}
    for name in ("link", "image"):
        ruler.at(name, partial(_looking, rules[name]))
    ruler.at("span", partial(_span, rules["span"]))


def _looking(rule: Rule, state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] not in "[!":
        return False
    env = state.env
    env[_LOOKING] = env.get(_LOOKING, 0) + 1
    try:
        return rule(state, silent)
    finally:
        env[_LOOKING] -= 1


def _span(rule: Rule, state: StateInline, silent: bool) -> bool:
    if silent and state.env.get(_LOOKING):  # skipped over in a link's words: text
        return False
    return rule(state, silent)
