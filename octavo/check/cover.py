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

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from octavo.check.boxes import close, grow, pts
from octavo.check.cover_order import reading_order
from octavo.check.cover_plan import (
    BARCODE,
    EDGE,
    Char,
    CoverPlan,
    Expected,
    meets,
    safe_area,
    side_of,
    within,
)
from octavo.check.cover_texts import texts_in_place
from octavo.errors import Diagnostic, error

__all__ = ["CoverPlan", "Expected", "check_cover"]


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
            for c in reading_order(page.chars, plan.rtl)
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
        *texts_in_place(chars, barcodes, plan),
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


def _sides(chars: tuple[Char, ...], plan: CoverPlan, named: Path | None) -> Iterator[Diagnostic]:
    told: set[str] = set()
    for side in ("back", "spine", "front"):
        limits = safe_area(side, plan)
        outside = [c for c in chars if side_of(c, plan) == side and not within(c[:4], limits)]
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


def _barcode(
    rects: tuple[tuple[float, float, float, float], ...],
    chars: tuple[Char, ...],
    plan: CoverPlan,
    named: Path | None,
) -> Iterator[Diagnostic]:
    for rect in rects:
        back = plan.left_of("back")
        room = (
            (back + EDGE, 0.0, back + plan.width, plan.height)
            if plan.rtl
            else (0.0, 0.0, plan.width - EDGE, plan.height)
        )
        if not within(rect, room):
            yield error(
                "E646",
                f"the barcode's space lies at {pts(rect)}, off the back {pts(room)} (0.25 in "
                "from the spine, inside the trim)",
                named,
            )
        under = [c for c in chars if meets(c[:4], rect) and not within(c[:4], rect)]
        if under:
            yield error("E646", f"the text {_text(under)!r} runs under the barcode's space", named)


def _overprinted(
    chars: tuple[Char, ...], plan: CoverPlan, named: Path | None
) -> Iterator[Diagnostic]:
    """Characters whose boxes cover half of another's: two texts printed over each other,
    told once a side."""
    for side in ("back", "spine", "front"):
        yield from _over(tuple(c for c in chars if side_of(c, plan) == side), named)


def _over(chars: tuple[Char, ...], named: Path | None) -> Iterator[Diagnostic]:
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


def _text(chars: list[Char]) -> str:
    return "".join(c[4] for c in chars)[:40]


def _inches(size: tuple[float, ...]) -> str:
    return " x ".join(f"{v / 72:.3g}" for v in size) + " in"
