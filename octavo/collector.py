"""Python's cyclic garbage collector paused where octavo makes many objects that stay
alive until the work is done, and few or no reference cycles.

The collector runs by counting allocations; it then goes over the young objects, and now
and then over every object, for cycles to free. Where a piece of work allocates a great
deal and keeps it (a book's rendered sections, a manuscript, a WeasyPrint layout) its
passes find nothing and grow with the heap; reference counting frees what is dropped
meanwhile either way, and what is left in cycles is collected once the collector runs
again. Used for the sections' rendering (octavo.render.drafts), the EPUB's build in the
process that renders it (octavo.api.epub) and WeasyPrint's layout and drawing
(octavo.render.pdf.weasy_gc).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused", "released"]


@contextmanager
def paused(kept: bool = False) -> Iterator[None]:
    """The collector disabled within; enabled again after (when it leaves by an exception
    too) if it was enabled before: nested, or in a process that disabled it itself, it
    is left as it was found. `kept`: what is alive as the pause ends is first moved out of
    the collector's reach (gc.freeze) until `released`: a build's objects, which the
    process holds while it writes the output and then ends, were all young, and the first
    allocation after the pause collected them (~25 ms after an 81-section parallel PDF)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if kept:
            gc.freeze()
        if enabled:
            gc.enable()


def released() -> None:
    """What a `paused(kept=True)` kept, in the collector's reach again: called as a build
    begins, so a long-lived process (`invoke watch`, `invoke all`) collects the last
    build's cycles with the next."""
    gc.unfreeze()
