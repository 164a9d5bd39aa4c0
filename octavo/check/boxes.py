"""What the print read-backs (octavo.check.press for the book, octavo.check.cover for the
cover) share to compare a PDF's boxes with the ones asked for: the tolerance of reading
back, a box grown by the bleed, and a box written in points for a message."""

from __future__ import annotations

__all__ = ["TOLERANCE", "close", "grow", "pts"]

TOLERANCE = 1.0  # points: rounding in WeasyPrint and in the reading back


def close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """The same lengths, within TOLERANCE each."""
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))


def grow(box: tuple[float, ...], by: float) -> tuple[float, ...]:
    """A box (left, bottom, right, top) grown by `by` on every side."""
    left, bottom, right, top = box
    return (left - by, bottom - by, right + by, top + by)


def pts(values: tuple[float, ...]) -> str:
    """'[0.00 0.00 432.00 648.00]'."""
    return "[" + " ".join(f"{v:.2f}" for v in values) + "]"
