"""A German book with a passage in French: its quotes in the EPUB's XHTML and in the print
PDF's text, each in its language (the user-tester's report: both came out English's)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from octavo import api
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.pdf_text import page_texts
from tests.support.weasyprint_log import quietly

NNBSP = "\u202f"
BODY = """Er sagte: "Das ist 'ganz' einfach."

::: {lang=fr}
Il a dit : "C'est 'très' simple."[^1]
:::

Table: Die "Tabelle" {#tbl:t}

| Wort |
|------|
| "Ja" |

[^1]: Une "note".
"""


def test_a_german_book_and_a_french_div_are_quoted_each_in_its_language(
    make_book: MakeBook, tmp_path: Path
) -> None:
    toml = BOOK_TOML.replace('language = "en"', 'language = "de"')
    book = make_book({"001-a.md": section_source(1, 'Das "Land"', total=1, body=BODY)}, toml)

    def build() -> tuple[Path, Path]:
        epub, _ = api.build_epub(book, tmp_path / "b.epub")
        pdf, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=1)
        return epub, pdf

    (epub, pdf), logged = quietly(build)
    assert logged == []
    with zipfile.ZipFile(epub) as archive:
        xhtml = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml")
        )
    assert "<p>Er sagte: „Das ist ‚ganz‘ einfach.“</p>" in xhtml
    assert f"Il a dit : «{NNBSP}C’est “très” simple.{NNBSP}»" in xhtml
    assert f"Une «{NNBSP}note{NNBSP}»." in xhtml  # the note of a French call
    assert "Die „Tabelle“" in xhtml and "<td>„Ja“</td>" in xhtml
    assert "Das „Land“" in xhtml  # the title, in the text and the contents
    assert "“Das" not in xhtml and "‘ganz’" not in xhtml and "“Land”" not in xhtml

    text = "\n".join(page_texts(pdf)).replace(NNBSP, " ")  # pdftotext gives it as a space
    assert "Er sagte: „Das ist ‚ganz‘ einfach.“" in text
    assert "Il a dit : « C’est “très” simple. »" in text
    assert "Une « note »." in text
    assert "Die „Tabelle“" in text and "„Ja“" in text
    assert text.count("Das „Land“") >= 2  # the heading and the contents
