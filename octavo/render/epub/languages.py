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

_TAG = re.compile(r'<[a-zA-Z][^<>]*\slang="[^<>]*>')  # a start tag with a `lang`
_LANG = re.compile(r'(?<=\s)lang="([^"]*)"')


def xml_lang(xhtml: str) -> str:
    """`xhtml` with `xml:lang` beside each `lang` that has none."""
    if ' lang="' not in xhtml:
        return xhtml
    return _TAG.sub(_tag, xhtml)


def _tag(match: re.Match[str]) -> str:
    tag = match[0]
    if "xml:lang=" in tag:
        return tag
    return _LANG.sub(r'\g<0> xml:lang="\1"', tag, count=1)
