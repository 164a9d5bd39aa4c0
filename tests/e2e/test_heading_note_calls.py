"""A heading's note call is read apart from the heading's last word: a screen reader named
"Population 1994" with its author's note called 2 "Population 19942", in a left-to-right
book and a right-to-left one alike, in the EPUB and in the print HTML; only the data-date
call had the no-width space before it. Chromium's accessibility tree says the names; DAISY
Ace stays clean."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.render.pdf.document import PdfOptions, render_print_html
from tests.conftest import MakeBook, section_source
from tests.support.heading_names import heading_names
from tests.support.validators import assert_ace_clean

TITLES = {"en": ("Population", "Population 1994"), "ar": ("السكان", "السكان 1994")}


def _book(make_book: MakeBook, language: str) -> Path:
    title, heading = TITLES[language]
    body = f"Text.\n\n## {heading}[^1]\n\nMore.\n\n[^1]: A census.\n"
    toml = (
        f'title = "Testland"\nlanguage = "{language}"\ncountry = "Testland"\n'
        'identifier = "urn:uuid:12345678-1234-5678-9abc-123456789abc"\n'
        'chapters = { 1 = "Society" }\n'
    )
    return make_book({"001-a.md": section_source(1, title, total=1, body=body)}, toml)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_heading_s_note_call_is_named_apart_from_its_last_word(
    make_book: MakeBook, tmp_path: Path, language: str
) -> None:
    title, heading = TITLES[language]
    book = _book(make_book, language)
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(tmp_path / "epub")
    names = heading_names(tmp_path / "epub" / "EPUB" / "text" / "ch01.xhtml")
    assert (2, f"{title} 1") in names and (3, f"{heading} 2") in names, names
    manuscript, _ = api.manuscript(book)
    page = tmp_path / "print.html"
    page.write_text(render_print_html(manuscript, PdfOptions()), encoding="utf-8")
    names = heading_names(page)  # print holds the notes' words at their calls
    assert (3, f"{heading} A census.") in names, names
    assert_ace_clean(epub)
