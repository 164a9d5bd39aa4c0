"""A command's end without the interpreter's teardown.

Once every task of the command line ran (invoke's Program.execute returned), octavo has
nothing left to do but what runs at exit: the threads' and atexit's handlers (the EPUB
writer reaped, WeasyPrint's font folders removed, the dataclass codes kept). `end_now`
runs those, as Python's own exit would, then ends the process with `os._exit`, skipping
the teardown that follows them: clearing every module and freeing every object one by one,
12-15 ms of a cold `invoke epub` at 81 sections after gc.freeze (octavo.cli.running), and of
every command. An object still alive then is not finalized: octavo closes every file it
writes, and what must happen at exit is registered with atexit (octavo.render.pdf
.weasy_folders). The exit status is 0, as the Program's would be.

Only for a command line of octavo's or invoke's whose tasks are all octavo's (a book's
tasks.py may add its own, which may count on the teardown: a file written, never closed),
in the main thread, not watched by a profiler or a tracer (`python -m cProfile -m invoke
…` writes its stats once the program returned; coverage, a debugger): a Program run in
another program's process (a test's `program().run(...)`) returns as ever. A command
that failed (an exception out of execute) ends as before, and so does one whose output
cannot be flushed (a reader gone: Python reports it, and its exit status, as ever).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["end_now", "ended", "from_command_line"]


def from_command_line(argv: list[str]) -> bool:
    """The process is a command of octavo's or invoke's (`octavo`, `invoke`, `inv`,
    `python -m invoke`)."""
    from octavo.cli.options import _run_by_invoke

    return _run_by_invoke(argv) or (bool(argv) and Path(argv[0]).name == "octavo")


def ended(execute: Callable[[Any], None]) -> Callable[[Any], None]:
    """invoke's Program.execute, ending the process (`end_now`) once every task ran."""
    if getattr(execute, "octavo_ended", False):
        return execute

    def executed(program: Any) -> None:
        execute(program)
        if from_command_line(sys.argv) and _octavos_own(program):
            end_now()

    executed.octavo_ended = True  # type: ignore[attr-defined]
    return executed


def _octavos_own(program: Any) -> bool:
    """Every task the command ran is one of octavo's (a book's tasks.py may define its own,
    which may count on the interpreter's teardown: a file written and never closed)."""
    try:
        bodies = [program.collection[call.name].body for call in program.tasks]
    except Exception:  # anything unforeseen: the end as ever
        return False
    return all(getattr(body, "__module__", "").startswith("octavo.") for body in bodies)


def end_now() -> None:
    """End the process, status 0, after what Python's exit runs first: the threads' exit
    handlers and the wait for non-daemon threads, then atexit's handlers. Returns (and the
    interpreter ends as ever) off the main thread, under a profiler or a tracer, or when
    stdout or stderr cannot be flushed."""
    shutdown = getattr(threading, "_shutdown", None)
    if shutdown is None or threading.current_thread() is not threading.main_thread():
        return
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return  # watched (cProfile writes its stats after the program, coverage, a debugger)
    if not _flushed():
        return
    shutdown()  # threading's exit handlers (concurrent.futures), non-daemon threads joined
    atexit._run_exitfuncs()  # as the interpreter runs them next: in reverse, each once
    if _flushed():
        os._exit(0)


def _flushed() -> bool:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        return False
    return True
