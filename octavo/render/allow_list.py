"""What raw HTML in Markdown may hold (octavo.render.sanitize cleans it to this): the tags
Markdown makes and those a source may write by hand, their attributes and the values each
may take, what only octavo's own rules may make (marked `TRUSTED`), and what to write
instead of an attribute that is not kept.
"""

from __future__ import annotations

import re
import secrets

from octavo.limits import MAX_DEPTH
from octavo.source.config_values import language_ok

__all__ = ["ALLOWED", "DEEP", "TRUSTED", "kept_attribute", "kept_hint"]

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
# What only octavo's own rules make (figures, images, note calls, sections of notes, a grid
# table's column groups).
_TRUSTED_ONLY = {"figure", "figcaption", "img", "span", "div", "aside", "section", "colgroup"}
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
    "aria-level",  # a heading deeper than h6 (octavo.render.blocks)
    "data-label",
    "span",  # a grid table's <colgroup span="2"> (octavo.render.grid_tables)
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
