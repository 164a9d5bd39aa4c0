"""Quotation marks by language: what a straight `"` and `'` become in text of that language.

Read by octavo.source.quotes (the labels catalogues' `quotes` and `quote_space`, and
templates/quotes.toml for languages octavo ships no catalogue for); used by
octavo.render.quotes wherever text is curled, in the language in force there.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from octavo.model.language_tags import fallbacks

__all__ = [
    "DEFAULT_TABLE",
    "ENGLISH",
    "GUILLEMETS",
    "QUOTE_SPACES",
    "Given",
    "Marks",
    "QuoteTable",
    "marks_of",
    "over",
]

# the marks set for a quotation: primary opening and closing, secondary (a quotation in a
# quotation) opening and closing, each with the space set inside it, if any
Marks = tuple[str, str, str, str]
# a table's entry: a tag ('de', 'de-ch'), its `quotes` ("„“‚‘") and its `quote_space` (see
# marks_of), each None where a catalogue leaves it unsaid
Given = tuple[str, str | None, str | None]

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


def _first(entries: tuple[Given, ...], keys: tuple[str, ...]) -> Given | None:
    """The entry of the first of `keys` that `entries` holds."""
    by_tag = {entry[0]: entry for entry in entries}
    return next((by_tag[key] for key in keys if key in by_tag), None)


def over(base: tuple[str, str], given: Given | None) -> tuple[str, str]:
    """`given`'s quotes and space over `base`'s (new marks bring their own space, none if
    unsaid)."""
    quotes, space = base
    if given is not None and given[1] is not None:
        quotes, space = given[1], ""
    if given is not None and given[2] is not None:
        space = given[2]
    return quotes, space


@dataclass(frozen=True, slots=True)
class QuoteTable:
    """Each language's marks, looked up by a tag's fallbacks (octavo.model.language_tags:
    'de-Latn-CH' is looked for as de-latn-ch, de-ch, de). `shipped`: templates/quotes.toml
    with octavo's catalogues over it, the tag found first deciding (de-CH's «», de's „“).
    `own`: the book's own catalogues (templates/labels/<file name>.toml), which outrank
    every shipped entry for a tag they are found for, as labels' catalogue_path finds a
    book's de.toml for de-CH before octavo's. `book`: book.toml's [labels], for the book's
    language, over all when the book's tag is found before a shipped one. A language found
    nowhere gets English marks."""

    shipped: tuple[Given, ...] = (("en", "".join(ENGLISH), ""),)
    own: tuple[Given, ...] = ()
    book: Given | None = None

    def __repr__(self) -> str:
        """Short, and made once a table: it is in every section's and title's cache key
        (as the Context's), and the whole table's repr, 226 times, cost a cold build
        ~5 ms."""
        return _described(self)

    def marks(self, language: str) -> Marks:
        keys = fallbacks(language)
        shipped = _first(self.shipped, keys)
        found = over(("".join(ENGLISH), ""), shipped)
        found = over(found, _first(self.own, keys))
        if self.book is not None and self.book[0] in keys:
            ahead = keys[: keys.index(self.book[0])]
            if shipped is None or shipped[0] not in ahead:
                found = over(found, self.book)
        return marks_of(*found)


@lru_cache(maxsize=8)
def _described(table: QuoteTable) -> str:
    """`table` named by a digest of all it holds (two tables alike are named alike)."""
    held = repr((table.shipped, table.own, table.book)).encode()
    return f"QuoteTable({hashlib.sha256(held).hexdigest()[:32]})"


DEFAULT_TABLE = QuoteTable()  # English marks for every language (a text rendered alone)
