"""index.toml: the terms marked wherever they occur; a bad file is E118, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.source.index_terms import load_index_terms


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[terms]\nminsk = "Minsk"\nx = ' + "9" * 5000 + "\n", None),
        ("x = " + "[" * 3000 + "]" * 3000 + "\n", None),
        ('[terms]\nminsk = "Minsk\n', 2),
    ],
    ids=["5000-digits", "3000-brackets", "syntax"],
)
def test_a_file_that_is_not_toml_is_e118(tmp_path: Path, text: str, line: int | None) -> None:
    """A 5,000-digit number (Python's ValueError) and 3,000 nested brackets (a
    RecursionError) are not TOMLDecodeError: every build stopped with a traceback."""
    (tmp_path / "index.toml").write_text(text, encoding="utf-8")
    terms, found = load_index_terms(tmp_path)
    assert terms == ()
    assert [(d.code, d.line) for d in found] == [("E118", line)]


def test_a_term_with_a_control_character_builds(tmp_path: Path) -> None:
    """An entry "Min\\u0001sk" in index.toml (or a mark's) went into the index's XHTML
    as it was, and the EPUB stopped at E704, naming no file; the entry is set as the
    text is, without it."""
    from octavo import api
    from tests.conftest import BOOK_TOML, section_source

    book = tmp_path / "book"
    book.mkdir()
    (book / "book.toml").write_text(BOOK_TOML)
    (book / "index.toml").write_text('[terms]\nMinsk = "Min\\u0001sk"\n')
    body = 'Minsk is the capital; [Brest]{index="Br\x01est"} is west.\n'
    (book / "001-a.md").write_text(section_source(1, total=1, body=body))
    rendered, _ = api.manuscript(book)
    marks = [m.path for c in rendered.chapters for s in c.sections for m in s.marks]
    assert marks == [("Minsk",), ("Brest",)]
    api.build_epub(book, tmp_path / "b.epub")


@pytest.mark.parametrize(
    ("term", "line"),
    [
        ('Minsk = "Belarus!!capital"', 3),
        ('Minsk = "!"', 3),
        ("'Minsk' = \"\\u0001\"", 3),
        ('"\\u0001" = "Minsk"', 1),  # its words cannot be found as written: the [terms] line
    ],
    ids=["empty-level", "separator-alone", "entry-a-control", "words-a-control"],
)
def test_a_term_naming_no_entry_is_w515_at_its_line(tmp_path: Path, term: str, line: int) -> None:
    """A term of index.toml whose entry (or words) is empty once set was W515 at every
    line of the sections where its words occur, never at index.toml (a term of a control
    character alone, at every paragraph); it is W515 at its line here, and left out."""
    from octavo import api
    from tests.conftest import BOOK_TOML, section_source

    book = tmp_path / "book"
    book.mkdir()
    (book / "book.toml").write_text(BOOK_TOML)
    (book / "index.toml").write_text(f'[terms]\npotash = "potash"\n{term}\n')
    body = "Minsk is the capital.\n\nPotash and potash.\n\nMinsk again.\n"
    (book / "001-a.md").write_text(section_source(1, total=1, body=body))
    rendered, found = api.manuscript(book)
    assert [(d.code, Path(str(d.file)).name, d.line) for d in found] == [
        ("W515", "index.toml", line)
    ]
    marks = [m.path for c in rendered.chapters for s in c.sections for m in s.marks]
    assert marks == [("potash",)]
