"""Issue 16 item 20: a copied style that refers to octavo's files by a relative URL (as
styles/print/fonts.css does to ../fonts/) keeps finding them: the README says any file may
be copied into a book."""

from __future__ import annotations

import shutil
from pathlib import Path

from octavo import api
from tests.conftest import ROOT, MakeBook, section_source


def test_a_copied_fonts_css_builds(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    (book / "styles" / "print").mkdir(parents=True)
    shutil.copy(ROOT / "styles" / "print" / "fonts.css", book / "styles" / "print")
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_copied_cover_css_draws(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    (book / "styles").mkdir()
    shutil.copy(ROOT / "styles" / "cover.css", book / "styles")
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    assert epub.is_file()


def test_a_book_file_of_the_same_name_wins(make_book: MakeBook, tmp_path: Path) -> None:
    """The fallback is only for what the book lacks: a font the book has is the book's."""
    from octavo.render.url_sandbox import book_sandbox

    book = make_book({"001-a.md": section_source(1, total=1)})
    own = book / "styles" / "fonts" / "x.otf"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"OTTO")
    sandbox = book_sandbox(api.open_book(book))
    assert sandbox.resolve(own.as_uri()) == own
