"""octavo.text: small text helpers shared by the stages."""

from __future__ import annotations

import pytest

from octavo.text import inches


@pytest.mark.parametrize(
    ("points", "told"),
    [(72, "1"), (110.88, "1.54"), (288, "4"), (180, "2.5"), (725.76, "10.08"), (0.2, "0")],
)
def test_a_length_is_told_in_inches_to_the_hundredth(points: float, told: str) -> None:
    """One rule for E149's text block and the cover's spine and barcode (W646, E645)."""
    assert inches(points) == told
