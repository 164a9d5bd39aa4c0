"""book.toml's messages a first-time user missed (ut46 bug 13): W103 at the line of a
misspelt table (`[chapter.Moldavie]`), a [chapters.<part>] that names no part (W134),
chapters titled that no section is in (W135), E105 with the list to write, E148 saying the
day does not exist, and a data date later than the book's (W136)."""

from __future__ import annotations

import pytest

from octavo.errors import Diagnostic
from octavo.source.config import load_config
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, MakeBook

_TOML = """title = "Deux pays"
language = "fr"
identifier = "urn:uuid:12345678-1234-5678-9abc-123456789abc"
country = "Biélorussie"
parts = ["Biélorussie", "Moldavie"]
{extra}
[chapters]
1 = "Économie"
"""


def _section(country: str, sequence: int, chapter: int = 1, date: str = "1995-06") -> str:
    return (
        f"---\ntitle: Commerce {sequence}\ncountry: {country}\nchapter: {chapter}\n"
        f'parents: []\nsequence: {sequence}\ndata_as_of: "{date}"\n---\n\nTexte.\n'
    )


def _found(make_book: MakeBook, toml: str, **sections: str) -> list[Diagnostic]:
    files = {f"{name}.md": text for name, text in sections.items()}
    book = make_book(dict(files), toml=toml)
    _, found = read_book(book)
    return list(found)


def _two(date: str = "1995-06") -> dict[str, str]:
    return {"b010": _section("Biélorussie", 10), "m020": _section("Moldavie", 20, date=date)}


def _codes(found: list[Diagnostic]) -> list[tuple[str, int | None]]:
    return [(d.code, d.line) for d in found]


def test_clean_book_of_parts(make_book: MakeBook) -> None:
    toml = _TOML.format(extra="") + '[chapters."Moldavie"]\n1 = "Économie moldave"\n'
    assert _found(make_book, toml, **_two()) == []


def test_a_misspelt_part_table_is_w134(make_book: MakeBook) -> None:
    toml = _TOML.format(extra="") + '[chapters."Bielorussie"]\n1 = "Économie"\n'
    found = _found(make_book, toml, **_two())
    assert _codes(found) == [("W134", toml.count("\n") - 1)]
    assert "[chapters.Bielorussie] names no part" in str(found[0])
    assert 'did you mean [chapters."Biélorussie"]?' in found[0].hint


def test_a_part_table_in_a_book_without_parts_is_w134(make_book: MakeBook) -> None:
    toml = _TOML.format(extra="").replace('parts = ["Biélorussie", "Moldavie"]', "")
    toml += '[chapters.Testland]\n1 = "Economy"\n'
    found = _found(make_book, toml, a=_section("Biélorussie", 1))
    w134 = [d for d in found if d.code == "W134"]
    assert len(w134) == 1 and "the book has no parts" in w134[0].hint


def test_a_chapter_no_section_is_in_is_w135(make_book: MakeBook) -> None:
    toml = _TOML.format(extra="") + '[chapters.Moldavie]\n7 = "Fantôme"\n'
    found = _found(make_book, toml, **_two())
    assert _codes(found) == [("W135", toml.count("\n") - 1)]
    assert "[chapters.Moldavie] titles chapter 7 of Moldavie, which no section is in" in str(
        found[0]
    )


def test_plain_chapters_titles_unused_are_quiet(make_book: MakeBook) -> None:
    """[chapters] lists the study's chapters, a book those imported so far: not W135."""
    assert _found(make_book, BOOK_TOML, a=_section("Testland", 1)) == []


def test_a_partial_study_says_so_in_w135(make_book: MakeBook) -> None:
    toml = _TOML.format(extra="") + '[chapters.Moldavie]\n7 = "Fantôme"\n'
    sections = {k: v.replace("\n---\n\n", "\ntotal: 30\n---\n\n") for k, v in _two().items()}
    found = _found(make_book, toml, **sections)
    assert {d.code for d in found} == {"W309", "W135"}
    (w135,) = [d for d in found if d.code == "W135"]
    assert w135.hint.startswith("a partial study")


@pytest.mark.parametrize(
    ("extra", "date", "told"),
    [
        ('date = "1995"', "2031-06", "later than the book's date (1995)"),
        ('date = "1995-06-10"', "1995-07", "later than the book's date (1995-06)"),
        ('research_completed = "1995-06"', "1995-07", "research_completed (1995-06)"),
    ],
)
def test_a_data_date_after_the_books_is_w136(
    make_book: MakeBook, extra: str, date: str, told: str
) -> None:
    toml = _TOML.format(extra=extra)
    found = _found(make_book, toml, **_two(date))
    assert [d.code for d in found] == ["W136"]
    assert found[0].file is not None and found[0].file.name == "m020.md"
    assert found[0].line == 7  # the data_as_of line
    assert told in found[0].message


@pytest.mark.parametrize(
    ("extra", "date"),
    [('date = "1995"', "1995-12"), ('date = "1995-06"', "1995-06"), ("", "2031-06")],
)
def test_a_data_date_within_the_books_is_quiet(make_book: MakeBook, extra: str, date: str) -> None:
    assert _found(make_book, _TOML.format(extra=extra), **_two(date)) == []


def test_w103_of_a_table_has_its_line(make_book: MakeBook) -> None:
    toml = BOOK_TOML + '\n[chapter.Moldavie]\n7 = "x"\n'
    _, found = load_config(make_book({}, toml=toml))
    assert _codes(list(found)) == [("W103", toml.count("\n") - 1)]
    assert "did you mean 'chapters'?" in found[0].hint


def test_w103_of_a_dotted_key_has_its_line(make_book: MakeBook) -> None:
    toml = BOOK_TOML + 'colour.main = "red"\n'
    _, found = load_config(make_book({}, toml=toml))
    assert _codes(list(found)) == [("W103", toml.count("\n"))]


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ('"Jean Dupont"', 'authors = ["Jean Dupont"]'),
        ('"Jean Dupont, Marie Curie"', 'authors = ["Jean Dupont", "Marie Curie"]'),
        ("3", 'authors = ["…", "…"]'),
        ('""', 'authors = ["…", "…"]'),
    ],
)
def test_e105_authors_gives_the_list_to_write(make_book: MakeBook, value: str, hint: str) -> None:
    _, found = load_config(make_book({}, toml=BOOK_TOML + f"authors = {value}\n"))
    (problem,) = found
    assert problem.code == "E105" and hint in problem.hint, problem


@pytest.mark.parametrize(
    ("value", "told", "fix"),
    [
        ("1995-02-30", "February 1995 has no day 30 (it has 28)", "1995-02-28"),
        ("1996-02-30", "February 1996 has no day 30 (it has 29)", "1996-02-29"),
        ("1995-04-31", "April 1995 has no day 31 (it has 30)", "1995-04-30"),
        ("1995-06-00", "June 1995 has no day 0 (it has 30)", "1995-06-30"),
    ],
)
def test_e148_says_the_day_does_not_exist(
    make_book: MakeBook, value: str, told: str, fix: str
) -> None:
    _, found = load_config(make_book({}, toml=BOOK_TOML + f'date = "{value}"\n'))
    (problem,) = found
    assert problem.code == "E148" and told in problem.message, problem
    assert f'date = "{fix}"' in problem.hint


def test_e148_of_another_shape_is_as_before(make_book: MakeBook) -> None:
    _, found = load_config(make_book({}, toml=BOOK_TOML + 'date = "June 1995"\n'))
    (problem,) = found
    assert 'is not a date like "1995"' in problem.message
