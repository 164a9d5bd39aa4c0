"""What tells a book's entries apart in the text (octavo.render.citation_names gives
given names, octavo.render.citation_suffixes year suffixes): each entry's citation printed
alone, with the names the text gives it and without its suffix, and the entry's people."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from octavo.model.bibliography import csl
from octavo.render.citation_name_forms import long_names

__all__ = [
    "PEOPLE",
    "SUFFIX",
    "as_cited",
    "cited_as",
    "list_entry",
    "more_names",
    "people_field",
    "printed",
    "unsuffixed",
]

PEOPLE = ("author", "editor", "translator", "composer", "director")  # a style's substitutes
SUFFIX = "year_suffix"  # citeproc-py's name of CSL's `year-suffix` variable


def people_field(reference: Any) -> str:
    """The variable naming the entry's people first (its authors, else editors …); ""."""
    return next((name for name in PEOPLE if name in reference), "")


def printed(
    style: Any,
    source: Any,
    keys: Sequence[str],
    shown: Mapping[str, list[Any]],
    more: Mapping[str, int] | None = None,
) -> dict[str, str]:
    """Each entry's citation as the style prints it alone, by a bibliography of its own
    (citeproc-py's of the book counts every citation it prints: a style's `position`),
    without its year suffix, with the names `shown` gives it and at least the number of
    names `more` gives it before "et al."."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter

    alone = CitationStylesBibliography(style, source, formatter.html)
    citations = {key: Citation([CitationItem(key)]) for key in keys}
    for made in citations.values():
        alone.register(made)
    out = {}
    with unsuffixed(source, keys), as_cited(source, shown, keys):
        for key, made in citations.items():
            count, names = (more or {}).get(key, 0), _names(source[key])
            citation = style.root.citation
            cited = long_names(style, citation, source, key, names)
            with more_names(style, count, citation), cited:
                out[key] = str(alone.cite(made, lambda item: None))
    return out


@contextmanager
def more_names(style: Any, count: int, context: Any) -> Iterator[None]:
    """The style's names printing at least `count` names before "et al.", for a while
    (pandoc's disambiguate-add-names: its citation's or list's `et-al-use-first` raised, and
    its `et-al-min` above `count`, so that a list of `count` names is printed whole, "Smith,
    Doe and Lee"): `context`, the `<citation>` or `<bibliography>` printing them."""
    kept: dict[Any, dict[str, str | None]] = {}
    if count > 0:
        for name in style.root.iter(csl("name")):
            kept[name] = {}
            for option, least in (("et-al-use-first", count), ("et-al-min", count + 1)):
                inherited = context.get(option, style.root.get(option))
                kept[name][option] = name.get(option)
                if kept[name][option] or inherited:
                    given = int(kept[name][option] or inherited or 0)
                    name.set(option, str(max(least, given)))
    try:
        yield
    finally:
        for name, options in kept.items():
            for option, value in options.items():
                if value is None:
                    name.attrib.pop(option, None)
                else:
                    name.set(option, value)


def list_entry(style: Any, item: Any, more: Mapping[str, int]) -> str:
    """The reference list's entry of `item`, at least as many names before "et al." as
    `more` gives it."""
    listing, names = style.root.bibliography, _names(item.reference)
    source = item.bibliography.source
    with (
        more_names(style, more.get(item.key, 0), listing),
        long_names(style, listing, source, item.key, names),
    ):
        return "".join(str(e) for e in style.render_bibliography([item]))


@contextmanager
def cited_as(
    style: Any, source: Any, shown: Mapping[str, list[Any]], more: Mapping[str, int], key: str
) -> Iterator[None]:
    """The entry `key` as the text cites it, for a while: with the names `shown` gives it,
    and at least as many before "et al." as `more` gives it."""
    citation, count = style.root.citation, more.get(key, 0)
    with (
        as_cited(source, shown, [key]),
        more_names(style, count, citation),
        long_names(style, citation, source, key, _names(source[key])),  # as_cited's names
    ):
        yield


def _names(reference: Any) -> Any:
    """The entry's people (`people_field`'s), as they are now; None."""
    field = people_field(reference)
    return reference[field] if field else None


@contextmanager
def as_cited(source: Any, shown: Mapping[str, list[Any]], keys: Sequence[str]) -> Iterator[None]:
    """The entries `keys` with the names `shown` gives them, for a while (a citation's
    words), the file's names back after."""
    kept = {}
    for key in keys:
        if key in shown:
            field = people_field(source[key])
            kept[key] = field, source[key][field]
            source[key][field] = shown[key]
    try:
        yield
    finally:
        for key, (field, names) in kept.items():
            source[key][field] = names


@contextmanager
def unsuffixed(source: Any, keys: Sequence[str]) -> Iterator[None]:
    """The entries `keys` without their year suffixes for a while: a citation's items are
    sorted as pandoc sorts them, as if they had none ("(Doe, 2003b, 2003a)" as written)."""
    hidden = {key: source[key].pop(SUFFIX) for key in set(keys) if SUFFIX in source[key]}
    try:
        yield
    finally:
        for key, suffix in hidden.items():
            source[key][SUFFIX] = suffix
