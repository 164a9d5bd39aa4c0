"""`invoke watch`'s PDF workers, kept warm from one rebuild to the next (KeptWorkers)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from octavo.project import Project
from octavo.render.pdf.parallel import start
from octavo.render.pdf.parallel.start import KeptWorkers
from tests.conftest import MakeBook, section_source


class FakePool:
    def __init__(self, jobs: int) -> None:
        self.jobs, self.broken, self.ended = jobs, False, False


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[FakePool]:
    pools: list[FakePool] = []

    @contextmanager
    def fake(
        jobs: int, cache: Path | None = None, project: Project | None = None
    ) -> Iterator[FakePool]:
        pool = FakePool(jobs)
        pools.append(pool)
        try:
            yield pool
        finally:
            pool.ended = True

    monkeypatch.setattr(start, "start_workers", fake)
    return pools


def _project(make_book: MakeBook) -> Project:
    from octavo.api import open_book

    return open_book(make_book({"001-a.md": section_source(1, total=1)}))


def _pool(kept: KeptWorkers, project: Project, jobs: int) -> FakePool:
    pool = kept.pool(project, jobs)
    assert isinstance(pool, FakePool)
    return pool


def test_one_pool_serves_every_build_of_the_book(
    make_book: MakeBook, started: list[FakePool]
) -> None:
    project = _project(make_book)
    with KeptWorkers() as kept:
        first = _pool(kept, project, 2)
        assert _pool(kept, project, 2) is first and len(started) == 1 and not first.ended
    assert first.ended  # ended with the watch


def test_a_broken_pool_another_book_or_jobs_start_new_workers(
    make_book: MakeBook, tmp_path: Path, started: list[FakePool]
) -> None:
    project = _project(make_book)
    with KeptWorkers() as kept:
        first = _pool(kept, project, 2)
        first.broken = True  # a worker died
        second = _pool(kept, project, 2)
        assert second is not first and first.ended
        third = _pool(kept, project, 3)
        assert third is not second and second.ended
        assert [p.jobs for p in started] == [2, 2, 3]
    assert all(p.ended for p in started)


def test_a_build_laid_out_in_one_process_starts_no_workers(
    make_book: MakeBook, started: list[FakePool]
) -> None:
    project = _project(make_book)  # one section: under AUTO_SECTIONS
    with KeptWorkers() as kept, start.early_pool(project, 0, False, "", False, kept) as pool:
        assert pool is None and started == []
