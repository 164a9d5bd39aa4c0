"""A comma or a period after a closing quotation mark set inside it, where the CSL locale
says `punctuation-in-quote="true"` (American English: “Roads and rail,” not “Roads and
rail”,), as pandoc's citeproc sets it (its punctuationInsideQuotes): the mark that follows
moves in, unless the quoted words end with punctuation of their own (“Why roads?” drops
the comma after it). citeproc-py reads the option and does nothing with it.

It works on formatted HTML: a closing tag may stand between the quote and the mark
(“<i>Minsk</i>”,). The inner quotation mark is also the apostrophe (Martin’s, the
Joneses’); it is read as a closing quote only where an opening inner one is still open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotePunctuation"]

_ENDS = ".,;:!?"  # the quoted words' own end, after which the mark is dropped
_ENTITY = re.compile(r"&#?\w+;\Z")


@dataclass(frozen=True, slots=True)
class QuotePunctuation:
    """The locale's quotation marks: outer closing, inner opening and closing."""

    close: str
    open_inner: str
    close_inner: str

    def __call__(self, html: str) -> str:
        """`html` with each comma or period after a closing quote set inside it."""
        marks = "|".join(re.escape(m) for m in (self.close, self.close_inner) if m)
        if not marks:
            return html
        pattern = re.compile(rf"({marks})((?:</[A-Za-z]+>)*)([.,])")
        out, at = [], 0
        for found in pattern.finditer(html):
            if found[1] == self.close_inner and not self._inner_open(html, found.start()):
                continue
            out.append(html[at : found.start()])
            kept = "" if _last_character(html, found.start()) in _ENDS else found[3]
            out.append(f"{kept}{found[1]}{found[2]}")
            at = found.end()
        return "".join(out) + html[at:]

    def _inner_open(self, html: str, at: int) -> bool:
        """Whether an inner quotation opened before `at` is not yet closed (an inner closing
        mark between two letters is an apostrophe: Martin’s)."""
        opened = html.count(self.open_inner, 0, at) if self.open_inner else 0
        mark = re.escape(self.close_inner)
        closed = len(re.findall(rf"{mark}", html[:at]))
        closed -= len(re.findall(rf"(?<=\w){mark}(?=\w)", html[:at]))
        return opened > closed


def _last_character(html: str, end: int) -> str:
    """The last character of text before `end`, tags skipped ("" for none; an entity,
    `&amp;`, is no punctuation)."""
    while end > 0:
        if html[end - 1] == ">":
            end = html.rfind("<", 0, end - 1)
            continue
        if html[end - 1] == ";" and _ENTITY.search(html, 0, end):
            return "&"
        return html[end - 1]
    return ""
