"""Folios as the PDF prints them, read as numbers: in 0-9, or in the figures a book's own
page counter sets them in (`counter(page, arabic-indic)` prints ١٢, `persian` ۱۲, an
`@counter-style` of superscripts ¹²), in roman (`lower-roman`, `upper-roman`) or in
letters (`lower-alpha` a … z, aa; `upper-alpha`; `lower-greek` α … ω). Which one a matter
prints is found from its folios (`reading`): the system in which every one of them reads as
one more than the page before's. Any other style a book may print (`georgian`, `armenian`,
an `@counter-style` of its own symbols) is not read: the checks that count say so (W649)
rather than report a folio they cannot read as wrong, and an index's range in it is read
by the folios printed between its ends.

A folio is compared as printed, figures and all, with what the contents and the page
references print (the same counter); a number is read from it only to count (a plate's
page between its numbered neighbours, a chapter's right-hand page, a range of the index),
and a count is written back in its neighbour's figures. Python's int() reads no
superscript, which str.isdigit() takes for a figure: a folio ¹ stopped `invoke check` with a
traceback.
"""

from __future__ import annotations

import unicodedata

from octavo.check.pdf_facts import PdfFacts
from octavo.model import roman

__all__ = [
    "SYSTEMS",
    "counted_folio",
    "expand",
    "folio_number",
    "in_figures",
    "printed_numbers",
    "reading",
]

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"  # CSS's lower-greek: no final sigma
SYSTEMS = ("figures", "roman", "latin", "greek")  # the ways a folio is read, in this order


def _roman(folio: str) -> int | None:
    """'xiv' or 'XIV' -> 14; None for anything that is not a roman numeral so written."""
    lower = folio.lower()
    if not folio or (folio != lower and folio != folio.upper()):
        return None
    if any(c not in _ROMAN for c in lower):
        return None
    values = [_ROMAN[c] for c in lower]
    number = sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))
    return number if number > 0 and roman(number).lower() == lower else None


def _letters(folio: str, symbols: str) -> int | None:
    """'c' -> 3, 'aa' -> 27 (CSS's alphabetic counting), in `symbols`, either case."""
    lower = folio.lower()
    if not folio or (folio != lower and folio != folio.upper()):
        return None
    number = 0
    for c in lower:
        if c not in symbols:
            return None
        number = number * len(symbols) + symbols.index(c) + 1
    return number


def read_as(folio: str, system: str) -> int | None:
    """A folio's number in one of SYSTEMS; None when it is not written so."""
    if system == "figures":
        return _value(folio)
    if system == "roman":
        return _roman(folio)
    return _letters(folio, _LATIN if system == "latin" else _GREEK)


def reading(folios: list[tuple[int, str]]) -> str | None:
    """The system (of SYSTEMS) in which each of a matter's folios, (0-based page, folio
    printed), reads as its page's place among them: one more than the page before's. None
    when there is none to read, or no system reads them so (a style not read here)."""
    if not folios:
        return None
    for system in SYSTEMS:
        numbers = [read_as(f, system) for _, f in folios]
        offsets = {n - page for n, (page, _) in zip(numbers, folios, strict=True) if n is not None}
        if None not in numbers and len(offsets) == 1:
            return system
    return None


def _value(folio: str) -> int | None:
    """'7' -> 7, '١٢' -> 12, '¹²' -> 12; None for a folio of anything but figures."""
    if not folio.isdigit():
        return None
    return int("".join(str(unicodedata.digit(c)) for c in folio))


def _written_like(number: int, folio: str) -> str:
    """`number` in the figures of `folio` (the figures of a script run 0 to 9 in Unicode);
    "" for a folio not in such figures (superscripts are not in one run)."""
    if not folio.isdecimal() or number < 0:
        return ""
    zero = ord(folio[0]) - unicodedata.decimal(folio[0])
    return "".join(chr(zero + int(d)) for d in str(number))


def in_figures(number: int, printed: str) -> str:
    """`number` in the figures of the first figure of `printed` (a handout's "page ٣ of ٤"
    as its folios print it: E619 quotes what it expects so), in 0-9 when it holds none."""
    figure = next((c for c in printed if c.isdecimal()), "0")
    return _written_like(number, figure)


def counted_folio(facts: PdfFacts, index: int) -> str:
    """The folio of a page: printed, or, on a page that prints none (a full-page plate), the
    number it counts as among its numbered neighbours (a list of figures cites it so)."""
    printed = facts.pages[index].folio
    if printed:
        return printed
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(facts.pages):
            folio = facts.pages[other].folio
            number = _value(folio)
            if number is not None:
                return _written_like(number + index - other, folio)
            if folio:
                return ""  # a roman or other folio: no count to go by
            other += step
    return ""


def folio_number(folio: str, front: bool, system: str | None = None) -> int | None:
    """'7' (or '٧') -> 7; in the front matter 'xiv' (or 'XIV') -> 14; in `system` (one of
    SYSTEMS: `reading` found it), as that one reads it; None when it is not such a folio."""
    return read_as(folio, system or ("roman" if front else "figures"))


def expand(
    text: str, printed: dict[int, str] | None = None, sequence: tuple[str, ...] = ()
) -> set[str]:
    """'7' -> {'7'}; '7–9' -> {'7', '8', '9'}; 'ix–xi' -> {'ix', 'x', 'xi'}: the index's
    numbers, which octavo prints in the folios' figures (a range's dash held between
    left-to-right marks, octavo.render.pdf.index_pages). `sequence`: the folios the pages
    print, in page order: a range is the folios printed from the page of its first to the
    page of its last ('a–c', 'ა–გ' alike); else it is counted. `printed`: the body's folios
    by number, as the pages print them, which writes back a range of figures not in one
    run of Unicode ('¹–³': '²')."""
    first, _, last = text.replace("\u200e", "").partition("–")
    if not last:
        return {first}
    between = _between(first, last, sequence)
    if between:
        return between
    front = _value(first) is None
    a, b = folio_number(first, front), folio_number(last, front)
    if a is None or b is None:
        return {text}  # as printed: no count to write back
    if front:
        return {roman(n) if first.isupper() else roman(n).lower() for n in range(a, b + 1)}
    if first.isdecimal():
        return {_written_like(n, first) for n in range(a, b + 1)}
    known = printed or {}
    return {known.get(n, text) for n in range(a, b + 1)}


def _between(first: str, last: str, sequence: tuple[str, ...]) -> set[str]:
    """The folios printed from a page printing `first` to the nearest after it printing
    `last` (the shortest such run: the front matter's 'v' and a body's 'v' of letters both
    print); empty when `sequence` holds no such run."""
    runs = []
    for start, folio in enumerate(sequence):
        if folio == first and last in sequence[start + 1 :]:
            end = sequence.index(last, start + 1)
            runs.append((end - start, start, end))
    if not runs:
        return set()
    _, start, end = min(runs)
    return {f for f in sequence[start : end + 1] if f}


def printed_numbers(facts: PdfFacts) -> dict[int, str]:
    """The body's printed folios by their number (a folio of figures only)."""
    found: dict[int, str] = {}
    for page in facts.pages:
        number = _value(page.folio)
        if number is not None:
            found.setdefault(number, page.folio)
    return found
