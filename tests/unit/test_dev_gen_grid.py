"""The bench's grid tables (octavo.dev.gen_grid): the module's example is what it draws."""

from __future__ import annotations

import random

import octavo.dev.gen_grid
from octavo.dev.gen_grid import grid_table


class _Figures(random.Random):
    """The example's figures, in the order grid_table asks for them."""

    def __init__(self, figures: list[int]):
        super().__init__(0)
        self.figures = figures

    def randint(self, _low: int, _high: int) -> int:
        return self.figures.pop(0)


def test_the_docstring_s_example_is_what_is_drawn() -> None:
    """Its foot under one line of `=` (the example showed a line of `-` over it too)."""
    figures = _Figures([1234, 1240, 310, 305, 420, 415, 122, 119])
    table, _caption = grid_table(figures, 1, regions=1).split("\n\n")
    doc = octavo.dev.gen_grid.__doc__ or ""
    example = [line[4:] for line in doc.splitlines() if line.startswith("    ")]
    assert example == table.splitlines()
