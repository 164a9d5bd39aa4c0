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
"""

from __future__ import annotations

import atexit
import os
import shutil
from typing import Any

__all__ = ["install", "remove_made"]

_made: list[tuple[int, str]] = []  # (pid of the maker, folder)


def install() -> None:
    """From now on, record the font folders WeasyPrint makes (once a process)."""
    from weasyprint.text import fonts

    made = getattr(fonts, "mkdtemp", None)
    if made is None or getattr(made, "octavo_recorded", False):
        return

    def recorded(*args: Any, **kwargs: Any) -> str:
        folder = str(made(*args, **kwargs))
        _made.append((os.getpid(), folder))
        return folder

    recorded.octavo_recorded = True  # type: ignore[attr-defined]
    fonts.mkdtemp = recorded
    atexit.register(remove_made)


def remove_made() -> None:
    """Remove the font folders this process made (whatever still refers to them is done:
    the process is ending)."""
    me = os.getpid()
    for pid, folder in _made:
        if pid == me:
            shutil.rmtree(folder, ignore_errors=True)
    _made[:] = [(pid, folder) for pid, folder in _made if pid != me]
