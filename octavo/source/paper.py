"""The printed page: trim size, margins, bleed and printer's marks, from book.toml or options.

A trim is a named size (letter, a4, a5, 5.5x8.5, 6x9, 7x10) or any "W x H" with a unit
("6 x 9 in", "150x230mm"). letter, A4 and A5 keep octavo's tuned margins and type size;
every other trim scales them: inner and outer margins are fractions of the width, top and
bottom of the height, and the type grows from 9.5 pt (5.5 in wide) to 11 pt (8.5 in wide).
Any margin can be set in book.toml's [margins]. Lengths are kept in PDF points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from octavo.source.text_block import FOLIO_ROOM, HEAD_ROOM, TextBlock, text_block

__all__ = [
    "BLEED_MOST",
    "DEFAULT_PPI",
    "MARKS",
    "NAMED",
    "PRINT_KEYS",
    "SCALE",
    "Page",
    "PageSetup",
    "PaperError",
    "TextBlockError",
    "check_ppi",
    "page_setup",
    "parse_bleed",
    "parse_length",
    "parse_marks",
    "parse_trim",
    "print_keys",
]

PT_PER = {"in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1.0}
_MM = PT_PER["mm"]
MARKS = ("crop", "cross")
SIDES = ("top", "bottom", "inner", "outer")
DEFAULT_PPI = 444  # pages per inch: 0.00225 in a page, white 50 lb paper (KDP, IngramSpark)

# name -> (width, height) in points
NAMED: dict[str, tuple[float, float]] = {
    "letter": (8.5 * 72, 11 * 72),
    "a4": (210 * _MM, 297 * _MM),
    "a5": (148 * _MM, 210 * _MM),
    "5.5x8.5": (5.5 * 72, 8.5 * 72),
    "6x9": (6 * 72, 9 * 72),
    "7x10": (7 * 72, 10 * 72),
}
# the tuned sizes: (top, bottom, inner, outer) in points, type size in points
_TUNED: dict[str, tuple[tuple[float, float, float, float], float]] = {
    "letter": ((0.95 * 72, 1.0 * 72, 0.9 * 72, 1.2 * 72), 11.0),
    "a4": ((25 * _MM, 26 * _MM, 22 * _MM, 30 * _MM), 11.0),
    "a5": ((16 * _MM, 18 * _MM, 13 * _MM, 17 * _MM), 9.5),
}
# every other trim: margins as fractions of the height (top, bottom) and width (inner, outer)
SCALE = {"top": 0.085, "bottom": 0.095, "inner": 0.10, "outer": 0.13}
_LIMITS = (2 * 72.0, 40 * 72.0)  # a trim side from 2 in to 40 in
_SIZE = re.compile(
    r"\s*([0-9]+(?:\.[0-9]+)?)\s*(in|mm|cm)?\s*[x×]\s*([0-9]+(?:\.[0-9]+)?)\s*(in|mm|cm)?\s*",
    re.IGNORECASE,
)
_LENGTH = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(in|mm|cm|pt)?\s*", re.IGNORECASE)


class PaperError(ValueError):
    """A trim, length or marks value that cannot be used; the message says why."""

    hint = ""


class TextBlockError(PaperError):
    """A page whose text block holds none of octavo.source.text_block.MINIMA."""

    def __init__(self, name: str, block: TextBlock, smallest: str) -> None:
        super().__init__(f"the {name} page is too small for a book: {block.said()}")
        self.block = block
        self.hint = (
            f"choose a larger paper ({smallest} at least with octavo's margins, "
            'such as "5.5x8.5" or "6x9"), or narrower [margins]'
        )


@dataclass(frozen=True, slots=True)
class PageSetup:
    """Everything the page CSS needs (templates/print/page.css); lengths in points."""

    name: str  # "letter", "6x9", "150 x 230 mm": as the user wrote it, normalised
    width: float
    height: float
    top: float
    bottom: float
    inner: float
    outer: float
    font_size: float
    bleed: float = 0.0
    marks: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9.]+", "-", self.name.lower()).strip("-")

    @property
    def css_bleed(self) -> float:
        """The CSS bleed area: the bleed, and as much again outside it for the marks
        (WeasyPrint draws them in the outer half of the CSS bleed)."""
        if not self.marks:
            return self.bleed
        return 2 * self.bleed if self.bleed else 18.0

    def without_print_marks(self) -> PageSetup:
        """The same page for a desk printer: no bleed, no marks (handouts)."""
        return PageSetup(
            self.name,
            self.width,
            self.height,
            self.top,
            self.bottom,
            self.inner,
            self.outer,
            self.font_size,
        )


def parse_length(value: object) -> float:
    """'0.125in', '3mm', '9pt', 0 -> points."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == 0:
        return 0.0
    match = _LENGTH.fullmatch(value) if isinstance(value, str) else None
    if not match or (match[2] is None and float(match[1]) != 0):
        raise PaperError(f'{value!r} is not a length like "0.125in" or "3mm"')
    return float(match[1]) * PT_PER[(match[2] or "pt").lower()]


BLEED_MOST = 36.0  # points: 0.5in, past any printer's ask (0.125in, 3mm, 5mm)


def parse_bleed(value: object) -> float:
    """A bleed, book.toml's or `--bleed`'s: a length (`parse_length`) of at most 0.5in; a
    bleed of inches made a letter page a 26 x 29 in sheet."""
    bleed = parse_length(value)
    if bleed > BLEED_MOST:
        raise PaperError(f"{value!r} is more than 0.5in")
    return bleed


def parse_trim(value: str) -> tuple[str, float, float]:
    """'6x9' | '6 x 9 in' | '148x210mm' | 'a5' -> (name, width, height) in points."""
    key = re.sub(r"\s+", "", value.lower()).removesuffix("in")
    if key in NAMED:
        return key, *NAMED[key]
    if value.strip().lower() in NAMED:
        key = value.strip().lower()
        return key, *NAMED[key]
    match = _SIZE.fullmatch(value)
    if not match:
        raise PaperError(
            f"paper {value!r} is neither a named size ({', '.join(NAMED)}) "
            'nor a "W x H" with a unit, such as "6 x 9 in" or "150 x 230 mm"'
        )
    unit = (match[4] or match[2] or "").lower()
    if not unit:
        raise PaperError(f'paper {value!r} has no unit: write "{value} in" or "{value} mm"')
    width, height = (float(match[1]) * PT_PER[unit], float(match[3]) * PT_PER[unit])
    low, high = _LIMITS
    if not (low <= width <= high and low <= height <= high):
        raise PaperError(f"paper {value!r}: each side must be between 2 in and 40 in")
    return f"{_number(match[1])} x {_number(match[3])} {unit}", width, height


def parse_marks(value: object) -> tuple[str, ...]:
    """'crop', 'cross', 'crop cross', ['crop', 'cross'], 'none' or '' -> marks in order."""
    words = value.replace(",", " ").split() if isinstance(value, str) else value
    if not isinstance(words, list | tuple) or not all(isinstance(w, str) for w in words):
        raise PaperError(f'marks {value!r} must be "crop", "cross", "crop cross" or "none"')
    chosen = {w.lower() for w in words} - {"none"}
    if chosen - set(MARKS):
        raise PaperError(
            f"marks {value!r}: unknown {', '.join(sorted(chosen - set(MARKS)))} "
            '(use "crop", "cross", "crop cross" or "none")'
        )
    return tuple(m for m in MARKS if m in chosen)


def page_setup(
    paper: str,
    margins: tuple[tuple[str, float], ...] = (),
    bleed: float = 0.0,
    marks: tuple[str, ...] = (),
) -> PageSetup:
    """The page for a trim; `margins` (side, points) replace the scaled or tuned ones."""
    name, width, height = parse_trim(paper)
    if name in _TUNED:
        (top, bottom, inner, outer), font = _TUNED[name]
    else:
        # a short trim's fractions would print the head and the folio too near the trim
        top = max(height * SCALE["top"], HEAD_ROOM)
        bottom = max(height * SCALE["bottom"], FOLIO_ROOM)
        inner, outer = width * SCALE["inner"], width * SCALE["outer"]
        font = round(4 * min(11.0, max(9.5, 9.5 + (width / 72 - 5.5) * 0.5))) / 4
    given = dict(margins)
    setup = PageSetup(
        name,
        width,
        height,
        given.get("top", top),
        given.get("bottom", bottom),
        given.get("inner", inner),
        given.get("outer", outer),
        font,
        bleed,
        marks,
    )
    if setup.inner + setup.outer > width * 0.6 or setup.top + setup.bottom > height * 0.6:
        raise PaperError(f"margins leave less than 40 % of the {name} page for the text")
    block = text_block(width, height, setup.top, setup.bottom, setup.inner, setup.outer, font)
    if block.too_small:
        from octavo.source.paper_told import smallest_trim  # only for a page refused

        raise TextBlockError(name, block, smallest_trim())
    return setup


def _number(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


Page = tuple[str, tuple[tuple[str, float], ...], float, tuple[str, ...]]


PRINT_KEYS = ("paper", "margins", "bleed", "marks", "ppi")  # book.toml's, read here
_BOOK_KEYS = set(PRINT_KEYS) - {"margins"}  # the book's own, not [margins]' sides


def print_keys(data: dict[str, Any], bad: Any) -> Page:
    """book.toml's paper, [margins], bleed and marks (`data`), each checked (`bad` reports a
    problem at its key, octavo.source.config); then the page they make together."""
    paper = data.get("paper", "letter")
    margins: list[tuple[str, float]] = []
    bleed = 0.0
    marks: tuple[str, ...] = ()
    given = data.get("margins", {})
    if not isinstance(given, dict) or set(given) - set(SIDES):
        strays = sorted(set(given) - set(SIDES)) if isinstance(given, dict) else []
        bad(
            "E140",
            "margins",
            "[margins] may set only inner, outer, top and bottom"
            + (f", not {', '.join(repr(k) for k in strays)}" if strays else ""),
            "every key after the [margins] line is the table's: move "
            f"{', '.join(k for k in strays if k in _BOOK_KEYS)} above [margins]"
            if set(strays) & _BOOK_KEYS
            else "",
        )
        given = {}
    for side in SIDES:
        if side in given:
            try:
                margins.append((side, parse_length(given[side])))
            except PaperError as exc:
                bad("E140", side, f"margin '{side}': {exc}")
    try:
        bleed = parse_bleed(data.get("bleed", 0))
    except PaperError as exc:
        bad("E141", "bleed", f"'bleed': {exc}", 'printers ask for "0.125in" or "3mm"')
    try:
        marks = parse_marks(data.get("marks", ""))
    except PaperError as exc:
        bad("E142", "marks", str(exc))
    if not isinstance(paper, str):
        bad("E108", "paper", '\'paper\' must be a string such as "letter" or "6 x 9 in"')
        return "letter", tuple(margins), bleed, marks
    try:
        page_setup(paper, tuple(margins), bleed, marks)
    except TextBlockError as exc:
        from octavo.source.paper_told import to_narrow, too_small_at  # only for a page refused

        key = too_small_at(paper, tuple(margins), exc.block)
        hint = exc.hint if key == "paper" else f"narrow the margins: {to_narrow(exc.block)}"
        bad("E149", key, str(exc), hint)
    except PaperError as exc:
        from octavo.source.paper_told import wrong_key

        bad("E108", wrong_key(paper, tuple(margins)), str(exc))
    return paper, tuple(margins), bleed, marks


def check_ppi(data: dict[str, Any], bad: Any) -> None:
    """book.toml's ppi (the spine's width is the page count over it): E146."""
    ppi = data.get("ppi", DEFAULT_PPI)
    if not (isinstance(ppi, int | float) and not isinstance(ppi, bool) and 100 <= ppi <= 1500):
        bad(
            "E146",
            "ppi",
            "'ppi' (pages per inch of the paper) must be a number from 100 to 1500",
            "white paper is about 444, cream 400; ask the printer",
        )
