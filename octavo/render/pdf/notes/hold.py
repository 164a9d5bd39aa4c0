"""One layout with every note at home: WeasyPrint with its footnote reporting held back.

WeasyPrint 70 moves a page's notes to the next page when a paragraph's second line
overflows the page bottom and breaking after the first would leave an orphan
(`_linebox_layout`: "report" the notes, squeeze the line in). Everywhere else it breaks
the paragraph as orphans and widows ask. Holding that step back makes the paragraph move
whole to the next page instead, its note stays home, and nothing else changes.

The step is held back by renaming the one attribute that guards it (`in_column`) in that
function's code object to `octavo_hold`, a property that answers "do not report" and writes
down each paragraph where WeasyPrint would have reported notes. Raising that paragraph's
`orphans` by one (a mark, `data-octavo-fix="orphans-N"`, styled by styles/print/book.css)
makes WeasyPrint alone take the same decision, so the HTML written by `--html` lays out to
the same pages. Nothing of WeasyPrint's source is copied; if its code changes shape,
`held()` yields None and the caller falls back to laying out again with fixes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

__all__ = ["Held", "held", "held_last"]

GUARD = "in_column"
HOLD = "octavo_hold"


@dataclass(frozen=True, slots=True)
class Held:
    element: Any  # the element of the paragraph WeasyPrint wanted to squeeze
    orphans: int  # its orphans value: the mark raises it by one
    note_id: str  # the last note on the page, which WeasyPrint would have moved


_record: list[Held] | None = None


def _hold(context: Any) -> bool:
    """Read as `context.octavo_hold` by the patched `_linebox_layout`: never report."""
    frame = sys._getframe(1)
    if _record is not None and not context.in_column and context.current_page_footnotes:
        local = frame.f_locals
        if local.get("can_break_now") and not local.get("could_break_before"):
            box = local["box"]
            note = context.current_page_footnotes[-1]
            element = getattr(note, "element", None)
            note_id = element.get("id", "") if element is not None else ""
            _record.append(Held(box.element, int(box.style["orphans"]), note_id))
    return True


def held_last() -> Any:
    """The element of the paragraph held last (None: none), while holding."""
    return _record[-1].element if _record else None


@contextmanager
def held() -> Iterator[list[Held] | None]:
    """Within: WeasyPrint reports no notes; yields the list of paragraphs where it would."""
    global _record
    from weasyprint.layout import LayoutContext, block

    function = block._linebox_layout
    original = function.__code__
    if original.co_names.count(GUARD) != 1:
        yield None
        return
    if not hasattr(LayoutContext, HOLD):
        setattr(LayoutContext, HOLD, property(_hold))
    names = tuple(HOLD if name == GUARD else name for name in original.co_names)
    record: list[Held] = []
    _record = record
    function.__code__ = original.replace(co_names=names)
    try:
        yield record
    finally:
        function.__code__ = original
        _record = None
