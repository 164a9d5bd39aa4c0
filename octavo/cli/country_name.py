"""The country `octavo new DIR` names a book after when no --country is given: the folder's
name as a person writes the country's.

- A name with a capital is as its author wrote it ("Côte d'Ivoire", "Guinea-Bissau",
  "Bosnia and Herzegovina"), its underscores spaces ("Bosnia_and_Herzegovina").
- A name in lowercase ASCII is a slug: a country's English name whose slug it is, as ICU's
  CLDR data writes it, is that name, "&" as "and" ("cote-d-ivoire" -> "Côte d’Ivoire",
  "bosnia-and-herzegovina" -> "Bosnia and Herzegovina", "guinea-bissau" ->
  "Guinea-Bissau").
- Any other lowercase name: its words (apart by hyphens, underscores or spaces) each with a
  capital, but a small word ("and", "of", "the", "de", "la" …) that is not the first, and
  after an elision ("d'ivoire" -> "d'Ivoire"); a hyphen kept where a country's name holds
  one ("guinea-bissau" in "new-guinea-bissau"), else a space ("south-ossetia" -> "South
  Ossetia")."""

from __future__ import annotations

import re
from functools import lru_cache

from octavo.text import ascii_key

__all__ = ["country_name"]

SMALL = frozenset(
    {
        *("a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"),  # English
        *("d", "de", "del", "des", "di", "du", "da", "das", "do", "dos", "e", "el", "et"),
        *("l", "la", "le", "les", "y", "van", "von", "der", "den"),  # French, Spanish, Dutch…
    }
)
_ELIDED = re.compile(r"^([dl]['’])(.+)$")  # French, Italian "d'", "l'"


def country_name(folder: str) -> str:
    """The country's name for a new book in the folder named `folder`."""
    if any(c.isupper() for c in folder):
        return " ".join(folder.replace("_", " ").split())
    if folder.isascii():
        known = _known().get(ascii_key(folder))
        if known:
            return known
    words = re.split(r"([-_\s]+)", folder.strip("-_ "))
    named: list[str] = []
    for index, word in enumerate(words):
        if index % 2:  # a separator: a hyphen kept inside a name that has one
            pair = f"{words[index - 1]}-{words[index + 1]}".lower()
            named.append("-" if word == "-" and pair in _hyphenated() else " ")
        else:
            named.append(_capitalised(word, first=index == 0))
    return "".join(named)


def _capitalised(word: str, first: bool) -> str:
    if not first and word.lower() in SMALL:
        return word
    elided = _ELIDED.match(word)
    if elided:
        head = elided[1] if not first else elided[1][0].upper() + elided[1][1:]
        return head + _capitalised(elided[2], first=True)
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=1)
def _english_names() -> tuple[str, ...]:
    """The English names of the world's countries and territories, as CLDR writes them
    ("Bosnia & Herzegovina" as "Bosnia and Herzegovina", "Myanmar (Burma)" as "Myanmar"),
    but those CLDR tells apart with a spaced dash ("Congo - Kinshasa")."""
    import icu

    english = icu.Locale.getEnglish()
    names = (
        str(icu.Locale("", code).getDisplayCountry(english))
        for code in icu.Locale.getISOCountries()
    )
    return tuple(
        re.sub(r"\s*\(.*\)", "", name).replace(" & ", " and ")
        for name in names
        if " - " not in name
    )


@lru_cache(maxsize=1)
def _known() -> dict[str, str]:
    return {ascii_key(name): name for name in _english_names()}


@lru_cache(maxsize=1)
def _hyphenated() -> frozenset[str]:
    """The hyphenated words of the countries' names, lowercase ("guinea-bissau")."""
    return frozenset(w.lower() for name in _english_names() for w in name.split() if "-" in w)
