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

import hashlib
import json
from collections.abc import Iterable

__all__ = ["NAMESPACE_URL", "book_identifier", "country_only_identifier", "uuid5"]

# RFC 4122's namespace for URLs, and octavo's own for name-based (version 5) UUIDs: the
# latter is uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/octavo/octavo#book-identity").
NAMESPACE_URL = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")
NAMESPACE = bytes.fromhex("59d62f3138805063a80fa71a5d20196b")


def uuid5(namespace: bytes, name: str) -> str:
    """uuid.uuid5(namespace, name) as text (RFC 4122: SHA-1, version 5, variant 10), made
    without the uuid module: it imports `platform` and asks uname, 2-3 ms of every command
    before its work (every book.toml is checked against its country's old identifier)."""
    digest = bytearray(hashlib.sha1(namespace + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


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
    return f"urn:uuid:{uuid5(NAMESPACE, key)}"


def country_only_identifier(country: str) -> str:
    """The identifier octavo 0.1's importer gave every book about `country` (all shared it)."""
    name = "octavo:country-study:" + country.lower()
    return f"urn:uuid:{uuid5(NAMESPACE_URL, name)}"
