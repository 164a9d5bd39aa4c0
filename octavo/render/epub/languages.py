"""Each element's language said the XML way too: `xml:lang` beside its `lang`.

An EPUB's documents are XHTML, where `xml:lang` is the language attribute XML's own tools
read and `lang` the HTML one; EPUB's readers and DAISY Ace look for either, and octavo's
templates write both on `<html>` and on a section in another language. A passage's own
language, from the manuscript (a heading's `{lang=fr}`, a div's `::: {lang=fr}`, a span's
`[texte]{lang=fr}`, an author's `<span lang="fr">`), came with `lang` alone, the manuscript
being the print HTML's too (HTML, where `xml:lang` means nothing): the EPUB adds it here,
for every document whatever template made it. A tag that has it already is left as it is.
"""

from __future__ import annotations

import re

__all__ = ["xml_lang"]

_LANG = re.compile(r'(?<=\s)lang="([^"]*)"')


def xml_lang(xhtml: str) -> str:
    """`xhtml` with `xml:lang` beside each `lang` that has none: in each start tag
    (`<` and a letter, no `<` or `>` before its `>`) that holds ` lang="` after a space.
    The tags are found from each `lang="` back to their `<`, not by reading every tag: a
    chapter has thousands of tags and a few `lang`s (3 -> 0.3 ms for an 81-section study)."""
    if ' lang="' not in xhtml:
        return xhtml
    pieces: list[str] = []
    done = 0  # xhtml[:done] is in pieces
    at = xhtml.find('lang="')
    while at >= 0:
        start, end = xhtml.rfind("<", done, at), xhtml.find(">", at)
        tag_here = (
            at > 0
            and xhtml[at - 1].isspace()
            and start >= 0
            and xhtml[start + 1 : start + 2].isascii()
            and xhtml[start + 1 : start + 2].isalpha()
            and xhtml.find(">", start, at) < 0
            and end >= 0
            and xhtml.find("<", at, end) < 0
        )
        if tag_here:
            pieces += [xhtml[done:start], _tag(xhtml[start : end + 1])]
            done = end + 1
        at = xhtml.find('lang="', max(at + 1, done))
    if not pieces:
        return xhtml
    pieces.append(xhtml[done:])
    return "".join(pieces)


def _tag(tag: str) -> str:
    if "xml:lang=" in tag:
        return tag
    return _LANG.sub(r'\g<0> xml:lang="\1"', tag, count=1)
