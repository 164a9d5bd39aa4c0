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


def test_a_handout_of_a_volume_names_its_part() -> None:
    """Moldova's "Agriculture" in the two-country volume: its path named only the chapter,
    so a reader of the handout could not tell Moldova's from Belarus's."""
    from tests.conftest import DATA

    manuscript, _ = api.manuscript(DATA / "volume")
    paths = {h.name: h.path for h in handouts_of(manuscript, "section")}
    assert paths["26-s026-agriculture.pdf"] == (
        "Part II · Moldova",
        "Chapter 2: The Economy and Politics",
        "The Economy",
        "Agriculture",
    )
    assert paths["01-s001-foreword.pdf"][0] == "Foreword"  # front matter is in no part
    chapters = {h.name: h.path for h in handouts_of(manuscript, "chapter")}
    assert chapters["p1-ch01.pdf"] == ("Part I · Belarus", "Chapter 1: Historical Setting")
