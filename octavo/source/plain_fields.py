"""Front matter of plain `field: value` lines read without YAML's parser, as YAML reads it.

Nearly every section's front matter is a few lines such as `title: Topic 1.1`,
`chapter: 1`, `data_as_of: "1994-03"`, `parents: []`. PyYAML reads each file's in about
0.2 ms (its C scanner, then its Python constructor and resolver): 17 ms of a cold build of
81 sections, 170 ms of one of 800, all of it before the sections can be rendered.
`plain_fields` reads such lines itself and gives what YAML's safe loader gives, or None
for anything else (a comment, a blank line, a nested or quoted key, a single-quoted or
escaped value, a number that is not plainly decimal, a date, a boolean, a null, any
character YAML might read otherwise), which octavo.source.frontmatter then reads with
YAML as before. What a value means is asked of YAML's own resolver, so a plain value is a
string exactly when YAML would make it one.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

__all__ = ["plain_fields"]

_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): +(.*)")
_QUOTED = re.compile(r'"([^"\\]*)"')
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,17}")
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_RESOLVER = Resolver()
_UNTOUCHED = frozenset(":#\"'\\")  # in a plain value: left to YAML (': ', ' #', quotes)
_IN_FLOW = _UNTOUCHED | frozenset("[]{},")  # and in an item of `[a, b]`, its indicators


def plain_fields(source: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The fields of `source` (the lines between the `---` lines) and the line of each in
    the file (the first field is on line 2), when every line is a plain field; else None."""
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(source.split("\n"), start=2):
        found = _LINE.fullmatch(line)
        if found is None:
            return None
        key, value = found[1], _value(found[2].rstrip(" \t"))
        if value is None or key in data:  # a key given twice: YAML's reading says so
            return None
        if _tag(key) != _STR:
            return None  # `on:`, `null:`: a key YAML reads as a boolean or a null
        data[key], lines[key] = value[0], number
    return (data, lines) if data else None


def _value(text: str) -> tuple[Any] | None:
    """The value YAML reads in `text` (in a 1-tuple), or None when it is not plain."""
    if not text or not text.isprintable():
        return None
    if text[0] == "[" and text[-1] == "]":
        return _sequence(text[1:-1])
    quoted = _QUOTED.fullmatch(text)
    if quoted is not None:
        return (quoted[1],)
    return _plain(text, _UNTOUCHED)


def _sequence(inner: str) -> tuple[Any] | None:
    """`[a, b]` (`inner` between the brackets): its plain items, or None."""
    if not inner.strip(" "):
        return ([],)
    items = []
    for part in inner.split(","):
        item = _plain(part.strip(" "), _IN_FLOW)
        if item is None:
            return None
        items.append(item[0])
    return (items,)


def _plain(text: str, untouched: frozenset[str]) -> tuple[Any] | None:
    """A plain value: a string, or a plainly decimal number, as YAML resolves it."""
    if not text or not ((text[0].isalnum() and text[0].isascii()) or text[0].isalpha()):
        return None  # YAML's indicators (- ? & * ! | > % @ ` [ {) and the like
    if untouched.intersection(text):
        return None
    tag = _tag(text)
    if tag == _STR:
        return (text,)
    if tag == _INT and _DECIMAL.fullmatch(text):
        return (int(text),)
    return None


def _tag(text: str) -> str:
    """The tag YAML's resolver gives `text` written plain (str, int, bool, null, ...)."""
    tag: str = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag
