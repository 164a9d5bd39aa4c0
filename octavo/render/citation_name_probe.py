"""Which `<name>` of a style prints an entry's people, in its citations or in its list:
the one citeproc-py reaches when it prints the entry, found by printing it once and
noting the first `<name>` asked for the entry's people (`printing_name`).

The first `<name>` a layout reaches, read from the style alone, is that one in a small
style, but not in Chicago's 18th edition (pandoc 3.9's default), whose citations reach an
interviewer's name under `<if disambiguate="true">` first and whose list reaches a
treaty's parties first: the given names telling people apart were asked of those, so
its citations printed "(Adams 1996a; Adams 1996b)" where pandoc prints "(R. Adams 1996;
S. Adams 1996)", and its list "毛, 泽东" where pandoc prints "毛泽东".

Found once per style, place (citation or list) and entry: a style may choose its `<name>`
by any of an entry's fields (Chicago's 18th by its URL, its archive), not only by its
type. The entry is printed by the place's layout alone, without the place's `<sort>`,
whose keys may reach another `<name>` first (`<key macro="author-bib"/>`). Where
citeproc-py is not a version whose `Name.process` is read here
(citation_sort_names.NAME_ARGUMENTS), none (citation_name_forms' `entry_name` then reads
the first `<name>` the layout reaches).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from octavo.render.citeproc_patch import arguments, install_once

__all__ = ["install", "installed", "printing_name"]

MARK = "octavo_name_probe"
_probe = threading.local()  # .asked: the variable looked for; .found: the `<name>` asking
_found: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], Any]] = weakref.WeakKeyDictionary()


def printing_name(style: Any, context: Any, source: Any, key: str) -> Any:
    """The `<name>` that prints the entry `key`'s people in `context` (the style's
    `<citation>` or `<bibliography>`); None where none is found (the entry names nobody,
    or citeproc-py is not a version read here)."""
    from octavo.render.citation_alike import people_field

    where = "citation" if context is style.root.citation else "bibliography"
    known = _found.setdefault(style, {})
    if (where, key) not in known:
        field = people_field(source[key])
        found = _probed(style, context, source, key, field) if field and install() else None
        known[where, key] = found
    return known[where, key]


def _probed(style: Any, context: Any, source: Any, key: str, field: str) -> Any:
    """The first `<name>` asked for `field` while `context`'s layout prints the entry
    alone: its children, as citeproc-py's `Layout` prints an item, without the sorting
    before it."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter

    alone = CitationStylesBibliography(style, source, formatter.html)
    item = CitationItem(key)
    alone.register(Citation([item]))
    layout, cited = context.layout, context is style.root.citation
    before = getattr(layout, "repressed", {}), getattr(context, "cites", None)
    layout.repressed = {}  # as Layout sets it before each item, and Citation.render the
    if cited:  # citation's earlier cites (none: the entry printed alone)
        context.cites = []
    with _asking(field) as found:
        try:
            layout.render_children(item)
        except _Found:  # the rest of the entry not printed: a third of the time
            pass
        except Exception:  # printed where it is printed for the book, and told there
            return None
        finally:
            layout.repressed = before[0]
            if cited:
                context.cites = before[1]
    return found[0] if found else None


class _Found(Exception):
    """The `<name>` looked for is found (`_noting`): the probe's printing stops."""


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
    """citeproc-py's `Name.process` noting the `<name>` asked while probing (once, over
    citation_sort_names' wrapper); False where citeproc-py is not a version and shape
    read here."""
    return install_once(installed, _patch)


def installed() -> bool:
    from citeproc import model

    return getattr(getattr(model.Name, "process", None), MARK, False) is True


def _patch(model: Any) -> bool:
    from octavo.render import citation_sort_names
    from octavo.render.citation_sort_names import NAME_ARGUMENTS

    if arguments(model.Name, "process") != NAME_ARGUMENTS or not citation_sort_names.install():
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
            raise _Found
        return process(self, item, variable, context, sort_options, **kwargs)

    noted.__dict__.update(process.__dict__)  # citation_sort_names' mark kept: wrapped once
    setattr(noted, MARK, True)
    return noted
