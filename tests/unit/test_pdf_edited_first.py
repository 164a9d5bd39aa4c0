"""octavo.render.pdf.parallel.edited: after an edit, the chapter whose section file was
modified last is started before the other parts' HTML is made; never in a cold build."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from octavo import api
from octavo.project import open_project
from octavo.render.pdf.parallel.edited import edited_part, start_edited
from octavo.render.pdf.parallel.jobs import in_parts
from octavo.render.pdf.parallel.part import PartJob, PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore
from tests.conftest import MakeBook, section_source
from tests.support.pools import Recording


def _book(make_book: MakeBook) -> Path:
    return make_book(
        {
            "001-a.md": section_source(1, "Land", chapter=1),
            "002-b.md": section_source(2, "Rivers", chapter=1),
            "003-c.md": section_source(3, "Trade", chapter=2),
        }
    )


def _laid_out(store: PartStore, parted: tuple[Any, ...]) -> None:
    """A last layout of each part, as a build keeps them."""
    layouts = [PartLayout(c.id, f"key-{c.id}", b"%PDF", (), (), ()) for c in parted]
    for layout in layouts:
        store.put(layout)
    store.remember(layouts)


def _touch(path: Path, seconds: int) -> None:
    os.utime(path, ns=(seconds * 10**9, seconds * 10**9))


def test_the_chapter_of_the_newest_section_file_once_laid_out(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book)
    for i, name in enumerate(("001-a.md", "002-b.md", "003-c.md")):
        _touch(book / name, 1_000_000 + i)
    _touch(book / "001-a.md", 2_000_000)  # the edit: chapter 1
    manuscript, _ = api.manuscript(book)
    parted = in_parts(manuscript)
    first, second = (c.id for c in parted)
    store = PartStore(tmp_path / "parts", "salt")
    assert edited_part(parted, store) == ""  # cold: nothing laid out before, no guess
    _laid_out(store, parted)
    assert edited_part(parted, store) == first
    _touch(book / "003-c.md", 3_000_000)
    assert edited_part(parted, store) == second


def test_the_guessed_chapter_is_submitted_alone_and_first(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book)
    for name in ("001-a.md", "002-b.md"):
        _touch(book / name, 1_000_000)
    _touch(book / "003-c.md", 3_000_000)
    manuscript, _ = api.manuscript(book)
    parted = in_parts(manuscript)
    store = PartStore(tmp_path / "parts", "salt")
    _laid_out(store, parted)
    project, _ = open_project(book)
    assert project is not None
    made: list[str] = []

    def make(name: str) -> PartJob:
        made.append(name)
        return PartJob(name, "", f"<p>{name}</p>", project, (), ())

    pool = Recording()
    jobs, started = start_edited(pool, store, parted, make)
    last = parted[-1].id
    assert made == [last] and pool.names == [last]
    assert list(jobs) == list(started) == [last] and jobs[last].key  # keyed for the store
