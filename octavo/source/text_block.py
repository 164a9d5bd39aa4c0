"""The smallest text block octavo's print styles can lay a book out in.

The text block is the page less its margins; where the head margin is narrower than the
running head needs (styles/print/book.css: 9 pt on a line of 1.38, 6 pt above the text),
or the foot margin than the folio, the head or the folio takes the rest from it. Below
the minimum, WeasyPrint cannot keep a heading, its data-date note and the lines or the
short table kept with it on one page, and the build failed late and oddly (E604 on a
2 × 2 in page, at the twelfth page). The figures were measured: octavo's test books
(tests/data/constructs, landscape, volume, a generated `--rich` study and book/) built at
shrinking trims; see MINIMA.
"""

from __future__ import annotations

from dataclasses import dataclass

from octavo.text import inches

__all__ = [
    "FOLIO",
    "FOLIO_ROOM",
    "HEAD",
    "HEAD_ROOM",
    "MINIMA",
    "MINIMUM",
    "SAFE",
    "TYPE",
    "TextBlock",
    "text_block",
]

HEAD = 9 * 1.38 + 6  # points: the running head's line and the space under it
FOLIO = 9 * 1.38  # points: the folio's line
SAFE = 9.0  # points inside the trim for what is printed in the margins (the press
# read-back's E642 asks it on its own: a check never reuses the code it checks)
HEAD_ROOM = HEAD + SAFE  # the least head margin that keeps the running head SAFE
FOLIO_ROOM = FOLIO + 2 * SAFE  # the least foot margin that keeps the folio (centred) SAFE
TYPE = 9.5  # points: the body type MINIMA were measured in; a page of larger type needs more
# (width, height) in points at TYPE: a text block holds one of them, or is too small. The
# height a heading needs grows as the text block narrows (its title and the table's cells
# wrap), so a narrow block needs MINIMA[0]'s height and a wide one (a landscape trim) less.
# Measured (sessions 33 and 34, octavo's scaled margins): tests/data/volume, the test
# book that needs most (a front-matter heading, its note and the short table under it:
# E604 below), needs 3.61 in of height at 1.54, 2.31 and 3.08 in wide (9.5 pt; 2 x 3.5 and
# a 4 in square failed), and at 4.62, 6.16 and 8.47 in wide 2.54, 2.71 and 2.79 in (9.75,
# 10.75 and 11 pt: 18.8, 18.2 and 18.3 of its type's size; 6 x 3 in failed); a text block
# 4.5 in wide in 11 pt type (wide margins on an 11 in trim: 29.5 of its size) failed at
# 2.85 in, and volume built at 4.5 x 2.62 in in 9.75 pt (33.2 and 19.4 of its size).
# Every test book built at 4.5 x 2.85 in (9.75 pt), at 8.47 and 12.3 x 2.85 in (11 pt),
# at 5.21 x 3.07 in (11 pt, wide margins) and at 1.54 x 4 in (9.5 pt). So the minima are
# taken in the type's size: a landscape one of 33 × 19.85 (4.35 × 2.62 in at 9.5 pt), the
# height one more than the most a test book needed (18.8 + 1; 6 x 3.5 in, its margins
# at HEAD_ROOM and FOLIO_ROOM, has 19.9), and a narrow one of 1.5 × 4 in at 9.5 pt, as
# before.
MINIMA = ((1.5 * 72, 4.0 * 72), (4.35 * 72, 2.62 * 72))
MINIMUM = MINIMA[0]  # a narrow page's, as the smallest trim's hint gives it


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A page's text block (points), the size of its type, and whether it is too small."""

    width: float
    height: float
    font: float = TYPE

    def minima(self) -> tuple[tuple[float, float], ...]:
        """MINIMA in this page's type (points)."""
        return tuple((w * self.font / TYPE, h * self.font / TYPE) for w, h in MINIMA)

    @property
    def narrow(self) -> bool:
        """Narrower than any minimum."""
        return self.width < self.minima()[0][0] - 0.005

    @property
    def short(self) -> bool:
        """Shorter than a text block of its width needs (a narrow one: MINIMA[0]'s)."""
        held = [h for w, h in self.minima() if self.width >= w - 0.005]
        return self.height < min(held or [self.minima()[0][1]]) - 0.005

    @property
    def too_small(self) -> bool:
        return self.narrow or self.short

    def said(self) -> str:
        """'its text block (less the margins) is 1.54 × 1.64 in; octavo's print styles need
        1.5 × 4 in at least, or 4.35 × 2.62 in on a wide page (9.5 pt type)'"""
        (width, height), (wide, low) = self.minima()
        return (
            f"its text block (less the margins) is {inches(self.width)} × "
            f"{inches(self.height)} in; octavo's print styles need {inches(width)} × "
            f"{inches(height)} in at least, or {inches(wide)} × {inches(low)} in on a wide "
            f"page ({self.font:g} pt type)"
        )


def text_block(
    width: float,
    height: float,
    top: float,
    bottom: float,
    inner: float,
    outer: float,
    font: float = TYPE,
) -> TextBlock:
    """The text block of a page of `width` × `height` with these margins (points), set in
    `font` pt type."""
    inside = (width - inner - outer, height - max(top, HEAD) - max(bottom, FOLIO))
    return TextBlock(*inside, font)
