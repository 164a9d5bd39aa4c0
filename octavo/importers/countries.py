"""A page of an import that names no country in its title or address, found to be of the
one study's country its text names many times, naming no other (W419).

mongabay's 2005 Country Profile of Nepal ('Formal Name: Kingdom of Nepal', 'Short Form:
Nepal.') has no title, table of contents or file name that starts with a country: it was
refused (E401 'no country found'), or given Moldova from a Moldova page beside it (W414).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.importers.manifest import Entry
from octavo.importers.page import Page

__all__ = ["MIN_NAMED", "STUDY_COUNTRIES", "country_named", "named_in_text", "named_note"]

# The countries of the Library's studies, as allrefer's menu of them lists them
# (tests/data/pages/allrefer/nepal26.txt): where a page's text names one of them.
STUDY_COUNTRIES = (
    *("Afghanistan", "Albania", "Algeria", "Angola", "Armenia", "Austria", "Azerbaijan"),
    *("Bahrain", "Bangladesh", "Belarus", "Belize", "Bhutan", "Bolivia", "Brazil", "Bulgaria"),
    *("Cambodia", "Chad", "Chile", "China", "Colombia", "Caribbean Islands", "Comoros"),
    *("Cyprus", "Czechoslovakia", "Dominican Republic", "Ecuador", "Egypt", "El Salvador"),
    *("Estonia", "Ethiopia", "Finland", "Georgia", "Germany", "Ghana", "Guyana", "Haiti"),
    *("Honduras", "Hungary", "India", "Indonesia", "Iran", "Iraq", "Israel", "Cote d'Ivoire"),
    *("Japan", "Jordan", "Kazakhstan", "Kuwait", "Kyrgyzstan", "Latvia", "Laos", "Lebanon"),
    *("Libya", "Lithuania", "Macau", "Madagascar", "Maldives", "Mauritania", "Mauritius"),
    *("Mexico", "Moldova", "Mongolia", "Nepal", "Nicaragua", "Nigeria", "North Korea", "Oman"),
    *("Pakistan", "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar"),
    *("Romania", "Russia", "Saudi Arabia", "Seychelles", "Singapore", "Somalia"),
    *("South Africa", "South Korea", "Soviet Union", "Spain", "Sri Lanka", "Sudan", "Syria"),
    *("Tajikistan", "Thailand", "Turkmenistan", "Turkey", "Uganda", "United Arab Emirates"),
    *("Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Yugoslavia", "Zaire"),
)
MIN_NAMED = 3  # a page of a country names it at least so often; another is named in passing

_Pages = list[tuple[Path, Page, Entry | None]]


def country_named(text: str, countries: tuple[str, ...]) -> tuple[str, int] | None:
    """The one of `countries` that `text` names, as a word, at least MIN_NAMED times, and how
    often, where it names no other of them at all: a 2005 Country Profile ('Formal Name:
    Kingdom of Nepal', 'Short Form: Nepal.') has no title and a file name that starts with
    'country'. A page that names two (Nepal's, naming India) names none."""
    named = {
        country: count
        for country in dict.fromkeys(countries)
        if (count := len(re.findall(rf"(?<!\w){re.escape(country)}(?!\w)", text)))
    }
    if len(named) != 1:
        return None
    ((country, count),) = named.items()
    return (country, count) if count >= MIN_NAMED else None


def named_in_text(pages: _Pages, known: tuple[str, ...]) -> tuple[_Pages, dict[Path, int]]:
    """The pages, each that names no country in its title or address given the one study's
    country its text names many times, naming no other; how often, by page. The studies'
    countries are allrefer's list and `known`: this import's pages', the book's sections'
    and book.toml's."""
    candidates = (*STUDY_COUNTRIES, *(p.country for _, p, _ in pages if p.country), *known)
    out: _Pages = []
    named: dict[Path, int] = {}
    for path, page, entry in pages:
        found = None if page.country else country_named("\n".join(page.paragraphs), candidates)
        if found is not None:
            page, named[path] = replace(page, country=found[0]), found[1]
        out.append((path, page, entry))
    return out, named


def named_note(path: Path, country: str, times: int) -> tuple[str, Diagnostic]:
    """What the section's `supplied:` list says of a country so found, and W419."""
    said = f"{country} from the page's text (named {times} times"
    return f"country {said})", warning(
        "W419",
        f"no country in the page's title or address: took {said}, and no other study's country)",
        path,
        hint="check it: a page of another study needs a book of its own",
    )
