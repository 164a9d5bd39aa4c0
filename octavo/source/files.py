"""Reading source files: through the sandbox (octavo.sandbox), UTF-8 only, with the line of
the first bad byte."""

from __future__ import annotations

import os
from pathlib import Path

from octavo.errors import Diagnostic, error
from octavo.limits import FILE_LIMITS
from octavo.sandbox import FileRefused, read_file

__all__ = ["line_of_offset", "read_utf8", "shown"]

MAX_SOURCE_BYTES = FILE_LIMITS["section"]


def line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_utf8(
    path: Path, shown: Path | None = None, root: Path | None = None, kind: str = "section"
) -> tuple[str | None, Diagnostic | None]:
    """The text of `path` with LF line ends, or a diagnostic naming file and line.

    `root`: the book folder the file must really lie in (default: the file's folder); the
    file must be a regular file under `kind`'s size limit, checked before it is read."""
    where = shown or path
    try:
        data = read_file(path, (root or path.parent,), kind, where)
    except FileRefused as refused:
        return None, refused.diagnostic
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = line_of_offset(data, exc.start)
        return None, error(
            "E002",
            f"not UTF-8 (byte 0x{data[exc.start]:02x})",
            where,
            line,
            hint="save the file as UTF-8, or re-import the page with `invoke import-pages`",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def shown(path: Path) -> Path:
    """Paths in messages are relative to the working folder when they can be (its real path:
    `Path.resolve().relative_to(Path.cwd())` in strings, a section at a time)."""
    real, here = os.path.realpath(path), os.getcwd()
    if real == here:
        return Path(".")
    inside = here if here.endswith(os.sep) else here + os.sep
    return Path(real[len(inside) :]) if real.startswith(inside) else path
