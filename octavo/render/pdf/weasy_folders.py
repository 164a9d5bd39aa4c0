"""WeasyPrint's temporary font folders removed when the process that made them ends.

WeasyPrint copies each `@font-face` font into a folder of its own (`weasyprint-*` in the
temporary folder, about 1.6 MB for octavo's fonts) and removes it when its
FontConfiguration is collected. An octavo command ends without collecting what is still
alive (octavo.cli.tasks: gc.freeze at exit), so every build left its folder behind: 3,800
of them in /tmp after a few days of tests and benches. `install` records each folder
WeasyPrint makes (its module's `mkdtemp`) with the process that made it; at that process's
normal end the folders it made are removed, never a folder another process made (a forked
worker's inherited list is not its own: octavo.render.pdf.parallel.shared_fonts cleans
what workers share).

A process killed outright (`kill -9`, the machine's power) runs no exit handler: its folders
stay. So each folder is named after the process that made it (`weasyprint-octavo-<pid>-*`),
and the first PDF build of a later process removes those whose maker is no longer running
and which nobody has touched for an hour (`sweep`; the hour: a process of another PID
namespace sharing the temporary folder looks dead from here).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["install", "make_folder", "remove_made", "sweep"]

PREFIX = "weasyprint-octavo-"  # then the maker's pid and a dash
STALE = 3600.0  # seconds untouched before a dead process's folder is removed
_NAME = re.compile(re.escape(PREFIX) + r"([0-9]{1,9})-", re.ASCII)  # a pid, never a huge one

_made: list[tuple[int, str]] = []  # (pid of the maker, folder)


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
    """A new font folder named after this process, removed at its normal end."""
    folder = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent)
    _made.append((os.getpid(), folder))
    return folder


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
        if found and stale and not folder.is_symlink() and not _running(int(found.group(1))):
            shutil.rmtree(folder, ignore_errors=True)  # another user's: not ours to remove
            if not folder.exists():
                removed.append(str(folder))
    return tuple(removed)


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
    for pid, folder in _made:
        if pid == me:
            shutil.rmtree(folder, ignore_errors=True)
    _made[:] = [(pid, folder) for pid, folder in _made if pid != me]
