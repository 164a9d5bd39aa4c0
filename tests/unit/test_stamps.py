"""The incremental layer's look at a book's files (octavo.stamps.edited_since)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from octavo import stamps
from octavo.api import open_book
from tests.conftest import MakeBook, section_source
from tests.support.timing import within


@pytest.fixture
def stamped(make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A book whose output was stamped now, every file of it older."""
    monkeypatch.chdir(tmp_path)
    book = make_book({"001-a.md": section_source(1, total=1), "images/map.png": b"png"})
    old = time.time_ns() - 60 * 10**9
    for path in book.rglob("*"):
        os.utime(path, ns=(old, old), follow_symlinks=False)
    out = tmp_path / "x.epub"
    out.write_bytes(b"epub")
    stamps.record(stamps.stamp_of(open_book(book), out), out, "key")
    return book


def _edited(book: Path) -> bool:
    return stamps.edited_since(open_book(book), book.parent / "x.epub")


def _link(link: Path, target: Path | str) -> None:
    """A link as old as the book's files (a new link is itself an edit)."""
    link.symlink_to(target, target_is_directory=True)
    old = time.time_ns() - 60 * 10**9
    os.utime(link, ns=(old, old), follow_symlinks=False)


def test_an_edit_in_a_folder_of_the_book_is_seen(stamped: Path) -> None:
    assert not _edited(stamped)
    (stamped / "images" / "map.png").write_bytes(b"new png")
    assert _edited(stamped)


def test_a_file_outside_the_book_reached_through_a_link_is_not_an_edit(
    stamped: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "new.txt").write_text("written after the stamp")
    _link(stamped / "elsewhere", outside)
    assert not _edited(stamped)


def test_links_of_a_book_to_itself_are_not_walked_into(stamped: Path) -> None:
    # followed, two such links make 2**40 folders to look at: the build never starts
    _link(stamped / "a", ".")
    _link(stamped / "b", ".")
    with within(10):
        assert not _edited(stamped)
