"""CPython 3.11 maps and unmaps a piece of memory for many of WeasyPrint's small calls:
here WeasyPrint's layout and drawing run with room enough for all their frames.

Why it matters: CPython 3.11 keeps Python frames on a stack of 16 KiB chunks. A call
whose frame does not fit in the current chunk gets a new chunk (an mmap), which is
unmapped (munmap) as soon as that call returns, so a small function called again and
again from a frame that sits at a chunk's edge costs two system calls and a page fault
each time. WeasyPrint's layout recursion is deep, and where the edge falls depends on how
deep the caller is: on octavo's chapters it fell on the hottest small calls (the
`margin_width()`s of `layout.float.avoid_collisions`, called three times for every line,
and of the preferred widths of table cells): ~25,000 mmap/munmap pairs a chapter, 5-8 %
of its CPU (py-spy --native; strace -c; the minor page faults in resource.getrusage).

What it patches: `weasyprint.HTML.render` and `weasyprint.document.Document.write_pdf`,
which octavo calls for all of a part's layout and drawing. Each now calls the shipped
method from a function whose frame asks for a large value stack (`ROOM` slots, never
used): CPython gives that frame a chunk of its own, big enough for the frame and for the
whole recursion below it, so no call below it needs a new chunk, wherever the caller is.
Nothing else changes: the same function is called with the same arguments, and the PDFs
are the same bytes (tests/unit/test_pdf_weasy_stack.py; the reference PDFs compared with
`cmp`). A recursion deeper than the room gets chunks as before.

Checked against: CPython 3.11 (whose frames live in chunks, `Python/pystate.c`'s
push_chunk) and WeasyPrint 70.0; on another Python or WeasyPrint `install()` does nothing.
It is CPython's known issue gh-142183 ("Calls across stack chunks perform badly"), fixed
for 3.13 and 3.14 by keeping one spare chunk a thread (gh-145789, gh-146123), not for 3.11:
once octavo runs on a Python with that fix, delete this module and its `install()` call in
octavo.render.pdf.document.load_html (its test then says the edge no longer faults).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

from octavo.render.pdf.weasy_patch import checked_sources, layout_methods, layout_patched, replace

__all__ = ["ROOM", "install", "installed", "roomy"]

CHECKED = "70."
CHECKED_PYTHON = (3, 11)
ROOM = 1 << 15  # slots (8 bytes each): a frame of 256 KiB, in a chunk of 512 KiB


def install() -> bool:
    """Patch this process's WeasyPrint if it and this Python are versions checked here
    (once; cheap after); True if the patch is in place."""
    if installed():
        return True
    if sys.version_info[:2] != CHECKED_PYTHON:
        return False
    patched = layout_methods()
    if checked_sources(CHECKED, *patched) is None:
        return False
    return all([replace(cls, name, roomy) for cls, name in patched])


def installed() -> bool:
    return layout_patched("octavo_room")


def roomy(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method`, called from a frame with `ROOM` slots of stack to spare."""

    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        return _in_room(method, args, kwargs)

    call.octavo_room = True  # type: ignore[attr-defined]
    return call


def _in_room(function: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    return function(*args, **kwargs)


_in_room.__code__ = _in_room.__code__.replace(co_stacksize=_in_room.__code__.co_stacksize + ROOM)
