"""Capitals in the book's language (octavo.casing): Python's str.upper() is
language-blind, so the index's "See also" was "Იხ." in Georgian (Mtavruli, which Georgian
text does not use) and "Ilgili" in Turkish."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.casing import capital, upper
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.text import strip_tags
from tests.conftest import BOOK_TOML, MakeBook, section_source


@pytest.mark.parametrize(
    ("text", "language", "capitalised"),
    [
        pytest.param("see also", "en", "See also", id="en"),
        pytest.param("ilgili", "tr", "İlgili", id="tr-dotted-capital-i"),
        pytest.param("ilgili", "en", "Ilgili", id="en-dotless-capital-i"),
        pytest.param("იხ.", "ka", "იხ.", id="ka-no-mtavruli"),
        pytest.param("ijsselmeer", "nl", "IJsselmeer", id="nl-ij"),
        pytest.param("βλέπε", "el", "Βλέπε", id="el"),
        pytest.param("տես նաև", "hy", "Տես նաև", id="hy"),
        pytest.param("см. также", "ru", "См. также", id="ru-rest-unchanged"),
        pytest.param("«voir» aussi", "fr", "«Voir» aussi", id="fr-after-a-quotation-mark"),
        pytest.param("ver ALSO", "pt", "Ver ALSO", id="nothing-lowered"),
        pytest.param("انظر", "ar", "انظر", id="ar-no-case"),
        pytest.param("", "en", "", id="empty"),
    ],
)
def test_capital_follows_the_language(text: str, language: str, capitalised: str) -> None:
    assert capital(text, language) == capitalised


@pytest.mark.parametrize(
    ("text", "language", "shouted"),
    [
        pytest.param("Türkiye", "tr", "TÜRKİYE", id="tr"),
        pytest.param("Türkiye", "en", "TÜRKIYE", id="en"),
        pytest.param("Ελλάδα", "el", "ΕΛΛΑΔΑ", id="el-without-accents"),
        pytest.param("Straße", "de", "STRASSE", id="de"),
        pytest.param("ijssel", "nl", "IJSSEL", id="nl"),
    ],
)
def test_upper_follows_the_language(text: str, language: str, shouted: str) -> None:
    assert upper(text, language) == shouted


def _book(make_book: MakeBook, language: str, see: str, see_also: str) -> Path:
    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"')
    toml += f'\n[labels]\nsee = "{see}"\nsee_also = "{see_also}"\n'
    body = (
        'The [port]{index="ფოთი" see="ბათუმი"} and [Batumi]{index="ბათუმი"},\n'
        '[Kutaisi]{index="ქუთაისი" seealso="ბათუმი"}.\n'
    )
    return make_book({"001-a.md": section_source(1, "Ports", total=1, body=body)}, toml)


@pytest.mark.parametrize(
    ("language", "see", "see_also", "shown"),
    [
        pytest.param("ka", "იხ.", "აგრეთვე იხ.", ("იხ.", "აგრეთვე იხ."), id="ka"),
        pytest.param("tr", "bkz.", "ilgili", ("Bkz.", "İlgili"), id="tr"),
    ],
)
def test_index_cross_references_capitalised_for_the_language(
    make_book: MakeBook,
    tmp_path: Path,
    language: str,
    see: str,
    see_also: str,
    shown: tuple[str, str],
) -> None:
    """In the EPUB's index and the print index alike; and a Georgian heading is ქ, as
    Georgian sets it, in either."""
    book = _book(make_book, language, see, see_also)
    manuscript, _ = api.manuscript(book)
    path, _ = api.build_epub(book, tmp_path / "b.epub", jobs=0)
    with zipfile.ZipFile(path) as epub:
        xhtml = epub.read("EPUB/text/index.xhtml").decode()
    located = {m.id: (4, "5", False) for rs in manuscript.sections for m in rs.marks if m.id}
    html = render_print_html(manuscript, PdfOptions(), located)
    index_html = html[html.index('class="index-columns"') :]
    for text in (strip_tags(xhtml), strip_tags(index_html)):
        assert f"ფოთი. {shown[0]} ბათუმი" in text
        assert f". {shown[1]} ბათუმი" in text
        assert "Ქ" not in text and "Ფ" not in text  # no Mtavruli heading
    assert [g.letter for g in manuscript.index] == ["ბ", "ფ", "ქ"]
