"""WeasyPrint lays out and draws with Python's cyclic garbage collector held off.

Why it matters: a layout makes millions of objects that stay alive until it ends (the
box tree, its copies split across pages, the pages, their drawing). Python's collector
runs by counting allocations, so during a layout it runs again and again over a heap
that only grows, and finds nothing to free: on the 81-section study laid out in one
process, 12 full collections took 1.8-2.9 s of a build of 10-13 s (gc.callbacks timing),
9 of them freeing no object at all. The collector is not needed there: what a layout
throws away is freed as its references go (reference counting does not pause), and the
few cycles it leaves are collected once the collector runs again, after the layout.

What it patches: `weasyprint.HTML.render` and `weasyprint.document.Document.write_pdf`,
through which octavo has WeasyPrint lay out and draw every document (as
octavo.render.pdf.weasy_stack, which may wrap the same methods; either order works). Each
call disables the collector and, when it returns or raises, enables it again if it was
enabled before: a call inside another, or in a process that disabled it itself, leaves it
as it found it. Nothing else changes, so the PDFs are the same bytes (the reference PDFs
compared with `cmp`); the peak memory of that one-process build rose from 239 to 243 MiB,
where a collector disabled for the whole build took 276 MiB (its cycles never freed).
No version of WeasyPrint or Python is assumed: the patch only calls the method it wraps.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from octavo.collector import paused
from octavo.render.pdf.weasy_patch import layout_methods, layout_patched

__all__ = ["held_off", "install", "installed"]


def install() -> bool:
    """Patch this process's WeasyPrint (once; cheap after); True once in place."""
    if not installed():
        for cls, name in layout_methods():
            setattr(cls, name, held_off(getattr(cls, name)))
    return True


def installed() -> bool:
    return layout_patched("octavo_gc")


def held_off(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method`, run with the cyclic collector disabled, then as it was."""

    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        with paused():
            return method(*args, **kwargs)

    call.octavo_gc = True  # type: ignore[attr-defined]
    return call
