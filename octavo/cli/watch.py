"""invoke watch: rebuild on every saved change; a broken save is reported, then waited out."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from octavo.errors import BuildError

__all__ = ["watch"]


def _describe(changes: Iterable[tuple[object, str]], roots: tuple[Path, ...]) -> str:
    names = []
    kinds: dict[str, set[str]] = {}
    for change, changed in changes:
        kinds.setdefault(changed, set()).add(getattr(change, "name", str(change)))
    for changed in sorted(kinds):
        if {"added", "deleted"} <= kinds[changed]:
            continue  # an editor's temporary file, come and gone
        path = Path(changed)
        shown = next((str(path.relative_to(r)) for r in roots if path.is_relative_to(r)), str(path))
        names.append(shown)
    return ", ".join(dict.fromkeys(names))


def _ignored(path: str, roots: tuple[Path, ...] = ()) -> bool:
    """An editor's temporary, a hidden file, or a file under a `build/` or hidden folder of
    the watched folder (octavo's outputs and state, when it runs in the book's folder);
    the folders above the watched one do not count (a book kept in ~/build/ is watched)."""
    name = Path(path).name
    if name.startswith(".") or name.endswith((".part", "~", ".swp")):
        return True
    where = Path(path)
    below = next((where.relative_to(r) for r in roots if where.is_relative_to(r)), where)
    return any(part == "build" or part.startswith(".") for part in below.parts[:-1])


def watch(
    roots: tuple[Path, ...],
    rebuild: Callable[[], Iterable[Path]],
    out: TextIO,
    stop: threading.Event | None = None,
    debounce_ms: int = 400,
) -> None:
    """Run `rebuild` once, then after each batch of changes under `roots`, until `stop`.
    A stop (Ctrl-C, a `kill`: KeyboardInterrupt, octavo.cli.stops) is raised to the caller,
    whether it comes during a rebuild or between two (watchfiles ended the loop itself,
    with its own log line, and the command exited 0)."""
    from watchfiles import watch as changes_of

    def run(reason: str) -> None:
        start = time.perf_counter()
        try:
            written = list(rebuild())
        except BuildError as exc:
            print(
                f"{exc}\nwatch: build failed ({reason}); fix the source and save again",
                file=out,
                flush=True,
            )
            return
        except Exception as exc:  # a bug or an unforeseen input must not end the watch
            import traceback

            print(
                "".join(traceback.format_exception(exc)).rstrip()
                + f"\nwatch: build failed unexpectedly ({reason}); octavo should have "
                "reported this with a code: please report it. Waiting for the next save",
                file=out,
                flush=True,
            )
            return
        took = time.perf_counter() - start
        print(
            f"watch: rebuilt {', '.join(map(str, written))} in {took:.2f} s ({reason})",
            file=out,
            flush=True,
        )

    run("first build")
    existing = tuple(r.resolve() for r in roots if r.exists())
    for batch in changes_of(
        *existing,
        debounce=debounce_ms,
        stop_event=stop,
        watch_filter=lambda _change, path: not _ignored(path, existing),
        raise_interrupt=True,  # a stop ends the command as any other's (octavo.cli.running)
    ):
        run(f"changed: {_describe(batch, existing)}")
