"""Where a page that cannot be set is told (octavo.source.paper.print_keys): at the paper or
at the margin that leaves the text block too small (`too_small_at`, `wrong_key`), and which
margins to narrow (`to_narrow`); the smallest trim that can be (`smallest_trim`). Imported
only when the page cannot be set: a book whose page can be never loads this module.
"""

from __future__ import annotations

import math

from octavo.source.paper import SCALE, PaperError, page_setup
from octavo.source.text_block import MINIMUM, TextBlock

__all__ = ["smallest_trim", "to_narrow", "too_small_at", "wrong_key"]


def too_small_at(paper: str, margins: tuple[tuple[str, float], ...], block: TextBlock) -> str:
    """The key a text block under the minimum is told at: the paper when its own margins
    leave it too small too, else the widest margin given on the side that is short of it
    (top or bottom for the height, inner or outer for the width), else [margins]."""
    if wrong_key(paper, margins) == "paper":
        return "paper"
    given = dict(margins)
    short: tuple[str, ...] = ("top", "bottom") if block.short else ()
    narrow: tuple[str, ...] = ("inner", "outer") if block.narrow else ()
    sides = [s for s in short + narrow if s in given]
    return f"margins.{max(sides, key=lambda s: given[s])}" if sides else "margins"


def to_narrow(block: TextBlock) -> str:
    """What to narrow: 'top and bottom' for a short text block, 'inner and outer' for a
    narrow one."""
    short = ["top and bottom"] if block.short else []
    return ", ".join(short + (["inner and outer"] if block.narrow else []))


def wrong_key(paper: str, margins: tuple[tuple[str, float], ...]) -> str:
    """The key a page that cannot be set is told at: `margins` when the paper with its own
    margins can be (they leave it under 40 % for the text, or a text block too small),
    else `paper`."""
    if not margins:
        return "paper"
    try:
        page_setup(paper)
    except PaperError:
        return "paper"
    return "margins"


def smallest_trim() -> str:
    """The smallest trim, in octavo's own scaled margins, that holds MINIMUM: '2.6 x 4.27 in'."""
    width = max(2.0, MINIMUM[0] / (1 - SCALE["inner"] - SCALE["outer"]) / 72)
    height = MINIMUM[1] / (1 - SCALE["top"] - SCALE["bottom"]) / 72
    return f'"{math.ceil(width * 100) / 100:g} x {math.ceil(height * 100) / 100:g} in"'
