"""Quotation marks by language: what a straight `"` and `'` become in text of that language.

Read by octavo.source.quotes (the labels catalogues' `quotes` and `quote_space`, and
templates/quotes.toml for languages octavo ships no catalogue for); used by
octavo.render.quotes wherever text is curled, in the language in force there.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT_TABLE",
    "ENGLISH",
    "GUILLEMETS",
    "QUOTE_SPACES",
    "Marks",
    "QuoteTable",
    "marks_of",
    "tag_key",
]

# the marks set for a quotation: primary opening and closing, secondary (a quotation in a
# quotation) opening and closing, each with the space set inside it, if any
Marks = tuple[str, str, str, str]

ENGLISH: Marks = ("\u201c", "\u201d", "\u2018", "\u2019")  # “…” and ‘…’
GUILLEMETS = frozenset("«»‹›")
# what `quote_space` may be: none, a no-break space, a narrow no-break space (a line may
# never begin or end inside the guillemets)
QUOTE_SPACES = ("", "\u00a0", "\u202f")


def marks_of(quotes: str, space: str = "") -> Marks:
    """The four characters of a catalogue's `quotes` ("«»“”"), `space` set inside each
    guillemet (French: « C’est “très” simple. »)."""
    opening = [q + space if q in GUILLEMETS else q for q in quotes[0::2]]
    closing = [space + q if q in GUILLEMETS else q for q in quotes[1::2]]
    return (opening[0], closing[0], opening[1], closing[1])


def tag_key(language: str) -> str:
    """'de_CH ' -> 'de-ch': a language tag as the table keys it."""
    return language.strip().lower().replace("_", "-")


@dataclass(frozen=True, slots=True)
class QuoteTable:
    """Each language's marks, by tag ('de', 'de-ch'), sorted. A tag not found is looked for
    without its region or script ('pt-BR' then 'pt'); a language found neither way gets
    English marks."""

    entries: tuple[tuple[str, Marks], ...] = (("en", ENGLISH),)

    def marks(self, language: str) -> Marks:
        tag = tag_key(language)
        found = dict(self.entries)
        for key in (tag, tag.split("-")[0]):
            if key in found:
                return found[key]
        return ENGLISH


DEFAULT_TABLE = QuoteTable()  # English marks for every language (a text rendered alone)
