"""What a print cover should be, for its read-back (octavo.check.cover): the plan's
sizes, the texts it prints, and where on it each side's text may lie (lengths in points,
from the trim's top-left corner)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from octavo.check.boxes import TOLERANCE

__all__ = [
    "BARCODE",
    "EDGE",
    "Box",
    "Char",
    "CoverPlan",
    "Expected",
    "meets",
    "safe_area",
    "side_of",
    "within",
]

EDGE = 18.0  # points (0.25 in) between the trim's edges and text
FOLD = 9.0  # points (1/8 in) between a fold and the text of the back or the front
SPINE_FOLD = 4.5  # points (1/16 in) between a fold and the spine's text
BARCODE = (144.0, 86.4)  # points: 2 x 1.2 in


@dataclass(frozen=True, slots=True)
class Expected:
    """A text the cover prints whole on a side ("back", "spine", "front"), told at its key's
    line."""

    side: str
    key: str  # 'title', 'subtitle', 'description', 'publisher'
    text: str
    file: Path | None = None
    line: int | None = None
    required: bool = True  # False: it may be left out (a spine's, where what fitted is not
    # known); where it is printed in place, it is not taken for another text moved


@dataclass(frozen=True, slots=True)
class CoverPlan:
    """What the cover should be; lengths in points."""

    width: float  # of one side
    height: float
    spine: float
    bleed: float
    expected: tuple[Expected, ...] = ()
    made: str = ""  # what the size was worked out from, told with a trim not of that size
    given: bool = False  # a cover given to check (`invoke check`), not one just laid out:
    # it may be another book's
    rtl: bool = False  # a right-to-left book's: bound on the right, its cover the mirror,
    # front | spine | back, and its text read right to left

    def left_of(self, side: str) -> float:
        """Where `side` begins, from the trim's left edge."""
        if side == "spine":
            return self.width
        first = "front" if self.rtl else "back"
        return 0.0 if side == first else self.width + self.spine


Char = tuple[float, float, float, float, str]  # x0, top, x1, bottom, text
Box = tuple[float, ...]  # x0, top, x1, bottom (a character's text after them)


def side_of(char: Char, plan: CoverPlan) -> str:
    middle = (char[0] + char[2]) / 2
    if middle < plan.width:
        return "front" if plan.rtl else "back"
    if middle < plan.width + plan.spine:
        return "spine"
    return "back" if plan.rtl else "front"


def safe_area(side: str, plan: CoverPlan) -> tuple[float, float, float, float]:
    """Where a side's text may lie: (x0, top, x1, bottom) from the trim's top-left."""
    fold = plan.width
    if side == "spine":
        return (fold + SPINE_FOLD, EDGE, fold + plan.spine - SPINE_FOLD, plan.height - EDGE)
    left = plan.left_of(side)
    fold_left = (side == "front") != plan.rtl  # the fold on the side's left
    return (
        left + (FOLD if fold_left else EDGE),
        EDGE,
        left + plan.width - (EDGE if fold_left else FOLD),
        plan.height - EDGE,
    )


def within(box: Box, limits: Box) -> bool:
    return (
        box[0] >= limits[0] - TOLERANCE
        and box[1] >= limits[1] - TOLERANCE
        and box[2] <= limits[2] + TOLERANCE
        and box[3] <= limits[3] + TOLERANCE
    )


def meets(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return (
        a[0] < b[2] - TOLERANCE
        and b[0] < a[2] - TOLERANCE
        and a[1] < b[3] - TOLERANCE
        and b[1] < a[3] - TOLERANCE
    )
