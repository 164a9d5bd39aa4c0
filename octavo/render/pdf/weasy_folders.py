"""WeasyPrint's temporary font folders removed when the process that made them ends.

WeasyPrint copies each `@font-face` font into a folder of its own (`weasyprint-*` in the
temporary folder, about 1.6 MB for octavo's fonts) and removes it when its
FontConfiguration is collected. An octavo command ends without collecting what is still
alive (octavo.cli.running: gc.freeze at exit), so every build left its folder behind: 3,800
of them in /tmp after a few days of tests and benches. `install` records each folder
WeasyPrint makes (its module's `mkdtemp`) with the process that made it; at that process's
normal end the folders it made are removed, never a folder another process made (a forked
worker's inherited list is not its own: octavo.render.pdf.parallel.shared_fonts cleans
what workers share).

A process killed outright (`kill -9`, the machine's power) runs no exit handler: its folders
stay. So each folder is named after the process that made it (`weasyprint-octavo-<pid>-*`),
and the first PDF build of a later process removes those whose maker is no longer running
and which nobody has touched for an hour (`sweep`). A process of another PID namespace
sharing the temporary folder looks dead from here, and a long build may not touch its
folder for an hour: so (POSIX) the maker holds a shared lock (flock) on a file in each of
its folders for as long as it lives, released by the system however it ends, and the sweep
removes a folder only while it holds that lock exclusively.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["install", "make_folder", "remove_made", "sweep"]

PREFIX = "weasyprint-octavo-"  # then the maker's pid and a dash
STALE = 3600.0  # seconds untouched before a dead process's folder is removed
LOCK = ".octavo-in-use"  # in each folder: locked (shared) by its maker while it lives
_NAME = re.compile(re.escape(PREFIX) + r"([0-9]{1,9})-", re.ASCII)  # a pid, never a huge one

_made: list[tuple[int, str]] = []  # (pid of the maker, folder)
_held: dict[str, int] = {}  # folder -> the open file of its lock (POSIX)
_finalized: list[int] = []  # pool workers that remove their folders as they end


def install() -> None:
    """From now on, record the font folders WeasyPrint makes (once a process)."""
    from weasyprint.text import fonts

    made = getattr(fonts, "mkdtemp", None)
    if made is None or getattr(made, "octavo_recorded", False):
        return

    def recorded(*args: Any, **kwargs: Any) -> str:
        return make_folder(kwargs.get("dir"))

    recorded.octavo_recorded = True  # type: ignore[attr-defined]
    fonts.mkdtemp = recorded
    atexit.register(remove_made)
    if os.name == "posix":  # elsewhere os.kill(pid, 0) would end the process, not ask
        with contextlib.suppress(Exception):  # housekeeping: never the build's failure
            sweep()


def make_folder(parent: str | None = None) -> str:
    """A new font folder named after this process, removed at its normal end; locked
    (POSIX) while this process lives, so that no sweep removes it meanwhile."""
    folder = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent)
    _made.append((os.getpid(), folder))
    _removed_by_a_pool_worker()
    if os.name == "posix":
        _let_go(gone_only=True)
        with contextlib.suppress(OSError):  # no lock: the sweep's hour alone, as before
            _hold(folder)
    return folder


def _removed_by_a_pool_worker() -> None:
    """In a multiprocessing pool's worker (`invoke all`'s books, octavo.workers.pool), the
    folders it made are removed as it ends: such a process ends by os._exit after
    multiprocessing's own exit finalizers, never atexit's, and left one folder a worker
    in /tmp until the hour's sweep (review51)."""
    process = sys.modules.get("multiprocessing.process")
    if process is None or process.parent_process() is None or os.getpid() in _finalized:
        return
    from multiprocessing import util

    _finalized.append(os.getpid())
    util.Finalize(None, remove_made, exitpriority=0)


def _hold(folder: str) -> None:
    """Lock `folder`'s LOCK file, shared, until this process ends or removes the folder
    (a forked worker inherits the lock: it uses the folder too)."""
    import fcntl

    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    lock = os.open(os.path.join(folder, LOCK), flags, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)  # never waits: a new file
    except OSError:
        # no locks here (NFS without them, some FUSE): no lock file either, or the sweep
        # would take the folder for one in use forever; the hour alone decides, as before
        os.close(lock)
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder, LOCK))
        raise
    _held[folder] = lock


def _let_go(gone_only: bool = False, folders: frozenset[str] | None = None) -> None:
    """Close the lock files of `folders` (None: all held), or (`gone_only`) of the folders
    removed meanwhile (WeasyPrint removes one when it collects its configuration)."""
    for folder, lock in list(_held.items()):
        if folders is not None and folder not in folders:
            continue
        try:
            if gone_only and os.fstat(lock).st_nlink > 0:
                continue
            os.close(lock)
        except OSError:
            pass
        del _held[folder]


def sweep(parent: str | None = None, now: float | None = None) -> tuple[str, ...]:
    """Remove the font folders of processes that ended without removing them (killed) and
    that nobody touched for `STALE` seconds; the folders removed."""
    root = Path(parent or tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = []
    try:
        names = [e.name for e in os.scandir(root) if e.name.startswith(PREFIX)]
    except OSError:
        return ()
    for name in sorted(names):
        found = _NAME.match(name)
        folder = root / name
        try:
            stale = now - folder.lstat().st_mtime >= STALE and folder.is_dir()
        except OSError:
            continue
        if not found or not stale or folder.is_symlink() or _running(int(found.group(1))):
            continue
        claimed = _claim(folder)
        if claimed is None:
            continue  # in use by a process this one cannot see, or not ours to look into
        try:
            shutil.rmtree(folder, ignore_errors=True)  # another user's: not ours to remove
        finally:
            if claimed >= 0:
                os.close(claimed)
        if not folder.exists():
            removed.append(str(folder))
    return tuple(removed)


def _claim(folder: Path) -> int | None:
    """`folder`'s LOCK locked exclusively (its open file, to close after the removal); -1
    if it has none (made before the locks, or its maker killed before it took it); None if
    a process holds it (or it cannot be opened: not ours): the folder stays. Where locks
    are not to be had (NFS without them: another error than "held"), -1: the hour alone
    decides, as before the locks."""
    import errno
    import fcntl

    try:
        lock = os.open(folder / LOCK, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return -1
    except OSError:
        return None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(lock)
        return None if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES) else -1
    return lock


def _running(pid: int) -> bool:
    """Whether `pid` names a running process (POSIX: signal 0 only asks). Anything but a
    clear "no such process" counts as running: the folder stays."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True  # another user's process, or a name no process can have: kept
    return True


def remove_made() -> None:
    """Remove the font folders this process made (whatever still refers to them is done:
    the process is ending)."""
    me = os.getpid()
    mine = frozenset(folder for pid, folder in _made if pid == me)
    for folder in sorted(mine):
        shutil.rmtree(folder, ignore_errors=True)
    _let_go(folders=mine)
    _made[:] = [(pid, folder) for pid, folder in _made if pid != me]
