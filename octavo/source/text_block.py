"""The smallest text block octavo's print styles can lay a book out in.

The text block is the page less its margins; where the head margin is narrower than the
running head needs (styles/print/book.css: 9 pt on a line of 1.38, 6 pt above the text),
or the foot margin than the folio, the head or the folio takes the rest from it. Below
the minimum, WeasyPrint cannot keep a heading, its data-date note and the lines or the
short table kept with it on one page, and the build failed late and oddly (E604 on a
2 × 2 in page, at the twelfth page). The figures were measured: octavo's test books
(tests/data/constructs, landscape, volume, a generated `--rich` study and book/) built at
shrinking trims; see MINIMUM.
"""

from __future__ import annotations

from dataclasses import dataclass

from octavo.text import inches

__all__ = ["FOLIO", "HEAD", "MINIMUM", "TextBlock", "text_block"]

HEAD = 9 * 1.38 + 6  # points: the running head's line and the space under it
FOLIO = 9 * 1.38  # points: the folio's line
# (width, height) in points. Measured (session 33, 9.5 pt type, octavo's scaled margins):
# every test book built on text blocks 1.54 in wide (2 x 9 in, 2 x 4.9 in) and 4.02 in
# tall (2 x 4.9 in), and on 3.47 × 3.69 (a 4.5 in square) and 4.62 × 2.87 (6 x 3.5 in);
# tests/data/volume failed (E604: a front-matter heading, its note and the short table
# under it) at 2 × 3.5 (2.6 x 4.27 in), 3.08 × 3.28 (a 4 in square), 2.7 × 2.87 and
# 4.62 × 2.46 (6 x 3 in); a --rich study at 2.31 × 2.46 (a 3 in square). The height a
# heading needs grows as the text block narrows (its title and the table's cells wrap),
# so the height is the narrowest one's.
MINIMUM = (1.5 * 72, 4.0 * 72)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A page's text block (points) and whether it is under the minimum."""

    width: float
    height: float

    @property
    def narrow(self) -> bool:
        return self.width < MINIMUM[0] - 0.005

    @property
    def short(self) -> bool:
        return self.height < MINIMUM[1] - 0.005

    @property
    def too_small(self) -> bool:
        return self.narrow or self.short

    def said(self) -> str:
        """'1.54 × 1.43 in; octavo's print styles need 2 × 3.5 in at least'"""
        return (
            f"its text block (less the margins) is {inches(self.width)} × "
            f"{inches(self.height)} in; "
            f"octavo's print styles need {inches(MINIMUM[0])} × {inches(MINIMUM[1])} in "
            "at least"
        )


def text_block(
    width: float, height: float, top: float, bottom: float, inner: float, outer: float
) -> TextBlock:
    """The text block of a page of `width` × `height` with these margins (points)."""
    return TextBlock(width - inner - outer, height - max(top, HEAD) - max(bottom, FOLIO))
