"""Who a book credits and when it was published, alike in the EPUB's package, the PDF's
metadata, the imprint and the colophon (octavo.render.metadata)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from octavo import api
from octavo.render.metadata import book_meta
from octavo.render.pdf.document import PdfOptions, render_print_html, xmp_descriptions
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, MakeBook, section_source

OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
PEOPLE = 'authors = ["María Gómez", "Luis Ortega"]\neditors = ["Helen Fedor"]\n'


def _book(make_book: MakeBook, more: str, language: str = "en") -> Path:
    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"') + more
    return make_book({"001-a.md": section_source(1, total=1)}, toml)


def _opf(book: Path, tmp_path: Path) -> etree._Element:
    out, _ = api.build_epub(book, tmp_path / "out.epub")
    with zipfile.ZipFile(out) as archive:
        return etree.fromstring(archive.read("EPUB/content.opf"))


def _roles(opf: etree._Element, element: str) -> list[tuple[str, str]]:
    """(name, MARC relator) of each dc:creator or dc:contributor, in order."""
    found = []
    for node in opf.iterfind(f".//dc:{element}", OPF):
        role = opf.find(f".//opf:meta[@refines='#{node.get('id')}'][@property='role']", OPF)
        found.append((node.text or "", role.text if role is not None else ""))
    return found


@pytest.mark.parametrize(
    ("more", "creators", "contributing"),
    [
        pytest.param(
            PEOPLE,
            [("María Gómez", "aut"), ("Luis Ortega", "aut")],
            [("Helen Fedor", "edt")],
            id="authors-and-editors",
        ),
        pytest.param('editors = ["Helen Fedor"]\n', [("Helen Fedor", "edt")], [], id="editors"),
        pytest.param('publisher = "FRD"\n', [("FRD", "aut")], [], id="neither"),
    ],
)
def test_authors_create_and_editors_contribute(
    make_book: MakeBook,
    more: str,
    creators: list[tuple[str, str]],
    contributing: list[tuple[str, str]],
) -> None:
    """The editors of a book with authors were dc:creators beside them (calibre reads a
    creator of role edt as an author only where there is no aut one; pandoc writes an editor
    as a dc:contributor): contributors now; a book of editors alone is theirs."""
    book, _ = read_book(_book(make_book, more))
    assert book is not None
    meta = book_meta(book)
    assert list(meta.creators) == creators and list(meta.contributing) == contributing


def test_the_epub_names_the_editors_as_contributors(make_book: MakeBook, tmp_path: Path) -> None:
    opf = _opf(_book(make_book, PEOPLE), tmp_path)
    assert _roles(opf, "creator") == [("María Gómez", "aut"), ("Luis Ortega", "aut")]
    assert _roles(opf, "contributor") == [("Helen Fedor", "edt")]


def test_the_pdf_names_the_editors_in_its_xmp(make_book: MakeBook, tmp_path: Path) -> None:
    """The PDF's /Author and XMP dc:creator named the authors and left out the editors the
    title page credits: they are its XMP dc:contributor now (calibre reads a PDF's authors
    from /Author and dc:creator: the editors are not made authors)."""
    import pypdf

    from tests.support.weasyprint_log import quietly

    book = _book(make_book, PEOPLE)
    (pdf, _), _ = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf", jobs=1))
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata is not None
    assert reader.metadata.author == "María Gómez, Luis Ortega"
    packet = reader.xmp_metadata  # pypdf's reading of the catalog's /Metadata stream
    assert packet is not None
    xmp = etree.fromstring(packet.stream.get_data())
    names = {"dc": OPF["dc"], "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    assert xmp.xpath("//dc:creator//rdf:li/text()", namespaces=names) == [
        "María Gómez",
        "Luis Ortega",
    ]
    assert xmp.xpath("//dc:contributor//rdf:li/text()", namespaces=names) == ["Helen Fedor"]


@pytest.mark.parametrize(
    ("language", "date", "shown", "word"),
    [
        ("en", "1995", "1995", "Published"),
        ("en", "1995-06", "June 1995", "Published"),
        ("de", "1995-06-10", "10. Juni 1995", "Erschienen"),
        ("ru", "1995-06", "июнь 1995 г.", "Дата издания"),
    ],
)
def test_the_imprint_and_the_colophon_give_the_date_of_publication(
    make_book: MakeBook, tmp_path: Path, language: str, date: str, shown: str, word: str
) -> None:
    """book.toml's `date`, the EPUB's dc:date, was printed nowhere: the imprint (the
    copyright page) names it, and the EPUB's colophon cites the book with it, in the book's
    language."""
    root = _book(make_book, f'date = "{date}"\n', language)
    manuscript, _ = api.manuscript(root)
    assert book_meta(manuscript.book).published_label == shown
    imprint = render_print_html(manuscript, PdfOptions())
    assert f"<dt>{word}</dt><dd>{shown}</dd>" in imprint
    out, _ = api.build_epub(root, tmp_path / "out.epub")
    with zipfile.ZipFile(out) as archive:
        colophon = archive.read("EPUB/text/colophon.xhtml").decode()
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    assert re.search(rf", {re.escape(shown)}\.</p>", colophon), colophon
    assert opf.findtext(".//dc:date", namespaces=OPF) == date


def test_a_book_without_a_date_has_no_line_for_it(make_book: MakeBook) -> None:
    manuscript, _ = api.manuscript(_book(make_book, ""))
    assert "<dt>Published</dt>" not in render_print_html(manuscript, PdfOptions())


def test_a_date_reads_as_the_language_writes_it(make_book: MakeBook) -> None:
    book, _ = read_book(_book(make_book, "", "fr"))
    assert book is not None
    assert book.labels.published("1995-06-01") == "1er juin 1995"
    assert book.labels.published("1995") == "1995"
    assert book.labels.published("") == ""


@pytest.mark.parametrize(
    ("language", "shown"), [("ru", "1995 г."), ("uk", "1995 р."), ("de", "1995")]
)
def test_a_year_alone_reads_as_the_languages_dates_do(
    make_book: MakeBook, language: str, shown: str
) -> None:
    """Russian writes "июнь 1995 г." and so "1995 г." alone: the imprint printed "1995"
    beside the book's other dates' "г."."""
    book, _ = read_book(_book(make_book, "", language))
    assert book is not None
    assert book.labels.published("1995") == shown


SERIES = 'series = "Country Studies"\nseries_number = "DA Pam 550-112"\nseries_position = 112\n'


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Country Studies, DA Pam 550-112 (no. 112)"),
        ("fr", "Country Studies, DA Pam 550-112 (n° 112)"),
        ("es", "Country Studies, DA Pam 550-112 (n.º 112)"),
    ],
)
def test_the_pdf_s_series_line_is_in_the_book_s_language(
    make_book: MakeBook, language: str, line: str
) -> None:
    """The XMP's dc:relation read "Country Studies, DA Pam 550-112, no. 112" in English
    whatever the book's language, where its imprint said "(n° 112)": one line now, the
    imprint's, in the XMP, the imprint and the colophon alike."""
    manuscript, _ = api.manuscript(_book(make_book, SERIES, language))
    assert book_meta(manuscript.book).series_line == line
    xmp = xmp_descriptions(manuscript, PdfOptions()).decode()
    assert f"<dc:relation><rdf:Bag><rdf:li>{line}</rdf:li></rdf:Bag></dc:relation>" in xmp
    assert f"<dd>{line}</dd>" in render_print_html(manuscript, PdfOptions())


def test_a_series_without_a_number_or_position_is_its_name(make_book: MakeBook) -> None:
    book, _ = read_book(_book(make_book, 'series = "Country Studies"\n', "fr"))
    assert book is not None
    assert book_meta(book).series_line == "Country Studies"


def test_a_book_of_parts_without_a_country_has_its_parts_countries_as_subjects(
    make_book: MakeBook,
) -> None:
    """Its PDF's /Keywords and its EPUB's dc:subject name the countries of its parts (they
    were empty: E616 of `invoke check`, review50c)."""
    toml = (
        'title = "Two Countries: Studies"\nlanguage = "en"\n'
        'identifier = "urn:uuid:12345678-1234-5678-9abc-123456789abc"\n'
        'parts = ["Belarus", "Moldova"]\n'
        '[chapters.Belarus]\n1 = "The Economy"\n[chapters.Moldova]\n1 = "The Economy"\n'
    )
    first = section_source(1, total=2).replace("country: Testland", "country: Belarus")
    second = section_source(2, total=2).replace("country: Testland", "country: Moldova")
    book = make_book({"001-a.md": first, "002-b.md": second}, toml)
    loaded, _ = read_book(api.open_book(book))
    assert loaded is not None
    assert book_meta(loaded).subjects == ("Belarus", "Moldova")
