"""Reading source files: through the sandbox (octavo.sandbox), UTF-8 only, with the line of
the first bad byte; a TOML file's text read to its data, whatever it holds.

A source's text is read in Unicode's composed form, NFC (ut47 bug 10): "Köln" typed with
one letter ö (U+00F6) and with o and a combining diaeresis (U+0308, as macOS's file
system and some editors write it) look the same and are the same to octavo (one index
entry, one heading name, one key). NFC never changes the lines of a text."""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from octavo.errors import Diagnostic, error
from octavo.limits import FILE_LIMITS
from octavo.sandbox import FileRefused, read_file

__all__ = [
    "TomlError",
    "composed",
    "field_line",
    "line_of_offset",
    "load_toml",
    "read_utf8",
    "shown",
]

MAX_SOURCE_BYTES = FILE_LIMITS["section"]


class TomlError(ValueError):
    """A file that is not TOML octavo can read; `line` where tomllib says (from 1)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def load_toml(text: str) -> dict[str, Any]:
    """tomllib.loads(), raising TomlError for every text it cannot read: its own
    TOMLDecodeError, and what it lets through, a number past Python's 4,300 digits (a
    ValueError) and brackets nested thousands deep (a RecursionError)."""
    try:
        return tomllib.loads(text)
    except RecursionError as exc:
        raise TomlError("arrays or tables nested too deep") from exc
    except ValueError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise TomlError(str(exc), int(match[1]) if match else None) from exc


def line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def field_line(text: str, name: str, any_case: bool = False) -> int | None:
    """The line (from 1) of the first `name = …` that opens a line of `text` (bare or in
    double quotes), where there is one: a TOML file's key, whose case is its own (`Quotes`
    is another key than `quotes`); `any_case`, a BibTeX entry's field, whose name BibTeX,
    biber and citeproc-py read without case (`URL`, `Url` and `url` are one field)."""
    flags = re.MULTILINE | (re.IGNORECASE if any_case else 0)
    named = re.escape(name)
    found = re.search(rf'^[ \t]*(?:{named}|"{named}")[ \t]*=', text, flags)
    return text.count("\n", 0, found.start()) + 1 if found else None


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
            hint="save the file as UTF-8"
            + (", or re-import the page with `invoke import-pages`" if kind == "section" else ""),
        )
    return composed(text.replace("\r\n", "\n").replace("\r", "\n")), None


def composed(text: str) -> str:
    """`text` in Unicode's composed form (NFC); a text already so (nearly every one) is
    only looked over."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def shown(path: Path) -> Path:
    """Paths in messages are relative to the working folder when they can be (its real path:
    `Path.resolve().relative_to(Path.cwd())` in strings, a section at a time). Only its
    folder is resolved: a file that is a link is named by the link, the book's file, never
    by where it leads (a refused link's message pointed at its target)."""
    folder, name = os.path.split(os.path.abspath(path))
    real, here = os.path.join(os.path.realpath(folder), name), os.getcwd()
    if real == here:
        return Path(".")
    inside = here if here.endswith(os.sep) else here + os.sep
    return Path(real[len(inside) :]) if real.startswith(inside) else path
