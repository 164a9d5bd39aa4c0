"""pandoc's `{#id .class key=value}` attributes, read by mdit-py-plugins' attrs plugin.

The plugin follows djot's grammar, where an unquoted value holds only letters, digits, '-',
'_' and ':'. pandoc reads an unquoted value up to the next space or '}', so its own manual's
`![Map](map.png){width=80%}` and `{height=2.5in}` are bare values there. `pandoc_attrs`
quotes such values before the plugin's parser sees them: the plugin's rules stay the
plugin's, and a book's sources read the same in pandoc and octavo.
"""

from __future__ import annotations

import re

import mdit_py_plugins.attrs.index as attrs_index
from mdit_py_plugins.attrs.parse import parse

__all__ = ["install", "pandoc_attrs"]

_BARE_VALUE = re.compile(r'(?<==)([^\s"}]+)')
_DJOT_BARE = re.compile(r"[A-Za-z0-9_:-]+")


def pandoc_attrs(text: str) -> tuple[int, dict[str, str]]:
    """parse() of an attribute block at the start of `text`, with pandoc's bare values."""
    end = _block_end(text)
    if end is None:
        return parse(text)
    block = text[:end]
    quoted = _BARE_VALUE.sub(lambda m: m[1] if _DJOT_BARE.fullmatch(m[1]) else f'"{m[1]}"', block)
    if quoted == block:
        return parse(text)
    _, attrs = parse(quoted)
    return end - 1, attrs  # as parse(): the index of the closing brace


def _block_end(text: str) -> int | None:
    """The index after the '}' that closes the block opened at text[0], quotes respected."""
    if not text.startswith("{"):
        return None
    quoted = False
    for at, char in enumerate(text):
        if char == '"' and text[at - 1] != "\\":
            quoted = not quoted
        elif char == "}" and not quoted:
            return at + 1
        elif char == "\n" and at > 200:
            break
    return None


def install() -> None:
    """Make the attrs plugin read pandoc's bare values (idempotent)."""
    setattr(attrs_index, "parse", pandoc_attrs)  # noqa: B010 (a module's global, not an attribute)
