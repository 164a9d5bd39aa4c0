"""WeasyPrint 70 moves a right-to-left block with an `auto` side margin by the room left
on its line as well as giving that room to the margin: here such a block stays where its
margins put it.

Why it matters: `![Map](map.png){width=40%}` in a book written right to left is a figure
40 % wide centred by `margin: 1em auto` (styles/print/book.css), and it was printed past
the page's left edge (x = 349-483 pt on a 420 pt A5 page; `invoke check` said E642).
`block_level_width` (weasyprint.layout.block) first right-aligns a right-to-left box,
adding the room left (the containing block's width less the box's and its margins' that
are not `auto`) to `position_x`, and then sets the `auto` margins from that same room; a
box's left margin is part of its `position_x`, so a box centred so is moved twice, by
the room and by half of it. CSS 2.1 §10.3.3 right-aligns a right-to-left box only when
the widths are over-constrained (no margin `auto`): with an `auto` margin the margins
take the room, in either direction. A box wider than its container (its `auto` margins
set to 0, over-constrained) keeps the shipped shift, which runs it out on the left as
the rule says.

What it patches: the name `block_level_width` in `weasyprint.layout.block`, by which its
own layouts and `column`, `replaced`, `grid` and `flex` call it (they import it when they
run). The wrapper calls the shipped function
and, for a box whose containing block is right to left, had an `auto` side margin and
fits, puts `position_x` back where it was before the call. A left-to-right box, and so a
book without a right-to-left passage, is the same bytes.

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose
`block_level_width` reads as here (`SHAPE`); otherwise WeasyPrint runs as shipped (the
figure runs off the page; the test of the shipped function says whether the defect is
still there). Report: docs/upstream/weasyprint-rtl-auto-margins.md.

To remove it (once WeasyPrint leaves an `auto`-margined right-to-left box in place):
delete this module and the `install()` call in octavo.render.pdf.document.load_html.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from octavo.render.pdf.weasy_patch import checked_source, is_patched, replace

__all__ = ["install", "installed"]

CHECKED = "70."
SHAPE = (  # the shift, made before the `auto` margins are given the same room
    "    if direction == 'rtl' and not box.is_column:\n"
    "        box.position_x += cb_width - padding_plus_border - box.width\n"
)
MARGINS = "    margin_sum = cb_width - padding_plus_border - box.width\n"


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    from weasyprint.layout import block

    if installed():
        return True
    shipped = checked_source(CHECKED, block, "block_level_width")
    if shipped is None or shipped.count(SHAPE) != 1 or MARGINS not in shipped:
        return False
    if shipped.index(SHAPE) > shipped.index(MARGINS):
        return False
    return replace(block, "block_level_width", _in_place)


def installed() -> bool:
    return is_patched("weasyprint.layout.block", "block_level_width", "octavo_margins")


def _in_place(shipped: Callable[..., None]) -> Callable[..., None]:
    """`shipped` (WeasyPrint's block_level_width), a right-to-left box with an `auto` side
    margin that fits left where its margins put it."""

    @wraps(shipped)
    def block_level_width(box: Any, containing_block: Any, with_min_max: bool = True) -> None:
        before = box.position_x
        given = (box.margin_left, box.margin_right)
        shipped(box, containing_block, with_min_max)
        if "auto" not in given or box.is_column or not hasattr(containing_block, "style"):
            return
        if containing_block.style["direction"] != "rtl":
            return
        edges = (
            box.padding_left
            + box.padding_right
            + box.border_left_width
            + box.border_right_width
            + box.width
            + sum(margin for margin in given if margin != "auto")
        )
        if edges <= containing_block.width:  # not over-constrained: the margins took the room
            box.position_x = before

    block_level_width.without_min_max = partial(  # type: ignore[attr-defined]
        block_level_width, with_min_max=False
    )
    block_level_width.octavo_margins = True  # type: ignore[attr-defined]
    return block_level_width
