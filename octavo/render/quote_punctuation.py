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
from functools import lru_cache

__all__ = ["QuotePunctuation"]

_ENDS = ".,;:!?"  # the quoted words' own end, after which the mark is dropped
_ENTITY = re.compile(r"&#?\w+;\Z")


@dataclass(frozen=True, slots=True)
class QuotePunctuation:
    """The locale's quotation marks: outer closing, inner opening and closing; `across`:
    the mark moves in across the closing tags after the quote (a style's quotes, which
    citeproc-py sets inside its formatting), else only where it follows the quote (a
    field's own quotation, as pandoc's: `<i>Rock and “Roll”</i>.` keeps its period)."""

    close: str
    open_inner: str
    close_inner: str
    across: bool = True

    def __call__(self, html: str) -> str:
        """`html` with each comma or period after a closing quote set inside it: one pass,
        the inner quotations open counted as it goes."""
        if not self.close:
            return html
        out, at, open_inner = [], 0, 0
        marks = _marks(self.close, self.open_inner, self.close_inner, self.across)
        for found in marks.finditer(html):
            if found["open"]:
                open_inner += 1
                continue
            inner = found["quote"] == self.close_inner or found["close"]
            if inner and _between_letters(html, found.start()):
                continue  # an apostrophe: Martin’s
            if inner and not open_inner:
                continue  # an apostrophe at a word's end: the Joneses’
            open_inner -= 1 if inner else 0
            if found["close"]:
                continue
            out.append(html[at : found.start()])
            kept = "" if _last_character(html, found.start()) in _ENDS else found["mark"]
            out.append(f"{kept}{found['quote']}{found['tags']}")
            at = found.end()
        return "".join(out) + html[at:]


@lru_cache(maxsize=8)
def _marks(close: str, open_inner: str, close_inner: str, across: bool) -> re.Pattern[str]:
    """An inner opening quote; a closing quote with the mark after it (and the closing tags
    between); an inner closing quote alone."""
    quotes = "|".join(re.escape(m) for m in (close, close_inner) if m)
    never = "(?!)"  # a locale without inner quotes
    opening = re.escape(open_inner) if open_inner else never
    closing = re.escape(close_inner) if close_inner else never
    tags = "(?:</[A-Za-z]+>)*" if across else ""
    return re.compile(
        rf"(?P<open>{opening})|(?P<quote>{quotes})(?P<tags>{tags})"
        rf"(?P<mark>[.,])|(?P<close>{closing})"
    )


def _between_letters(html: str, start: int) -> bool:
    """Whether the quote at `start` stands between two letters or figures."""
    before = html[start - 1] if start else ""
    after = html[start + 1] if start + 1 < len(html) else ""
    return before.isalnum() and after.isalnum()


def _last_character(html: str, end: int) -> str:
    """The last character of text before `end`, tags skipped ("" for none; an entity,
    `&amp;`, is no punctuation)."""
    while end > 0:
        if html[end - 1] == ">":
            end = html.rfind("<", 0, end - 1)
            continue
        if html[end - 1] == ";" and _ENTITY.search(html, max(0, end - 12), end):
            return "&"
        return html[end - 1]
    return ""
