"""Handouts: names in reading order, the --by check."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from octavo.render.pdf.handouts import handouts_of


def test_handouts_sort_in_reading_order_and_reject_unknown_by(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    names = [h.name for h in handouts_of(manuscript, "section")]
    assert names == sorted(names) and names[0].startswith("1-")
    assert handouts_of(manuscript, "section")[1].path == (
        "Chapter 1: The Economy",
        "Geography",
        "Rivers",
    )
    with pytest.raises(BuildError) as caught:
        handouts_of(manuscript, "page")
    assert [d.code for d in caught.value.diagnostics] == ["E606"]
