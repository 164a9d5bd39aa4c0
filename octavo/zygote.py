"""A process pool whose workers are forked from one warm process: a zygote.

A worker of a parallel PDF build spends ~0.5 s of CPU before its first part: importing
WeasyPrint, then setting up fontconfig and Pango and filling first-use caches. In a pool
forked from the build process, every worker spends it. Here one process (the zygote,
forked from the build process) imports and warms up (`warm`, e.g. a tiny layout with the
book's fonts) once, then forks the other workers, which inherit its warm state, and
becomes the first worker itself: the warm-up is paid once, not once per worker.
(`multiprocessing`'s forkserver also forks from a warm process, but blocks the first task
until it is warm and its workers cannot die with the build.)

Like octavo.workers.pool's, every process asks to die with the process that forked it, so
`kill -9` of the build ends the zygote and the zygote's end ends the workers it forked. A
worker that dies (a crash, the OOM killer) fails its task and every task not yet done with
BrokenProcessPool, as concurrent.futures.ProcessPoolExecutor does: never a hang.

It implements `submit` and `shutdown` of concurrent.futures.Executor (what a build uses:
octavo.render.pdf.parallel.build); tasks go to whichever worker is free, in the order
submitted. The zygote waits for the workers it forked and the pool waits for the zygote,
so their CPU time is counted in the build's (`/usr/bin/time`, RUSAGE_CHILDREN).
"""

from __future__ import annotations

import contextlib
import gc
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection, Pipe
from typing import Any

from octavo import patterncache
from octavo.workers import die_with_parent

__all__ = ["Zygote"]

Task = tuple[Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class Zygote(Executor):
    """`jobs` worker processes (at least one), all made now: the zygote runs `warm` (an
    error in it is left for the tasks to meet again), then forks the others. `finish`: what
    each worker runs after its last task (the zygote's, after its workers have ended), e.g.
    removing the temporary files of what it made."""

    def __init__(
        self,
        jobs: int,
        warm: Callable[[], object] = lambda: None,
        finish: Callable[[], object] = lambda: None,
    ):
        ends = [Pipe() for _ in range(max(1, jobs))]
        parent = os.getpid()
        self._pid = os.fork()
        if self._pid == 0:  # pragma: no cover  (the zygote: coverage does not follow it)
            _zygote(parent, [e for _, e in ends], [e for e, _ in ends], warm, finish)
        for _, theirs in ends:
            theirs.close()
        self._tasks: queue.SimpleQueue[Task | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._broken = ""
        self._closed = False
        self._feeders = [
            threading.Thread(target=self._feed, args=(mine,), daemon=True) for mine, _ in ends
        ]
        for feeder in self._feeders:
            feeder.start()

    @property
    def broken(self) -> bool:
        """Did a worker die (every later task would fail with BrokenProcessPool)?"""
        return bool(self._broken)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            if self._closed:
                raise RuntimeError("cannot submit a task after shutdown")
            future: Future[Any] = Future()
            self._tasks.put((future, fn, args, kwargs))
            return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if cancel_futures:
                self._drain(lambda future: future.cancel())
        for _ in self._feeders:
            self._tasks.put(None)  # after the tasks already submitted
        if wait:
            for feeder in self._feeders:
                feeder.join()
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)

    def _feed(self, worker: Connection) -> None:
        """Give tasks to one worker, one at a time, until shutdown or its death."""
        try:
            while (task := self._tasks.get()) is not None:
                future, fn, args, kwargs = task
                if not future.set_running_or_notify_cancel():
                    continue  # cancelled while it waited
                try:
                    worker.send((fn, args, kwargs))
                except (OSError, EOFError) as exc:
                    return self._break(future, exc)
                except Exception as exc:  # the task cannot be pickled
                    future.set_exception(exc)
                    continue
                try:
                    done, value = worker.recv()
                except (OSError, EOFError) as exc:
                    return self._break(future, exc)
                except Exception as exc:  # a reply read whole that cannot be unpickled here
                    future.set_exception(exc)
                    continue
                if done:
                    future.set_result(value)
                else:
                    future.set_exception(value)
            with contextlib.suppress(OSError):
                worker.send(None)  # shutdown: the worker ends
        finally:
            worker.close()

    def _break(self, future: Future[Any], exc: BaseException) -> None:
        """A worker died: its task and every task still waiting fail, as do later ones."""
        why = f"a worker process ended abruptly ({type(exc).__name__})"
        with self._lock:
            self._broken = why
            self._drain(lambda waiting: waiting.set_exception(BrokenProcessPool(why)))
        future.set_exception(BrokenProcessPool(why))

    def _drain(self, end: Callable[[Future[Any]], object]) -> None:
        """End every task not yet given to a worker (the shutdown markers stay)."""
        kept = 0
        while True:
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                break
            if task is None:
                kept += 1
            elif task[0].set_running_or_notify_cancel():
                end(task[0])
        for _ in range(kept):
            self._tasks.put(None)


def _zygote(  # pragma: no cover  (runs in the zygote)
    parent: int,
    ends: list[Connection],
    others: list[Connection],
    warm: Callable[[], object],
    finish: Callable[[], object],
) -> None:
    """Warm up, fork the other workers, serve as the first, wait for the others, finish."""
    code = 1
    try:
        die_with_parent(parent)
        for end in others:
            end.close()
        with contextlib.suppress(Exception):  # a task meets the same error, and reports it
            warm()
        # what the warm-up made: never scanned again by the workers' collections. Not
        # collected first: a full collection scans every object the imports made (~35 ms
        # before the first part may start) to free the warm-up's few cycles (~2,000 objects,
        # kept frozen instead)
        gc.freeze()
        me, forked = os.getpid(), []
        for index in range(1, len(ends)):
            pid = os.fork()
            if pid == 0:
                _worker(me, ends[index], [e for i, e in enumerate(ends) if i != index], finish)
            forked.append(pid)
            ends[index].close()
        _serve(ends[0])
        for pid in forked:
            os.waitpid(pid, 0)
        code = 0
        finish()
        patterncache.save()  # what it compiled itself: it ends by os._exit
    finally:
        os._exit(code)


def _worker(  # pragma: no cover  (runs in a worker)
    zygote: int, mine: Connection, others: list[Connection], finish: Callable[[], object]
) -> None:
    code = 1
    try:
        die_with_parent(zygote)
        for other in others:
            other.close()
        _serve(mine)
        code = 0
        finish()
        patterncache.save()  # what it compiled itself: it ends by os._exit
    finally:
        os._exit(code)


def _serve(end: Connection) -> None:  # pragma: no cover  (runs in a worker)
    """Run the tasks sent on `end` and send back (True, result) or (False, exception)."""
    while True:
        reply: tuple[bool, Any]
        try:
            task = end.recv()
        except (EOFError, OSError):
            return  # the build is gone
        except Exception as exc:  # a task read whole that cannot be unpickled here
            reply = (False, exc)
        else:
            if task is None:
                return
            fn, args, kwargs = task
            try:
                reply = (True, fn(*args, **kwargs))
            except BaseException as exc:
                reply = (False, exc)
        try:
            end.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result or an exception that cannot be pickled
            end.send((False, RuntimeError(f"a worker's reply could not be sent: {exc!r}")))
