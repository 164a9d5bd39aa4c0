"""Text's order on a line as Unicode's bidirectional algorithm (UAX #9) sets it, for a line
octavo draws itself in more than one face (octavo.render.epub.cover_runs): each
character's level as ICU resolves it, and the runs of one face and level reordered by
those levels (L2: PyICU's Bidi.reorderVisual gives back the order it was given). A run's
own characters are left to raqm to order.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["levels", "visual_order"]


def visual_order(levels: list[int]) -> list[int]:
    """L2: the indices of runs at `levels` (in logical order), left to right as drawn:
    from the highest level to the lowest odd one, each sequence of runs at that level or
    higher reversed."""
    order = list(range(len(levels)))
    if not order:
        return order
    at = list(levels)
    for level in range(max(at), (min(at) | 1) - 1, -1):
        i = 0
        while i < len(order):
            if at[i] < level:
                i += 1
                continue
            j = i
            while j < len(order) and at[j] >= level:
                j += 1
            order[i:j], at[i:j] = order[i:j][::-1], at[i:j][::-1]
            i = j
    return order


@lru_cache(maxsize=256)
def levels(text: str, rtl: bool) -> tuple[int, ...]:
    """Each character's embedding level on a paragraph of level 1 (`rtl`) or 0, as ICU's
    implementation of the whole algorithm resolves them (paired brackets, weak and neutral
    types, marks): PyICU, which octavo has for collation."""
    from icu import Bidi, UnicodeString

    bidi = Bidi()
    bidi.setPara(UnicodeString(text), 1 if rtl else 0)
    units = bidi.getLevels()  # one a UTF-16 unit: a character past U+FFFF has two
    resolved: list[int] = []
    at = 0
    for char in text:
        resolved.append(units[at])
        at += 2 if ord(char) > 0xFFFF else 1
    return tuple(resolved)
