"""octavo.zygote: workers forked from one warm process, that fail loudly, never hang."""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from octavo.errors import BuildError, error
from octavo.zygote import Zygote


def _where() -> tuple[int, int]:
    time.sleep(0.2)  # long enough that the other worker takes the next task
    return os.getpid(), os.getppid()


def _imported(name: str) -> bool:
    return name in sys.modules


def _fail(code: str) -> None:
    raise BuildError([error(code, "a part that cannot be laid out")])


class _Odd(Exception):
    """Pickled with its args, but cannot be made from them again: unpickling fails."""

    def __init__(self, code: str, line: int):
        super().__init__(f"{code}:{line}")


def _odd() -> None:
    raise _Odd("E699", 3)


def _die() -> None:
    os._exit(3)


def _warm_once(log: Path) -> None:
    import tabnanny  # noqa: F401  (imported by nothing else in the tests' parent)

    with log.open("a") as file:
        file.write(f"{os.getpid()}\n")


def test_the_workers_are_forked_from_the_zygote_which_warms_up_once(tmp_path: Path) -> None:
    log = tmp_path / "warm.log"
    assert not _imported("tabnanny")
    with Zygote(2, lambda: _warm_once(log)) as pool:
        places = {f.result() for f in [pool.submit(_where) for _ in range(4)]}
        assert all(pool.submit(_imported, "tabnanny").result() for _ in range(2))
    zygote = int(log.read_text())  # one warm-up, in one process
    forked = {pid for pid, parent in places if parent == zygote}
    assert places == {(zygote, os.getpid()), *((pid, zygote) for pid in forked)}
    assert len(forked) == 1  # both worked: the zygote and the worker it forked
    assert not _imported("tabnanny")  # this process never ran the warm-up


def test_a_task_s_error_comes_back_with_its_code() -> None:
    with Zygote(2) as pool:
        with pytest.raises(BuildError) as raised:
            pool.submit(_fail, "E699").result()
        assert raised.value.diagnostics[0].code == "E699"
        assert pool.submit(pow, 2, 10).result() == 1024  # the worker goes on


def test_an_error_that_cannot_come_back_whole_fails_its_task_only() -> None:
    with Zygote(1) as pool:
        with pytest.raises(TypeError):
            pool.submit(_odd).result(timeout=10)
        assert pool.submit(pow, 2, 5).result(timeout=10) == 32


def test_a_worker_that_dies_breaks_the_pool_and_nothing_hangs() -> None:
    with Zygote(2) as pool:
        dying = pool.submit(_die)
        waiting = [pool.submit(time.sleep, 0.5) for _ in range(4)]
        with pytest.raises(BrokenProcessPool):
            dying.result(timeout=10)
        for future in waiting:  # done either way, never left waiting
            future.exception(timeout=10)
        with pytest.raises(BrokenProcessPool):
            pool.submit(pow, 2, 10)


def test_a_warm_up_that_fails_leaves_the_error_to_the_tasks() -> None:
    def broken() -> None:
        raise ImportError("no such module")

    with Zygote(2, broken) as pool:
        assert pool.submit(pow, 3, 2).result() == 9


def test_a_task_cancelled_before_it_starts_never_runs(tmp_path: Path) -> None:
    with Zygote(1) as pool:
        first = pool.submit(time.sleep, 0.3)
        later = pool.submit(Path.touch, tmp_path / "ran")
        assert later.cancel()
        first.result()
    assert not (tmp_path / "ran").exists()


def test_shutdown_waits_for_the_workers_and_the_zygote() -> None:
    pool = Zygote(2)
    assert pool.submit(pow, 2, 3).result() == 8
    pool.shutdown()
    with pytest.raises(ChildProcessError):
        os.waitpid(pool._pid, os.WNOHANG)  # reaped: no zombie left behind
    with pytest.raises(RuntimeError):
        pool.submit(pow, 2, 3)
