"""A name's particles as pandoc reads them, where citeproc-py reads them otherwise: its
names are mended once the bibliography is read (octavo.render.citeproc_book), before
anything is sorted or printed.

- **CSL-JSON** (pandoc's citeproc's `extractParticles`): lowercase words before a family
  name are its non-dropping particle ("von Neumann": "Neumann, John von" in Chicago's
  list, sorted under N), as are lowercase letters joined to it by an apostrophe or a
  hyphen ("d'Alembert", "al-Rahman": no space after them, `JOINED`); lowercase words
  after a given name its dropping particle ("Ludwig van"); a comma in a given name sets
  off its suffix ("John, Jr."); a family or given name in double quotes is kept whole,
  without them; a straight apostrophe in a name is curled ("O’Brien"). citeproc-py read
  each part as written. A name saying `"parse-names": false` (CSL-JSON's, citeproc-js's
  reading: any value JavaScript reads as false, `null`, `0`, `""`, but not `"false"`)
  keeps its parts as given ("van Gogh, Vincent" under V), its apostrophes curled
  (`unparsed` takes the field out before citeproc-py reads the names: it warned of an
  argument it does not know); pandoc 3.9 reads it as any other name ("Gogh, Vincent van").
- **BibTeX** (pandoc's BibTeX reader, as biblatex's `useprefix=false`): the "von" part,
  "de la" of `de la Fontaine, Jean` or `Jean de la Fontaine`, is a dropping particle,
  "Fontaine, Jean de la" and "(Fontaine 1990)"; a non-dropping one, "(de la Fontaine
  1990)", in an entry whose `options` say `useprefix` (or `useprefix=true`).
  citeproc-py read it as a non-dropping particle in every entry.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any

from octavo.model.bibliography import folded

__all__ = ["JOINED", "bibtex_particles", "json_particles", "unparsed"]

# after a particle joined to its name by an apostrophe or a hyphen ("d’", "al-"): the space
# citeproc-py prints after every particle is taken out with it ("d’Alembert", not "d’ Alembert")
JOINED = "\ue0ff"

_PUNCTUATION = "'\u2019-\u2013."  # pandoc's isParticlePunct
_ENTRY = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")
_OPTIONS = re.compile(r"\boptions\s*=\s*[{\"]([^}\"]*)", re.IGNORECASE)
_USEPREFIX = re.compile(r"\buseprefix\s*(?:=\s*(\w+))?", re.IGNORECASE)


def unparsed(entries: Any) -> set[tuple[str, str, int]]:
    """The names of CSL-JSON `entries` (as json.loads gives them) saying `"parse-names"`
    with a value JavaScript reads as false (citeproc-js's `!name["parse-names"]`: false,
    null, 0, "", not the string "false"), each as (key as citeproc-py reads it, field,
    place), of the last entry of each key (the one citeproc-py keeps: W151); every name's
    `parse-names` taken out (citeproc-py reads no such part)."""
    kept: dict[str, set[tuple[str, str, int]]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        key = folded(str(entry.get("id", "")))
        kept[key] = set()  # an earlier entry of the key is not the one read
        for field, names in entry.items():
            for at, name in enumerate(names if isinstance(names, list) else []):
                said = isinstance(name, dict) and "parse-names" in name
                if said and not _truthy(name.pop("parse-names")):
                    kept[key].add((key, field.replace("-", "_"), at))
    return set().union(*kept.values())


def _truthy(value: Any) -> bool:
    """`value` (JSON's) as JavaScript reads it in a test: false, null, 0, NaN and "" are
    false; any other string ("false", "0"), list or object true."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float):
        return value == value and value != 0  # NaN is false
    return not isinstance(value, str) or value != ""


def json_particles(source: Any, kept: Container[tuple[str, str, int]] = ()) -> None:
    """Every name of `source` (citeproc-py's, read from CSL-JSON) as pandoc reads it, but
    those `kept` (`unparsed`'s) as given, their apostrophes curled."""
    for key, reference in source.items():
        for field, names in _name_fields(reference):
            reference[field] = [
                _extracted(name, (key, field, at) not in kept) for at, name in enumerate(names)
            ]


def bibtex_particles(source: Any, text: str) -> None:
    """Every name of `source` (citeproc-py's, read from BibTeX `text`) with its "von"
    part a dropping particle, but in an entry whose options say `useprefix`."""
    from citeproc.source import Name

    prefixed = _useprefix(text)
    for key, reference in source.items():
        if key in prefixed:
            continue
        for field, names in _name_fields(reference):
            mended = []
            for name in names:
                parts = dict(name)
                if "non-dropping-particle" in parts and "dropping-particle" not in parts:
                    parts["dropping-particle"] = parts.pop("non-dropping-particle")
                mended.append(Name(**parts) if parts != dict(name) else name)
            reference[field] = mended


def _name_fields(reference: Any) -> list[tuple[str, list[Any]]]:
    from citeproc import NAMES

    return [
        (field, reference[field])
        for field in NAMES
        if field in reference and isinstance(reference[field], list)
    ]


def _useprefix(text: str) -> set[str]:
    """The keys (as citeproc-py reads them: lower case) of the entries whose `options`
    say `useprefix` (alone, or `=true`)."""
    found = set()
    entries = list(_ENTRY.finditer(text))
    for at, entry in enumerate(entries):
        end = entries[at + 1].start() if at + 1 < len(entries) else len(text)
        options = _OPTIONS.search(text, entry.end(), end)
        said = _USEPREFIX.search(options[1]) if options else None
        if said and (said[1] or "true").lower() == "true":
            found.add(entry[2].lower())
    return found


def _particle(word: str) -> bool:
    return all(c.islower() or c in _PUNCTUATION for c in word)


def _extracted(name: Any, parse: bool = True) -> Any:
    """pandoc's citeproc's `extractParticles` of one name (where `parse`) and its
    `fixApos`."""
    from citeproc.source import Name

    if not all(isinstance(v, str) for v in dict(name).values()):
        return name  # citeproc-py fails on it as written (E150)
    parts = {k: v.replace("'", "\u2019") for k, v in dict(name).items()}
    if parse and "literal" not in parts:
        _suffix(parts)
        _dropping(parts)
        _non_dropping(parts)
    return Name(**parts) if parts != dict(name) else name


def _suffix(parts: dict[str, str]) -> None:
    given = parts.get("given")
    if given is None or "suffix" in parts:
        return
    if len(given) > 1 and given.startswith('"') and given.endswith('"'):
        parts["given"] = given[1:-1]
        return
    before, comma, after = given.partition(",")
    if before and comma and after:
        parts["given"], parts["suffix"] = before, after.removeprefix("!").strip()


def _dropping(parts: dict[str, str]) -> None:
    given = parts.get("given")
    if given is None or "dropping-particle" in parts:
        return
    words = given.split()
    first = next((at for at, word in enumerate(words) if _particle(word)), len(words))
    if 0 < first < len(words) and all(_particle(w) for w in words[first:]):
        parts["given"] = " ".join(words[:first])
        parts["dropping-particle"] = " ".join(words[first:])


def _non_dropping(parts: dict[str, str]) -> None:
    family = parts.get("family")
    if family is None or "non-dropping-particle" in parts:
        return
    if len(family) > 1 and family.startswith('"') and family.endswith('"'):
        parts["family"] = family[1:-1]
        return
    words = family.split()
    leading = len(list(_leading(words)))
    if 0 < leading < len(words):
        parts["non-dropping-particle"] = " ".join(words[:leading])
        parts["family"] = " ".join(words[leading:])
    elif not leading:
        pieces = re.split(f"[{re.escape(_PUNCTUATION)}]", family)
        if len(pieces) == 2 and _particle(pieces[0]):
            mark = family[len(pieces[0])]
            parts["non-dropping-particle"] = pieces[0] + mark + JOINED
            parts["family"] = pieces[1]


def _leading(words: list[str]) -> Any:
    for word in words:
        if not _particle(word):
            return
        yield word
