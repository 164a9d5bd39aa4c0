"""A body heading's id stem (octavo.render.blocks puts the section's slug before it): its
words by octavo's rule (octavo.text.heading_slug), its math and its autolinks as pandoc's
auto_identifiers take them.

pandoc makes an id from a heading's plain text, in which math is its TeX source and an
autolink its address as written, then keeps of it letters, digits, '-', '_' and '.', and
joins its words with '-': '# $x^2$ growth' is `x2-growth`, '# See <https://a.org/x--y>'
`see-httpsa.orgx--y`. octavo's rule made every run of anything else one hyphen
(`x-2-growth`, `see-https-a-org-x-y`). It is kept for every other heading's words, so that
no id an existing book links to changes; a letter beyond ASCII is written as octavo
writes it (accents dropped, another script's letters kept).
"""

from __future__ import annotations

import re

from octavo.render.in_code import code_span
from octavo.render.math_source import math_end
from octavo.text import ascii_folded, heading_slug, is_foreign_letter

__all__ = ["heading_stem"]

# CommonMark's autolinks: `<scheme:address>` and `<name@host>` (pandoc's text: the address
# as written, an e-mail's without `mailto:`)
_AUTOLINK = re.compile(
    r"<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\x00-\x20]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)


def heading_stem(words: str, limit: int = 48) -> str:
    """The id stem of a heading whose source words are `words` ("" for none)."""
    if "$" not in words and "<" not in words:
        return heading_slug(words, limit)
    pieces = _pieces(words)
    if all(plain for plain, _ in pieces):
        return heading_slug(words, limit)
    stem, before = "", ""  # the stem so far; the source of the piece before ("a": math's)
    for plain, text in pieces:
        slug = heading_slug(text, 4 * len(text) + 8) if plain else _pandoc_words(text)
        if slug:  # apart where the plain words' side is no letter (octavo's hyphen there)
            apart = (plain and not text[0].isalnum()) or not before[-1:].isalnum()
            stem += ("-" if stem and apart else "") + slug
        if plain or slug:
            before = text if plain else "a"
    # pandoc drops what comes before an id's first letter ('$-x$ values' is `x-values`);
    # the stem follows the section's slug, after its '-': no '-', '.' or '_' opens it
    # (`s001-trade--x-values`), and a figure is kept (`5-share`, as octavo's rule made it)
    return stem.lstrip("-._")[:limit].rstrip("-")


def _pieces(words: str) -> list[tuple[bool, str]]:
    """`words` as (plain, text) pieces: the text between math and autolinks (plain) and
    each one's own text (math's TeX without its dollars, an autolink's address)."""
    pieces: list[tuple[bool, str]] = []
    at = start = 0
    while at < len(words):
        char = words[at]
        if char == "\\":
            at += 2
            continue
        if char == "`":  # a code span (or backticks none closes): text, no math nor link
            at = code_span(words, at)[0]
            continue
        end, inner = -1, ""
        if char == "$" and (end := math_end(words, at)) > 0:
            marks = 2 if words.startswith("$$", at) else 1
            inner = words[at + marks : end - marks]
        elif char == "<" and (link := _AUTOLINK.match(words, at)):
            end, inner = link.end(), link[1]
        if end < 0:
            at += 1
            continue
        pieces += [(True, words[start:at]), (False, inner)]
        at = start = end
    pieces.append((True, words[start:]))
    return [(plain, text) for plain, text in pieces if text]


def _pandoc_words(text: str) -> str:
    """pandoc's rule: lowercase; letters, digits, '-', '_' and '.' kept, spaces between
    words one '-', anything else left out (a letter beyond ASCII as octavo writes it)."""
    kept = "".join(c for c in text.lower() if c.isspace() or c.isalnum() or c in "-_.")
    out = []
    for char in "-".join(kept.split()):
        if char.isascii() or is_foreign_letter(char):
            out.append(char)
        else:
            out.append(ascii_folded(char))
    return "".join(out)
