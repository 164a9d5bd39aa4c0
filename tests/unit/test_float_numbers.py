"""Appendices lettered A, B, C among the appendices alone, the letter in their headings and
in their tables' numbers (numbering = "chapter"), and a Bibliography's and a Glossary's
tables numbered as the front matter's (octavo.render.float_numbers, Chapter.letter)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from octavo import api
from octavo.model.labels import alphabetic
from octavo.render.float_numbers import float_prefix
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, MakeBook, section_source

TABLE = "\n| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: {caption} {{#tbl:{label}}}\n"
CHAPTER = BOOK_TOML + 'numbering = "chapter"\n'


def _of(kind: str, sequence: int, title: str, label: str) -> str:
    return section_source(
        sequence,
        title,
        chapter=0 if kind else 1,
        total=6,
        body=TABLE.format(caption=f"{title} table", label=label),
        extra=f"kind: {kind}\n" if kind else "",
    )


def _back_matter(make_book: MakeBook, toml: str = CHAPTER) -> Path:
    """A foreword, a chapter, a glossary, two appendices and a bibliography, each with a
    table, the back matter's files in no order of kind."""
    files: dict[str, str | bytes] = {
        "001-f.md": _of("foreword", 1, "Fore", "fw"),
        "002-c.md": _of("", 2, "Trade", "ch"),
        "003-g.md": _of("glossary", 3, "Glossary", "gl"),
        "004-b.md": _of("bibliography", 4, "Sources", "bi"),
        "005-a.md": _of("appendix", 5, "Statistical Tables", "a1"),
        "006-a.md": _of("appendix", 6, "Maps", "a2"),
    }
    return make_book(files, toml)


def test_appendices_are_lettered_among_themselves_and_say_it(make_book: MakeBook) -> None:
    """The letters went by every back-matter division, and no heading showed one: a
    reader told "Table B.1" found no B anywhere. Each appendix page is an appendix,
    lettered in order, its letter in its heading and its tables' numbers; a Bibliography
    or Glossary has none, and numbers its tables on after the front matter's."""
    manuscript, _ = api.manuscript(_back_matter(make_book))
    heads = [(c.id, c.label, c.heading_text) for c in manuscript.chapters]
    assert heads[2:] == [
        ("appendix", "Appendix A", "Appendix A: Statistical Tables"),
        ("appendix-2", "Appendix B", "Appendix B: Maps"),
        ("bibliography", "", "Sources"),
        ("glossary", "", "Glossary"),
    ]
    assert [(t.id, t.label) for t in manuscript.tables] == [
        ("tbl:fw", "Table\u00a01"),
        ("tbl:ch", "Table\u00a01.1"),
        ("tbl:a1", "Table\u00a0A.1"),
        ("tbl:a2", "Table\u00a0B.1"),
        ("tbl:bi", "Table\u00a02"),  # on after the Foreword's: no "Table 1" twice
        ("tbl:gl", "Table\u00a03"),
    ]


def test_a_bibliography_before_the_appendices_takes_no_letter(make_book: MakeBook) -> None:
    """The first appendix is A wherever the other back matter stands (the letters once
    counted a Bibliography before it: "Table B.1")."""
    book, _ = read_book(_back_matter(make_book))
    assert book is not None
    back = [c for c in book.chapters if c.matter == "back"]
    moved = replace(book, chapters=(*back[2:], *back[:2]))  # Bibliography, Glossary first
    assert [float_prefix(moved, c) for c in moved.chapters] == [None, None, "A", "B"]


def test_appendix_letters_show_whatever_the_numbering(make_book: MakeBook) -> None:
    """The letter names the appendix ("see Appendix B"), as a Quarto book's always does;
    numbering = "book" numbers the tables through the book, no letter in them."""
    manuscript, _ = api.manuscript(_back_matter(make_book, BOOK_TOML))
    assert [c.label for c in manuscript.chapters][2:4] == ["Appendix A", "Appendix B"]
    assert [t.label for t in manuscript.tables][2:] == [f"Table\u00a0{n}" for n in (3, 4, 5, 6)]


def test_an_appendix_titled_appendix_is_not_said_twice(make_book: MakeBook) -> None:
    files: dict[str, str | bytes] = {
        "001-a.md": section_source(1, "Appendix", chapter=0, total=1, extra="kind: appendix\n")
    }
    book, _ = read_book(make_book(files))
    assert book is not None
    (appendix,) = book.chapters
    assert appendix.label(book.labels) == "" and appendix.heading(book.labels) == "Appendix A"


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("Appendix A: Cities", "Appendix A: Cities"),
        ("Appendix C: Cities", "Appendix A: Cities"),  # a stale letter: the book's own
        ("Appendix B", "Appendix A"),
        ("Appendix: Cities", "Appendix A: Cities"),
        ("APPENDIX 2 \u2014 Cities", "Appendix A: Cities"),
        ("Appendix of Treaties", "Appendix A: Appendix of Treaties"),
        ("Appendixes and Tables", "Appendix A: Appendixes and Tables"),
    ],
)
def test_an_appendix_s_own_label_is_not_said_twice(
    make_book: MakeBook, title: str, heading: str
) -> None:
    """An author's "Appendix A: Cities" was headed "Appendix A: Appendix A: Cities" in the
    contents, the bookmarks and the heading (a reviewer's find): the label the author wrote
    gives way to the book's own, whose letter the tables carry."""
    files: dict[str, str | bytes] = {
        "001-a.md": section_source(
            1, json.dumps(title), chapter=0, total=1, extra="kind: appendix\n"
        )
    }
    book, found = read_book(make_book(files))
    assert book is not None, [str(d) for d in found]
    (appendix,) = book.chapters
    assert appendix.heading(book.labels) == heading


def test_pages_under_one_heading_are_one_appendix(make_book: MakeBook) -> None:
    """An imported appendix's pages under its heading ("Tables > Population") are that
    appendix's sections, titled by it."""
    files: dict[str, str | bytes] = {
        "001-a.md": section_source(
            1, "Population", chapter=0, total=3, parents='["Tables"]', extra="kind: appendix\n"
        ),
        "002-a.md": section_source(
            2, "Exports", chapter=0, total=3, parents='["Tables"]', extra="kind: appendix\n"
        ),
        "003-a.md": section_source(3, "Maps", chapter=0, total=3, extra="kind: appendix\n"),
    }
    book, _ = read_book(make_book(files))
    assert book is not None
    assert [(c.heading(book.labels), len(c.sections)) for c in book.chapters] == [
        ("Appendix A: Tables", 2),
        ("Appendix B: Maps", 1),
    ]


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Appendix B: Maps"),
        ("ru", "Приложение Б. Maps"),  # GOST 7.32's letters (test_appendix_letters)
        ("be", "Дадатак B. Maps"),  # no rule of Belarusian's own was found
        ("uk", "Додаток Б. Maps"),  # DSTU 3008's
        ("ro", "Anexa B: Maps"),
        ("fr", "Annexe B\u00a0: Maps"),
        ("es", "Apéndice B: Maps"),
        ("de", "Anhang B: Maps"),
        ("pt", "Apêndice B: Maps"),
    ],
)
def test_every_shipped_language_names_an_appendix(
    make_book: MakeBook, language: str, heading: str
) -> None:
    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"')
    files: dict[str, str | bytes] = {
        "001-a.md": section_source(1, "Tables", chapter=0, total=2, extra="kind: appendix\n"),
        "002-a.md": section_source(2, "Maps", chapter=0, total=2, extra="kind: appendix\n"),
    }
    book, _ = read_book(make_book(files, toml))
    assert book is not None and book.chapters[1].heading(book.labels) == heading


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB")]
)
def test_letters_run_on_as_a_spreadsheet_s_columns(index: int, letters: str) -> None:
    assert alphabetic(index) == letters
