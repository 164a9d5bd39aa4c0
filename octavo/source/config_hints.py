"""The hints for a book.toml value of the wrong shape (octavo.source.config_values): a
book's own key written under a [table] (`table_hint`; a date's is octavo.source.dates'
`date_hint`, front matter's alike, a day that is none `day_hint`), a text written for a
list (`list_hint`). Imported only when a value is wrong: a book whose
book.toml is right never loads this module.
"""

from __future__ import annotations

import json
import re
from typing import Any

from octavo.source.config_values import KNOWN
from octavo.source.dates import last_day

__all__ = ["day_hint", "list_hint", "table_hint", "toml_hint"]


def list_hint(key: str, value: object) -> str:
    """How to write a list of strings, from what was written: `authors = "Jean Dupont"` is
    `authors = ["Jean Dupont"]` (names joined by commas or semicolons, one string each)."""
    if isinstance(value, str) and value.strip():
        names = [n.strip() for n in re.split(r"[;,]", value) if n.strip()]
    elif isinstance(value, list) and value:
        names = [str(v) for v in value]
    else:
        names = ["…", "…"]
    written = ", ".join(json.dumps(n, ensure_ascii=False) for n in names)
    return f"write it in brackets, each name quoted: {key} = [{written}]"


def day_hint(data: dict[str, Any]) -> str:
    """`date = "1995-02-30"`: the month's last day, a date that is one."""
    last = last_day(str(data["date"]))
    return f'a day of the calendar, e.g. the month\'s last: date = "{last}"' if last else ""


def table_hint(table: str, value: object) -> str:
    """A book's own key written after a [table] line belongs to that table in TOML: `paper =
    "a4"` added at the end of book.toml, under [chapters], is not the book's paper."""
    strays = sorted(k for k in value if k in KNOWN) if isinstance(value, dict) else []
    if not strays:
        return ""
    keys = ", ".join(f"'{k}'" for k in strays)
    return (
        f"{keys} is under [{table}] (every key after a [table] line is the table's): "
        f"move it above [{table}]"
    )


_BARE_MONTH = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=\s*([0-9]{4}-[0-9]{2})\s*(?:#.*)?")


def toml_hint(text: str, line: int | None) -> str:
    """What to do about a TOML error: a month written bare (`research_completed = 1995-06`,
    which TOML reads as no value at all) is quoted, as every date of book.toml is."""
    lines = text.splitlines()
    bare = _BARE_MONTH.fullmatch(lines[line - 1]) if line and line <= len(lines) else None
    if bare:
        return f'quote the month: {bare[1]} = "{bare[2]}"'
    return (
        'check that line: a text in quotes, title = "Belarus"; a list in brackets, '
        'authors = ["…", "…"]; one key a line; a [table] line alone'
    )
