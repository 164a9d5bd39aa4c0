"""The only code that writes output: atomically (temporary file, then rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

__all__ = ["WriteFailed", "atomic_bytes", "atomic_set", "atomic_text", "atomic_write"]


class WriteFailed(OSError):
    """Writing `target` failed: a folder in the way, no permission, a full disk. The error
    boundary (octavo.errors.boundary) reports it as E701 naming `target`."""

    def __init__(self, target: Path, cause: OSError):
        super().__init__(cause.errno, cause.strerror or str(cause))
        self.target = target


@contextlib.contextmanager
def atomic_write(path: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """Yield a temporary file beside `path`; rename it over `path` only on success.

    A failure or interrupt (KeyboardInterrupt included) removes the temporary file and
    leaves the previous `path` untouched; an OSError is raised as WriteFailed.
    `durable`: the bytes are on disk (fsync) before the rename, so that a crash leaves the
    old file or the new one, whole. False only for what is signed and checked whenever it
    is read, and only made again when torn or empty after a crash (octavo.stat_cache's
    keeps): a cold build writes four of them before the book is read, and an fsync (a
    journal commit) costs 1-6 ms of waiting each.
    """
    try:
        fd, temporary = _beside(path)
    except OSError as exc:
        raise WriteFailed(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as exc:
        _discard([temporary])
        if isinstance(exc, OSError) and not isinstance(exc, WriteFailed):
            raise WriteFailed(path, exc) from exc
        raise


def atomic_bytes(path: Path, data: bytes, durable: bool = True) -> Path:
    with atomic_write(path, durable) as handle:
        handle.write(data)
    return path


def atomic_text(path: Path, text: str) -> Path:
    return atomic_bytes(path, text.encode("utf-8"))


def atomic_set(files: Sequence[tuple[Path, bytes]]) -> tuple[Path, ...]:
    """Write several files as one set (a folder of handouts): each to a temporary file
    beside it, made durable, and only when every one is written are they all renamed into
    place. A failure while writing them (a full disk, an interrupt) removes the temporary
    files and leaves every previous file as it was; an OSError is raised as WriteFailed."""
    staged: list[tuple[str, Path]] = []
    path = files[0][0] if files else Path()
    try:
        for path, data in files:
            fd, temporary = _beside(path)
            staged.append((temporary, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o644)
        for temporary, path in staged:
            os.replace(temporary, path)
    except BaseException as exc:
        _discard([temporary for temporary, _ in staged])
        if isinstance(exc, OSError) and not isinstance(exc, WriteFailed):
            raise WriteFailed(path, exc) from exc
        raise
    return tuple(path for _, path in staged)


def _beside(path: Path) -> tuple[int, str]:
    """A new temporary file in `path`'s folder (made if need be), named after it: its
    descriptor and its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)


def _discard(temporaries: list[str]) -> None:
    for temporary in temporaries:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
