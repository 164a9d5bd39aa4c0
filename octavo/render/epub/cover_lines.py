"""A drawn cover's lines: a text broken into as few lines as fit a box, as even as can be,
measured in the faces it is drawn in (octavo.render.epub.cover_draw draws them)."""

from __future__ import annotations

from typing import Protocol

__all__ = ["Measured", "balanced_lines", "text_width"]


class Measured(Protocol):
    """What a line is measured by: a Pillow font, or a MixedFont of the faces it is drawn
    in (octavo.render.epub.cover_runs)."""

    @property
    def size(self) -> float: ...

    def getlength(self, text: str) -> float: ...


def text_width(text: str, font: Measured, tracking: float = 0.0) -> float:
    return font.getlength(text) + tracking * font.size * max(len(text) - 1, 0)


def balanced_lines(text: str, font: Measured, box: int, tracking: float = 0.0) -> list[str]:
    """`text` in as few lines as fit `box`, broken so the lines are as even as can be
    (a break after punctuation preferred): no word left alone on the last line."""
    words = text.split()
    if not words:
        return []
    fewest = len(_greedy(words, font, box, tracking))
    if len(words) > 16 or fewest > 4:  # long text: the greedy lines, not every cut
        return _greedy(words, font, box, tracking)
    for count in range(fewest, len(words) + 1):
        best: tuple[float, list[str]] | None = None
        for cuts in _cuts(len(words), count):
            lines = [
                " ".join(words[a:b]) for a, b in zip((0, *cuts), (*cuts, len(words)), strict=True)
            ]
            widths = [text_width(line, font, tracking) for line in lines]
            if max(widths) > box:
                continue
            score = max(widths) - min(widths)
            score -= sum(0.3 * box for c in cuts if words[c - 1][-1] in ":;,.—–")
            score += sum(0.3 * box for c in cuts if len(words[c - 1]) < 2)  # no lone "A" at an end
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    return words


def _greedy(words: list[str], font: Measured, box: int, tracking: float) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}", font, tracking) <= box:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _cuts(n: int, lines: int) -> list[tuple[int, ...]]:
    """Every way to cut n words into `lines` non-empty lines (the study's titles are short)."""
    if lines == 1:
        return [()]
    return [
        (first, *(first + c for c in rest))
        for first in range(1, n - lines + 2)
        for rest in _cuts(n - first, lines - 1)
    ]
