"""Reading a PDF's folios back (octavo.check.pdf_facts): a folio in the book's own wording."""

from __future__ import annotations

from octavo.check.pdf_facts import PdfPage, _cited


def _page(index: int, folio: str) -> PdfPage:
    """A letter page with one line of text and `folio` in its bottom margin."""
    return PdfPage(index, 792.0, ((100.0, 110.0, "Text."), (760.0, 770.0, folio)))


def test_a_worded_folio_is_cited_by_the_number_that_counts_pages() -> None:
    folios = ["iv", "p. 1 of 9", "p. 2 of 9", "7", "— 3 —", "Page 10 of 12 (draft 2)"]
    pages = _cited(tuple(_page(i, f) for i, f in enumerate(folios)))
    assert [p.folio for p in pages] == ["iv", "1", "2", "7", "3", "10"]
    assert [p.folio_line for p in pages] == folios  # as printed, for the handouts' check


def test_the_counting_number_need_not_come_first() -> None:
    pages = _cited(tuple(_page(i, f"Belarus 1995 · {i + 4}") for i in range(3)))
    assert [p.folio for p in pages] == ["4", "5", "6"]


def test_a_chapter_number_beside_the_page_s_is_not_the_folio() -> None:
    folios = ["Chapter 1, page 1", "Chapter 1, page 2", "Chapter 2, page 3", "Chapter 2, page 4"]
    pages = _cited(tuple(_page(i, f) for i, f in enumerate(folios)))
    assert [p.folio for p in pages] == ["1", "2", "3", "4"]
