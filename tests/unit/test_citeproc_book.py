"""octavo.render.citeproc_book: what is remembered of an item is that item's, and an item
is formatted once the bibliography is sorted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from octavo.model.bibliography import Bibliography
from octavo.render.citation_syntax import CitationUse, parse_bracket
from octavo.render.citeproc_book import CiteprocBook

ENTRIES = [
    {"id": "doe", "type": "book", "title": "Roads", "author": [{"family": "Doe"}],
     "issued": {"date-parts": [[1999]]}},
    {"id": "roe", "type": "book", "title": "Rails", "author": [{"family": "Roe"}],
     "issued": {"date-parts": [[2004]]}},
]  # fmt: skip


def _book() -> CiteprocBook:
    data = json.dumps(ENTRIES).encode()
    return CiteprocBook(Bibliography(Path("refs.json"), data, False, ("doe", "roe"), None, b""))


def _use(words: str) -> CitationUse:
    cites = parse_bracket(words)
    assert cites is not None
    return CitationUse(cites, False, words, 1)


def test_what_is_kept_under_an_id_is_that_object_s() -> None:
    """Kept by id(use) and id(citation): an object freed and another made at its address
    (an id CPython gives again) was given the first's citation and words. Here the second
    object's id is made to find the first's entry, as a reused address would."""
    book = _book()
    doe, roe = _use("@doe"), _use("@roe")
    book.register(doe)
    book.register(roe)
    book.sort()
    first, second = book.citation(doe, 0), book.citation(roe, 0)
    assert "Doe" in book.format(first)
    book.made[id(roe), 0] = book.made[id(doe), 0]  # a stale entry at roe's id
    assert book.citation(roe, 0) is None
    book.words[id(second), False] = book.words[id(first), False]
    assert "Roe" in book.format(second)


def test_an_item_is_formatted_after_the_sort() -> None:
    """format() reads what sort() gives (the list's order, the year suffixes): called
    before it, nothing said so."""
    book = _book()
    use = _use("@doe")
    book.register(use)
    with pytest.raises(AssertionError, match="before the bibliography is sorted"):
        book.format(book.citation(use, 0))
