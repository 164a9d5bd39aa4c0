"""An appendix's letter in the letters of the book's language (octavo.model.labels.
appendix_letter): a Russian book's "Приложение А" as GOST 7.32 letters it, a Ukrainian
one's as DSTU 3008 does, A, B … AA in any other; shown wherever the letter is, while ids
keep the Latin letter."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import tinyhtml5

from octavo.model import Manuscript
from octavo.model.labels import appendix_letter
from octavo.render.epub.book import render_epub
from octavo.render.manuscript import render_manuscript
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, MakeBook, section_source

RUSSIAN = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
UKRAINIAN = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ"


@pytest.mark.parametrize(
    ("language", "index", "letter"),
    [
        ("ru", 0, "А"),  # Cyrillic А (U+0410), not Latin A
        ("ru", 1, "Б"),
        ("ru", 6, "Ж"),
        ("ru", 7, "И"),  # З left out
        ("ru", 8, "К"),  # Й left out
        ("ru", 12, "П"),  # О left out
        ("ru", 19, "Ц"),
        ("ru", 20, "Ш"),  # Ч left out
        ("ru", 21, "Щ"),
        ("ru", 22, "Э"),  # the 23rd: Ъ, Ы, Ь left out
        ("ru", 23, "Ю"),
        ("ru", 24, "Я"),  # the 25th, the last Cyrillic one
        ("ru", 25, "A"),  # then Latin capitals
        ("ru", 33, "J"),  # I left out
        ("ru", 38, "P"),  # O left out
        ("ru", 48, "Z"),
        ("ru", 49, "50"),  # then the appendix's number
        ("ru-RU", 0, "А"),
        ("uk", 0, "А"),
        ("uk", 4, "Д"),  # Ґ left out
        ("uk", 6, "Ж"),  # Є left out
        ("uk", 7, "И"),  # З left out
        ("uk", 8, "К"),  # І, Ї, Й left out
        ("uk", 22, "Ю"),  # the 23rd: Ч, Ь left out
        ("uk", 23, "Я"),  # the 24th, the last
        ("uk", 24, "25"),  # then the appendix's number
        ("uk-UA", 1, "Б"),
        ("en", 0, "A"),
        ("en", 22, "W"),
        ("en", 26, "AA"),
        ("be", 1, "B"),  # no rule of its own was found: Latin, as before
        ("bg", 1, "B"),
        ("sr-Cyrl", 1, "B"),
        ("mk", 1, "B"),
    ],
)
def test_each_language_letters_its_appendices(language: str, index: int, letter: str) -> None:
    assert appendix_letter(index, language) == letter


@pytest.mark.parametrize(
    ("language", "alphabet", "left_out", "after"),
    [
        ("ru", RUSSIAN, "ЁЗЙОЧЪЫЬ", "ABCDEFGHJKLMNPQRSTUVWXYZ"),  # then Latin but I and O
        ("uk", UKRAINIAN, "ҐЄЗІЇЙОЧЬ", ""),
    ],
)
def test_the_letters_are_the_alphabet_less_the_standard_s(
    language: str, alphabet: str, left_out: str, after: str
) -> None:
    """The standard's letters in the alphabet's order, then the numbers: every appendix's
    mark apart."""
    letters = "".join(c for c in alphabet if c not in left_out) + after
    marks = [appendix_letter(i, language) for i in range(80)]
    assert "".join(marks[: len(letters)]) == letters
    assert marks[len(letters) :] == [str(i + 1) for i in range(len(letters), 80)]


def _russian(make_book: MakeBook, labels: str = "") -> Manuscript:
    toml = BOOK_TOML.replace('language = "en"', 'language = "ru"') + 'numbering = "chapter"\n'
    files: dict[str, str | bytes] = {
        "001-a.md": section_source(1, "Торговля", body="См. @tbl:goroda.\n"),
        "002-b.md": section_source(
            2,
            "Города",
            chapter=0,
            extra="kind: appendix\n",
            body="| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: Города {#tbl:goroda}\n\n"
            "| c |\n|---|\n| 3 |\n\nTable: Без имени\n",
        ),
        "003-c.md": section_source(3, "Экспорт", chapter=0, extra="kind: appendix\n"),
    }
    book, found = read_book(make_book(files, toml + labels))
    assert book is not None and not found, [str(d) for d in found]
    manuscript, _ = render_manuscript(book)
    return manuscript


def test_a_russian_book_s_appendix_reads_prilozhenie_a_everywhere(make_book: MakeBook) -> None:
    manuscript = _russian(make_book)
    first = next(c for c in manuscript.chapters if c.id == "appendix")
    assert (first.label, first.heading_text) == ("Приложение А", "Приложение А. Города")
    assert first.head_text == "Приложение А. Города"  # the running head
    epub = zipfile.ZipFile(io.BytesIO(render_epub(manuscript)))
    texts = [n for n in epub.namelist() if n.endswith((".xhtml", ".ncx"))]
    member = {n.rsplit("/", 1)[-1]: epub.read(n).decode("utf-8") for n in texts}
    assert ">Приложение А. Города</a>" in member["nav.xhtml"]
    assert "<text>Приложение А. Города</text>" in member["toc.ncx"]
    assert '<span class="chapter-label">Приложение А<' in member["appendix.xhtml"]
    assert "Таблица\u00a0А.1." in member["appendix.xhtml"]  # its table's number
    assert 'class="xref">Таблица\u00a0А.1</a>' in member["ch01.xhtml"]  # a reference to it
    assert "Приложение А. Города</a>" in member["data-currency.xhtml"]
    printed = render_print_html(manuscript, PdfOptions())
    root = tinyhtml5.parse(printed)
    (heading,) = [e for e in root.iter() if e.get("id") == "appendix"]
    assert heading.get("data-label") == "Приложение А. Города"  # the PDF's bookmark
    labels = ["".join(e.itertext()) for e in root.iter() if e.get("class") == "toc-label"]
    assert labels[-2:] == ["Приложение А", "Приложение Б"]  # the contents
    assert 'string-set: chapter "Приложение А. Города"' in printed  # the running head
    assert 'class="xref">Таблица\u00a0А.1</a>' in printed


def test_ids_keep_the_latin_letter(make_book: MakeBook) -> None:
    """The ids made of an appendix's letter stay ASCII, as an English book's are."""
    printed = render_print_html(_russian(make_book), PdfOptions())
    made = set(re.findall(r'id="([^"]*-table-[^"]*)"', printed))
    assert made == {"s002-goroda-table-A.2"}
    assert all(i.isascii() for i in re.findall(r'\bid="([^"]*)"', printed))


def test_a_book_s_own_appendix_label_gets_the_letter(make_book: MakeBook) -> None:
    manuscript = _russian(make_book, '\n[labels]\nappendix_label = "Прил. {letter}"\n')
    assert [c.label for c in manuscript.chapters if c.id.startswith("appendix")] == [
        "Прил. А",
        "Прил. Б",
    ]
