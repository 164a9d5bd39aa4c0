"""What reading a page's bytes had to guess: W429 (bytes of a UTF-8 page that are not
UTF-8, each read as the Windows-1252 character it most likely is), W430 (a page read in
another charset than the one its <meta charset> names, or than most of its bytes are in)."""

from __future__ import annotations

from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.importers.decode import SEVERAL, TOLD, Decoded, Stray

__all__ = ["decode_warnings"]


def _names(encoding: str | None) -> str:
    return {"utf-8": "UTF-8", "cp1252": "Windows-1252"}.get(encoding or "", encoding or "")


def _bytes(stray: Stray) -> str:
    return " ".join(f"0x{b:02x}" for b in stray.raw)


def _read_as(stray: Stray) -> str:
    if "\ufffd" in stray.read_as:
        return "replaced by U+FFFD (no Windows-1252 character either)"
    return f"read as {stray.read_as!r}, its Windows-1252 character"


def decode_warnings(decoded: Decoded, path: Path) -> list[Diagnostic]:
    said = f"its <meta charset> says {_names(decoded.declared)}"
    if decoded.encoding == "utf-8" and decoded.stray:
        why = said if decoded.declared else "the rest of the page is UTF-8"
        found = []
        for number, stray in enumerate(decoded.stray):
            more = decoded.runs - TOLD if number == TOLD - 1 else 0
            tail = f" (and {more} more such runs later in the page)" if more > 0 else ""
            found.append(
                warning(
                    "W429",
                    f"byte {_bytes(stray)} at column {stray.column} is not UTF-8 ({why}): "
                    f"{_read_as(stray)}{tail}",
                    path,
                    stray.line,
                    hint="check the character; save the page again as UTF-8 to be sure",
                )
            )
        return found
    mixed = decoded.declared or decoded.characters >= SEVERAL  # not a pair read by accident
    if decoded.encoding == "cp1252" and decoded.stray and mixed:
        first = decoded.stray[0]
        count = decoded.stray_bytes
        start = said if decoded.declared else f"{decoded.characters} of its characters are UTF-8"
        return [
            warning(
                "W430",
                f"{start}, but {count} of its bytes are not UTF-8 (the first, {_bytes(first)}, "
                f"at column {first.column}): the page is read as Windows-1252"
                + (", and its UTF-8 characters as two or three each" if decoded.characters else ""),
                path,
                first.line,
                hint="save the page again in one charset, and say which in its <meta charset>",
            )
        ]
    if decoded.declared and decoded.encoding != decoded.declared:
        return [
            warning(
                "W430",
                f"{said}, but its bytes are UTF-8 ({decoded.characters} non-ASCII characters, "
                f"and no byte UTF-8 cannot read): the page is read as UTF-8",
                path,
                decoded.declared_line,
                hint="correct its <meta charset> to utf-8",
            )
        ]
    return []
