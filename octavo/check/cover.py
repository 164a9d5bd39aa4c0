"""Read a print cover back for the printer (E646), before `invoke cover` writes it.

Everything comes from the PDF (pdfplumber's characters and rectangles), measured from the
trim's top-left corner; `CoverPlan` says what the cover should be (octavo.render.pdf.cover's
geometry has it; not imported, so the check does not share the code it checks).

- the TrimBox is back + spine + front, the BleedBox the trim and the bleed (as E641);
- the text of the back and the front lies 0.25 in inside the trim and 1/8 in from a fold;
  the spine's lies on the spine, 1/16 in from each fold;
- the barcode's space (a 2 x 1.2 in rectangle) lies on the back, 0.25 in from the spine,
  and no text but its own is under it;
- no text prints over other text (a spine's title and publisher on a line too short);
- the title, the subtitle and the publisher print whole on the front (without the book's
  cover image), the title, the description and the publisher on the back: WeasyPrint
  drops what overflows a side, without a word; and each lies on its side, inside its
  margins, clear of the barcode's space (a text set wholly inside that space, or on the
  spine within the spine's margins, passed the checks above).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from octavo.check.boxes import TOLERANCE, close, grow, pts
from octavo.errors import Diagnostic, error

__all__ = ["CoverPlan", "Expected", "check_cover"]

EDGE = 18.0  # points (0.25 in) between the trim's edges and text
FOLD = 9.0  # points (1/8 in) between a fold and the text of the back or the front
SPINE_FOLD = 4.5  # points (1/16 in) between a fold and the spine's text
BARCODE = (144.0, 86.4)  # points: 2 x 1.2 in
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Expected:
    """A text the cover prints whole on a side ("back", "front"), told at its key's line."""

    side: str
    key: str  # 'title', 'subtitle', 'description', 'publisher'
    text: str
    file: Path | None = None
    line: int | None = None
    required: bool = True  # False: it may be left out (a spine's, where what fitted is not
    # known); where it is printed in place, it is not taken for another text moved


@dataclass(frozen=True, slots=True)
class CoverPlan:
    """What the cover should be; lengths in points."""

    width: float  # of one side
    height: float
    spine: float
    bleed: float
    expected: tuple[Expected, ...] = ()
    made: str = ""  # what the size was worked out from, told with a trim not of that size


_Char = tuple[float, float, float, float, str]  # x0, top, x1, bottom, text
_Box = tuple[float, ...]  # x0, top, x1, bottom (a character's text after them)


def check_cover(pdf: bytes, plan: CoverPlan, named: Path | None = None) -> tuple[Diagnostic, ...]:
    """What a printer would refuse in the cover `pdf` (the bytes of one page, not yet
    written); `named`: the file the diagnostics name."""
    import pdfplumber
    from pypdf import PdfReader

    read = PdfReader(BytesIO(pdf)).pages[0]
    left, bottom, right, top = (float(v) for v in read.trimbox)
    bleed = tuple(float(v) for v in read.bleedbox)
    with pdfplumber.open(BytesIO(pdf)) as opened:
        page = opened.pages[0]
        down = float(page.height) - top
        chars = tuple(
            (c["x0"] - left, c["top"] - down, c["x1"] - left, c["bottom"] - down, c["text"])
            for c in page.chars
            if c["text"].strip()
        )
        rects = tuple(
            (r["x0"] - left, r["top"] - down, r["x1"] - left, r["bottom"] - down)
            for r in page.rects
        )
    trim = (left, bottom, right, top)
    barcodes = tuple(r for r in rects if close((r[2] - r[0], r[3] - r[1]), BARCODE))
    boxes = tuple(_boxes(trim, bleed, plan, named))
    if boxes:  # a cover of another size: its sides are not where the plan has them
        return boxes
    return (
        *_sides(chars, plan, named),
        *_barcode(barcodes, chars, plan, named),
        *_overprinted(chars, plan, named),
        *_texts(chars, barcodes, plan),
    )


def _boxes(
    trim: tuple[float, ...], bleed: tuple[float, ...], plan: CoverPlan, named: Path | None
) -> Iterator[Diagnostic]:
    size = (trim[2] - trim[0], trim[3] - trim[1])
    want = (2 * plan.width + plan.spine, plan.height)
    grown = grow(trim, plan.bleed)
    if not close(size, want) or not close(bleed, grown):
        yield error(
            "E646",
            f"the cover's trim is {_inches(size)} (bleed box {pts(bleed)}), expected "
            f"{_inches(want)}, bleed {plan.bleed:g} pt" + (f" ({plan.made})" if plan.made else ""),
            named,
        )


def _side(char: _Char, plan: CoverPlan) -> str:
    middle = (char[0] + char[2]) / 2
    if middle < plan.width:
        return "back"
    return "spine" if middle < plan.width + plan.spine else "front"


def _safe(side: str, plan: CoverPlan) -> tuple[float, float, float, float]:
    """Where a side's text may lie: (x0, top, x1, bottom) from the trim's top-left."""
    fold = plan.width
    if side == "back":
        return (EDGE, EDGE, fold - FOLD, plan.height - EDGE)
    if side == "spine":
        return (fold + SPINE_FOLD, EDGE, fold + plan.spine - SPINE_FOLD, plan.height - EDGE)
    front = fold + plan.spine
    return (front + FOLD, EDGE, front + plan.width - EDGE, plan.height - EDGE)


def _sides(chars: tuple[_Char, ...], plan: CoverPlan, named: Path | None) -> Iterator[Diagnostic]:
    told: set[str] = set()
    for side in ("back", "spine", "front"):
        limits = _safe(side, plan)
        outside = [c for c in chars if _side(c, plan) == side and not _within(c[:4], limits)]
        if outside and side not in told:
            told.add(side)
            first = outside[0]
            yield error(
                "E646",
                f"the {side}'s text {_text(outside)!r} lies at {pts(first[:4])}, outside "
                f"{pts(limits)} (points from the trim's top-left: 0.25 in inside the trim, "
                f"{'1/16' if side == 'spine' else '1/8'} in from a fold)",
                named,
            )


def _within(box: _Box, limits: _Box) -> bool:
    return (
        box[0] >= limits[0] - TOLERANCE
        and box[1] >= limits[1] - TOLERANCE
        and box[2] <= limits[2] + TOLERANCE
        and box[3] <= limits[3] + TOLERANCE
    )


def _barcode(
    rects: tuple[tuple[float, float, float, float], ...],
    chars: tuple[_Char, ...],
    plan: CoverPlan,
    named: Path | None,
) -> Iterator[Diagnostic]:
    for rect in rects:
        room = (0.0, 0.0, plan.width - EDGE, plan.height)
        if not _within(rect, room):
            yield error(
                "E646",
                f"the barcode's space lies at {pts(rect)}, off the back {pts(room)} (0.25 in "
                "from the spine, inside the trim)",
                named,
            )
        under = [c for c in chars if _meets(c[:4], rect) and not _within(c[:4], rect)]
        if under:
            yield error("E646", f"the text {_text(under)!r} runs under the barcode's space", named)


def _meets(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return (
        a[0] < b[2] - TOLERANCE
        and b[0] < a[2] - TOLERANCE
        and a[1] < b[3] - TOLERANCE
        and b[1] < a[3] - TOLERANCE
    )


def _overprinted(
    chars: tuple[_Char, ...], plan: CoverPlan, named: Path | None
) -> Iterator[Diagnostic]:
    """Characters whose boxes cover half of another's: two texts printed over each other,
    told once a side."""
    for side in ("back", "spine", "front"):
        yield from _over(tuple(c for c in chars if _side(c, plan) == side), named)


def _over(chars: tuple[_Char, ...], named: Path | None) -> Iterator[Diagnostic]:
    ordered = sorted(chars, key=lambda c: c[0])
    for at, char in enumerate(ordered):
        for other in ordered[at + 1 :]:
            if other[0] >= char[2]:
                break
            if _shared(char[:4], other[:4]) > 0.5 * min(_area(char[:4]), _area(other[:4])):
                yield error(
                    "E646",
                    f"two texts print over each other at {pts(char[:4])}: {char[4]!r} and "
                    f"{other[4]!r}",
                    named,
                )
                return  # once: the rest of the two lines overlap as well


def _area(c: tuple[float, ...]) -> float:
    return max(0.0, c[2] - c[0]) * max(0.0, c[3] - c[1])


def _shared(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    wide = min(a[2], b[2]) - max(a[0], b[0])
    tall = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, wide) * max(0.0, tall)


def _texts(
    chars: tuple[_Char, ...], barcodes: tuple[_Box, ...], plan: CoverPlan
) -> Iterator[Diagnostic]:
    """Each expected text printed whole where it belongs: on its side, inside the side's
    margins, clear of the barcode's space. Its printings are looked for on the whole page:
    one that is in place for no expected text is a text moved (a subtitle onto the spine,
    within the spine's margins; a publisher wholly inside the barcode's space), told where
    it lies; a text printed nowhere out of place did not fit on its side (WeasyPrint drops
    what overflows it, without a word)."""
    folded, owners = _folded_chars(chars)
    runs = {e: tuple(_runs(folded, owners, _folded(e.text), chars)) for e in plan.expected}
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


def _moved(
    expected: Expected, run: tuple[_Char, ...], barcodes: tuple[_Box, ...], plan: CoverPlan
) -> Diagnostic:
    box = (
        min(c[0] for c in run),
        min(c[1] for c in run),
        max(c[2] for c in run),
        max(c[3] for c in run),
    )
    under = any(_meets(c[:4], r) for c in run for r in barcodes)
    where = (
        "under the barcode's space"
        if under
        else f"outside the {expected.side}'s margins {pts(_safe(expected.side, plan))}"
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


def _cut(expected: Expected, chars: tuple[_Char, ...], plan: CoverPlan) -> Diagnostic:
    printed = _folded("".join(c[4] for c in chars if _side(c, plan) == expected.side))
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


def _folded_chars(chars: tuple[_Char, ...]) -> tuple[str, tuple[int, ...]]:
    """The page's text folded as _folded folds it, and the character each letter is of."""
    pieces = [(_folded(c[4]), at) for at, c in enumerate(chars)]
    return "".join(p for p, _ in pieces), tuple(at for p, at in pieces for _ in p)


def _runs(
    folded: str, owners: tuple[int, ...], wanted: str, chars: tuple[_Char, ...]
) -> Iterator[tuple[_Char, ...]]:
    """The characters of each printing of `wanted` in the page's folded text."""
    start = folded.find(wanted) if wanted else -1
    while start >= 0:
        yield tuple(chars[at] for at in sorted(set(owners[start : start + len(wanted)])))
        start = folded.find(wanted, start + 1)


def _in_place(
    run: tuple[_Char, ...], barcodes: tuple[_Box, ...], side: str, plan: CoverPlan
) -> bool:
    limits = _safe(side, plan)
    return all(
        _side(c, plan) == side
        and _within(c[:4], limits)
        and not any(_meets(c[:4], r) for r in barcodes)
        for c in run
    )


def _folded(text: str) -> str:
    """Letters and figures alone, in one case: a hyphenated line's word is one word."""
    return _NOT_WORD.sub("", text).casefold()


def _text(chars: list[_Char]) -> str:
    return "".join(c[4] for c in chars)[:40]


def _inches(size: tuple[float, ...]) -> str:
    return " x ".join(f"{v / 72:.3g}" for v in size) + " in"
