"""The XMP metadata of every PDF octavo makes, read back as print production and libraries
read it (pypdf's reader.xmp_metadata, poppler's `pdfinfo -meta`): the book's, its cover's
and each handout's say what they are, in the book's language."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from octavo import api
from tests.conftest import BOOK_TOML, MakeBook, section_source

NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}
LABELLED = BOOK_TOML + (
    'series = "Country Studies"\nseries_number = "DA Pam 550-112"\nseries_position = 112\n'
    'isbn = "0-8444-0849-2"\ndate = "1995-11"\n'
    'authors = ["María Gómez"]\neditors = ["Helen Fedor"]\n'
)
ISBN = "urn:isbn:9780844408491"


def _book(make_book: MakeBook, language: str) -> Path:
    toml = LABELLED.replace('language = "en"', f'language = "{language}"')
    return make_book(
        {
            "001.md": section_source(1, "Marco", total=2),
            "002.md": section_source(2, "Comercio", chapter=2, total=2),
        },
        toml,
    )


def _xmp(pdf: Path) -> etree._Element:
    packet = PdfReader(pdf).xmp_metadata
    assert packet is not None, f"{pdf.name} has no XMP metadata"
    return etree.fromstring(packet.stream.get_data())


def _all(xmp: etree._Element, path: str) -> list[str]:
    return [str(t) for t in xmp.xpath(f"//{path}//text()", namespaces=NS) if str(t).strip()]


def _pdfinfo_meta(pdf: Path) -> str:
    command = ["pdfinfo", "-meta", str(pdf)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(
    ("language", "position"), [("fr", "n° 112"), ("es", "n.º 112")], ids=["fr", "es"]
)
def test_the_book_s_xmp_series_is_in_its_language(
    make_book: MakeBook, tmp_path: Path, language: str, position: str
) -> None:
    """The series line read "…, no. 112" in every book's XMP."""
    pdf, _ = api.build_pdf(_book(make_book, language), tmp_path / "book.pdf", jobs=1)
    meta = _pdfinfo_meta(pdf)
    assert f"<rdf:li>Country Studies, DA Pam 550-112 ({position})</rdf:li>" in meta
    assert "no. 112" not in meta
    assert _all(_xmp(pdf), "dc:language") == [language]


def test_a_handout_s_xmp_names_the_book_as_its_source(make_book: MakeBook, tmp_path: Path) -> None:
    """A handout's PDF carried no XMP packet at all: it says now what it is, the handout's
    title, the book as its source and whole, the book's creators, language and date; not
    the book's identifiers or series, under which a catalogue would file it as the book.
    The same sources give the same bytes."""
    book = _book(make_book, "fr")
    made, _, _ = api.build_handouts(book, tmp_path / "h")
    again, _, _ = api.build_handouts(book, tmp_path / "again")
    assert [p.read_bytes() for p in made] == [p.read_bytes() for p in again]
    first = made[0]
    xmp = _xmp(first)
    assert _all(xmp, "dc:title") == ["Marco — Testland: A Country Study"]
    assert _all(xmp, "dc:source") == [ISBN]
    assert _all(xmp, "dcterms:isPartOf") == [ISBN]
    assert _all(xmp, "dc:creator") == ["María Gómez"]
    assert _all(xmp, "dc:contributor") == ["Helen Fedor"]
    assert _all(xmp, "dc:language") == ["fr"]
    assert _all(xmp, "dc:date") == ["1995-11"]
    assert _all(xmp, "dc:identifier") == [] and _all(xmp, "dc:relation") == []
    assert "<dcterms:isPartOf>urn:isbn:9780844408491</dcterms:isPartOf>" in _pdfinfo_meta(first)


def test_the_cover_s_xmp_is_the_book_s(make_book: MakeBook, tmp_path: Path) -> None:
    """The cover's PDF carried no XMP packet: it has the book's, identifiers and series."""
    cover, _ = api.build_cover(_book(make_book, "es"), tmp_path / "cover.pdf", pages=120)
    xmp = _xmp(cover)
    assert _all(xmp, "dc:identifier") == [ISBN]
    assert _all(xmp, "dc:relation") == ["Country Studies, DA Pam 550-112 (n.º 112)"]
    assert _all(xmp, "dc:language") == ["es"]
    assert _all(xmp, "dc:creator") == ["María Gómez"]
    assert "<prism:isbn>978-0-8444-0849-1</prism:isbn>" in _pdfinfo_meta(cover)
