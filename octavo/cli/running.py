"""How a task runs: a user's mistake exits 1 with its messages, never a traceback (nor an
option's value of the wrong kind: E126); progress on stderr; the book folder a task takes
by default; the heap frozen for the interpreter's shutdown."""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from invoke.exceptions import Exit, ParseError
from invoke.parser.argument import Argument

from octavo.cli import stops
from octavo.errors import BuildError, Diagnostic, boundary, error

__all__ = [
    "BOOK",
    "INTERRUPTED",
    "QUIET",
    "STRICT",
    "book_folder",
    "closed_pipe",
    "held_by_a_folder",
    "output_file",
    "output_folder",
    "quiet_when_closed",
    "run",
    "show",
    "timed",
]

T = TypeVar("T")
BOOK = "Book folder (default: the current folder if it holds book.toml, else book)."
STRICT = "Treat warnings as errors."


QUIET = "Print only the result and problems, no progress."
INTERRUPTED = "interrupted; no file is left half-written, an unfinished output keeps its last build"
_ending: list[Callable[[], None]] = []  # _quick_exit, once registered


_COUNTS = frozenset({"jobs", "sections", "words", "runs", "series"})  # never below 0
# never below 1: `cover --pages 0` was taken as not given (the PDF counted), `preview
# --pages 0` rendered nothing, `gen-study --sections 0` wrote nothing, all exiting 0
_SOME = frozenset({"pages", "sections", "runs"})


def _told_values() -> None:
    """An option given a value of the wrong kind (`--jobs x`) is a ParseError, which
    invoke prints and exits 1 on, with a code, under `invoke` and `octavo` alike: invoke
    casts an option's value to its default's type and let int()'s ValueError out as a
    traceback."""
    if getattr(Argument.set_value, "octavo", False):
        return
    original = Argument.set_value

    def set_value(self: Argument, value: Any, cast: bool = True) -> None:
        try:
            original(self, value, cast)
        except (TypeError, ValueError):
            kind = "a whole number" if self.kind is int else f"a {self.kind.__name__}"
            raise ParseError(f"E126 error: --{self.name} {value!r} is not {kind}") from None
        if self.name in _COUNTS and isinstance(self.value, int) and self.value < 0:
            # `--jobs -3` was taken as 0, every core, without a word
            raise ParseError(f"E126 error: --{self.name} {value!r} is not 0 or more")
        if self.name in _SOME and isinstance(self.value, int) and self.value < 1:
            raise ParseError(f"E126 error: --{self.name} {value!r} is not 1 or more")

    set_value.octavo = True  # type: ignore[attr-defined]
    Argument.set_value = set_value  # type: ignore[method-assign]


_told_values()


def timed(name: str, quiet: bool, action: Callable[[], T]) -> T:
    """run with progress on stderr: live on a terminal, a plain timed line elsewhere."""
    from octavo.cli.progress import progress

    with progress(quiet).step(name):
        return run(action)


def book_folder(given: str) -> Path:
    """The book folder: the one given; else the current folder if it is a book (as in a
    folder made by `octavo new`); else book/."""
    if given:
        return Path(given)
    return Path(".") if Path("book.toml").is_file() else Path("book")


def output_file(given: str, suffix: str) -> Path | None:
    """`--out` of a task that writes one file: None if not given; E121 for a name that ends
    in a slash, a folder (`--out build/x/` wrote a file named `x`); E133 for a folder that
    does not exist (`held_by_a_folder`)."""
    if not given:
        return None
    if given.endswith(("/", os.sep)):
        name = f"{Path(given).name or 'book'}{suffix}"
        raise BuildError(
            [
                error(
                    "E121",
                    f"--out {given} names a folder; the output is one file",
                    hint=f"give the file's name, e.g. --out {given}{name}",
                )
            ]
        )
    return held_by_a_folder(Path(given))


def output_folder(given: str) -> Path | None:
    """`--out` of a task that writes a folder of outputs: None if not given; the folder is
    made if missing, but the folder that holds it must exist (E133)."""
    return held_by_a_folder(Path(given)) if given else None


def held_by_a_folder(out: Path) -> Path:
    """E133 when the folder that holds `out` does not exist: `--out /nonexistant/x.epub`, a
    folder's name mistyped, made a new folder without a word (pandoc refuses it too). The
    one folder made as a default one is: `build/` of the current folder."""
    whole = Path(os.path.abspath(out))
    parent = whole.parent
    if parent.is_dir() or parent == Path(os.path.abspath("build")):
        return out
    missing, above = parent, parent.parent
    while not above.is_dir() and above != above.parent:
        missing, above = above, above.parent

    def shown(path: Path) -> Path:  # as the user wrote it: relative if it was
        return path if out.is_absolute() else Path(os.path.relpath(path))

    near = _near_folder(missing.name, above)
    meant = (
        f"did you mean --out {shown(above / near / whole.relative_to(missing))}? " if near else ""
    )
    raise BuildError(
        [
            error(
                "E133",
                f"the folder {shown(missing)} does not exist; nothing is written",
                out,
                hint=f"{meant}make the folder first (mkdir -p {out.parent}), or check its name",
            )
        ]
    )


def _near_folder(name: str, above: Path) -> str | None:
    """The folder of `above` whose name is nearest `name` (a typo), if one is near."""
    import difflib

    try:
        names = sorted(p.name for p in above.iterdir() if p.is_dir())
    except OSError:
        return None
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    return close[0] if close else None


def show(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _quick_exit() -> None:
    """At the command's end (atexit, after the last task): the objects alive then are moved
    out of the cyclic garbage collector's reach (gc.freeze), so that the interpreter's
    shutdown does not traverse them again and again while it clears the modules: 30-60 ms
    of a cold `invoke epub` at 81 sections, 12-15 ms left. What runs at exit (atexit,
    weakref.finalize) still runs; only objects left in reference cycles are not finalized,
    and octavo closes every file it writes."""
    gc.freeze()


def run(action: Callable[[], T]) -> T:
    """Run an octavo function; a user's mistake exits 1 with its messages, no traceback
    (unless invoke's --debug is given). octavo.api's functions each keep to the error
    boundary; it is kept here too, for every task alike."""
    if not _ending:
        _ending.append(atexit.register(_quick_exit))
        stops.install()
    try:
        with boundary("the output"):
            done = action()
    except BaseException as exc:
        stops.cancel()  # a stop held now ends the command with this
        debug = "--debug" in sys.argv or "-d" in sys.argv
        if isinstance(exc, KeyboardInterrupt) and not debug:  # Ctrl-C, a kill: exit 1, said
            raise Exit(f"octavo: {INTERRUPTED}", code=1) from None
        if not isinstance(exc, BuildError) or debug:
            raise
        count = sum(1 for d in exc.diagnostics if d.severity.value == "error")
        wrote = "".join(f"\nwrote {path}" for path in exc.written)
        raise Exit(
            f"{exc}{wrote}\noctavo: stopped ({count or len(exc.diagnostics)} problem(s))", code=1
        ) from None
    stops.release()  # a stop held by the work's last import: the next task is not begun
    return done


def _silence_pipe() -> None:
    """The reader of stdout is gone: what is left to print goes nowhere (Python would print
    "Exception ignored ... BrokenPipeError" flushing stdout at exit), stderr too when it is
    the same pipe (`2>&1 | head -1`)."""
    quiet = os.open(os.devnull, os.O_WRONLY)
    try:
        out = os.fstat(sys.stdout.fileno())
        os.dup2(quiet, sys.stdout.fileno())
        err = os.fstat(sys.stderr.fileno())
        if stat.S_ISFIFO(out.st_mode) and (err.st_dev, err.st_ino) == (out.st_dev, out.st_ino):
            os.dup2(quiet, sys.stderr.fileno())
    except (OSError, ValueError):  # a stream without a file descriptor: nothing to quiet
        pass
    finally:
        os.close(quiet)


@contextlib.contextmanager
def closed_pipe() -> Iterator[None]:
    """`octavo outline | head -1`: a reader that stops reading ends the command quietly,
    exit 1 (as Python's documentation advises; the outputs are written by then), never
    with a BrokenPipeError traceback."""
    try:
        yield
    except BrokenPipeError:
        _silence_pipe()
        raise SystemExit(1) from None


def quiet_when_closed() -> None:
    """Under `invoke`, whose Program lets a BrokenPipeError out of a task or of `--list`:
    one left uncaught ends the command quietly (exit 1, Python's for an uncaught exception),
    any other is told as before."""
    if getattr(sys.excepthook, "octavo", False):
        return
    before = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, trace: Any) -> None:
        if issubclass(kind, BrokenPipeError):
            _silence_pipe()
            return
        before(kind, exc, trace)

    hook.octavo = True  # type: ignore[attr-defined]
    sys.excepthook = hook
