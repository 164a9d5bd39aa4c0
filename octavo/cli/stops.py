"""A stop (Ctrl-C, a `kill`, a closed terminal) ends a command as Ctrl-C does, never inside
an import.

SIGINT, SIGTERM and SIGHUP raise KeyboardInterrupt: what the command was writing is removed
(no `.part` file beside the output, the previous output kept), its workers end and remove
their temporary font folders, and it exits 1. By default Python ends at once on SIGTERM and
SIGHUP, and left both behind. A signal the command was started ignoring (`nohup`) stays
ignored. Forked processes inherit this (the EPUB writer's own SIGTERM excepted:
octavo.render.epub.beside).

Python raises the KeyboardInterrupt at the next instruction, wherever it is. Inside an
import it leaves the module half made, and the command then fails in ways no handler
catches: a C extension whose initialisation is cut short (pikepdf's `_core`, imported beside
the chapters' layout by merge_libraries) gives an ImportError with a traceback, an abort
(exit -6) or an exit by SIGINT with nothing printed (-2); a dataclass cut short in
`__set_name__` gives RuntimeError (seen under load, a stop 0.2-0.9 s into `invoke pdf`: 6
of 60). So a stop that comes during an import is held, and a timer (SIGALRM, every
`HELD_FOR` seconds) raises it once no import is under way; a second stop while one is
held is raised at once (an import that hangs can still be stopped), and one still held
when the task's work is done is raised then (`release`: the next task is not begun).

Nor is a stop raised inside `os.fork`'s hooks (between the first `before` and the last
`after` octavo knows of): Python ignores an exception raised there ("Exception ignored
in: <function _releaseLock>", logging's), and a held stop whose timer went off while the
PDF's workers were forked was lost: `invoke watch`, stopped 1.1 s into its first build,
watched on (1 stop in 8). It is held as during an import.

Before any of that, while the `octavo` command imports invoke and its tasks (~0.1 s, nothing
written yet), a stop ends it at once, exit 1, without the traceback Python prints for a
KeyboardInterrupt inside an import (`before_start`: octavo.cli.main); `install` takes over.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

__all__ = ["HELD_FOR", "before_start", "cancel", "install", "release"]

HELD_FOR = 0.02  # seconds between two looks at a held stop
STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_IMPORT = "<frozen importlib._bootstrap"  # the file name of the import system's frames
_held: list[int] = []  # the stops that came during an import, not raised yet
_forking: list[bool] = []  # [True] while os.fork runs its hooks (an exception is lost there)
_hooked: list[bool] = []  # the fork hooks registered (once a process)


def before_start() -> None:
    """Until `install`: a stop ends the command, exit 1, with nothing to print (nothing is
    under way but imports). A signal ignored, or handled by someone else, is left."""
    for number in STOPS:
        if signal.getsignal(number) in (signal.SIG_DFL, signal.default_int_handler):
            signal.signal(number, _quit)


def _quit(number: int, frame: FrameType | None) -> None:
    raise SystemExit(1)


def install() -> None:
    """Stop on SIGINT, SIGTERM and SIGHUP as described above, in this process and those it
    forks; a signal ignored, or handled by someone else, is left as it is. Without SIGALRM
    for the timer (someone else's), a stop is raised at once, even inside an import."""
    holds = signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, _again)
    if holds:
        signal.signal(signal.SIGALRM, _again)
    if not _hooked:  # after logging's (invoke imports it; here for sure): its hooks inside ours
        import logging  # noqa: F401

        os.register_at_fork(
            before=_fork_begins, after_in_parent=_fork_ends, after_in_child=_fork_ends
        )
        _hooked.append(True)
    handler = _stop if holds else _raise
    for number in STOPS:
        current = signal.getsignal(number)
        if current in (signal.SIG_DFL, signal.default_int_handler, _stop, _raise, _quit):
            signal.signal(number, handler)


def release() -> None:
    """The task's work is done: a stop still held is raised now."""
    if _held:
        cancel()
        raise KeyboardInterrupt


def cancel() -> None:
    """No stop held any more, no timer left to go off (the command ends another way)."""
    if _held:
        _held.clear()
        signal.setitimer(signal.ITIMER_REAL, 0)


def _raise(number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _stop(number: int, frame: FrameType | None) -> None:
    # held only the first time, and while the timer is still this module's (not replaced
    # since `install` by someone else's, whose timer it would take over)
    ours = signal.getsignal(signal.SIGALRM) is _again
    if not _held and ours and (_forking or _importing(frame)):
        _held.append(number)
        signal.setitimer(signal.ITIMER_REAL, HELD_FOR)
        return
    cancel()
    raise KeyboardInterrupt


def _again(number: int, frame: FrameType | None) -> None:
    """The timer: the held stop raised if no import is under way now, else looked at again.
    A SIGALRM that is not this timer's (nothing held) stops the command too, as it would
    have ended it."""
    if _held and (_forking or _importing(frame)):
        signal.setitimer(signal.ITIMER_REAL, HELD_FOR)
        return
    _held.clear()
    raise KeyboardInterrupt


def _fork_begins() -> None:
    _forking.append(True)


def _fork_ends() -> None:
    _forking.clear()


def _importing(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith(_IMPORT):
            return True
        frame = frame.f_back
    return False
