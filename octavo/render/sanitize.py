"""Raw HTML in Markdown, cleaned to an allow-list; what is removed is reported.

The cleaner re-serialises a fragment as well-formed XHTML: allowed tags with allowed
attributes, text escaped, everything else dropped (the content of script-like elements
with it). Tags are balanced, so unclosed or stray tags cannot break the document.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape

from octavo.limits import MAX_DEPTH
from octavo.source.config_values import language_ok
from octavo.text import strip_controls

__all__ = [
    "TRUSTED",
    "Removal",
    "clean_fragment",
    "find_removals",
    "kept_attribute",
    "kept_hint",
    "strip_controls",
]

# octavo's own Markdown rules mark the elements they make with this attribute and value
# (random per process, removed on output): only those may carry ids, classes, images and
# roles. Raw HTML in a source cannot guess it, so it stays on the plain allow-list.
TRUSTED = ("data-octavo", secrets.token_hex(8))

# Tags Markdown itself produces, and inline tags a source may write by hand.
_MARKDOWN = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "a",
    "hr",
    "br",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "del",
    "sup",
    "sub",
}
# What only octavo's own rules make (figures, images, note calls, sections of notes).
_TRUSTED_ONLY = {"figure", "figcaption", "img", "span", "div", "aside", "section"}
_TRUSTED_ATTRIBUTES = {
    "id",
    "class",
    "role",
    "href",
    "src",
    "alt",
    "title",
    "lang",
    "dir",
    "scope",
    "colspan",
    "rowspan",
    "style",
    "start",
    "type",  # an ordered list's numbering, as pandoc writes it (`<ol type="a">`)
    "epub:type",
    "aria-label",
    "aria-hidden",
    "aria-checked",  # a task list's mark (octavo.render.task_lists)
    "data-label",
}
_RAW_INLINE = {
    "sup",
    "sub",
    "abbr",
    "span",
    "small",
    "i",
    "b",
    "cite",
    "q",
    "dfn",
    "kbd",
    "mark",
    "s",
    "u",
    "br",
    "wbr",  # a place a line may end (octavo.render.addresses makes them in an address)
    "em",
    "strong",
    "code",
}
ALLOWED = _MARKDOWN | _RAW_INLINE
_VOID = {"br", "hr", "img", "wbr"}
_DROP_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "template",
    "noscript",
    "textarea",
    "select",
    "svg",
    "math",
    "head",
    "title",
}
# what is removed past MAX_DEPTH open elements (octavo.limits: 3,000 nested <b>, 300 nested
# tables raised a RecursionError in WeasyPrint); Markdown's own nesting stops sooner (E503)
DEEP = f"nesting past {MAX_DEPTH} levels"
_CELL = {"colspan", "rowspan", "scope"}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "code": {"class"},
    "th": _CELL,
    "td": _CELL,
}
# octavo's own sizes (octavo.render.image_sizes): a figure's width, an image's in a unit
# other than pixels; whole pixels are an image's width="20" and height="20"
_SIZE = r"(?:width|height): [0-9]{1,6}(?:\.[0-9]{1,6})?(?:in|cm|mm|pt|pc|em|px|%)"
_STYLE = re.compile(rf"{_SIZE}(?:; {_SIZE})?")
_PIXELS = re.compile(r"[0-9]{1,6}")
_FIGURES = re.compile(r"[0-9]{1,3}")
_GLOBAL = {"lang", "dir", "title"}
_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")  # a BCP 47 tag's shape ("fr", "sr-Latn")
_DIRECTIONS = {"ltr", "rtl", "auto"}
_SAFE_URL = re.compile(r"(https?:|mailto:|#)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Removal:
    what: str  # "tag <script>", "attribute onclick on <b>", "link javascript:…"
    line: int  # 0-based line within the Markdown source (from markdown-it's map)


def kept_attribute(tag: str, name: str, value: str | None) -> bool:
    """Does the cleaner keep attribute `name`="`value`" on an author's `tag`?"""
    return _allowed_attribute(tag, name, value, False)


def kept_hint(tag: str, name: str) -> str:
    """What to write instead of an attribute `name` that is not kept on `tag` (a heading,
    a div, a span, a link)."""
    if name == "lang":
        return 'a language tag, such as lang="fr" or lang="sr-Latn"'
    if name == "dir":
        return 'dir="ltr", dir="rtl" or dir="auto"'
    if name == "role" or name.startswith("aria-"):
        return (
            "octavo sets roles and aria- attributes itself: an author's would change what a"
            " screen reader says of the words (aria-hidden hides them)"
        )
    if name == "href":
        return "a link's address is the one in its parentheses: [words](address)"
    if tag == "span" and name in ("see", "seealso"):
        return 'see="…" and seealso="…" go on an index mark: [words]{.index see="Entry"}'
    return f'a {tag} keeps lang="fr", dir="rtl" and title="…" besides its id and classes'


def _allowed_attribute(tag: str, name: str, value: str | None, trusted: bool) -> bool:
    if trusted:
        if name == "style":
            return bool(value and _STYLE.fullmatch(value))
        if name in ("width", "height"):
            return tag == "img" and bool(value and _PIXELS.fullmatch(value))
        return name in _TRUSTED_ATTRIBUTES
    if name not in _ATTRIBUTES.get(tag, set()) | _GLOBAL:
        return False
    if name == "href":
        return bool(value and _SAFE_URL.match(value.strip()))
    if name in ("colspan", "rowspan"):  # figures 0-9, as HTML reads them: not "٥" nor "²"
        return bool(value and _FIGURES.fullmatch(value) and 0 < int(value) < 1000)
    if name == "start":  # an <ol>'s: HTML's integer, "-3" or "12"
        return bool(value and re.fullmatch(r"-?[0-9]{1,9}", value))
    if name == "scope":
        return value in ("col", "row", "colgroup", "rowgroup")
    if name == "lang":  # a reading system, and DAISY Ace, need a language it can read
        return bool(value and _LANG.fullmatch(value) and language_ok(value))
    if name == "dir":
        return value in _DIRECTIONS
    return True


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
            if deep.get(tag):  # the end of a start tag dropped past MAX_DEPTH
                deep[tag] -= 1
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
