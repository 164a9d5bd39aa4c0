"""Raw HTML in Markdown, cleaned to an allow-list (octavo.render.allow_list); what is removed
is reported.

The cleaner re-serialises a fragment as well-formed XHTML: allowed tags with allowed
attributes, text escaped, everything else dropped (the content of script-like elements
with it). Tags are balanced, so unclosed or stray tags cannot break the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape

from octavo.limits import MAX_DEPTH
from octavo.render.allow_list import (
    _DROP_CONTENT,
    _TRUSTED_ONLY,
    _VOID,
    ALLOWED,
    DEEP,
    TRUSTED,
    _allowed_attribute,
)
from octavo.text import strip_controls

__all__ = [
    "Removal",
    "clean_fragment",
    "find_removals",
    "strip_controls",
]


@dataclass(frozen=True, slots=True)
class Removal:
    what: str  # "tag <script>", "attribute onclick on <b>", "link javascript:…"
    line: int  # 0-based line within the Markdown source (from markdown-it's map)


def _closers(html: str) -> dict[str, int]:
    """How many end tags of each content-dropping element `html` holds."""
    found = re.findall(r"</\s*([a-zA-Z]+)", html)
    names = [n.lower() for n in found]
    return {tag: names.count(tag) for tag in _DROP_CONTENT}


def _start_tag(
    tag: str, attrs: list[tuple[str, str | None]], trusted: bool
) -> tuple[str, list[str]]:
    """An allowed start tag as written out, and the attributes removed from it."""
    kept, removed = [], []
    for name, value in attrs:
        if (name, value) == TRUSTED:
            continue
        if _allowed_attribute(tag, name, value, trusted):
            kept.append(f' {name}="{escape(value or "", quote=True)}"')
        else:
            removed.append(f"attribute {name} on <{tag}>")
    return f"<{tag}{''.join(kept)}{' /' if tag in _VOID else ''}>", removed


# The plain markup markdown-it writes: a tag with double-quoted attributes, or an end tag.
# Anything else (a comment, an unquoted value, a '<' in text) goes to html.parser.
# (An end tag's attributes, which octavo's own marks on closing tokens, html.parser ignores.)
_ATTRIBUTES_RE = r"((?:[ \t\n]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"<>]*\")?)*)[ \t\n]*"
_PLAIN_TAG = re.compile(
    rf"<(?:([a-zA-Z][a-zA-Z0-9]*){_ATTRIBUTES_RE}(/?)|/([a-zA-Z][a-zA-Z0-9]*){_ATTRIBUTES_RE})>"
)
_PLAIN_ATTRIBUTE = re.compile(r"[ \t\n]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"([^\"<>]*)\")?")


@lru_cache(maxsize=4096)
def _plain_start(raw: str) -> tuple[str, str | None, tuple[str, ...], bool] | None:
    """A plain start tag (a match of _PLAIN_TAG) as the cleaner writes it: its name, what is
    written (None: removed), what is removed, and whether it closes itself; None for an
    element whose content is dropped (left to html.parser)."""
    match = _PLAIN_TAG.fullmatch(raw)
    assert match is not None and match.group(1)
    tag = match.group(1).lower()
    if tag in _DROP_CONTENT:
        return None
    attrs: list[tuple[str, str | None]] = [
        (m.group(1).lower(), unescape(m.group(2)) if m.group(2) else m.group(2))
        for m in _PLAIN_ATTRIBUTE.finditer(match.group(2))
    ]
    closing = bool(match.group(3))
    trusted = TRUSTED in attrs
    if not (tag in ALLOWED or (trusted and tag in _TRUSTED_ONLY)):
        return tag, None, (f"tag <{tag}>",), closing
    piece, removed = _start_tag(tag, attrs, trusted)
    return tag, piece, tuple(removed), closing


def _clean_plain(html: str) -> tuple[str, list[str]] | None:
    """What html_cleaner.Cleaner makes of `html`, if it is plain markup (see _PLAIN_TAG), without
    html.parser: the same calls, split by one regex, start tags worked out once each.
    None when it is not plain: html.parser then reads it."""
    out: list[str] = []
    stack: list[str] = []
    removed: list[str] = []
    deep: dict[str, int] = {}  # start tags dropped past MAX_DEPTH, by name, not closed yet
    at, size = 0, len(html)
    while at < size:
        lt = html.find("<", at)
        if lt < 0:
            lt = size
        if lt > at:
            text = html[at:lt]  # as it is when there is nothing to (un)escape: most text
            out.append(escape(unescape(text), quote=False) if "&" in text or ">" in text else text)
        if lt == size:
            break
        match = _PLAIN_TAG.match(html, lt)
        if match is None:
            return None
        at = match.end()
        end = match.group(4)
        if end is None:
            start = _plain_start(match.group(0))
            if start is None:
                return None
            tag, piece, gone, closing = start
            if gone:
                removed += gone
            if piece is not None and tag not in _VOID and len(stack) >= MAX_DEPTH:
                if DEEP not in removed:
                    removed.append(DEEP)
                if not closing:
                    deep[tag] = deep.get(tag, 0) + 1
                continue
            if piece is not None:
                out.append(piece)
                if tag not in _VOID:
                    stack.append(tag)
            if not closing or tag in _VOID or not stack or stack[-1] != tag:
                continue
        else:
            tag = end.lower()
            if deep and deep.get(tag):  # the end of a start tag dropped past MAX_DEPTH
                deep[tag] -= 1
                continue
            if stack and stack[-1] == tag:  # most end tags: the element opened last
                out.append(f"</{tag}>")
                stack.pop()
                continue
        if tag in _DROP_CONTENT or tag not in stack:  # (never opened on this path)
            continue
        while stack:
            top = stack.pop()
            out.append(f"</{top}>")
            if top == tag:
                break
    out.extend(f"</{tag}>" for tag in reversed(stack))
    return "".join(out), removed


def clean_fragment(html: str) -> tuple[str, tuple[str, ...]]:
    """Well-formed XHTML of the allowed part of `html`, and what was removed."""
    plain = _clean_plain(html)
    if plain is not None:
        return strip_controls(plain[0]), tuple(plain[1])
    from octavo.render.html_cleaner import Cleaner  # html.parser: only for what is not plain

    cleaner = Cleaner(_closers(html))
    cleaner.feed(html)
    text = cleaner.result()
    return strip_controls(text), tuple(cleaner.removed)


def find_removals(raw_html: str, line: int) -> tuple[Removal, ...]:
    """What cleaning would remove from one raw-HTML token of the source."""
    _, removed = clean_fragment(raw_html)
    return tuple(Removal(what, line) for what in removed)
