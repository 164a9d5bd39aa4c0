"""No word hyphenated across a page turn: a paragraph whose last line on a page would end
with a hyphen WeasyPrint put in sends that line on to the next page too.

WeasyPrint 70 has no `hyphenate-limit-last` (CSS Text 4: `page`): its page breaks follow
orphans and widows alone, and a word broken across the turn ("constitu- / tion") ended 19 of
the 130 text pages of an 81-section study. Books avoid it (Chicago 7.38; LaTeX's
\\brokenpenalty): here the line ending in the hyphen goes on to the next page with the rest,
the page one line shorter, as widows already leave pages; orphans are kept (the line stays
where moving it would leave fewer than the paragraph's `orphans` lines behind), and so are
columns (the index), table cells and paragraphs with more than `MOST` lines after the break.

How: during the held layout (octavo.render.pdf.notes.place, its first), WeasyPrint's
`_break_line` is given one more line to move (two, if the next one up ends in a hyphen too),
and each paragraph so moved is written down with the lines it then has on the next page, K.
Marked `widows-K` (`data-octavo-fix`, styled by styles/print/book.css), it is broken at the
same line by WeasyPrint alone: with widows K, the K - 1 lines after the overflowing one are
all the paragraph has, so WeasyPrint moves back exactly the lines moved here. The `--html`
output therefore lays out to the same pages, and a later layout (a note's fix) too. No
paragraph is marked unless it ends on that next page (at most `MOST` lines after the
break), so a larger widows never touches another of its breaks.

WeasyPrint makes a page again when page numbers it reads change (`target-counter`: a page
reference): its breaks are then decided again, and the last decision of each is the one
kept (by paragraph and where its lines on the page start).

The lines after the break are counted by wrapping `iter_line_boxes` (the generator
`_linebox_layout` reads lines from) for the held layout only; those not yet laid out are
laid out to be counted, which WeasyPrint does again on the next page (a few lines, only
where a hyphen ends a page). If WeasyPrint's code changes shape, nothing is patched.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

from octavo.render.pdf.notes import hold
from octavo.render.pdf.weasy_patch import checked_source

__all__ = ["MOST", "WIDEST", "Moved", "hyphens_held"]

CHECKED = "70."  # the WeasyPrint read
MOST = 10  # lines after the break, at most, for a paragraph to be moved (it ends next page)
WIDEST = 13  # the largest widows-N mark styles/print/book.css has a rule for
MOST_ORPHANS = 6  # the largest orphans-N mark it has: a paragraph moved whole has fewer lines
DEEPEST = 2  # lines moved at most: the hyphenated one, and one more if it is hyphenated too
PARAGRAPHS = frozenset({"p"})
_BREAK_LINE = (  # what `_break_line` must still read as, to be wrapped
    "over_orphans = len(new_children) - box.style['orphans']",
    "if needed and needed <= over_orphans:",
    "del new_children[-needed:]",
)
_CALLER = ("lines_iterator = iter_line_boxes(", "report = not context.in_column")


@dataclass(frozen=True, slots=True)
class Moved:
    element: Any  # the paragraph's element
    marks: tuple[str, ...]  # widows-N (its lines on the next page); or orphans-N with it


class _Counted:
    """`iter_line_boxes`'s lines, counted as `_linebox_layout` takes them; `start`: where
    in its paragraph they start (its skip stack, as text; "None": the paragraph begins)."""

    __slots__ = ("count", "lines", "start")

    def __init__(self, lines: Iterator[Any], start: str) -> None:
        self.lines, self.count, self.start = lines, 0, start

    @property
    def begun(self) -> bool:
        return self.start == "None"

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> Any:
        line = next(self.lines)
        self.count += 1
        return line


# the paragraphs moved, by (element, where its lines on the page start): a page WeasyPrint
# makes again (page references read their pages' numbers) decides again, the last kept
Record = dict[tuple[Any, str], Moved]


@contextmanager
def hyphens_held() -> Iterator[Record | None]:
    """Within: no paragraph's line ends a page with an inserted hyphen (where orphans
    allow); yields the paragraphs moved so (None: WeasyPrint's code is not as read)."""
    from weasyprint.layout import block

    source = checked_source(CHECKED, block, "_break_line") or ""
    caller = checked_source(CHECKED, block, "_linebox_layout") or ""
    if not all(s in source for s in _BREAK_LINE) or not all(s in caller for s in _CALLER):
        yield None
        return
    breaking, lines = block._break_line, block.iter_line_boxes
    record: Record = {}
    block._break_line = _moving(breaking, record)
    block.iter_line_boxes = _counting(lines)
    try:
        yield record
    finally:
        block._break_line, block.iter_line_boxes = breaking, lines


def _counting(lines: Any) -> Any:
    def iter_line_boxes(*args: Any, **kwargs: Any) -> _Counted:
        skip_stack = args[4] if len(args) > 4 else kwargs.get("skip_stack")
        return _Counted(lines(*args, **kwargs), repr(skip_stack))

    return iter_line_boxes


def _moving(breaking: Any, record: Record) -> Any:
    def _break_line(
        context: Any,
        box: Any,
        line: Any,
        new_children: list[Any],
        needed: int,
        page_is_empty: bool,
        *rest: Any,
    ) -> Any:
        if not page_is_empty and not context.in_column:
            caller = sys._getframe(1)
            needed = _needed(context, box, new_children, needed, caller, rest, record)
        return breaking(context, box, line, new_children, needed, page_is_empty, *rest)

    return _break_line


def _needed(
    context: Any,
    box: Any,
    lines: list[Any],
    needed: int,
    caller: Any,
    rest: tuple[Any, ...],
    record: Record,
) -> int:
    """`needed` (the lines WeasyPrint moves on for widows), more if the last line left would
    end with an inserted hyphen: one or two more lines, or, where that would leave fewer
    than `orphans` lines behind, the paragraph whole (one that begins on this page)."""
    element = getattr(box, "element", None)
    if element is None or element.tag not in PARAGRAPHS or box.element_tag != element.tag:
        return needed
    local = caller.f_locals
    counted = local.get("lines_iterator")
    if not isinstance(counted, _Counted) or "report" not in local:  # not a page's overflow
        return needed
    record.pop((element, counted.start), None)  # this break decided anew (a page made again)
    if hold.held_last() is element:
        return needed  # held for a note at this break: its own mark
    hyphen = str(box.style["hyphenate_character"])
    room = len(lines) - int(box.style["orphans"])  # lines that may leave, orphans kept
    if room < 0 or needed > room or not _hyphenated(lines[-needed - 1], hyphen):
        return needed  # as WeasyPrint breaks it (or moves it whole)
    moved = next(  # the fewest lines to move so that the last one left ends a word
        (
            m
            for m in range(needed + 1, min(room, needed + DEEPEST) + 1)
            if not _hyphenated(lines[-m - 1], hyphen)
        ),
        None,
    )
    whole = moved is None
    if whole and room >= needed + DEEPEST:
        return needed  # DEEPEST hyphens in a row: left as WeasyPrint breaks it
    if whole and (not counted.begun or len(lines) + 1 > MOST_ORPHANS):
        return needed  # begun on a page before, or too long to move whole: left as it is
    after = _after(context, counted, len(lines), rest)
    if after > MOST:
        return needed  # a long paragraph: it may break again, where its mark would act
    if moved is None:  # WeasyPrint alone: too few lines for orphans, no notes squeezed away
        widows = after + 2 if after else 0
        marks = (f"orphans-{len(lines) + 1}",) + ((f"widows-{widows}",) if widows else ())
        moved = room + 1  # more than orphans allow: the paragraph goes on whole
    else:  # WeasyPrint alone: widows K, all the lines after the break, moves `moved` back
        widows = 1 + after + moved
        marks = (f"widows-{widows}",)
    if widows > WIDEST:
        return needed
    record[element, counted.start] = Moved(element, marks)
    return moved


def _after(context: Any, counted: _Counted, placed: int, rest: tuple[Any, ...]) -> int:
    """The paragraph's lines after the overflowing one (up to MOST + 1): those taken for
    widows, and the rest laid out now to be counted (their placeholders removed, as
    WeasyPrint removes those of the lines it takes for widows)."""
    from weasyprint.layout.block import remove_placeholders

    absolute_boxes, fixed_boxes = rest[3], rest[4]  # after index, skip_stack, resume_at
    after = counted.count - placed - 1
    for next_line, _ in islice(counted, max(0, MOST + 1 - after)):
        remove_placeholders(context, next_line.children, absolute_boxes, fixed_boxes)
        after += 1
    return after


def _hyphenated(line: Any, hyphen: str) -> bool:
    """Does the line end with the hyphen WeasyPrint adds where it breaks a word?"""
    from weasyprint.formatting_structure import boxes

    last = ""
    for box in line.descendants():
        if isinstance(box, boxes.TextBox) and box.text:
            last = box.text
    return bool(hyphen) and last.endswith(hyphen)
