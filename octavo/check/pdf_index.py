"""The PDF's index checked as read back (octavo.check.pdf_facts) against the manuscript's
index (E625): every page number an entry prints is a folio where one of its marks is, every
such folio is printed, and each mark's words are on its page.
"""

from __future__ import annotations

from collections.abc import Iterator

from octavo.check.bidi_words import holds_phrase, line_words
from octavo.check.bidi_words import words as words_of
from octavo.check.folios import expand, printed_numbers
from octavo.check.pdf_facts import Link, PdfFacts, PdfPage
from octavo.errors import Diagnostic, error
from octavo.model import Manuscript

__all__ = ["index_problems"]


def index_problems(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    """Every page number the index prints for an entry is a folio where one of its marks
    is, and every such folio is printed (ranges "7–9" read as 7, 8, 9); each mark's words
    are on its page."""
    start = facts.dests.get("index")
    if start is None:
        return
    entries = {m: id(e) for e in ms.index_entries for m in e.locators}
    printed: dict[int, set[str]] = {}
    numbers = printed_numbers(facts)
    sequence = tuple(p.folio for p in facts.pages)
    for link in facts.links:
        owner = entries.get(link.dest)
        if link.page >= start and owner is not None:
            text = _text_in(facts.pages[link.page], link)
            printed.setdefault(owner, set()).update(expand(text, numbers, sequence))
    for entry in ms.index_entries:
        if not entry.locators:
            continue
        pages = [facts.dests[m] for m in entry.locators if m in facts.dests]
        actual = {facts.pages[p].folio for p in pages}
        said = printed.get(id(entry), set())
        if said != actual:
            yield error(
                "E625",
                f"index entry {entry.term!r} gives pages {sorted(said)}, "
                f"its term is on folios {sorted(actual)}",
                facts.path,
            )
        for mark, words in zip(entry.locators, entry.words, strict=False):
            page = facts.dests.get(mark)
            if page is not None and not _mark_on(facts.pages[page], words):
                yield error(
                    "E625", f"index mark {words!r} (#{mark}) is not on its page", facts.path
                )


def _mark_on(page: PdfPage, words: str) -> bool:
    """Whether a mark's `words` are on `page`: as written, or (set right to left, a word
    read backwards, a phrase in the other order) word for word (octavo.check.bidi_words)."""
    flat = _flat(words)
    return flat in _flat("".join(c[4] for c in page.chars)) or holds_phrase(
        line_words(page), words_of(words)
    )


def _flat(text: str) -> str:
    """Text as compared: NFC, no spaces, no hyphen a line break added."""
    import unicodedata

    return "".join(unicodedata.normalize("NFC", text).replace("\u2010", "").split())


def _text_in(page: PdfPage, link: Link) -> str:
    return "".join(
        c[4]
        for c in page.chars
        if c[0] >= link.x0 - 1
        and c[2] <= link.x1 + 1
        and c[1] >= link.top - 2
        and c[3] <= link.bottom + 2
    ).strip()
