"""Four of markdown-it's core rules, `normalize`, `inline`, `text_join` and `smartquotes`,
the short way where they have nothing to do; the same tokens.

`normalize` made every line ending LF and every NUL U+FFFD with two regular expressions
over the whole source, the first matching each of its LFs (2 % of rendering a section):
here the source is searched for a CR and a NUL, and changed only if it holds one.

An inline whose text holds none of the characters that stop markdown-it's `text` rule (its
`terminator_re`: `*`, `[`, `\\`, `` ` ``, a line break, …) is one text token: the `text` rule,
tried first, takes it whole, and the pairs' post-processing (emphasis, strikethrough) finds
no delimiter. That token is made here without an inline parser's state, its rules and its
post-processing: most inlines of a study are such (a table cell, a one-line paragraph: 4,172
of the 81-section study's 4,421), and their parsing was a sixth of rendering a section.

Taken only while markdown-it is set as it was when this was written: `text` the first
inline rule, and no post-processing rule but the four of markdown-it's own; else every
inline is parsed.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core import inline as markdown_inline
from markdown_it.rules_core.smartquotes import process_inlines
from markdown_it.rules_core.text_join import _join_text_tokens as join_text_tokens
from markdown_it.rules_inline import emphasis, strikethrough
from markdown_it.rules_inline import text as text_rule
from markdown_it.rules_inline.balance_pairs import link_pairs
from markdown_it.rules_inline.fragments_join import fragments_join
from markdown_it.token import Token

__all__ = ["install"]

# markdown-it's post-processing: a no-op on one text token with no delimiter, but for
# `fragments_join` setting its level (0, as made); its own functions, not only their names
_PAIRS = frozenset((link_pairs, strikethrough.postProcess, emphasis.postProcess, fragments_join))


def install(md: MarkdownIt) -> None:
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.at("inline", _inline)
    md.core.ruler.at("text_join", _text_join)
    md.core.ruler.at("smartquotes", _smartquotes)  # (enabled with typography alone)


def _normalize(state: StateCore) -> None:
    """markdown-it's `normalize`: CR LF and CR made LF, NUL made U+FFFD."""
    source = state.src
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in source:
        source = source.replace("\0", "\ufffd")
    state.src = source


def _short_way(md: MarkdownIt) -> bool:
    """Whether markdown-it is set as this was written for: `text` its first inline rule, no
    post-processing rule enabled but its own four (their lists as markdown-it's rulers keep
    them, made again only when a rule changes)."""
    rules = md.inline.ruler.getRules("")
    return (
        bool(rules) and rules[0] is text_rule and _PAIRS.issuperset(md.inline.ruler2.getRules(""))
    )


def _inline(state: StateCore) -> None:
    md = state.md
    if not _short_way(md):
        markdown_inline(state)
        return
    stops = md.inline.terminator_re.search
    for token in state.tokens:
        if token.type != "inline":
            continue
        content = token.content
        children = token.children
        if children is None:
            children = token.children = []
        if children or stops(content) is not None:  # (children made already: parsed after)
            md.inline.parse(content, md, state.env, children)
        elif content:
            words = Token("text", "", 0)
            words.content = content
            children.append(words)


def _text_join(state: StateCore) -> None:
    """markdown-it's `text_join` (`text_special` made text, and joined with the text beside
    it), an inline of one token without children (most) made no new list for."""
    for inline in state.tokens:
        if inline.type != "inline":
            continue
        children = inline.children or []
        if len(children) == 1 and not children[0].children:
            if children[0].type == "text_special":
                children[0].type = "text"
            inline.children = children
            continue
        for child in children:
            if child.children:  # an image's alt text, its own tokens
                child.children = join_text_tokens(child.children)
        inline.children = join_text_tokens(children)


def _smartquotes(state: StateCore) -> None:
    """markdown-it's `smartquotes`, an inline without a straight quote passed by with two
    `in` tests rather than a regular expression's search."""
    if not state.md.options.typographer:
        return
    for token in state.tokens:
        if token.type != "inline" or not ("'" in token.content or '"' in token.content):
            continue
        if token.children is not None:
            process_inlines(token.children, state)
