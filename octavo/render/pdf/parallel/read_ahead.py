"""The parts a merge adds later, parsed while it waits for one still being laid out.

After an edit, the merge adds the front matter and the chapters before the edited one while
the edited chapter is being laid out (octavo.render.pdf.parallel.early.begin), then waits;
the parts after it and the stamp are known (from the cache) but were read only once the
edited chapter came back: pypdf parses a part's objects as its pages are copied, ~80% of
what copying the parts after an edit cost (~60 ms of ~75 at 81 sections). `ReadAhead.read`
parses them during the wait (every object a page reaches, as copying it would); `reader`
then hands the parsed reader to the merge. The same objects, parsed sooner: the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from octavo.render.pdf.parallel.part import PartLayout

__all__ = ["ReadAhead"]


class ReadAhead:
    def __init__(self) -> None:
        self._readers: dict[str, Any] = {}  # part key -> its reader, parsed

    def read(self, parts: Iterable[PartLayout]) -> None:
        """Parse `parts` (each at most once)."""
        from pypdf import PdfReader

        for part in parts:
            if part.key in self._readers:
                continue
            reader = PdfReader(io.BytesIO(part.pdf))
            seen: set[int] = set()
            for page in reader.pages:
                _parse(page, seen)
            self._readers[part.key] = reader

    def reader(self, part: PartLayout) -> Any:
        """A reader of `part`: the one parsed ahead (given once), else a new one."""
        from pypdf import PdfReader

        found = self._readers.pop(part.key, None)
        return found if found is not None else PdfReader(io.BytesIO(part.pdf))


def _parse(value: Any, seen: set[int]) -> None:
    """Every object `value` reaches, parsed (but the page tree above a page: /Parent)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    while isinstance(value, IndirectObject):
        if value.idnum in seen:
            return
        seen.add(value.idnum)
        value = value.get_object()
    if isinstance(value, DictionaryObject):
        for key, item in value.items():
            if key != "/Parent":
                _parse(item, seen)
    elif isinstance(value, ArrayObject):
        for item in value:
            _parse(item, seen)
