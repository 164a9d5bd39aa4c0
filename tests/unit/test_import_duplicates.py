"""W418: the same section saved from two sites, or twice, is said before the book holds it
twice (a reader's review: tripod's cNepal8 is allrefer's nepal10, country-data's r-9052 is
allrefer's nepal11, mongabay's moldova_all_a/_b/_c one text; all printed in full)."""

from __future__ import annotations

from pathlib import Path

from octavo.importers.batch import import_pages
from octavo.importers.duplicates import MIN_WORDS, Text, duplicates, runs

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


def _folder(tmp_path: Path, name: str, *pages: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for page in pages:
        (folder / Path(page).name).write_bytes((PAGES / page).read_bytes())
    return folder


def _w418(result: object) -> dict[str, str]:
    return {
        d.file.name: d.message
        for d in result.diagnostics  # type: ignore[attr-defined]
        if d.code == "W418" and d.file
    }


def test_one_section_from_two_sites_is_said_on_both(tmp_path: Path) -> None:
    pages = _folder(tmp_path, "pages", "tripod/cNepal8.txt", "allrefer/nepal10.txt")
    result = import_pages([pages], tmp_path / "book")
    said = _w418(result)
    assert sorted(said) == ["cNepal8.txt", "nepal10.txt"]
    assert "the same text as nepal10.txt (100%" in said["cNepal8.txt"]
    assert len(result.written) == 2  # imported all the same: the editor chooses


def test_a_page_whose_text_is_a_section_of_the_book_names_it(tmp_path: Path) -> None:
    book = tmp_path / "book"
    import_pages([_folder(tmp_path, "first", "allrefer/nepal10.txt")], book)
    again = import_pages([_folder(tmp_path, "again", "allrefer/nepal10.txt")], book)
    assert _w418(again) == {} and len(again.unchanged) == 1  # its own section: not a twin
    later = import_pages([_folder(tmp_path, "later", "tripod/cNepal8.txt")], book)
    assert "section 10 (010-transportation-and-communications.md)" in _w418(later)["cNepal8.txt"]


def test_different_pages_and_short_ones_are_not_compared_alike(tmp_path: Path) -> None:
    pages = _folder(tmp_path, "pages", "allrefer/nepal10.txt", "allrefer/nepal11.txt")
    assert _w418(import_pages([pages], tmp_path / "book")) == {}
    short = " ".join(f"word{i}" for i in range(MIN_WORDS - 1))
    assert runs([short]) == frozenset()
    long = " ".join(f"word{i}" for i in range(MIN_WORDS))
    a, b = Text(Path("a"), "a", runs([long])), Text(Path("b"), "b", runs([long]))
    assert set(duplicates([a, b], [])) == {Path("a"), Path("b")}
    assert duplicates([a], [Text(Path("s"), "s", runs([long]), sequence=None)])
    assert (
        duplicates([Text(Path("a"), "a", runs([long]), 7)], [Text(Path("s"), "s", a.runs, 7)]) == {}
    )
