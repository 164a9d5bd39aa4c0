"""`octavo new`: a book folder that reads without a problem, and never over a user's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.cli.new import new_book
from octavo.errors import BuildError
from octavo.source.sections import read_book


def test_a_new_book_reads_back_without_a_problem(tmp_path: Path) -> None:
    written = new_book(tmp_path / "nepal-study")
    assert sorted(p.name for p in written) == [
        ".gitignore",
        "001-about.md",
        "book.toml",
        "tasks.py",
    ]
    book, found = read_book(tmp_path / "nepal-study")
    assert [str(d) for d in found] == []
    assert book is not None and book.config.title == "Nepal Study: A Country Study"
    assert [s.title for s in book.sections] == ["About This Book"]
    assert (tmp_path / "nepal-study" / ".gitignore").read_text() == "build/\n"


def test_the_example_section_copied_as_the_second_reads_back(tmp_path: Path) -> None:
    """A book written by hand leaves `total` out (the README); the example section said
    `total: 1`, so a copy of it as section 2 was E303 ("section 2 of 1")."""
    new_book(tmp_path / "nepal")
    example = (tmp_path / "nepal" / "001-about.md").read_text()
    assert "\ntotal:" not in example
    second = example.replace("sequence: 1", "sequence: 2").replace("About This", "More")
    (tmp_path / "nepal" / "002-more.md").write_text(second)
    book, found = read_book(tmp_path / "nepal")
    assert [str(d) for d in found] == []
    assert book is not None
    assert [(s.sequence, s.total) for s in book.sections] == [(1, None), (2, None)]


def test_each_new_book_has_its_own_identifier(tmp_path: Path) -> None:
    new_book(tmp_path / "a", country="Belarus")
    new_book(tmp_path / "b", country="Belarus")
    one, _ = read_book(tmp_path / "a")
    two, _ = read_book(tmp_path / "b")
    assert one is not None and two is not None
    assert one.config.country == "Belarus"
    assert one.config.identifier != two.config.identifier


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert len(new_book(tmp_path / "empty")) == 4


def test_a_folder_with_files_is_e115_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "book.toml").write_text("mine")
    with pytest.raises(BuildError) as caught:
        new_book(folder)
    assert [(d.code, d.file) for d in caught.value.diagnostics] == [("E115", folder)]
    assert (folder / "book.toml").read_text() == "mine"


def test_a_place_that_cannot_be_written_is_e115(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(BuildError) as caught:
        new_book(tmp_path / "a-file" / "b")
    assert [d.code for d in caught.value.diagnostics] == ["E115"]


def test_pages_imported_into_a_new_book_keep_their_own_date(tmp_path: Path) -> None:
    """`new` then `import-pages`, as the README says: a page without a data date takes
    the date the other pages carry (1991), not the month the folder was made (`new`
    states no research date of its own); the example section, `new`'s boilerplate in a
    book of pages, is named as `new`'s to delete (E313)."""
    from octavo import api
    from tests.conftest import DATA

    book = tmp_path / "nepal"
    new_book(book, country="Nepal")
    assert "\nresearch_completed" not in (book / "book.toml").read_text()
    api.run_import([str(DATA / "pages" / "allrefer")], book)
    undated = (book / "026-the-rana-oligarchy.md").read_text()
    assert 'data_as_of: "1991-09"' in undated
    _, found = read_book(book)
    assert [(d.code, d.file, d.line) for d in found if d.code in ("E302", "E313")] == [
        ("E313", book / "001-about.md", 8)
    ]
    (book / "001-about.md").unlink()
    _, found = read_book(book)
    assert [d.code for d in found if d.severity.value == "error"] == []


def test_one_page_imported_into_a_new_book_names_the_example(tmp_path: Path) -> None:
    """`new` then one imported page (the users' seed): the example's 'total: 1' against
    'total: 81' was a tie, and the error named the imported page, with no word of the example
    section; the example is the one to delete (E313; it states no count now)."""
    from octavo import api
    from tests.conftest import DATA

    book = tmp_path / "belarus"
    new_book(book, country="Belarus")
    api.run_import([str(DATA / "raw" / "000_05991aae0ec902ad.txt")], book)
    _, found = read_book(book)
    assert [
        (d.code, d.file.name if d.file else "", d.hint) for d in found if d.code in ("E302", "E313")
    ] == [
        (
            "E313",
            "001-about.md",
            "delete it now that the book has sections of its own (kept as a section of "
            "yours, a foreword: write your own `source` for it)",
        )
    ]


def test_pages_imported_into_a_new_book_name_their_source(tmp_path: Path) -> None:
    """W416 at book.toml's `source` line, with the line to put there: the imprint said
    'Source: written by hand' of the Library of Congress's pages. book.toml is left as it is
    (it is the user's), and a book that names its source is not told."""
    from octavo import api
    from octavo.importers.section import HAND_WRITTEN
    from tests.conftest import DATA

    book = tmp_path / "nepal"
    new_book(book, country="Nepal")
    toml = (book / "book.toml").read_text()
    assert f'source = "{HAND_WRITTEN}"' in toml
    result = api.run_import([str(DATA / "pages" / "allrefer")], book)
    (told,) = [d for d in result.diagnostics if d.code == "W416"]
    assert told.file == book / "book.toml"
    assert toml.splitlines()[(told.line or 0) - 1].startswith("source = ")
    assert (
        told.hint == 'set source = "Library of Congress Country Studies, as published at allrefer"'
    )
    assert f'source = "{HAND_WRITTEN}"' in (book / "book.toml").read_text()  # said, not changed
    (book / "book.toml").write_text(toml.replace(HAND_WRITTEN, "the Library of Congress"))
    again = api.run_import([str(DATA / "pages" / "allrefer")], book, force=True)
    assert not [d for d in again.diagnostics if d.code == "W416"]


def test_pages_imported_into_a_new_book_name_their_publisher(tmp_path: Path) -> None:
    """W421 at book.toml's `publisher` line: `invoke new` names no author, editor or
    publisher, so the EPUB of imported pages had no dc:creator and calibre showed its
    author as "Unknown". Said, not changed; a book that credits anyone is not told."""
    from octavo import api
    from octavo.importers.section import PUBLISHER
    from tests.conftest import DATA

    book = tmp_path / "nepal"
    new_book(book, country="Nepal")
    toml = (book / "book.toml").read_text()
    result = api.run_import([str(DATA / "pages" / "allrefer")], book)
    (told,) = [d for d in result.diagnostics if d.code == "W421"]
    assert told.file == book / "book.toml"
    assert toml.splitlines()[(told.line or 0) - 1].startswith("publisher = ")
    assert told.hint == f'set publisher = "{PUBLISHER}" (the studies\' corporate author)'
    assert (book / "book.toml").read_text() == toml  # said, not changed
    (book / "book.toml").write_text(toml.replace('publisher = ""', f'publisher = "{PUBLISHER}"'))
    again = api.run_import([str(DATA / "pages" / "allrefer")], book, force=True)
    assert not [d for d in again.diagnostics if d.code == "W421"]
    (book / "book.toml").write_text(toml.replace("authors = []", 'authors = ["A. Writer"]'))
    third = api.run_import([str(DATA / "pages" / "allrefer")], book, force=True)
    assert not [d for d in third.diagnostics if d.code == "W421"]


def test_pages_imported_into_a_new_book_name_its_example_section(tmp_path: Path) -> None:
    """The import reported success and the next build stopped at the example section
    `invoke new` wrote (E313): W422 says so at the import, at the section, and the build
    goes once it is deleted. Said, not deleted: it is the user's."""
    from octavo import api
    from tests.conftest import DATA

    book = tmp_path / "nepal"
    new_book(book, country="Nepal")
    result = api.run_import([str(DATA / "pages" / "allrefer")], book)
    (told,) = [d for d in result.diagnostics if d.code == "W422"]
    assert told.file == book / "001-about.md" and told.hint == "delete 001-about.md"
    assert (book / "001-about.md").exists()
    _, found = read_book(book)
    assert "E313" in {d.code for d in found}
    (book / "001-about.md").unlink()
    again = api.run_import([str(DATA / "pages" / "allrefer")], book, force=True)
    assert not [d for d in again.diagnostics if d.code == "W422"]
    _, found = read_book(book)
    assert not {"E302", "E313"} & {d.code for d in found}


def test_a_link_to_itself_is_e115(tmp_path: Path) -> None:
    """`invoke new loop`, `loop` a symbolic link to itself: exists() said no, and the
    country taken from the folder's name asked Path.resolve(), whose RuntimeError
    ("Symlink loop") was a traceback. A name taken by any file or link is E115."""
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(BuildError) as caught:
        new_book(loop, "")
    assert [d.code for d in caught.value.diagnostics] == ["E115"]


@pytest.mark.parametrize(
    ("country", "folder", "why"),
    [
        ("Bel\x01arus", "a", "holds a control character"),
        ("   ", "a", "is empty"),
        ("X" * 990, "a", "makes a title longer than 1,000 characters"),
        ("", "a\x02b", "holds a control character"),
    ],
    ids=["control", "blank", "long", "folder-name"],
)
def test_a_country_no_book_could_hold_is_e129_and_nothing_is_written(
    tmp_path: Path, country: str, folder: str, why: str
) -> None:
    """`--country` with a control character, blank or 5,000 letters long wrote a book that
    then stopped its first build (E123 in book.toml, E206 in the section)."""
    with pytest.raises(BuildError) as told:
        new_book(tmp_path / folder, country=country)
    (found,) = told.value.diagnostics
    assert found.code == "E129" and why in found.message
    assert not (tmp_path / folder).exists()


@pytest.mark.parametrize("folder", ["---", "_ _", "!!!", "1994", "(-)"])
def test_a_folder_name_with_no_country_in_it_is_told_as_typed(tmp_path: Path, folder: str) -> None:
    """`octavo new ---`: E129 named "the folder's name ''", the name made of it, not the one
    the user typed, and said to give it as one line of text, which they had; `octavo new
    '!!!'` made a book of the country "!!!": a name without a letter names no country."""
    with pytest.raises(BuildError) as told:
        new_book(tmp_path / folder)
    (found,) = told.value.diagnostics
    assert found.code == "E129" and repr(folder) in found.message, found.message
    assert "''" not in found.message and "--country" in str(found.hint), found
    assert not (tmp_path / folder).exists()


def test_a_country_a_book_holds_is_taken(tmp_path: Path) -> None:
    new_book(tmp_path / "a", country="Côte d’Ivoire")
    book, found = read_book(tmp_path / "a")
    assert not found and book is not None and book.config.country == "Côte d’Ivoire"
