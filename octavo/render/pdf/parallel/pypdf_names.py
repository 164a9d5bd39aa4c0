"""pypdf writes each PDF name from its text, a character at a time, every time it is
written: writing the merged book (~10,000 names at 81 sections, ~100 distinct ones) took
~47 ms of the merge's ~50 ms write. `install` keeps each name's bytes, as
`NameObject.renumber` makes them, by its text: the same bytes, made once a process.

`renumber` is a function of the name's text alone (and of pypdf's escape table, fixed), so
the memo holds whatever pypdf's version makes; nothing of pypdf is re-written here.
"""

from __future__ import annotations

from typing import Any

__all__ = ["install", "installed"]

LIMIT = 4096  # names kept (a book has ~100; a long `invoke watch` session, a few more)


def install() -> None:
    """Memoize pypdf's NameObject.renumber in this process (once)."""
    from pypdf.generic import NameObject

    if installed():
        return
    made = NameObject.renumber
    kept: dict[str, bytes] = {}

    def renumber(self: Any) -> bytes:
        found = kept.get(self)
        if found is None:
            found = made(self)
            if len(kept) < LIMIT:
                kept[str(self)] = found
        return found

    renumber.octavo_memo = True  # type: ignore[attr-defined]
    renumber.__wrapped__ = made  # type: ignore[attr-defined]
    NameObject.renumber = renumber  # type: ignore[method-assign]


def installed() -> bool:
    from pypdf.generic import NameObject

    return getattr(NameObject.renumber, "octavo_memo", False) is True
