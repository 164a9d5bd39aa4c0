"""What a `<names>` and a `<date>` print in a sort key (a `<key macro="…">`,
octavo.render.citation_sort), as pandoc's citeproc prints them there (its `formatNames`
and `formatSortDate` with `contextInSortKey`): each name as the key's name options say
(initials as pandoc makes them, a CJK name one word), the names joined by nothing,
without the "and" term, the names after the et-al cut left out without "et al.", and no
label (", ed."); a date in digits, its year plus 5000, month and day ("69950304"). So
"Adams, J. et al." is "Adams, J." there, sorted before "Adams, J. and Smith, W." ("Adams,
J.Smith, W."), an editor's "Editor, Ed, ed." sorts as an author's "Editor, Ed", and
"March 4, 1995" before "April 1, 1996" or after "1995".

citeproc-py printed a key's names as its entry prints them, delimiters, "and", "et al."
and label, and a date in words ("April" before "March"). Three of its methods are wrapped
(`install`), on citeproc-py 0.11 whose methods have the arguments read, else left as
shipped (the sort then reads those words too); the wrappers change nothing but where
citeproc-py is given `sort_options` (only its `Key.sort_keys` gives them) or inside
`in_key`, which citation_sort holds while a key's macro is printed (citeproc-py gives a
date no `sort_options`, nor a macro that macro calls: Chicago 18th's `author-sort` calls
`author-bib`, whose names it printed as the entry prints them)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from octavo.render.citeproc_patch import arguments, install_once

__all__ = ["in_key", "install", "installed"]

NAME_ARGUMENTS = ("self", "item", "variable", "context", "sort_options", "kwargs")
LABEL_ARGUMENTS = ("self", "item", "variable", "plural", "context", "kwargs")
DATE_ARGUMENTS = ("self", "item", "variable", "show_parts", "context", "kwargs")
MARK = "octavo_sort_names"
_keyed = threading.local()  # .on: a sort key's macro is being printed (in_key)


@contextmanager
def in_key() -> Iterator[None]:
    """A sort key's macro printed while inside (citation_sort): its dates as pandoc prints
    them there (citeproc-py gives a `<date>` no `sort_options`)."""
    before = getattr(_keyed, "on", False)
    _keyed.on = True
    try:
        yield
    finally:
        _keyed.on = before


def install() -> bool:
    """Wrap this process's citeproc-py if it is a version and shape read here (once); True
    if the wrappers are in place."""
    return install_once(installed, _patch)


def installed() -> bool:
    from citeproc import model

    return getattr(getattr(model.Name, "process", None), MARK, False) is True


def _patch(model: Any) -> bool:
    """citeproc-py's three methods wrapped (`install`), if their arguments are as read."""
    if (
        arguments(model.Name, "process") != NAME_ARGUMENTS
        or arguments(model.Label, "process") != LABEL_ARGUMENTS
        or arguments(model.Date, "process") != DATE_ARGUMENTS
    ):
        return False
    model.Name.process = _name_process(model.Name.process)
    model.Label.process = _label_process(model.Label.process)
    model.Date.process = _date_process(model.Date.process)
    return True


def _name_process(process: Any) -> Any:
    """`Name.process` printing a sort key's names as pandoc does."""

    def patched(
        self: Any,
        item: Any,
        variable: Any,
        context: Any = None,
        sort_options: Any = None,
        **kwargs: Any,
    ) -> Any:
        if sort_options is None and not getattr(_keyed, "on", False):
            return process(self, item, variable, context, sort_options, **kwargs)
        if sort_options is None:  # in a macro a key's macro calls: citeproc-py lost them
            sort_options = {"name-as-sort-order": "all"}  # as Key.sort_keys gives them
        names = item.reference.get(variable, [])
        cut = _written(self, _cut(self, names, context, sort_options), context, sort_options)
        options = {**sort_options, "and": None, "delimiter": "", "et-al-min": "0"}
        options["initialize-with"] = None  # initialized as pandoc initializes (_written)
        item.reference[variable] = cut
        try:
            return process(self, item, variable, context, options, **kwargs)
        finally:
            item.reference[variable] = names

    setattr(patched, MARK, True)
    return patched


def _cut(name: Any, names: Any, context: Any, sort_options: Any) -> Any:
    """The names the et-al options leave (the last too, with `et-al-use-last`)."""
    least = name.get_option("et-al-min", context, sort_options)
    first = name.get_option("et-al-use-first", context, sort_options)
    if not isinstance(names, list) or len(names) < 2 or not least or len(names) < least:
        return names
    if name.get_option("et-al-use-last", context, sort_options) and first <= least - 2:
        return [*names[:first], names[-1]]
    return names[:first]


def _written(name: Any, names: Any, context: Any, sort_options: Any) -> Any:
    """The names as pandoc prints them in a key: given names initialized as it initializes
    them ("smith, zed", where citeproc-py printed "smith, . zed ."), a name written family
    first one word ("毛泽东", not "毛, 泽东")."""
    from octavo.render.citation_name_forms import as_listed

    if not isinstance(names, list):
        return names
    mark = name.get_option("initialize-with", context, sort_options)
    hyphen = name.get_option("initialize-with-hyphen", context, sort_options)
    return as_listed(names, None if mark is None else str(mark), bool(hyphen))


def _label_process(process: Any) -> Any:
    """`Label.process` printing no label of a name variable in a sort key."""
    from citeproc import NAMES

    def patched(
        self: Any,
        item: Any,
        variable: Any = None,
        plural: Any = None,
        context: Any = None,
        **kw: Any,
    ) -> Any:
        keyed = kw.get("sort_options") is not None or getattr(_keyed, "on", False)
        if keyed and str(variable).replace("-", "_") in NAMES:
            return None
        return process(self, item, variable, plural, context, **kw)

    setattr(patched, MARK, True)
    return patched


def _date_process(process: Any) -> Any:
    """`Date.process` printing a date in a sort key as pandoc's `formatSortDate` does: its
    year plus 5000, month and day, each of those the element shows, in digits ("69950304"
    of "March 4, 1995"), a range's two joined by "-"; else as citeproc-py prints it."""
    from citeproc.source import DateRange, LiteralDate

    def patched(
        self: Any, item: Any, variable: Any = None, show_parts: Any = None, context: Any = None,
        **kw: Any,
    ) -> Any:  # fmt: skip
        value = item.reference.get(str(variable or self.get("variable", "")).replace("-", "_"))
        if not getattr(_keyed, "on", False) or not value or isinstance(value, LiteralDate):
            return process(self, item, variable, show_parts, context, **kw)
        if self.get("form") is not None:
            shown = str(self.get("date-parts", "year-month-day")).split("-")
        else:
            shown = [str(part.get("name")) for part in self.iterchildren()]
        if isinstance(value, DateRange):
            ends = [value.begin] + ([] if value.end.is_nil() else [value.end])
            return self.preformat("-".join(_digits(end, shown) for end in ends))
        return self.preformat(_digits(value, shown))

    setattr(patched, MARK, True)
    return patched


def _digits(date: Any, shown: list[str]) -> str:
    year, month, day = (date.get(part) for part in ("year", "month", "day"))
    out = f"{int(year) + 5000:04d}" if "year" in shown and isinstance(year, int) else ""
    out += f"{int(month):02d}" if "month" in shown and isinstance(month, int) else ""
    return out + (f"{int(day):02d}" if "day" in shown and isinstance(day, int) else "")
