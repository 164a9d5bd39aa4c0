"""Fixture files of many cases, in markdown-it-py's shape: each case a title line, a line
holding a lone `.`, its input, a `.` line, what is expected of it, and a `.` line; cases
are parted by blank lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Fixture", "read_fixtures"]


@dataclass(frozen=True, slots=True)
class Fixture:
    title: str
    line: int  # the file's line of its title
    given: str
    expected: str


def read_fixtures(path: Path) -> list[Fixture]:
    """The cases of `path`, in order (a file of another shape fails, naming its line)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found: list[Fixture] = []
    at = 0
    while at < len(lines):
        if not lines[at].strip():
            at += 1
            continue
        title = lines[at]
        if at + 1 >= len(lines) or lines[at + 1] != ".":
            raise ValueError(f"{path}:{at + 2}: a '.' line must follow the case's title")
        given_end = lines.index(".", at + 2)
        expected_end = lines.index(".", given_end + 1)
        found.append(
            Fixture(
                title,
                at + 1,
                "\n".join(lines[at + 2 : given_end]),
                "\n".join(lines[given_end + 1 : expected_end]),
            )
        )
        at = expected_end + 1
    return found
