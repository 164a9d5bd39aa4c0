"""pandoc's `{#id .class key=value}` attributes, read by mdit-py-plugins' attrs plugin.

The plugin follows djot's grammar, where an unquoted value holds only letters, digits, '-',
'_' and ':'. pandoc reads an unquoted value up to the next space or '}', so its own manual's
`![Map](map.png){width=80%}` and `{height=2.5in}` are bare values there; and a quoted value
may hold a brace (`title="{0}"`), which the plugin's parser refuses (its djot grammar does
not; its state machine has no setting for it). `pandoc_attrs` writes such values as the
plugin reads them, and reads back what they were: the plugin's rules stay the plugin's,
and a book's sources read the same in pandoc and octavo.

A link's `[words](address){…}` is read here too (`link_attributes`), not by the plugin,
which sets every attribute on the link: octavo trusts a link's attributes as its own, so
an author's are held apart in the link's meta for octavo.render.inline_attributes to keep
what a span keeps.
"""

from __future__ import annotations

import re

import mdit_py_plugins.attrs.index as attrs_index
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.attrs.parse import ParseError, parse

__all__ = ["BLOCK", "PLUGIN_AFTER", "WRITTEN", "install", "link_attributes", "pandoc_attrs"]

BLOCK = r'\{(?:[^{}"]|"[^"]*")*\}'  # an attribute block in a pattern: `{.c title="{0}"}`

WRITTEN = "octavo-written"  # a link's meta: the attributes its author wrote after it
# where the attrs plugin reads attributes (a link's are link_attributes')
PLUGIN_AFTER = ("image", "code_inline", "span_close")

# a quoted value (kept whole: an '=' or a brace inside is its own), or a bare one after '='
_VALUE = re.compile(r'("(?:[^"\\]|\\.)*")|(?<==)([^\s"}]+)')
_DJOT_BARE = re.compile(r"[A-Za-z0-9_:-]+")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation, as pandoc


def pandoc_attrs(text: str) -> tuple[int, dict[str, str]]:
    """parse() of an attribute block at the start of `text`, read as pandoc reads it: a bare
    value quoted, a brace in a quoted value (`title="{0}"`, which the plugin's parser
    refuses) given to it as a character the block does not hold, then put back, and a
    backslash before punctuation (`\\"`, which the plugin keeps) taken off."""
    end = _block_end(text)
    if end is None:
        return parse(text)
    block = text[:end]
    braces = _stand_ins(block)

    def value(match: re.Match[str]) -> str:
        if match[1]:  # quoted: as written, its braces stood in for
            return match[1].translate(braces)
        bare = match[2]
        return bare if _DJOT_BARE.fullmatch(bare) else f'"{bare}"'.translate(braces)

    _, attrs = parse(_VALUE.sub(value, block))
    back = {ord(v): k for k, v in braces.items()}
    read = {k: v.translate(back) for k, v in attrs.items()}  # every value: an id's too
    return end - 1, {  # end: as parse()'s, the index of the closing brace
        k: v if k in ("id", "class") else _ESCAPED.sub(r"\1", v) for k, v in read.items()
    }


def _stand_ins(block: str) -> dict[int, str]:
    """'{' and '}' -> two characters of Unicode's private use area that `block` lacks."""
    free = (c for c in map(chr, range(0xE000, 0xF900)) if c not in block)
    return {ord("{"): next(free), ord("}"): next(free)}


def _block_end(text: str) -> int | None:
    """The index after the '}' that closes the block opened at text[0], quotes respected."""
    if not text.startswith("{"):
        return None
    quoted = escaped = False
    for at, char in enumerate(text):
        if escaped:
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "}" and not quoted:
            return at + 1
        elif char == "\n" and at > 200:
            break
    return None


def link_attributes(state: StateInline, silent: bool) -> bool:
    """An inline rule: `{…}` right after a link, read as the attrs plugin reads it (two
    blocks merge, classes added up), held in the opening's meta (WRITTEN), not set."""
    if state.pending or not state.tokens or state.tokens[-1].type != "link_close":
        return False
    if state.src[state.pos] != "{":
        return False
    try:
        end, attrs = pandoc_attrs(state.src[state.pos :])
    except ParseError:
        return False
    depth, at = 0, len(state.tokens) - 1
    while at >= 0:
        depth += state.tokens[at].nesting
        if depth == 0:
            break
        at -= 1
    if at < 0:
        return False
    state.pos += end + 1
    if not silent:
        held = state.tokens[at].meta.setdefault(WRITTEN, {})
        if "class" in held and "class" in attrs:
            attrs["class"] = f"{held['class']} {attrs['class']}"
        held.update(attrs)
    return True


def install(md: MarkdownIt) -> None:
    """Make the attrs plugin read pandoc's bare values (idempotent), and a link's attributes
    be read by link_attributes (the plugin installed with `after=PLUGIN_AFTER`)."""
    setattr(attrs_index, "parse", pandoc_attrs)  # noqa: B010 (a module's global, not an attribute)
    md.inline.ruler.push("octavo_link_attributes", link_attributes)
