"""The texts a print cover prints, read back (E646): each printed whole where it belongs,
on its side, inside the side's margins, clear of the barcode's space."""

from __future__ import annotations

import re
from collections.abc import Iterator

from octavo.check.boxes import pts
from octavo.check.cover_plan import (
    Box,
    Char,
    CoverPlan,
    Expected,
    meets,
    safe_area,
    side_of,
    within,
)
from octavo.errors import Diagnostic, error

__all__ = ["texts_in_place"]

_NOT_WORD = re.compile(r"[\W_]+")


def texts_in_place(
    chars: tuple[Char, ...], barcodes: tuple[Box, ...], plan: CoverPlan
) -> Iterator[Diagnostic]:
    """Each expected text printed whole where it belongs: on its side, inside the side's
    margins, clear of the barcode's space. Its printings are looked for on the whole page:
    one that is in place for no expected text is a text moved (a subtitle onto the spine,
    within the spine's margins; a publisher wholly inside the barcode's space), told where
    it lies; a text printed nowhere out of place did not fit on its side (WeasyPrint drops
    what overflows it, without a word)."""
    folded, owners = _folded_chars(chars)
    runs = {e: tuple(_runs(folded, owners, _folded(e.text), chars)) for e in plan.expected}
    titles = [e for e in plan.expected if e.key == "title" and _folded(e.text)]
    if plan.given and titles and not any(runs[e] for e in titles):
        yield _another(titles[0])  # its other texts missing say nothing more
        return
    placed = {
        e: tuple(r for r in found if _in_place(r, barcodes, e.side, plan))
        for e, found in runs.items()
    }
    claimed = {r for found in placed.values() for r in found}  # runs compare by their chars
    for expected, found in runs.items():
        if placed[expected] or not expected.required or not _folded(expected.text):
            continue
        stray = [r for r in found if r not in claimed]
        yield _moved(expected, stray[0], barcodes, plan) if stray else _cut(expected, chars, plan)


def _another(title: Expected) -> Diagnostic:
    """A cover given to check that prints the book's title nowhere: `invoke cover` refuses
    one whose title is cut, so it is another book's, or made before the title changed."""
    return error(
        "E646",
        f"the cover prints the book's title ({title.text[:40]!r}) nowhere: it is not the "
        "cover of this book as it is",
        title.file,
        title.line,
        hint="check this book's cover (`invoke check --cover FILE`), or build it again "
        "with `invoke cover`",
    )


def _moved(
    expected: Expected, run: tuple[Char, ...], barcodes: tuple[Box, ...], plan: CoverPlan
) -> Diagnostic:
    box = (
        min(c[0] for c in run),
        min(c[1] for c in run),
        max(c[2] for c in run),
        max(c[3] for c in run),
    )
    under = any(meets(c[:4], r) for c in run for r in barcodes)
    where = (
        "under the barcode's space"
        if under
        else f"outside the {expected.side}'s margins {pts(safe_area(expected.side, plan))}"
    )
    return error(
        "E646",
        f"the {expected.side}'s '{expected.key}' ({expected.text[:40]!r}) lies at {pts(box)}, "
        f"{where} (points from the trim's top-left)",
        expected.file,
        expected.line,
        hint="the book's cover stylesheet moved it: keep it on its side, 0.25 in inside the "
        "trim and 1/8 in from a fold (the spine's 1/16 in), off the barcode's space",
    )


def _cut(expected: Expected, chars: tuple[Char, ...], plan: CoverPlan) -> Diagnostic:
    printed = _folded("".join(c[4] for c in chars if side_of(c, plan) == expected.side))
    words = expected.text.split()
    shown = sum(1 for word in words if _folded(word) in printed)
    return error(
        "E646",
        f"the {expected.side} of the cover prints {shown} of the {len(words)} words of "
        f"'{expected.key}': the rest did not fit on it",
        expected.file,
        expected.line,
        hint=f"shorten '{expected.key}', or choose a larger trim",
    )


def _folded_chars(chars: tuple[Char, ...]) -> tuple[str, tuple[int, ...]]:
    """The page's text folded as _folded folds it, and the character each letter is of."""
    pieces = [(_folded(c[4]), at) for at, c in enumerate(chars)]
    return "".join(p for p, _ in pieces), tuple(at for p, at in pieces for _ in p)


def _runs(
    folded: str, owners: tuple[int, ...], wanted: str, chars: tuple[Char, ...]
) -> Iterator[tuple[Char, ...]]:
    """The characters of each printing of `wanted` in the page's folded text."""
    start = folded.find(wanted) if wanted else -1
    while start >= 0:
        yield tuple(chars[at] for at in sorted(set(owners[start : start + len(wanted)])))
        start = folded.find(wanted, start + 1)


def _in_place(run: tuple[Char, ...], barcodes: tuple[Box, ...], side: str, plan: CoverPlan) -> bool:
    limits = safe_area(side, plan)
    return all(
        side_of(c, plan) == side
        and within(c[:4], limits)
        and not any(meets(c[:4], r) for r in barcodes)
        for c in run
    )


def _folded(text: str) -> str:
    """Letters and figures alone, in one case: a hyphenated line's word is one word."""
    return _NOT_WORD.sub("", text).casefold()
