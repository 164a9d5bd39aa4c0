"""`octavo outline` reads: it writes nothing where it is run, nor in the book (ut46 bug 17:
it left build/.octavo/cache/ in the current folder, ~/build/ when run from home)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octavo import api
from octavo.cli.outline import outline
from tests.conftest import BOOK_TOML, MakeBook, section_source


def _files(root: Path) -> dict[str, int]:
    """Every file and folder under `root`, with its modification time."""
    found = {}
    for folder, names, files in os.walk(root):
        for name in (*names, *files):
            path = Path(folder) / name
            found[str(path.relative_to(root))] = path.stat().st_mtime_ns
    return found


def test_outline_writes_nothing(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    here = tmp_path / "elsewhere"
    here.mkdir()
    monkeypatch.chdir(here)
    before = _files(tmp_path)
    lines, _ = outline(book)
    assert any("Trade" in line for line in lines)
    assert _files(tmp_path) == before  # no build/ here, nothing in the book


def test_outline_reads_what_a_build_kept_and_adds_nothing(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    monkeypatch.chdir(tmp_path)
    api.build_epub(book, None)
    kept = _files(tmp_path / "build" / ".octavo" / "cache")
    assert kept
    (book / "001-a.md").write_text(section_source(1, "Changed", total=1), "utf-8")
    lines, _ = outline(book)
    assert any("Changed" in line for line in lines)
    assert set(_files(tmp_path / "build" / ".octavo" / "cache")) == set(kept)  # none saved


def test_a_build_still_keeps_its_cache(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    monkeypatch.chdir(tmp_path)
    api.Sources(book).manuscript()
    assert any((tmp_path / "build" / ".octavo" / "cache").iterdir())


def test_the_reference_list_is_no_section_of_the_outline(make_book: MakeBook) -> None:
    """ut47 bug 23a: the Bibliography octavo makes for the works cited was listed as
    section `0` and counted among the book's sections (6 for 5 files)."""
    refs = '[{"id":"doe99","type":"book","title":"T","issued":{"date-parts":[[1999]]}}]'
    files: dict[str, str | bytes] = {
        "001-a.md": section_source(1, total=2, body="As @doe99 says.\n"),
        "002-b.md": section_source(2, title="Industry", total=2),
        "refs.json": refs,
    }
    toml = BOOK_TOML + 'bibliography = "refs.json"\n'
    lines, _ = outline(make_book(files, toml))
    assert lines[1] == "2 sections in 1 chapter and 1 other division"
    assert "Bibliography  [bibliography: the works cited, made from refs.json]" in lines
    assert not [line for line in lines if line.lstrip().startswith("0 ")]
