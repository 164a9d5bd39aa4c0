"""The hints for a book.toml value of the wrong shape (octavo.source.config_values): a
book's own key written under a [table] (`table_hint`), a date written as a TOML number or
date, or in another script's figures (`quote_hint`). Imported only when a value is wrong:
a book whose book.toml is right never loads this module.
"""

from __future__ import annotations

import datetime

from octavo.source.config_values import KNOWN
from octavo.source.dates import ascii_figures

__all__ = ["quote_hint", "table_hint"]


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


def quote_hint(key: str, value: object, *, month: bool) -> str:
    """The hint for a date book.toml holds as a TOML number or date (`date = 1995`), not
    the quoted string it takes: the same date quoted, as far as it can be told; one in
    another script's figures ("١٩٩٥-٠٦"): the same in 0-9."""
    if figures := ascii_figures(value):  # "١٩٩٥-٠٦": TOML's and YAML's dates are 0-9
        return f'write it in the figures 0-9: {key} = "{figures}"'
    if isinstance(value, (str, bool)):
        return ""
    if isinstance(value, datetime.date):  # a TOML date or date-time: its month, or its day
        example = f"{value:%Y-%m}" if month else f"{value:%Y-%m-%d}"
    elif isinstance(value, int) and not month:
        example = str(value)
    else:
        return f'write it quoted: {key} = "{"1995-06" if month else "1995"}"'
    return f'quote it: {key} = "{example}"'
