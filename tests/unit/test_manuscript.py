"""The format-neutral manuscript: the heading sequence both outputs read."""

from __future__ import annotations

from pathlib import Path

from octavo import api
from octavo.render.manuscript import body_headings


def test_body_items_open_each_breadcrumb_level_once(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    items = body_headings(manuscript.chapters[0])
    assert [(i.level, i.label, i.section is not None) for i in items] == [
        (2, "Land", True),
        (2, "Geography", False),
        (3, "Rivers", True),
        (3, "Lakes", True),
    ]
