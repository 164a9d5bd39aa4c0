"""Chicago's "———": in the reference list, an entry naming the same people as the entry
before it prints the style's `subsequent-author-substitute` in place of their names, as CSL
1.0.2 says and pandoc's citeproc prints it ("Doe, Jane. 2001a. Airports." then "———.
2001b. Bridges."). citeproc-py reads the option and never applies it; octavo does, on the
entries it formatted (octavo.render.citeproc_book).

- **Which entries**: after the first of a run of entries, each whose people (its authors,
  else editors …, every part of each name) are the run's first's (`complete-all`, CSL's
  default and Chicago's, and `complete-each`), or begin with one or more of them
  (`partial-each`, `partial-first`), as pandoc's citeproc compares them; an entry naming
  nobody, after the first of a run of such entries whose words in the author's place
  (the title, the journal standing in: what citeproc-py's substitute printed,
  octavo.render.citation_suppress's `in_place`) are the same, whatever the rule (pandoc's
  complete-all where there are no names): "Country Report. 1995." then "———. 1996.".
- **Which words**: `complete-all`, the names and the words between them (", and ") in one
  (the words standing in for nobody's names, in one);
  `complete-each`, each name; `partial-each`, each name of those it shares;
  `partial-first`, the first. They are found by formatting the entry again with a
  stand-in for each name replaced: where the entry prints none of them, or prints them
  twice (pandoc replaces the first), it is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from itertools import takewhile
from typing import Any

from octavo.render.citation_alike import people_field
from octavo.render.citation_names import listed_names, name_parts

__all__ = ["substituted"]

_STAND_IN = 0xE000  # private-use characters, one a name: no entry prints them


def substituted(
    style: Any,
    source: Any,
    items: Sequence[Any],
    entries: list[str],
    render: Callable[[Any], str],
) -> list[str]:
    """`entries` (citeproc-py's HTML of `items`, in the list's order, each printed by
    `render`) with the names of each entry after the first of one people's run replaced as
    the style says."""
    listing = style.root.bibliography
    if listing is None or listing.get("subsequent-author-substitute") is None:
        return entries
    words = escape(listing.get("subsequent-author-substitute"), quote=False)
    rule = listing.get("subsequent-author-substitute-rule", "complete-all")
    out: list[str] = []
    first: list[tuple[tuple[str, str], ...]] = []
    stood = ""  # what stood in the author's place of the run's first, naming nobody
    for item, entry in zip(items, entries, strict=True):
        names = [name_parts(n) for n in listed_names(source[item.key])]
        if not names:  # a run of one substitute's words: pandoc's complete-all, whatever the rule
            again, place = _in_place(render, item)
            if stood and place == stood and again.count(place) == 1:
                out.append(again.replace(place, words, 1))
            else:
                out.append(entry)
            first, stood = [], place
            continue
        stood = ""
        shared = len(
            list(takewhile(lambda pair: pair[0] == pair[1], zip(names, first, strict=False)))
        )
        if not shared or (rule.startswith("complete") and names != first):
            first = names
            out.append(entry)
            continue
        count = shared if rule == "partial-each" else 1 if rule == "partial-first" else shared
        whole = rule == "complete-all"
        out.append(_replaced(source, item, render, entry, count, words, whole))
    return out


def _in_place(render: Callable[[Any], str], item: Any) -> tuple[str, str]:
    """The entry of `item` (naming nobody), and the words its first substitute printed in
    the author's place ("" for none: nothing stood there, or citeproc-py unpatched)."""
    from octavo.render.citation_suppress import in_place

    with in_place() as said:
        entry = render(item)
    return entry, said[0] if said else ""


def _replaced(
    source: Any,
    item: Any,
    render: Callable[[Any], str],
    entry: str,
    count: int,
    words: str,
    whole: bool,
) -> str:
    """`entry` with its first `count` names replaced by `words` (`whole`: they and the
    words between them, once); as it is where it prints none of them."""
    from citeproc.source import Name

    reference = source[item.key]
    field = people_field(reference)
    kept = reference[field]
    stand_ins = [chr(_STAND_IN + at) for at in range(count)]
    reference[field] = [Name(literal=s) for s in stand_ins] + list(kept[count:])
    try:
        stood = render(item)
    finally:
        reference[field] = kept
    found = [stood.find(s) for s in stand_ins if s in stood]
    if not found or any(stood.count(s) > 1 for s in stand_ins):  # none, or printed twice
        return entry
    if whole:
        return stood[: min(found)] + words + stood[max(found) + 1 :]
    for stand_in in stand_ins:
        stood = stood.replace(stand_in, words)
    return stood
