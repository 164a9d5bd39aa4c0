"""octavo.workers: pools whose workers die with their parent, started early when asked."""

from __future__ import annotations

import multiprocessing
import sys

from octavo.workers import pool


def _imported(name: str) -> bool:
    return name in sys.modules


def test_a_warm_pool_starts_its_workers_at_once_with_the_modules_imported() -> None:
    module = "tabnanny"  # imported by nothing else in the tests' parent
    assert not _imported(module)
    with pool(2, multiprocessing.get_context("fork"), (module,)) as workers:
        assert len(workers._processes) == 2  # made before any task of the caller's
        assert workers.submit(_imported, module).result()
    assert not _imported(module)


def test_a_plain_pool_starts_nothing_until_given_work() -> None:
    with pool(2, multiprocessing.get_context("fork")) as workers:
        assert len(workers._processes) == 0
