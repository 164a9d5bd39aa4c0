"""A book's identifier: one urn:uuid per book, fixed in book.toml when the book is made.

Reading systems keep a reader's place, highlights and reading record by the EPUB's
dc:identifier, so two books must never share one and a rebuilt book must keep its own.
The identifier is derived once, when the importer creates book.toml, from the book's content
identity: its title, subtitle, country and the set of sections it starts with (their
numbers and titles, and the study's total) — so an excerpt and the whole study, or two
excerpts, differ — and is then written down and never derived again (a book that grows
keeps it). Every place that makes a new book calls `book_identifier`; nothing derives one
from the country alone, as octavo 0.1 did (`country_only_identifier` recognises those).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

__all__ = ["book_identifier", "country_only_identifier"]

# octavo's own namespace for name-based (version 5) UUIDs.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/octavo/octavo#book-identity")


def book_identifier(
    title: str,
    country: str,
    sections: Iterable[tuple[int, str]],
    total: int = 0,
    subtitle: str = "",
) -> str:
    """urn:uuid:… of the book that has this title, subtitle and country and these sections
    ((number, title) pairs, in any order; `total` is the study's "of M")."""
    identity = {
        "title": " ".join(title.split()),
        "subtitle": " ".join(subtitle.split()),
        "country": " ".join(country.split()).casefold(),
        "sections": sorted({(n, " ".join(t.split())) for n, t in sections}),
        "total": total,
    }
    key = json.dumps(identity, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def country_only_identifier(country: str) -> str:
    """The identifier octavo 0.1's importer gave every book about `country` (all shared it)."""
    name = "octavo:country-study:" + country.lower()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"
