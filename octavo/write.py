"""The only code that writes output: atomically (temporary file, then rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["WriteFailed", "atomic_bytes", "atomic_text", "atomic_write"]


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
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
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
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and not isinstance(exc, WriteFailed):
            raise WriteFailed(path, exc) from exc
        raise


def atomic_bytes(path: Path, data: bytes, durable: bool = True) -> Path:
    with atomic_write(path, durable) as handle:
        handle.write(data)
    return path


def atomic_text(path: Path, text: str) -> Path:
    return atomic_bytes(path, text.encode("utf-8"))
