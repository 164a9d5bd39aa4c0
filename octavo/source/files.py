"""Reading source files: UTF-8 only, with the line of the first bad byte."""

from __future__ import annotations

from pathlib import Path

from octavo.errors import Diagnostic, error

__all__ = ["line_of_offset", "read_utf8"]

MAX_SOURCE_BYTES = 8 * 1024 * 1024


def line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_utf8(path: Path, shown: Path | None = None) -> tuple[str | None, Diagnostic | None]:
    """The text of `path` with LF line ends, or a diagnostic naming file and line."""
    where = shown or path
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, error("E001", f"cannot read file: {exc.strerror}", where)
    if len(data) > MAX_SOURCE_BYTES:
        return None, error(
            "E003",
            f"file is {len(data) / 2**20:.1f} MiB; the limit is {MAX_SOURCE_BYTES // 2**20} MiB",
            where,
            hint="split the section",
        )
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
