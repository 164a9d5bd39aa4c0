"""WeasyPrint 70 stops a dot leader at its line's right edge, short of a page number set past
it: here the dots run on to the number, on the same grid.

Why it matters: a contents entry whose title wraps is set as books set it (styles/print/
book.css, LaTeX's `\\@tocrmarg`): the title's lines stop short of the folios' column (the
link's `padding-right`), and its leader and folio run into that column (the `::after`'s
negative `margin-right`), the folio at the right of the title's last line. WeasyPrint
lays the leader's dots out (`weasyprint.layout.leader.handle_leader`) on a grid anchored
at the line's right edge, the column's left, and keeps only those left of that edge: the
dots stopped there, a gap of most of the column before the folio, and pdftotext (copy, a
screen reader of an untagged PDF) read the folios as a column of their own, after every
title (435696f, reverted in cdaf089).

What it patches: the name `handle_leader` in `weasyprint.layout.inline`, which
`iter_line_boxes` calls for each line. The shipped function runs first and its answer
stands unless what follows the leader ends past the line's right edge (the folio in the
column); then the leader's dots are laid again on a grid anchored where that content ends
(the right end of the folio, the same for every entry, so the dots of all lines stand in
columns), from the leader's start to its end (the room the shipped function gave it), as
the shipped function lays them from the line's edge: a line without such an overhang is
the same bytes, and an entry whose title fits one line prints its dots where the contents
printed them before the column (tests/unit/test_pdf_weasy_leaders.py). A right-to-left line
the mirror: its folio's column on the left (`padding-inline-end`), the dots laid again where
what follows the leader ends past the line's left edge, on a grid anchored at that end
(the folio's left), going right (a Hebrew or Arabic book's contents: the dots stopped at
the column there too).

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose `handle_leader`
still lays dots from the line's edge as read here (`SHAPE`) and whose `iter_line_boxes`
calls it by the module's name; otherwise WeasyPrint runs as shipped (the dots stop at the
column, as before).

To remove it (once WeasyPrint's leaders fill to what follows them): delete this module and
the `install()` call in octavo.render.pdf.document.load_html.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from octavo.render.pdf.weasy_patch import checked_sources, is_patched, replace

__all__ = ["install", "installed"]

CHECKED = "70."
SHAPE = (  # how handle_leader anchors its dots: at the line's right edge, going left
    "position_x = line.position_x + line.width\n"
    "        children = []\n"
    "        for i in range(number_of_leaders):\n"
    "            position_x -= text_box.width\n"
)
CALL = "handle_leader(context, line, containing_block)"
OVERHANG = 1e-6  # points: less is the float error of the shipped sums, not a column


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    from weasyprint.layout import inline, leader

    if installed():
        return True
    sources = checked_sources(CHECKED, (leader, "handle_leader"), (inline, "iter_line_boxes"))
    if sources is None or sources[0].count(SHAPE) != 1 or CALL not in sources[1]:
        return False
    return replace(
        inline, "handle_leader", lambda shipped: _reaching(shipped, leader.leader_index), leader
    )


def installed() -> bool:
    return is_patched("weasyprint.layout.inline", "handle_leader", "octavo_leaders")


def _reaching(
    shipped: Callable[..., None], leader_index: Callable[..., Any]
) -> Callable[..., None]:
    """`shipped` (WeasyPrint's handle_leader), then the dots laid again to what follows
    them where it ends past the line's edge."""

    @wraps(shipped)
    def handle_leader(context: Any, line: Any, containing_block: Any) -> None:
        index, leader = leader_index(line)
        dot = leader.children[0] if index is not None and leader.children else None
        shipped(context, line, containing_block)
        if dot is None or dot.width <= 0:
            return
        after = _following(line, index)
        if line.style["direction"] == "rtl":
            start = min((b.position_x for b in after), default=None)
            if start is None or start >= containing_block.content_box_x() - OVERHANG:
                return  # nothing past the line's left edge: the dots as shipped
            _lay_rightward(leader, dot, start)
            return
        anchor = max((b.position_x + b.margin_width() for b in after), default=None)
        if anchor is None or anchor <= line.position_x + line.width + OVERHANG:
            return  # nothing past the line's edge: the dots as shipped
        _lay(leader, dot, anchor)

    handle_leader.octavo_leaders = True  # type: ignore[attr-defined]
    return handle_leader


def _following(line: Any, index: tuple[int, Any]) -> list[Any]:
    """The boxes in normal flow after the leader, beside it in its parent, that print
    something: one of no width (a folio that reads as nothing) marks no place to reach."""
    parent, at = line, index
    while at[1] is not None:
        parent, at = parent.children[at[0]], at[1]
    return [b for b in parent.children[at[0] + 1 :] if b.is_in_normal_flow() and b.width > 0]


def _lay(leader: Any, dot: Any, anchor: float) -> None:
    """The leader's dots on the grid of `anchor` (going left from it, as the shipped
    function goes from the line's edge), each within the leader's room."""
    start, end, width = leader.position_x, leader.position_x + leader.width, dot.width
    children = []
    position_x = anchor
    for _ in range(int((anchor - start) // width) + 1):
        position_x -= width
        if position_x < start:
            break  # left of the leader: the text before it
        if position_x + width > end:
            continue  # right of the leader's room: the folio's
        copy = dot.copy()
        copy.position_x = position_x
        children.append(copy)
    leader.children = tuple(children)


def _lay_rightward(leader: Any, dot: Any, anchor: float) -> None:
    """`_lay` mirrored for a right-to-left line: the dots on the grid of `anchor` (the left
    end of what follows the leader), going right from it, each within the leader's room."""
    start, end, width = leader.position_x, leader.position_x + leader.width, dot.width
    children = []
    for step in range(int((end - anchor) // width) + 1):
        position_x = anchor + step * width
        if position_x + width > end:
            break  # right of the leader: the title's
        if position_x < start:
            continue  # left of the leader's room: the folio's
        copy = dot.copy()
        copy.position_x = position_x
        children.append(copy)
    leader.children = tuple(children)
