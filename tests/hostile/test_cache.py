"""Issue 16 item 21: the layout cache is pruned (least recently used first) under a size cap
that book.toml sets (layout_cache_mb)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from octavo import api
from octavo.cache import prune
from octavo.source.config import load_config
from tests.conftest import BOOK_TOML, MakeBook, section_source


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_prune_removes_the_least_recently_used_first(tmp_path: Path) -> None:
    for index in range(5):
        entry = tmp_path / f"notes-{index}.json"
        entry.write_bytes(b"x" * 1000)
        os.utime(entry, (1000 + index, 1000 + index))
    removed = prune(tmp_path, 2500, since=time.time())
    assert sorted(p.name for p in removed) == ["notes-0.json", "notes-1.json", "notes-2.json"]
    assert _size(tmp_path) <= 2500


def test_prune_keeps_what_this_build_used(tmp_path: Path) -> None:
    entry = tmp_path / "notes-new.json"
    entry.write_bytes(b"x" * 5000)
    assert prune(tmp_path, 10, since=time.time() - 60) == ()
    assert entry.exists()


def test_edits_do_not_grow_the_cache_past_its_cap(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = make_book(
        {"001-a.md": section_source(1, total=1)}, toml=BOOK_TOML + "layout_cache_mb = 1\n"
    )
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out" / "b.pdf"
    cache = tmp_path / "build" / ".octavo" / "cache"
    filler = cache / "notes-old.json"
    filler.parent.mkdir(parents=True)
    filler.write_bytes(b"x" * 2 * 1024 * 1024)  # an old entry over the cap
    os.utime(filler, (1000, 1000))
    for edit in range(3):
        (book / "001-a.md").write_text(section_source(1, total=1, body=f"Edit {edit}.\n"))
        api.build_pdf(book, out)
    assert not filler.exists()
    assert _size(cache) <= 1024 * 1024


def test_layout_cache_mb_out_of_range_is_E114(make_book: MakeBook) -> None:
    book = make_book({}, toml=BOOK_TOML + "layout_cache_mb = 0\n")
    _, found = load_config(book)
    assert [d.code for d in found] == ["E114"]
