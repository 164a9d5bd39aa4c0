"""A page's characters in reading order, for its read-back: pdfplumber gives each line's
characters as they are drawn, left to right along the line (visual order), so an Arabic
or Hebrew word reads reversed ('مصر' as 'رصم') and no printed word matched the text it
is of. Each line is put back into logical order by undoing the Unicode bidirectional
algorithm's reordering (UAX #9, L2) on the embedding levels its characters resolve to.

A line is a run of characters, in the order drawn, along one baseline in one direction
(a spine's line is turned); its paragraph direction is the cover's (`rtl`). Letters take
their strong direction, figures the level of the letters about them (a right-to-left
paragraph's figures, or those between two right-to-left letters, read left to right
inside them), the rest (spaces, punctuation) that of the text on both its sides, else the
paragraph's. Visual order does not say whether figures between a Latin and an Arabic word
of a left-to-right line followed the one or the other: they are taken as the Latin's.

The check of a print cover (octavo.check.cover) reads through it; nothing here is the
cover's own, so another read-back (of the book's pages) may use it.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from octavo.model.language_tags import letter_direction

__all__ = ["reading_order"]

Drawn = Mapping[str, Any]  # a pdfplumber character: text, size, matrix (a b c d e f)

_LINE = 0.5  # of the type size: baselines nearer than this are one line's
_GAP = 4.0  # of the type size: characters farther apart along a line begin another


def reading_order(chars: Sequence[Drawn], rtl: bool) -> list[Drawn]:
    """`chars` (in the order drawn) with each line's in logical order; `rtl`: the
    paragraph direction of the page's text."""
    return [char for line in _lines(chars) for char in _logical(_along(line), rtl)]


def _axes(char: Drawn) -> tuple[float, float, float, float]:
    """The line's direction (unit vector), the origin's place along it and across it."""
    a, b, _, _, e, f = (float(v) for v in char["matrix"])
    length = math.hypot(a, b) or 1.0
    dx, dy = a / length, b / length
    return dx, dy, e * dx + f * dy, f * dx - e * dy


def _lines(chars: Sequence[Drawn]) -> Iterator[list[Drawn]]:
    line: list[Drawn] = []
    for char in chars:
        if line and not _same_line(line[-1], char):
            yield line
            line = []
        line.append(char)
    if line:
        yield line


def _same_line(last: Drawn, char: Drawn) -> bool:
    ax, ay, along_a, across_a = _axes(last)
    bx, by, along_b, across_b = _axes(char)
    size = max(float(last.get("size") or 1.0), float(char.get("size") or 1.0))
    return (
        math.isclose(ax, bx, abs_tol=1e-3)
        and math.isclose(ay, by, abs_tol=1e-3)
        and abs(across_a - across_b) < _LINE * size
        and abs(along_b - along_a) < _GAP * size
    )


def _along(line: list[Drawn]) -> list[Drawn]:
    """The line left to right along its direction (drawn so, save an inline box's order)."""
    return sorted(line, key=lambda char: _axes(char)[2])


def _logical(line: list[Drawn], rtl: bool) -> list[Drawn]:
    levels = _levels([_kind(str(c["text"])) for c in line], rtl)
    order = list(range(len(line)))
    for level in range(1, max(levels, default=0) + 1):  # L2 undone: its reversals backwards
        at = 0
        while at < len(order):
            if levels[order[at]] < level:
                at += 1
                continue
            end = at
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[at:end] = order[at:end][::-1]
            at = end
    return [line[i] for i in order]


def _kind(text: str) -> str:
    """'L', 'R' (a strong letter), 'N' (a figure) or '' (neutral), by the first character."""
    if not text:
        return ""
    way = letter_direction(text[0])
    if way:
        return "R" if way == "rtl" else "L"
    return "N" if unicodedata.bidirectional(text[0]) in ("EN", "AN") else ""


def _levels(kinds: list[str], rtl: bool) -> list[int]:
    base = 1 if rtl else 0
    strong = [k if k in ("L", "R") else "" for k in kinds]
    before, after = _nearest(strong), _nearest(strong[::-1])[::-1]
    edge = "R" if rtl else "L"
    levels = []
    for kind, left, right in zip(kinds, before, after, strict=True):
        left, right = left or edge, right or edge
        if kind == "R":
            levels.append(1)
        elif kind == "L":
            levels.append(2 if rtl else 0)
        elif kind == "N":
            levels.append(2 if rtl or left == right == "R" else 0)
        else:  # neutral: the direction on both sides
            levels.append(_neutral(left, right, base))
    return levels


def _neutral(left: str, right: str, base: int) -> int:
    if left == right == "R":
        return 1
    if left == right == "L":
        return 2 if base else 0
    return base


def _nearest(strong: list[str]) -> list[str]:
    """For each place, the strong direction last seen before it ('' for none)."""
    seen, out = "", []
    for kind in strong:
        out.append(seen)
        seen = kind or seen
    return out
