"""A book with an ISBN and a series, as a store and a library read it: the EPUB's OPF
(EPUBCheck, usage messages on), Calibre's ebook-meta on the EPUB and the PDF (the series,
the identifiers, when it was published), the imprint."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support import readers
from tests.support.validators import assert_epubcheck_clean, epub_members

SHOP = BOOK_TOML + (
    'series = "Country Studies"\n'
    'series_number = "DA Pam 550-112"\n'
    "series_position = 112\n"
    'isbn = "0-8444-0849-2"\n'
    'lccn = "95-17389"\n'
    'doi = "10.1234/testland"\n'
    'research_completed = "1995-06"\n'
    'date = "1995-11"\n'
    'cataloguing = """Testland : a country study.\n(DA pam ; 550-112)"""\n'
)


@pytest.fixture
def shop(make_book: MakeBook) -> Path:
    return make_book({"001.md": section_source(1, "Land", total=1)}, SHOP)


def _ebook_meta(path: Path) -> dict[str, str]:
    readers.need("ebook-meta")
    return readers.ebook_meta(path)


def test_epub_carries_isbn_and_series(shop: Path, tmp_path: Path) -> None:
    epub, _ = api.build_epub(shop, tmp_path / "shop.epub")
    assert_epubcheck_clean(epub)
    opf = epub_members(epub)["EPUB/content.opf"].decode()
    assert '<dc:identifier id="id">urn:isbn:9780844408491</dc:identifier>' in opf
    assert "urn:uuid:12345678-1234-5678-9abc-123456789abc</dc:identifier>" in opf
    assert 'property="belongs-to-collection" id="series">Country Studies</meta>' in opf
    assert 'refines="#series" property="collection-type">series</meta>' in opf
    assert 'refines="#series" property="group-position">112</meta>' in opf
    assert 'refines="#series" property="dcterms:identifier">DA Pam 550-112</meta>' in opf
    assert '<meta name="calibre:series" content="Country Studies"' in opf  # Kobo reads these
    assert '<meta name="calibre:series_index" content="112"' in opf
    assert "<dc:date>1995-11</dc:date>" in opf  # book.toml's date, not the day it was built
    meta = _ebook_meta(epub)
    assert meta["Series"] == "Country Studies #112"
    assert "isbn:9780844408491" in meta["Identifiers"]
    assert meta["Published"].startswith("1995-11")


def test_a_series_without_a_position_is_not_numbered_1(make_book: MakeBook, tmp_path: Path) -> None:
    """book.toml's `series` without `series_position` (as `invoke new` writes it): calibre
    listed every such book as 'Country Studies #1', from the EPUB (a `series` collection
    with no group-position) and the PDF (its XMP's series_index 1.00). The EPUB keeps the
    series as a collection, EPUBCheck clean, and no reader is told it is book 1."""
    if shutil.which("ebook-meta") is None:
        pytest.skip("calibre's ebook-meta is not installed")
    toml = BOOK_TOML + 'series = "Country Studies"\n'
    book = make_book({"001.md": section_source(1, "Land", total=1)}, toml)
    epub, _ = api.build_epub(book, tmp_path / "unnumbered.epub")
    assert_epubcheck_clean(epub)
    opf = epub_members(epub)["EPUB/content.opf"].decode()
    assert 'property="belongs-to-collection" id="series">Country Studies</meta>' in opf
    assert "collection-type" not in opf and "calibre:series" not in opf
    assert "Series" not in _ebook_meta(epub)
    pdf, _ = api.build_pdf(book, tmp_path / "unnumbered.pdf")
    assert "Series" not in _ebook_meta(pdf)


def test_pdf_imprint_and_xmp(shop: Path, tmp_path: Path) -> None:
    pdf, _ = api.build_pdf(shop, tmp_path / "shop.pdf")
    meta = _ebook_meta(pdf)
    assert meta["Series"] == "Country Studies #112"
    assert meta["Published"].startswith("1995-11")  # the XMP's dc:date
    assert meta["Languages"] == "eng"  # the XMP's dc:language: a library files the PDF by it
    assert "isbn:9780844408491" in meta["Identifiers"] and "lccn:95017389" in meta["Identifiers"]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"ISBN\s+978-0-8444-0849-1", text)
    assert re.search(r"Data as of\s+June 1995 \(research completed\)", text)
    assert re.search(r"Typeset\s+11 June 1995, with octavo", text)  # SOURCE_DATE_EPOCH
    assert "Testland : a country study." in text and "(DA pam ; 550-112)" in text


def test_a_wrong_isbn_is_e143_with_its_line(make_book: MakeBook, tmp_path: Path) -> None:
    toml = BOOK_TOML + 'isbn = "978-0-8444-0849-2"\n'
    book = make_book({"001.md": section_source(1, "Land", total=1)}, toml)
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path / "x.epub")
    (problem,) = caught.value.diagnostics
    line = toml.count("\n")  # the last line
    assert (problem.code, problem.line) == ("E143", line)
    assert str(problem).startswith(f"{problem.file}:{line}: E143 error:")
