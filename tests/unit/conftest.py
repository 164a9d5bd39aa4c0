"""Fixtures shared by the unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MakeBook, section_source


@pytest.fixture
def small_book(make_book: MakeBook) -> Path:
    return make_book(
        {
            "001-a.md": section_source(1, "Land", total=3),
            "002-b.md": section_source(2, "Rivers", parents="[Geography]", total=3),
            "003-c.md": section_source(
                3, "Lakes", parents="[Geography]", total=3, date='"1994-02"'
            ),
        }
    )
