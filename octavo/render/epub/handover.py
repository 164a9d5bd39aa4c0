"""The manuscript handed to the EPUB writer's process (octavo.render.epub.beside): pickled
here, with the titles this process rendered, and read there.

Pickled lean: each section's Markdown left out, and the model's dataclasses as their class
and fields (see `_BY_ARGUMENTS`); both processes wait for it, so its milliseconds count.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
from collections.abc import Callable
from typing import Any

from octavo import model, settings
from octavo.model import Manuscript, Section

__all__ = ["dumps", "loads"]


def dumps(manuscript: Manuscript, unsorted: bool = False) -> bytes:
    """The manuscript pickled for the writer, with the titles rendered here (the writer
    then needs no Markdown parser) and whether its index is still to sort (`unsorted`),
    each section's Markdown left out: the EPUB is made of the rendered sections, never of
    their sources (a test builds both ways and compares the bytes), and the sources are
    40 % of the pickle (3.3 of 8.1 MB at 800 sections), pickled here and unpickled there
    while nothing else can go on."""
    from octavo.render.titles import rendered

    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, **_BY_ARGUMENTS, Section: _without_body}
    pickler.dump((manuscript, rendered(), unsorted))
    return out.getvalue()


def _without_body(section: Section) -> tuple[type[Section], tuple[object, ...]]:
    """`section` as pickle rebuilds it (each object once: the rendered section and its
    chapter share it), its Markdown empty."""
    return Section, tuple("" if name == "body" else getattr(section, name) for name in _FIELDS)


_FIELDS = tuple(f.name for f in dataclasses.fields(Section))  # Section's arguments, in order


def _arguments(kind: type) -> tuple[str, ...] | None:
    """The fields a dataclass of the model is made of, in order; None if it is not one
    that its fields make again (a field left out of __init__, a __post_init__)."""
    if not dataclasses.is_dataclass(kind) or hasattr(kind, "__post_init__"):
        return None
    fields = dataclasses.fields(kind)
    return tuple(f.name for f in fields) if all(f.init for f in fields) else None


def _reducer(names: tuple[str, ...]) -> Callable[[Any], tuple[type, tuple[object, ...]]]:
    def reduce(obj: Any) -> tuple[type, tuple[object, ...]]:
        return type(obj), tuple(getattr(obj, name) for name in names)

    return reduce


# The manuscript's dataclasses pickled as their class and fields, rebuilt by calling the
# class: dataclasses' own __getstate__ and __setstate__ look the fields up again for each
# object (384 at 81 sections), half of pickling it here and of unpickling it there, which
# both wait for (1.5 of 3.5 ms, at 81 sections). The model's classes are defined in its
# modules (octavo.model.manuscript …) and named by the package: until session 51 only those
# defined in the package itself (two) were taken.
_BY_ARGUMENTS = {
    kind: _reducer(names)
    for module in (model, settings)
    for kind in vars(module).values()
    if isinstance(kind, type)
    and (kind.__module__ == module.__name__ or kind.__module__.startswith(f"{module.__name__}."))
    and (names := _arguments(kind)) is not None
}


def loads(data: bytes) -> tuple[Manuscript, dict[str, str], bool]:
    """The manuscript, the titles rendered with it and whether its index is still to sort
    (`dumps`), in the writer's process."""
    manuscript, titles, unsorted = pickle.loads(data)
    return manuscript, titles, bool(unsorted)
