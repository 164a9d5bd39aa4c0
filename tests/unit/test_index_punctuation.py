"""The index's colon and semicolons in the book's language (ut46 bug 18): the EPUB's index
wrote "Minsk: Société" with the ": " of its template, where French sets a no-break space
before the colon (as every other French label does) and a narrow one before a semicolon."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.text import strip_tags
from tests.conftest import BOOK_TOML, MakeBook, section_source

BODY = (
    '[Minsk]{index="Minsk"} est la capitale ; [Brest]{index="Brest" see="Minsk"}'
    ' ([Brest-Litovsk]{index="Brest" see="Gomel"}) et [Gomel]{index="Gomel"}.\n'
)


def _book(make_book: MakeBook, language: str) -> Path:
    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"')
    return make_book(
        {
            "001-a.md": section_source(1, "Société", total=2, body=BODY),
            "002-b.md": section_source(2, "Économie", total=2, body=BODY),
        },
        toml,
    )


@pytest.mark.parametrize(
    ("language", "colon", "semicolon"),
    [
        pytest.param("fr", "\u00a0: ", "\u202f; ", id="french-no-break-spaces"),
        pytest.param("en", ": ", "; ", id="english"),
        pytest.param("ru", ": ", "; ", id="russian"),
    ],
)
def test_the_epub_index_punctuates_in_the_book_s_language(
    make_book: MakeBook, tmp_path: Path, language: str, colon: str, semicolon: str
) -> None:
    path, _ = api.build_epub(_book(make_book, language), tmp_path / "b.epub", jobs=0)
    with zipfile.ZipFile(path) as epub:
        text = strip_tags(epub.read("EPUB/text/index.xhtml").decode())
    assert f"Minsk{colon}Société{semicolon}Économie" in text, text
    assert f"Gomel{colon}Société{semicolon}Économie" in text, text
    assert f"Minsk{semicolon}Gomel" in text, text  # Brest: see Minsk; Gomel


def test_the_print_index_s_see_references_too(make_book: MakeBook) -> None:
    """Print lists pages after a comma, not a colon; its see references' semicolon is the
    language's."""
    manuscript, _ = api.manuscript(_book(make_book, "fr"))
    located = {m.id: (4, "5", False) for rs in manuscript.sections for m in rs.marks if m.id}
    html = render_print_html(manuscript, PdfOptions(), located)
    text = strip_tags(html[html.index('class="index-columns"') :])
    assert "Minsk\u202f; Gomel" in text, text


BRACED = '\n[labels]\nindex_term_separator = " {{:}} "\nindex_list_separator = " {{;}} "\n'


def test_the_index_separators_are_formatted_as_labels(make_book: MakeBook, tmp_path: Path) -> None:
    """A brace in a label is written `{{` (E116 refuses a lone one); the index's colon and
    semicolon were printed as the catalogue holds them, so a book's `{{` showed as two
    braces where a label formatted by Labels.format shows one."""
    toml = BOOK_TOML + BRACED
    files: dict[str, str | bytes] = {
        "001-a.md": section_source(1, "Société", total=2, body=BODY),
        "002-b.md": section_source(2, "Économie", total=2, body=BODY),
    }
    root = make_book(files, toml)
    path, _ = api.build_epub(root, tmp_path / "b.epub", jobs=0)
    with zipfile.ZipFile(path) as epub:
        text = strip_tags(epub.read("EPUB/text/index.xhtml").decode())
    assert "Minsk {:} Société {;} Économie" in text, text
    assert "Minsk {;} Gomel" in text and "{{" not in text, text
    manuscript, _ = api.manuscript(root)
    located = {m.id: (4, "5", False) for rs in manuscript.sections for m in rs.marks if m.id}
    html = render_print_html(manuscript, PdfOptions(), located)
    printed = strip_tags(html[html.index('class="index-columns"') :])
    assert "Minsk {;} Gomel" in printed and "{{" not in printed, printed
