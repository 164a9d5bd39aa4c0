"""Folios as the PDF prints them, read as numbers: in 0-9, or in the figures a book's own
page counter sets them in (`counter(page, arabic-indic)` prints ١٢, `persian` ۱۲, an
`@counter-style` of superscripts ¹²), or roman in the front matter.

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

__all__ = ["counted_folio", "expand", "folio_number", "printed_numbers"]

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


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


def folio_number(folio: str, front: bool) -> int | None:
    """'7' (or '٧') -> 7; in the front matter 'xiv' -> 14; None when it is not such a
    folio."""
    if not front:
        return _value(folio)
    if not folio or any(c not in _ROMAN for c in folio):
        return None
    values = [_ROMAN[c] for c in folio]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def expand(text: str, printed: dict[int, str] | None = None) -> set[str]:
    """'7' -> {'7'}; '7–9' -> {'7', '8', '9'}; 'ix–xi' -> {'ix', 'x', 'xi'}: the index's
    numbers, which octavo prints in the folios' figures (a range's dash held between
    left-to-right marks, octavo.render.pdf.index_pages). `printed`: the body's folios by
    number, as the pages print them, which writes back a range of figures not in one run
    of Unicode ('¹–³': '²')."""
    first, _, last = text.replace("\u200e", "").partition("–")
    if not last:
        return {first}
    front = _value(first) is None
    a, b = folio_number(first, front), folio_number(last, front)
    if a is None or b is None:
        return {text}  # as printed: no count to write back
    if front:
        return {roman(n).lower() for n in range(a, b + 1)}
    if first.isdecimal():
        return {_written_like(n, first) for n in range(a, b + 1)}
    known = printed or {}
    return {known.get(n, text) for n in range(a, b + 1)}


def printed_numbers(facts: PdfFacts) -> dict[int, str]:
    """The body's printed folios by their number (a folio of figures only)."""
    found: dict[int, str] = {}
    for page in facts.pages:
        number = _value(page.folio)
        if number is not None:
            found.setdefault(number, page.folio)
    return found
