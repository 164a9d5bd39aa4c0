"""Which `<name>` of a style prints an entry's people, in its citations or in its list:
the one citeproc-py reaches when it prints the entry, found by printing it once and
noting the first `<name>` asked for the entry's people (`printing_name`).

The first `<name>` a layout reaches, read from the style alone, is that one in a small
style, but not in Chicago's 18th edition (pandoc 3.9's default), whose citations reach an
interviewer's name under `<if disambiguate="true">` first and whose list reaches a
treaty's parties first: the given names telling people apart were asked of those, so
its citations printed "(Adams 1996a; Adams 1996b)" where pandoc prints "(R. Adams 1996;
S. Adams 1996)", and its list "毛, 泽东" where pandoc prints "毛泽东".

Found once per style, place (citation or list), type of entry and variable naming its
people; where citeproc-py is not a version whose `Name.process` is read here
(citation_sort_names.NAME_ARGUMENTS), none (citation_name_forms' `entry_name` then
reads the first `<name>` the layout reaches).
"""

from __future__ import annotations

import inspect
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["install", "printing_name"]

MARK = "octavo_name_probe"
_LOCK = threading.Lock()
_probe = threading.local()  # .asked: the variable looked for; .found: the `<name>` asking
_found: weakref.WeakKeyDictionary[Any, dict[tuple[str, str, str], Any]] = (
    weakref.WeakKeyDictionary()
)


def printing_name(style: Any, context: Any, source: Any, key: str) -> Any:
    """The `<name>` that prints the entry `key`'s people in `context` (the style's
    `<citation>` or `<bibliography>`); None where none is found (the entry names nobody,
    or citeproc-py is not a version read here)."""
    from octavo.render.citation_alike import people_field

    reference = source[key]
    field = people_field(reference)
    where = "citation" if context is style.root.citation else "bibliography"
    known = _found.setdefault(style, {})
    found_key = (where, str(reference.get("type", "")), field)
    if found_key not in known:
        known[found_key] = (
            _probed(style, source, key, field, where) if field and install() else None
        )
    return known[found_key]


def _probed(style: Any, source: Any, key: str, field: str, where: str) -> Any:
    """The first `<name>` asked for `field` while the entry is printed alone in `where`."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter

    alone = CitationStylesBibliography(style, source, formatter.html)
    citation = Citation([CitationItem(key)])
    alone.register(citation)
    with _asking(field) as found:
        try:
            if where == "citation":
                style.render_citation(citation, [], lambda item: None)
            else:
                style.render_bibliography(alone.items)
        except Exception:  # printed where it is printed for the book, and told there
            return None
    return found[0] if found else None


@contextmanager
def _asking(field: str) -> Iterator[list[Any]]:
    found: list[Any] = []
    before = getattr(_probe, "asked", None), getattr(_probe, "found", None)
    _probe.asked, _probe.found = field, found
    try:
        yield found
    finally:
        _probe.asked, _probe.found = before


def install() -> bool:
    """citeproc-py's `Name.process` noting the `<name>` asked while probing (once); False
    where its arguments are not those read here."""
    from citeproc import model

    from octavo.render.citation_sort_names import NAME_ARGUMENTS

    with _LOCK:
        if getattr(model.Name.process, MARK, False):
            return True
        if tuple(inspect.signature(model.Name.process).parameters) != NAME_ARGUMENTS:
            return False
        model.Name.process = _noting(model.Name.process)
        return True


def _noting(process: Any) -> Any:
    def noted(
        self: Any,
        item: Any,
        variable: Any,
        context: Any = None,
        sort_options: Any = None,
        **kwargs: Any,
    ) -> Any:
        asked, found = getattr(_probe, "asked", None), getattr(_probe, "found", None)
        if found is not None and not found and str(variable).replace("-", "_") == asked:
            found.append(self)
        return process(self, item, variable, context, sort_options, **kwargs)

    noted.__dict__.update(process.__dict__)  # citation_sort_names' mark kept: wrapped once
    setattr(noted, MARK, True)
    return noted
