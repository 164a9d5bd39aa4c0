"""Worker processes that never outlive the process that started them.

`kill -9` of `invoke pdf --jobs N` (or an OOM kill, or a CI timeout) gives a pool no chance
to shut down; its workers would wait for work for ever. So every worker asks the kernel,
first thing, to be killed when its parent dies (Linux `prctl(PR_SET_PDEATHSIG, SIGKILL)`),
and exits at once if the parent is already gone (the race between fork and prctl).
Elsewhere (no prctl), workers still end with a normal shutdown of the pool.

A parallel PDF build forks its workers from one warm process instead (octavo.zygote), which
asks the same of its workers.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported on the EPUB's path, whose forked processes use this too
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

from octavo import patterncache
from octavo.machine import cores

__all__ = ["cores", "die_with_parent", "forked", "pool", "received", "sent"]

_PR_SET_PDEATHSIG = 1
_LENGTH = 8  # bytes of what `sent` sends, sent before it


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when `parent` (the pid that forked it) dies: a pool's
    initializer, and the first call of every process octavo forks by hand."""
    if sys.platform.startswith("linux"):
        import ctypes  # here: the EPUB's forked processes ask it too, and start fast

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl here: the pool's own shutdown still ends the workers
    if os.getppid() != parent:
        os._exit(1)  # the parent died before prctl took effect


def forked(child: Callable[[], int]) -> int | None:
    """A process forked to run `child` (its exit code), dying with this one (`kill -9`
    leaves none behind); its pid, or None when no process can be had (a process limit):
    the caller then does the work itself."""
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # pragma: no cover  (the child: coverage does not follow it)
        code = 1
        try:
            die_with_parent(parent)
            code = child()
            patterncache.save()  # what it compiled itself: it ends by os._exit
        finally:
            os._exit(code)
    return pid


def pool(jobs: int, context: BaseContext | None = None) -> ProcessPoolExecutor:
    """A ProcessPoolExecutor of `jobs` workers that die with this process."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


def sent(fd: int, data: bytes) -> None:
    """`data` through the pipe's end `fd`, its length first, and the end closed: what a
    forked process gives back (`received` takes it)."""
    with os.fdopen(fd, "wb") as pipe:
        pipe.write(len(data).to_bytes(_LENGTH, "big") + data)


def received(fd: int, wait: float) -> bytes | None:
    """What `sent` sent through the pipe's other end `fd`, whole; None if it came short
    (the process ended or failed) or not within `wait` seconds (one that hangs, say forked
    while another thread of a host program held a lock: the caller does the work itself
    and ends it)."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + wait
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    data = b"".join(chunks)
    size = int.from_bytes(data[:_LENGTH], "big")
    return data[_LENGTH:] if size and len(data) == _LENGTH + size else None
