"""What tells a book's entries apart in the text (octavo.render.citation_names gives
given names, octavo.render.citation_suffixes year suffixes): each entry's citation printed
alone, with the names the text gives it and without its suffix, and the entry's people."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["PEOPLE", "SUFFIX", "as_cited", "people_field", "printed", "unsuffixed"]

PEOPLE = ("author", "editor", "translator", "composer", "director")  # a style's substitutes
SUFFIX = "year_suffix"  # citeproc-py's name of CSL's `year-suffix` variable


def people_field(reference: Any) -> str:
    """The variable naming the entry's people first (its authors, else editors …); ""."""
    return next((name for name in PEOPLE if name in reference), "")


def printed(
    style: Any, source: Any, keys: Sequence[str], shown: Mapping[str, list[Any]]
) -> dict[str, str]:
    """Each entry's citation as the style prints it alone, by a bibliography of its own
    (citeproc-py's of the book counts every citation it prints: a style's `position`),
    without its year suffix, with the names `shown` gives it."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter

    alone = CitationStylesBibliography(style, source, formatter.html)
    citations = {key: Citation([CitationItem(key)]) for key in keys}
    for made in citations.values():
        alone.register(made)
    with unsuffixed(source, keys), as_cited(source, shown, keys):
        return {key: str(alone.cite(made, lambda item: None)) for key, made in citations.items()}


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
