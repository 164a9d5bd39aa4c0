"""octavo.render.pdf.page_labels: the ranges of a book's page labels."""

from __future__ import annotations

from octavo.render.pdf.page_labels import book_labels, front_labels


def test_a_book_with_a_cover_front_matter_and_a_body() -> None:
    assert book_labels("Cover", 14, 120) == ((0, "", "Cover"), (2, "r", ""), (14, "D", ""))
    assert book_labels("", 10, 120) == ((0, "r", ""), (10, "D", ""))


def test_no_body_and_no_front_matter() -> None:
    assert book_labels("", 10, 10) == front_labels("") == ((0, "r", ""),)
    # a book's own template with no front matter: the body from page 0, a key once
    assert book_labels("", 0, 10) == ((0, "D", ""),)
    assert book_labels("Cover", 2, 10) == ((0, "", "Cover"), (2, "D", ""))
