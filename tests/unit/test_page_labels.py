"""octavo.render.pdf.page_labels: the ranges of a book's page labels."""

from __future__ import annotations

from octavo.render.pdf.folio_styles import Folios
from octavo.render.pdf.page_labels import book_labels, front_labels


def test_a_book_with_a_cover_front_matter_and_a_body() -> None:
    assert book_labels("Cover", 14, 120) == ((0, "", "Cover"), (2, "r", ""), (14, "D", ""))
    assert book_labels("", 10, 120) == ((0, "r", ""), (10, "D", ""))


def test_no_body_and_no_front_matter() -> None:
    assert book_labels("", 10, 10) == front_labels("") == ((0, "r", ""),)
    # a book's own template with no front matter: the body from page 0, a key once
    assert book_labels("", 0, 10) == ((0, "D", ""),)
    assert book_labels("Cover", 2, 10) == ((0, "", "Cover"), (2, "D", ""))


def _folios(front: str, body: str) -> Folios:
    import weasyprint.html  # its counter styles: CSS's, as a book's layout has them

    return Folios(front, body, weasyprint.html.UA_COUNTER_STYLE.copy())


def test_labels_in_the_pdf_styles_the_folios_print() -> None:
    """Folios in upper-case roman and letters: the PDF's R and a (it labelled them r and D)."""
    folios = _folios("upper-roman", "lower-alpha")
    assert book_labels("", 4, 20, folios) == ((0, "R", ""), (4, "a", ""))


def test_a_label_a_page_in_figures_no_pdf_style_writes() -> None:
    """Arabic-Indic folios: the folio printed on each page, as its label's prefix."""
    labels = book_labels("Cover", 4, 7, _folios("lower-roman", "arabic-indic"))
    assert labels == ((0, "", "Cover"), (2, "r", ""), (4, "", "١"), (5, "", "٢"), (6, "", "٣"))


def test_letters_past_z_a_label_a_page() -> None:
    """CSS's letters run y, z, aa, ab; a PDF's a style y, z, aa, bb: a body of 27 pages and
    more in letters is labelled page by page."""
    labels = book_labels("", 0, 28, _folios("lower-roman", "upper-alpha"))
    assert len(labels) == 28 and labels[25:] == ((25, "", "Z"), (26, "", "AA"), (27, "", "AB"))
