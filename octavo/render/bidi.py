"""Text's order on a line as Unicode's bidirectional algorithm (UAX #9) sets it, for a line
octavo draws itself in more than one face (octavo.render.epub.cover_runs): each
character's level by the rules text without explicit embeddings or isolates needs (W1-W3
and W7, N1-N2, I1-I2: a title's words, figures and punctuation), and runs reordered by
those levels (L2). A run's own characters are left to raqm to order.
"""

from __future__ import annotations

import unicodedata
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
    """Each character's embedding level (UAX #9 without explicit embeddings or isolates:
    a title's words, figures and punctuation) on a base of 1 (`rtl`) or 0."""
    base = 1 if rtl else 0
    kinds = _weak_resolved([unicodedata.bidirectional(c) for c in text], base)
    strong = ["R" if k in ("EN", "AN") else k for k in kinds]  # N1: figures count as R
    edge = "R" if rtl else "L"
    for i, kind in enumerate(strong):
        if kind in ("L", "R"):
            continue
        before = next((k for k in reversed(strong[:i]) if k in ("L", "R")), edge)
        after = next((k for k in strong[i + 1 :] if k in ("L", "R")), edge)
        kinds[i] = before if before == after else edge  # N1, else N2
    return tuple(_level(kind, base) for kind in kinds)


def _weak_resolved(kinds: list[str], base: int) -> list[str]:
    """W1 (a mark takes its character's type), W2-W3 (a figure after Arabic letters is
    Arabic, AL is R), W7 (a figure after a Latin letter is L); the rest neutral."""
    last_strong = "R" if base else "L"
    resolved: list[str] = []
    for kind in kinds:
        if kind == "NSM":
            kind = resolved[-1] if resolved else last_strong
        if kind in ("L", "R", "AL"):
            last_strong = kind
        elif kind == "EN" and last_strong == "AL":
            kind = "AN"
        elif kind == "EN" and last_strong == "L":
            kind = "L"
        resolved.append(kind)
    return ["R" if k == "AL" else k if k in ("L", "R", "EN", "AN") else "ON" for k in resolved]


def _level(kind: str, base: int) -> int:
    """I1-I2."""
    if base == 0:
        return {"R": 1, "AN": 2, "EN": 2}.get(kind, 0)
    return 2 if kind in ("L", "EN", "AN") else 1
