"""The reference list in the style's order as pandoc's citeproc sorts it (its
`evalSortKeys` and `compSortKeyValues`), where citeproc-py compared the HTML it printed
for each key, lower-cased, code point by code point: "<i>The Economist</i>" before "Doe",
"Ångström" after "Zola", "毛" before "김".

- **Each key's words**: what the key prints (a macro through citeproc-py, as before; a
  variable as pandoc reads it) without its markup, case-folded and cut into words at
  spaces, commas and apostrophes (pandoc's `normalizeSortKey`); a name variable's names
  each family first (pandoc's `getNamePartSortOrder`), a number zero-padded, a date as
  citeproc-py writes it for sorting.
- **Compared** word by word, each by the Unicode Collation Algorithm in the book's
  language (ICU; pandoc's unicode-collation): case and accents weigh less than letters,
  punctuation nothing ("-Zeta" among the Z's), a word before a longer one it begins
  ("C b" before "Ca"); a key an entry lacks after every value, descending or not.
- **Ties** keep the order given: the bibliography file's for the list (pandoc's), the
  citations' for the year suffixes' letters (octavo.render.citation_suffixes), as pandoc
  letters them.

The `<citation>`'s own sort (a citation's items) is compared so too
(octavo.render.citeproc_book's `sorter`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, cmp_to_key
from typing import Any

from octavo.render.citation_particles import JOINED
from octavo.render.citation_quotes import CLOSE, OPEN, STYLE_CLOSE, STYLE_OPEN
from octavo.render.citation_sort_names import in_key
from octavo.text import strip_tags

__all__ = ["sort_list", "sort_words", "sorted_items"]

_SEPARATORS = re.compile(f"[\\s,'\u2019\u02be\u02bf{JOINED}]+")  # pandoc's isWordSep

Key = tuple[bytes, ...] | int | None  # a key's value for one entry (None: it has none)


def sort_list(style: Any, bibliography: Any, filed: Sequence[str], language: str) -> list[Any]:
    """citeproc-py's `bibliography` (its items in the order of citation) set in the list's
    order, ties in the file's (`filed`: the keys as citeproc-py reads them); its items
    returned in the order the year suffixes are lettered, ties in the citations' order
    (as given where the style sorts none)."""
    listing = style.root.bibliography
    sort = listing.find("cs:sort", listing.nsmap) if listing is not None else None
    items = list(bibliography.items)
    if sort is None:
        return items
    ordered = sorted_items(sort, items, listing.layout, language)
    place = {key: at for at, key in enumerate(filed)}
    listed = ordered(sorted(items, key=lambda item: place.get(item.key, len(place))))
    bibliography.items = listed
    bibliography.keys = [item.key for item in listed]
    return ordered(items)


def sorted_items(
    sort: Any, items: Sequence[Any], context: Any, language: str
) -> Callable[[Sequence[Any]], list[Any]]:
    """What puts `items` (citeproc-py's citation items; any order of them) in the order
    of `sort` (a `<sort>` element, citeproc-py's), ties in the order it is given them;
    `context`, the layout its macros render in. Each key is read once."""
    keys = [(_descending(key), _values(key, items, context, language)) for key in _keys(sort)]
    place = {id(item): at for at, item in enumerate(items)}

    def compared(one: Any, other: Any) -> int:
        left, right = place[id(one)], place[id(other)]
        for descending, values in keys:
            mine, theirs = values[left], values[right]
            if mine is None or theirs is None:
                if mine is None and theirs is None:
                    continue
                return 1 if mine is None else -1  # absent after every value
            if mine != theirs:
                below = mine < theirs  # type: ignore[operator]
                return (1 if below else -1) if descending else (-1 if below else 1)
        return 0

    def ordered(given: Sequence[Any]) -> list[Any]:
        return sorted(given, key=cmp_to_key(compared))

    return ordered


def _keys(sort: Any) -> list[Any]:
    return list(sort.findall("cs:key", sort.nsmap))


def _descending(key: Any) -> bool:
    return str(key.get("sort", "ascending")).lower() == "descending"


def _values(key: Any, items: Sequence[Any], context: Any, language: str) -> list[Key]:
    """Each item's value of one `<key>`."""
    from citeproc import DATES, NAMES, NUMBERS

    variable = str(key.get("variable", "")).replace("-", "_")
    if not variable:  # a macro: what citeproc-py prints, as text
        root = key.get_root()
        demote = root.get("demote-non-dropping-particle")
        if demote == "sort-only":  # its particle after the given name (citeproc-py's kept)
            root.set("demote-non-dropping-particle", "display-and-sort")
        try:
            with in_key():  # its dates in digits, as pandoc's
                printed = key.sort_keys(list(items), context)
        finally:
            if demote is not None:
                root.set("demote-non-dropping-particle", demote)
        # a macro that prints nothing is empty, before every value (pandoc's), not absent
        return [_words(p, language) or () for p in printed]
    if variable == "citation_number":
        return [int(item.number) for item in items]
    out: list[Key] = []
    for item in items:
        value = item.reference.get(variable)
        if value is None:
            out.append(None)
        elif variable in NAMES:
            out.append(sort_words(_names(value, key.get_root()), language))
        elif variable in DATES:
            out.append((str(value.sort_key()).encode(),))
        elif variable in NUMBERS and str(value).strip().isdigit():
            out.append((f"{int(str(value)):09d}".encode(),))
        else:
            out.append(_words(str(value), language))
    return out


def _names(names: Any, root: Any) -> str:
    """pandoc's text of a name variable for sorting: each name's parts, family first,
    joined by spaces, the names by commas."""
    demote = str(root.get("demote-non-dropping-particle", "display-and-sort")).lower()
    written = []
    for name in names:
        if "literal" in name:
            written.append(str(name["literal"]))
            continue
        given, family, dropping, particle, suffix = (str(p or "") for p in name.parts())
        if not dropping and not particle and not suffix:
            parts = [family, given]
        elif demote == "never":
            parts = [particle + family, dropping, given, suffix]
        else:
            parts = [family, dropping + particle, given, suffix]
        written.append(" ".join(parts))
    return ",".join(written)


def _words(printed: Any, language: str) -> Key:
    """A key's value of citeproc-py's HTML (None: it printed nothing)."""
    if printed is None:
        return None
    return sort_words(strip_tags(str(printed)), language)


def sort_words(text: str, language: str) -> tuple[bytes, ...]:
    """`text` as pandoc compares it: case-folded words, each the collation key of the
    language (punctuation ignored, accents and case after letters)."""
    collator = _collator(language)
    unmarked = text  # a quotation's marks (a field's own, the style's: private-use)
    for mark in (OPEN, CLOSE, STYLE_OPEN, STYLE_CLOSE):
        unmarked = unmarked.replace(mark, "")
    words = [w for w in _SEPARATORS.split(unmarked.casefold()) if w]
    return tuple(bytes(collator.getSortKey(w)) for w in words)


@cache
def _collator(language: str) -> Any:
    import icu

    collator = icu.Collator.createInstance(icu.Locale(language.replace("-", "_")))
    collator.setAttribute(icu.UCollAttribute.ALTERNATE_HANDLING, icu.UCollAttributeValue.SHIFTED)
    return collator
