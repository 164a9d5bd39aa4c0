"""A country study's statistical table as pandoc's grid table, for tests and benchmarks:
column groups over their years, a region's name spanning its two rows, and a foot of
totals.

    +------------+--------+----------+----------+----------+----------+
    | Region     | Area   | Output              | Employment          |
    |            |        +----------+----------+----------+----------+
    |            |        | 1990     | 1991     | 1990     | 1991     |
    +============+========+=========:+=========:+=========:+=========:+
    | Minsk      | Urban  | 1,234    | 1,240    | 310      | 305      |
    |            +--------+----------+----------+----------+----------+
    |            | Rural  | 420      | 415      | 122      | 119      |
    +============+========+==========+==========+==========+==========+
    | Total               | 1,654    | 1,655    | 432      | 424      |
    +============+========+==========+==========+==========+==========+
"""

from __future__ import annotations

import random

__all__ = ["grid_table"]

_REGIONS = ("Minsk", "Brest", "Homyel", "Hrodna", "Mahilyow", "Vitsyebsk")
_WIDTHS = (12, 8, 10, 10, 10, 10)  # each column's characters between its `+`s


def _line(cells: list[tuple[str, int]], fill: str = " ", joint: str = "|") -> str:
    """A line of cells, each (its words, the columns it spans); `fill` pads them."""
    parts, at = [], 0
    for words, columns in cells:
        width = sum(_WIDTHS[at : at + columns]) + columns - 1
        parts.append(f"{fill}{words}".ljust(width, fill))
        at += columns
    return joint + joint.join(parts) + joint


def _border(char: str, aligned: bool = False) -> str:
    return (
        "+"
        + "+".join(
            char * (w - 1) + (":" if aligned and k > 1 else char) for k, w in enumerate(_WIDTHS)
        )
        + "+"
    )


def grid_table(rng: random.Random, number: int, regions: int = 6) -> str:
    """A table of `regions` regions (their names cycled, numbered past the sixth), each
    two rows, under a head of two rows, with a foot of totals; captioned `#tbl:g<number>`."""
    output = "+" + "+".join("-" * w for w in _WIDTHS[2:]) + "+"
    lines = [
        _border("-"),
        _line([("Region", 1), ("Area", 1), ("Output", 2), ("Employment", 2)]),
        "|" + " " * _WIDTHS[0] + "|" + " " * _WIDTHS[1] + output,
        _line([("", 1), ("", 1), *[(year, 1) for year in ("1990", "1991") * 2]]),
        _border("=", aligned=True),
    ]
    totals = [0, 0, 0, 0]
    for k in range(regions):
        name = _REGIONS[k % len(_REGIONS)] + (f" {k // len(_REGIONS) + 1}" if k >= 6 else "")
        for area in ("Urban", "Rural"):
            figures = [rng.randint(100, 2000), rng.randint(100, 2000)]
            figures += [rng.randint(20, 400), rng.randint(20, 400)]
            totals = [t + f for t, f in zip(totals, figures, strict=True)]
            shown = name if area == "Urban" else ""
            lines.append(_line([(shown, 1), (area, 1), *((f"{f:,}", 1) for f in figures)]))
            if area == "Urban":
                rest = "+".join("-" * w for w in _WIDTHS[1:])
                lines.append("|" + " " * _WIDTHS[0] + "+" + rest + "+")
        lines.append(_border("-"))
    lines[-1] = _border("=")
    lines.append(_line([("Total", 2), *((f"{t:,}", 1) for t in totals)]))
    lines.append(_border("="))
    caption = f"Table: Output and employment by region, 1990 and 1991 {{#tbl:g{number}}}"
    return "\n".join(lines) + "\n\n" + caption
