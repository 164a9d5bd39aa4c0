"""The hints for a book.toml value of the wrong shape (octavo.source.config_values): a
book's own key written under a [table] (`table_hint`; a date's is octavo.source.dates'
`date_hint`, front matter's alike). Imported only when a value is wrong: a book whose
book.toml is right never loads this module.
"""

from __future__ import annotations

from octavo.source.config_values import KNOWN

__all__ = ["table_hint"]


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
