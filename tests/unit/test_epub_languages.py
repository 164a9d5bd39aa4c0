"""`xml:lang` beside each `lang` in the EPUB's documents (octavo.render.epub.languages)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from octavo import api
from octavo.render.epub import languages
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


# What xml_lang did by reading every tag (before it walked back from each lang="): the
# reference its quicker walk must equal on any text.
_EVERY_TAG = re.compile(r'<[a-zA-Z][^<>]*\slang="[^<>]*>')
_PIECES = (
    '<p lang="fr">', '<span\tlang="de" xml:lang="de">', "</p>", 'lang="x"', ' lang="y"', "<",
    ">", '<a href="x" lang="en">', "<b>", "text ", '<html lang="en" xml:lang="en">',
    '<!-- lang="q" -->', '</x lang="z">', '<1 lang="y">', '<é lang="r">', "\n",
    '<div\nlang="ar" dir="rtl">', '<q lang="a" lang="b">', '<i lang=""', ' lang="w"> ',
)  # fmt: skip


def _by_every_tag(xhtml: str) -> str:
    if ' lang="' not in xhtml:
        return xhtml
    return _EVERY_TAG.sub(lambda tag: languages._tag(tag[0]), xhtml)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(_PIECES) | st.text(alphabet='<> ="langxm:/\n\t', max_size=8),
        min_size=2,
        max_size=20,
    )
)
@example(["<b>", "text ", ' lang="w"> '])  # a '>' between the '<' and the lang: text
@example(['<a x="', "<", '" lang="y">'])  # a '<' inside: no tag
@example(['<p lang="fr">', "</p>", "\n", '<div\nlang="ar">', '<i lang="a" ', 'lang="b">'])
def test_the_walk_from_each_lang_gives_what_reading_every_tag_gave(pieces: list[str]) -> None:
    xhtml = "".join(pieces)
    assert xml_lang(xhtml) == _by_every_tag(xhtml)


def test_a_right_to_left_heading_s_call_is_isolated(make_book: MakeBook, tmp_path: Path) -> None:
    """A Hebrew section's data-date call has a `dir` of its own, which isolates it for the
    bidi algorithm: after its heading's year its digits joined the year's run, and it was
    set between the word and the year (a reviewer's screenshot; EPUB's CSS may not say
    unicode-bidi, EPUBCheck's CSS-001). A left-to-right heading's call has none."""
    book = make_book(
        {
            "001-a.md": section_source(1, "Trade 1994", total=2),
            "002-b.md": section_source(2, "חקלאות 1994", total=2, extra="lang: he\n"),
        }
    )
    made, _ = api.build_epub(book, tmp_path / "b.epub")
    with zipfile.ZipFile(made) as epub:
        xhtml = epub.read("EPUB/text/ch01.xhtml").decode()
    calls = re.findall(
        r'1994<span class="call-space">&#160;</span><a class="noteref"( dir="ltr")?', xhtml
    )
    assert calls == ["", ' dir="ltr"'], calls
