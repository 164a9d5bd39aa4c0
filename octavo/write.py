"""The only code that writes output: atomically (temporary file, then rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_bytes", "atomic_text", "atomic_write"]


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file beside `path`; rename it over `path` only on success.

    A failure or interrupt (KeyboardInterrupt included) removes the temporary file and
    leaves the previous `path` untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def atomic_bytes(path: Path, data: bytes) -> Path:
    with atomic_write(path) as handle:
        handle.write(data)
    return path


def atomic_text(path: Path, text: str) -> Path:
    return atomic_bytes(path, text.encode("utf-8"))


def atomic_from(path: Path, produce: Callable[[Path], None]) -> Path:
    """Let `produce` write a temporary file (by name), then rename it over `path`."""
    with atomic_write(path) as handle:
        produce(Path(handle.name))
    return path
