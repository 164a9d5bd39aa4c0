"""The order in which a parallel build hands its parts to the workers
(octavo.render.pdf.parallel.started.start_all): the longest first, the sketches of the front and
the appendix after the chapters, parts the cache holds never submitted."""

from __future__ import annotations

from pathlib import Path

from octavo.project import open_project
from octavo.render.pdf.parallel.part import PartJob, PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.started import start_all
from tests.conftest import ROOT
from tests.support.pools import Recording


def _jobs(*sizes: tuple[str, int]) -> list[PartJob]:
    project, _ = open_project(ROOT / "book")
    assert project is not None
    return [PartJob(name, "", "x" * size, project, (), ()) for name, size in sizes]


def test_longest_first_the_sketches_after_the_chapters(tmp_path: Path) -> None:
    pool = Recording()
    chapters = _jobs(("ch1", 50), ("ch2", 90), ("ch3", 70), ("glossary", 10), ("ch5", 30))
    sketches = tuple(_jobs(("front-sketch", 20), ("appendix-sketch", 25)))
    started = start_all(pool, PartStore(tmp_path, "salt"), chapters, sketches)
    # the chapters' page counts first (the stamp needs nothing else), the shortest last
    assert pool.names == ["ch2", "ch3", "ch1", "ch5", "glossary", "appendix-sketch", "front-sketch"]
    assert set(started) == {
        "ch1",
        "ch2",
        "ch3",
        "glossary",
        "ch5",
        "front-sketch",
        "appendix-sketch",
    }


def test_parts_in_the_cache_are_not_submitted(tmp_path: Path) -> None:
    store = PartStore(tmp_path, "salt")
    chapters = _jobs(("ch1", 50), ("ch2", 90), ("ch3", 70))
    cached = store.keyed(chapters[1])
    store.put(PartLayout(cached.name, cached.key, b"%PDF-1.7", (), (), ()))
    pool = Recording()
    started = start_all(pool, store, chapters, tuple(_jobs(("front-sketch", 20))))
    assert pool.names == ["ch3", "ch1", "front-sketch"]
    assert isinstance(started["ch2"], PartLayout)


def test_without_a_sketch_the_order_is_longest_first(tmp_path: Path) -> None:
    pool = Recording()
    start_all(pool, PartStore(tmp_path, "salt"), _jobs(("a", 1), ("b", 3), ("c", 2)))
    assert pool.names == ["b", "c", "a"]


def test_a_sketch_longer_than_a_chapter_still_follows_it(tmp_path: Path) -> None:
    pool = Recording()
    chapters = _jobs(("ch1", 10), ("ch2", 15), ("glossary", 40))
    sketches = tuple(_jobs(("front-sketch", 20), ("appendix-sketch", 25)))
    start_all(pool, PartStore(tmp_path, "salt"), chapters, sketches)
    assert pool.names == ["glossary", "ch2", "ch1", "appendix-sketch", "front-sketch"]


def test_a_sketch_longer_than_every_chapter_goes_first(tmp_path: Path) -> None:
    """Long front matter: its sketch laid out last would end the tail after every chapter."""
    pool = Recording()
    chapters = _jobs(("ch1", 10), ("ch2", 15))
    sketches = tuple(_jobs(("front-sketch", 40), ("appendix-sketch", 12)))
    start_all(pool, PartStore(tmp_path, "salt"), chapters, sketches)
    assert pool.names == ["front-sketch", "ch2", "ch1", "appendix-sketch"]
