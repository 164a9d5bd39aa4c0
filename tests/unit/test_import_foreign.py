"""W428: a page of another country's study imported into a book of one country."""

from __future__ import annotations

from pathlib import Path

from octavo.errors import Diagnostic
from octavo.importers.batch import import_pages
from octavo.importers.foreign import foreign_pages
from octavo.importers.page import Page

PAGES = Path(__file__).parents[1] / "data" / "pages"
_BOOK_TOML = 'title = "Belarus: A Country Study"\ncountry = "Belarus"\nlanguage = "en"\n'


def _page(country: str) -> Page:
    return Page(country, "Economy", 1, (), 10, None, None, None, (), 1, ())


def test_only_a_country_the_book_does_not_hold_is_told() -> None:
    pages: list[tuple[Path, Page | None, list[str], list[Diagnostic]]] = [
        (Path(name), _page(country), [], [])
        for name, country in [("a", "Nepal"), ("b", "belarus"), ("c", ""), ("d", "Moldova")]
    ]
    foreign_pages("Belarus", ["Moldova"], pages)
    told = {path.name: [d.code for d in found] for path, _, _, found in pages}
    assert told == {"a": ["W428"], "b": [], "c": [], "d": []}


def test_a_book_of_no_country_tells_nothing() -> None:
    pages: list[tuple[Path, Page | None, list[str], list[Diagnostic]]] = [
        (Path("a"), _page("Nepal"), [], [])
    ]
    foreign_pages("", [], pages)
    assert pages[0][3] == []


def test_a_nepal_page_imported_into_a_belarus_book_is_told(tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    (book / "book.toml").write_text(_BOOK_TOML, "utf-8")
    result = import_pages([PAGES / "country-data.com" / "r-8805.txt"], book)
    (told,) = [d for d in result.diagnostics if d.code == "W428"]
    assert "a page of Moldova's study, in a book of Belarus's" in told.message
    assert result.written  # told, not refused
