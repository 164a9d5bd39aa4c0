"""The batch import: pages to section files, re-import, the book.toml it creates."""

from __future__ import annotations

from pathlib import Path

from octavo.importers.batch import import_pages
from octavo.source.sections import read_book
from tests.conftest import SEED


def test_batch_goes_on_after_a_bad_page(tmp_path: Path, seed_text: str) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(seed_text)
    (pages / "b.txt").write_text("just some text\n")
    other = (
        seed_text.replace("Section 58 of 81", "Section 59 of 81")
        .replace("Belarus: Russia", "Belarus: Ukraine")
        .replace("> Russia", "> Ukraine")
    )
    (pages / "c.txt").write_text(other)
    result = import_pages([pages], tmp_path / "book")
    assert sorted(p.name for p in result.written) == ["058-russia.md", "059-ukraine.md"]
    assert [(d.code, d.file) for d in result.diagnostics] == [("E401", pages / "b.txt")]


def test_reimport_changes_no_byte_and_refuses_other_content(tmp_path: Path, seed_text: str) -> None:
    book = tmp_path / "book"
    import_pages([SEED], book)
    before = {p.name: p.read_bytes() for p in book.iterdir()}
    again = import_pages([SEED], book)
    assert again.written == () and len(again.unchanged) == 1
    assert {p.name: p.read_bytes() for p in book.iterdir()} == before
    changed = tmp_path / "changed.txt"
    changed.write_text(seed_text.replace("neutral country", "neutral state"))
    refused = import_pages([changed], book)
    assert [d.code for d in refused.diagnostics] == ["E402"]
    assert {p.name: p.read_bytes() for p in book.iterdir()} == before
    forced = import_pages([changed], book, force=True)
    assert forced.written and "neutral state" in forced.written[0].read_text()


def test_missing_data_date_is_an_error(tmp_path: Path, seed_text: str) -> None:
    page = tmp_path / "p.txt"
    page.write_text(seed_text.replace("Data as of June 1995", ""))
    result = import_pages([page], tmp_path / "book")
    assert [d.code for d in result.diagnostics] == ["E403"] and not result.written


def test_book_toml_is_created_and_reads_back(tmp_path: Path) -> None:
    import_pages([SEED], tmp_path)
    book, found = read_book(tmp_path)
    assert book is not None
    assert book.config.title == "Belarus: A Country Study"
    assert book.config.language == "en"
    assert book.config.identifier.startswith("urn:uuid:")
    assert [d.code for d in found] == ["W309"]
