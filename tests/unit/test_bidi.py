"""The bidirectional levels and order of a line octavo draws itself in several faces
(octavo.render.bidi, for the drawn cover's mixed lines: octavo.render.epub.cover_runs)."""

from __future__ import annotations

import pytest

from octavo.render.bidi import levels, visual_order


@pytest.mark.parametrize(
    ("text", "rtl", "expected"),
    [
        pytest.param("Egypt: مصر", False, "0000000111", id="latin-then-arabic"),
        pytest.param("مصر: ab", False, "1110000", id="neutral-between-goes-to-the-base"),
        pytest.param("مصر: ab", True, "1111122", id="latin-in-an-arabic-line"),
        pytest.param("مصر 1952", True, "11112222", id="figures-after-arabic"),
        pytest.param("ab 12 مصر", False, "000000111", id="figures-after-latin"),
        pytest.param("(مصر)", False, "01110", id="brackets-at-the-edges-take-the-base"),
        pytest.param("مَصر", True, "1111", id="a-mark-takes-its-letter-s-level"),
        # W4: a comma between figures is one of them ("1,952" drawn as "952,1" otherwise)
        pytest.param("مصر 1,952", True, "111122222", id="a-separator-inside-a-figure"),
        pytest.param("a \U0001d400 مصر", False, "0000111", id="a-character-past-u-ffff"),
    ],
)
def test_levels(text: str, rtl: bool, expected: str) -> None:
    assert "".join(map(str, levels(text, rtl))) == expected


@pytest.mark.parametrize(
    ("runs", "expected"),
    [
        ([0, 1, 0], [0, 1, 2]),  # one right-to-left run in a left-to-right line
        ([1, 1, 0], [1, 0, 2]),  # ... at its start: the two runs at level 1 swap
        ([1, 2, 1], [2, 1, 0]),  # a Latin run inside an Arabic line
        ([1, 2, 2, 1], [3, 1, 2, 0]),  # two runs of a Latin phrase keep their order
        ([], []),
    ],
    ids=["rtl-inside", "rtl-first", "ltr-inside-rtl", "ltr-phrase", "empty"],
)
def test_visual_order_reverses_by_level(runs: list[int], expected: list[int]) -> None:
    assert visual_order(runs) == expected
