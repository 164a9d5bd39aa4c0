"""The print cover's HTML: its PDF metadata in the book's language."""

from __future__ import annotations

from octavo import api
from octavo.render.pdf.cover import cover_geometry, cover_html
from octavo.source.paper import page_setup
from tests.conftest import BOOK_TOML, MakeBook, section_source


def test_the_cover_s_title_and_subject_are_in_the_book_s_language(make_book: MakeBook) -> None:
    """A Spanish book's print cover was titled "… (cover)" and described "Print cover: 34
    pages, 444.0 pages per inch" in its PDF's metadata, in English and with a float."""
    toml = BOOK_TOML.replace('language = "en"', 'language = "es"') + 'subtitle = "Edición"\n'
    book = make_book({"001.md": section_source(1, "Tierra", total=1)}, toml)
    manuscript, _ = api.manuscript(book)
    html = cover_html(manuscript, cover_geometry(page_setup("6x9"), 34, 444.0))
    assert "<title>Cubierta de Testland: A Country Study</title>" in html
    assert '<meta name="description" content="Edición">' in html  # the book's own subject
    assert "cover)" not in html and "Print cover" not in html
