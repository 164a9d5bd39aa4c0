"""A WeasyPrint box tree read in document order: a laid-out page's boxes for the readers
of a layout (the parts' page maps, the continued tables, the folios page references
print)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["walk_boxes"]


def walk_boxes(box: Any) -> Iterator[Any]:
    """`box` and every box below it, each before its children."""
    yield box
    for child in getattr(box, "children", None) or ():
        yield from walk_boxes(child)
