"""WeasyPrint 70 sets a `text-indent` at a right-to-left line's left, its end: here the
first line of a right-to-left paragraph is moved to its start, the right.

Why it matters: a reference list's or glossary's entry hangs (base.css: `text-indent:
-1.5em` and the padding on its start side), and in a book written right to left its first
line ran out 1.5 em into the left margin, its right end 1.5 em short of the other lines'
start, so print set such entries flush (cdaf089's styles). `get_next_linebox`
(weasyprint.layout.inline) lays a line's boxes out from `position_x + text_indent`, the
left, and then places a right-to-left line by its width from the right edge: the indent
takes its width off the line at the left. The first line is as wide as CSS makes it (the
container's width less the indent), only in the wrong place; moved by the indent to the
right (left for a positive indent), it stands where css-text-3 puts it, whatever its
alignment (start, end, centre, justified: tests/unit/test_pdf_weasy_indent.py).

What it patches: the name `iter_line_boxes` in `weasyprint.layout.block`, which
`_linebox_layout` calls for a block's lines. The shipped generator runs; the first line
of a block laid out from its start (no `skip_stack`: not a paragraph's continuation on a
new page) whose direction is right to left and whose indent is not zero is translated by
minus the indent before it is handed on (its floats left where they are, as WeasyPrint's
own alignment leaves them). Every other line is as shipped: a left-to-right line, and so a
book without a right-to-left passage, is the same bytes.

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose `iter_line_boxes`
and `get_next_linebox` read as here (`SHAPE`, `LAID`) and whose `_linebox_layout` calls
the generator by the block module's name; otherwise WeasyPrint runs as shipped (a
right-to-left entry's first line hangs into the left margin; the test of the shipped
function says whether the defect is still there).

To remove it (once WeasyPrint indents a right-to-left line at its right): delete this
module and the `install()` call in octavo.render.pdf.document.load_html.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from octavo.render.pdf.weasy_patch import checked_sources, is_patched, replace

__all__ = ["install", "installed"]

CHECKED = "70."
SHAPE = (  # the indent kept for the first line only, reset after it is handed on
    "        yield line, resume_at\n"
    "        if resume_at is None:\n"
    "            return\n"
    "        skip_stack = resume_at\n"
    "        box.text_indent = 0\n"
)
LAID = "position_x += linebox.text_indent"  # get_next_linebox: the indent at the left
CALL = "lines_iterator = iter_line_boxes("


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    from weasyprint.layout import block, inline

    if installed():
        return True
    sources = checked_sources(
        CHECKED,
        (inline, "iter_line_boxes"),
        (inline, "get_next_linebox"),
        (block, "_linebox_layout"),
    )
    if sources is None:
        return False
    shipped, laying, caller = sources
    if shipped.count(SHAPE) != 1 or laying.count(LAID) != 1 or CALL not in caller:
        return False
    return replace(block, "iter_line_boxes", _indented, shipped_in=inline)


def installed() -> bool:
    return is_patched("weasyprint.layout.block", "iter_line_boxes", "octavo_indent")


def _indented(shipped: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """`shipped` (WeasyPrint's iter_line_boxes), the first line of a right-to-left block
    moved by its indent from the line's left to its right."""

    @wraps(shipped)
    def iter_line_boxes(
        context: Any, box: Any, position_y: Any, bottom_space: Any, skip_stack: Any, *rest: Any
    ) -> Iterator[Any]:
        lines = shipped(context, box, position_y, bottom_space, skip_stack, *rest)
        first = skip_stack is None and box.style["direction"] == "rtl"
        for line, resume_at in lines:
            if first and box.text_indent:
                line.translate(dx=-box.text_indent, ignore_floats=True)  # as WeasyPrint's own shift
            first = False
            yield line, resume_at

    iter_line_boxes.octavo_indent = True  # type: ignore[attr-defined]
    return iter_line_boxes
