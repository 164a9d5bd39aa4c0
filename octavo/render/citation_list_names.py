"""The reference list's names as pandoc's citeproc prints them where citeproc-py prints
them otherwise, though no name is told apart (octavo.render.citation_names gives those):

- a name in a script written family first (Chinese, Japanese, Korean) is one word, family
  then given, "毛泽东", where citeproc-py printed "毛, 泽东" first in the list and "泽东
  毛" after it, and with initials its given name kept with the mark, "毛泽东." (Harvard's),
  where citeproc-py printed "毛, . 泽东 .";
- a given name's word in lower case is kept as it is where the list initializes given
  names, "smith, zed", "Beethoven, L. van", where citeproc-py printed "smith, . zed .".

Such an entry's names are made as the list prints them (octavo.render.citation_name_forms'
`as_listed`, pandoc's initials), given to it while the list is printed
(octavo.render.citeproc_book), the style's own `<name>` then printing them whole; every
other entry is printed by citeproc-py as it was."""

from __future__ import annotations

import re
from typing import Any

from octavo.render.citation_name_forms import as_listed, family_first, list_initials

__all__ = ["plain_listed"]

_WORD = re.compile(r"[^\s.\-]+")


def plain_listed(style: Any, source: Any, named: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The names of each entry (`named`: key -> its people) that the list, printing names
    in their long form, prints otherwise than pandoc; only those entries."""
    out: dict[str, list[Any]] = {}
    for key, names in named.items():
        options = list_initials(style, source, key)
        if options is None:
            continue
        mark, hyphen = options
        if not any(_unlike(name, mark) for name in names):
            continue
        out[key] = as_listed(names, mark, hyphen)
    return out


def _unlike(name: Any, mark: str | None) -> bool:
    """Whether citeproc-py prints the name otherwise than pandoc in the list."""
    if "literal" in name:
        return False
    given, family = (str(p or "") for p in name.parts()[:2])
    if given and family_first(family):
        return True
    return mark is not None and any(w.islower() for w in _WORD.findall(given))
