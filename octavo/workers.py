"""Worker processes that never outlive the process that started them.

`kill -9` of `invoke pdf --jobs N` (or an OOM kill, or a CI timeout) gives a pool no chance
to shut down; its workers would wait for work for ever. So every worker asks the kernel,
first thing, to be killed when its parent dies (Linux `prctl(PR_SET_PDEATHSIG, SIGKILL)`),
and exits at once if the parent is already gone (the race between fork and prctl).
Elsewhere (no prctl), workers still end with a normal shutdown of the pool.

A pool can be started early (`warm`): its workers are made at once and import the modules
they will need (WeasyPrint: ~0.3 s of CPU each) while the caller still reads the book.
They import at most one fewer at a time than there are cores, as the caller works
meanwhile: on two cores, one after the other. Side by side there, three processes on two
cores made every worker late, where now the first is ready as soon as one core allows (an
edit needs only that one; a cold build gives it the first job while the second is still
importing).
"""

from __future__ import annotations

import ctypes
import importlib
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any

from octavo.machine import cores

__all__ = ["cores", "die_with_parent", "pool"]

_PR_SET_PDEATHSIG = 1
TURN_WAIT = 10.0  # seconds a worker waits for its turn to import before it goes ahead


def die_with_parent(parent: int) -> None:
    """A pool initializer: SIGKILL this worker when `parent` (the pid that made it) dies."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl here: the pool's own shutdown still ends the workers
    if os.getppid() != parent:
        os._exit(1)  # the parent died before prctl took effect


def _initialize(parent: int, modules: tuple[str, ...], turn: Any) -> None:
    """`turn`: a semaphore the pool's workers hold while they import `modules`."""
    die_with_parent(parent)
    if not modules:
        return
    mine = turn.acquire(timeout=TURN_WAIT)  # one that died holding it delays, never blocks
    try:
        for name in modules:
            importlib.import_module(name)
    finally:
        if mine:
            turn.release()


def pool(
    jobs: int, context: BaseContext | None = None, warm: tuple[str, ...] = ()
) -> ProcessPoolExecutor:
    """A ProcessPoolExecutor of `jobs` workers that die with this process. `warm`: modules
    each worker imports first; the workers are then started now, not at the first task."""
    import multiprocessing

    turn = (context or multiprocessing.get_context()).Semaphore(max(1, cores() - 1))
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_initialize,
        initargs=(os.getpid(), warm, turn),
    )
    if warm:
        executor.submit(os.getpid)  # a fork pool makes all its workers at the first task
    return executor
