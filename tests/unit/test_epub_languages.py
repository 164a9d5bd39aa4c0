"""`xml:lang` beside each `lang` in the EPUB's documents (octavo.render.epub.languages)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from octavo import api
from octavo.render.epub.languages import xml_lang
from tests.conftest import MakeBook, section_source

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            '<div class="a" lang="fr">', '<div class="a" lang="fr" xml:lang="fr">', id="div"
        ),
        pytest.param(
            '<span lang="ar" dir="rtl">', '<span lang="ar" xml:lang="ar" dir="rtl">', id="span"
        ),
        pytest.param(
            '<section lang="fr" xml:lang="fr">', '<section lang="fr" xml:lang="fr">', id="once"
        ),
        pytest.param(
            '<p title="lang=x">lang="fr"</p>', '<p title="lang=x">lang="fr"</p>', id="text"
        ),
        pytest.param('<img alt="" data-lang="x" />', '<img alt="" data-lang="x" />', id="other"),
    ],
)
def test_each_lang_gets_its_xml_lang(html: str, expected: str) -> None:
    assert xml_lang(html) == expected


def test_a_passage_in_another_language_says_so_in_the_epub(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A div's, a span's and a heading's `lang` reach the EPUB with `xml:lang` (a heading's
    had `lang` alone); the nav's entry for the heading too."""
    body = (
        "Intro [le pays]{lang=fr}.\n\n::: {.letter lang=fr}\nNous avons passé l'hiver.\n:::\n\n"
        "# Le pays d'en haut {lang=fr}\n\nText.\n"
    )
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    out, _ = api.build_epub(book, tmp_path / "out.epub")
    with zipfile.ZipFile(out) as archive:
        names = [n for n in archive.namelist() if n.endswith(".xhtml")]
        roots = {n: etree.fromstring(archive.read(n)) for n in names}
    tagged = [
        (etree.QName(e).localname, e.get(XML_LANG))
        for root in roots.values()
        for e in root.iter()
        if e.get("lang") == "fr"
    ]
    assert sorted(tagged) == [("div", "fr"), ("h3", "fr"), ("span", "fr"), ("span", "fr")]
