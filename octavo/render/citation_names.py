"""Two people of one family name told apart in the text by their given names, as CSL 1.0.2
says (`disambiguate-add-givenname`, `givenname-disambiguation-rule`) and pandoc's citeproc
prints them: Chicago's author-date "(J. Smith 1999; R. Smith 2001)", where citeproc-py
printed "(Smith 1999; Smith 2001)" (it reads neither option). Given once the list is
sorted and before the year suffixes (octavo.render.citation_suffixes), as pandoc gives them:

- **Whose names**: with a rule of `all-names`, `all-names-with-initials`, `primary-name` or
  `primary-name-with-initials`, every name the book cites (`primary-name`: each entry's
  first) that shares its family name with another person's, whatever the years; with
  `by-cite` (CSL's default, Harvard's), only the names of entries whose citations print
  alike ("Doe, 2003" and "Doe, 2003"), where another of those entries names another person
  of that family in the same place of its list.
- **How**: the name in its long form, its given name as the style's name initializes it
  ("J. Smith"); where the initials are another's too, the given name whole ("John
  Smith"; never, for a rule `…-with-initials`). `primary-name`'s only for an entry's first.
- **Where**: in the citations, a name with its given name first, as citeproc-py prints a
  long name not in sort order. In the list, only a given name whole (its initials
  another's), in the list's own form, "Smith, Jane" where Harvard prints "Smith, J.", as
  pandoc's citeproc gives it there too; the sort reads the names as the file gives them.

Not read: `disambiguate-add-names` (more names before "et al." where that tells entries
apart).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from octavo.render.citation_alike import people_field, printed

__all__ = ["GivenNames", "given_names", "listed_names", "name_parts", "people"]

_CSL = "{http://purl.org/net/xbiblio/csl}"
_INITIALS = "initials"  # pandoc's AddInitials: the long form, its given name initialized
_GIVEN = "given"  # pandoc's AddGivenName: the long form, its given name whole


def people(reference: Any) -> str:
    """Who the entry names first, every part of each name ("" for nobody)."""
    field = people_field(reference)
    names = reference[field] if field else []
    if not isinstance(names, list):  # not a list of names: as it is
        return repr(names)
    return repr([name_parts(name) for name in names])


@dataclass(frozen=True, slots=True)
class GivenNames:
    """The names the entries print where the style tells people apart by them (octavo's
    key -> citeproc-py's names, some made literal): only the entries that take one."""

    cited: dict[str, list[Any]]  # in the text: "J. Smith"
    listed: dict[str, list[Any]]  # in the list: "Smith, Jane" where it prints "Smith, J."
    # each entry's citation printed alone without them, where it was (`by-cite`: the year
    # suffixes read it again where no name is given)
    alone: dict[str, str] | None


def given_names(style: Any, source: Any, keys: Sequence[str]) -> GivenNames:
    """The given names that tell the people of the entries `keys` apart, as the style
    says: in the text, and in the list where a name's initials are another's."""
    citation = style.root.citation
    if str(citation.get("disambiguate-add-givenname", "false")).lower() != "true":
        return GivenNames({}, {}, None)
    rule = citation.get("givenname-disambiguation-rule", "by-cite")
    named = {k: listed_names(source[k]) for k in keys if listed_names(source[k])}
    people_of: dict[str, set[tuple[tuple[str, str], ...]]] = {}
    for name in (n for names in named.values() for n in names):
        people_of.setdefault(_family(name), set()).add(name_parts(name))
    if all(len(found) < 2 for found in people_of.values()):  # no two people share a family
        return GivenNames({}, {}, None)  # nothing to tell apart, and no citation printed for it
    alone = printed(style, source, keys, {}) if rule == "by-cite" else None
    hints = _by_cite(alone, named) if alone is not None else _by_name(rule, named)
    if rule.startswith("primary-name"):  # the first name's only
        hints = {key: {0: by_place[0]} for key, by_place in hints.items() if 0 in by_place}
    return GivenNames(_shown(style, named, hints), _listed(style, named, hints), alone)


def _by_name(rule: str, named: dict[str, list[Any]]) -> dict[str, dict[int, str]]:
    """pandoc's hints of a rule over names (`all-names`, `primary-name` …): each name
    sharing its family with another person's, wherever it is cited."""
    primary = rule.startswith("primary-name")
    relevant = {
        name_parts(n): n for names in named.values() for n in (names[:1] if primary else names)
    }
    hint: dict[tuple[tuple[str, str], ...], str] = {}
    for parts, name in relevant.items():
        others = [o for p, o in relevant.items() if p != parts and _family(o) == _family(name)]
        if not others:
            continue
        if any(_initials(o) == _initials(name) for o in others):
            if not rule.endswith("-with-initials"):
                hint[parts] = _GIVEN
        else:
            hint[parts] = _INITIALS
    return {
        key: {at: hint[name_parts(n)] for at, n in enumerate(names) if name_parts(n) in hint}
        for key, names in named.items()
    }


def _by_cite(alone: dict[str, str], named: dict[str, list[Any]]) -> dict[str, dict[int, str]]:
    """pandoc's hints `by-cite`: in each set of entries whose citations print alike
    (`alone`), the names another person of their family stands beside in the same place
    of a list, place by place, until each entry has one (an entry naming nobody never)."""
    alike: dict[str, list[str]] = {}
    for key, words in alone.items():
        alike.setdefault(words, []).append(key)
    hints: dict[str, dict[int, str]] = {}
    for same in (s for s in alike.values() if len(s) > 1):
        left = set(same)
        for at in range(max(len(named.get(k, [])) for k in same)):
            if not left:
                break
            here = [(k, named[k][at]) for k in same if len(named.get(k, [])) > at]
            for key, name in here:
                others = [
                    o
                    for _, o in here
                    if name_parts(o) != name_parts(name) and _family(o) == _family(name)
                ]
                if others:
                    close = any(_initials(o) == _initials(name) for o in others)
                    hints.setdefault(key, {})[at] = _GIVEN if close else _INITIALS
                    left.discard(key)
    return hints


def _shown(
    style: Any, named: dict[str, list[Any]], hints: dict[str, dict[int, str]]
) -> dict[str, list[Any]]:
    """Each hinted entry's names, a hinted name in its long form (citeproc-py's literal)."""
    from citeproc.source import Name

    citation = style.root.citation
    form = _first_name(citation.layout, _macros(style))
    mark = next(
        (e.get("initialize-with") for e in (form, citation, style.root) if e is not None
         and e.get("initialize-with") is not None),
        None,
    )  # fmt: skip
    out: dict[str, list[Any]] = {}
    for key, by_place in hints.items():
        names = list(named[key])
        for at, hint in by_place.items():
            given, family, dropping, particle, suffix = names[at].parts()
            if given and mark is not None and hint == _INITIALS and form is not None:
                given = form.initialize(given, mark, citation.layout)
            words = (given, dropping, particle, family, suffix)
            names[at] = Name(literal=" ".join(w for w in words if w))
        out[key] = names
    return out


def _listed(
    style: Any, named: dict[str, list[Any]], hints: dict[str, dict[int, str]]
) -> dict[str, list[Any]]:
    """Each entry's names in the list where one's initials are another's (pandoc's
    AddGivenName, which the list reads too): that name with its given name whole, in the
    list's form ("Smith, Jane" where the style prints "Smith, J."); the others as they
    are. citeproc-py prints a long name so (its sort order, particles and separator)."""
    from citeproc.source import Name

    listing = style.root.bibliography
    form = _first_name(listing.layout, _macros(style)) if listing is not None else None
    if form is None or form.get("form", listing.get("name-form", "long")) != "long":
        return {}

    def option(name: str, default: str) -> str:
        found = (e.get(name) for e in (form, listing, style.root) if e.get(name) is not None)
        return str(next(found, default))

    ordered, separator = option("name-as-sort-order", ""), option("sort-separator", ", ")
    demote = option("demote-non-dropping-particle", "display-and-sort")
    out: dict[str, list[Any]] = {}
    for key, by_place in hints.items():
        names = list(named[key])
        for at in (at for at, hint in by_place.items() if hint == _GIVEN):
            given, family, dropping, particle, suffix = names[at].parts()
            if ordered == "all" or (ordered == "first" and at == 0):
                if demote in ("never", "sort-only"):
                    parts = (_joined(particle, family), _joined(given, dropping), suffix)
                else:
                    parts = (family, _joined(given, dropping, particle), suffix)
                names[at] = Name(literal=separator.join(p for p in parts if p))
            else:
                names[at] = Name(literal=_joined(given, dropping, particle, family, suffix))
        if names != named[key]:
            out[key] = names
    return out


def _joined(*words: str | None) -> str:
    return " ".join(w for w in words if w)


def listed_names(reference: Any) -> list[Any]:
    """The names of the entry's people (`people_field`'s), citeproc-py's; [] for none."""
    field = people_field(reference)
    names = reference[field] if field else []
    return names if isinstance(names, list) else []


def name_parts(name: Any) -> tuple[tuple[str, str], ...]:
    """Every part of a name, to compare two names as pandoc's citeproc does (all of them)."""
    return tuple(sorted((str(k), str(v)) for k, v in dict(name).items()))


def _family(name: Any) -> str:
    return str(name.parts()[1] or "")


def _initials(name: Any) -> str:
    """The given name's initials ("JR" of "John Ronald"), as pandoc compares them."""
    given = str(name.parts()[0] or "")
    return "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part)


def _macros(style: Any) -> dict[str, Any]:
    return {m.get("name"): m for m in style.root.iter(f"{_CSL}macro")}


def _first_name(element: Any, macros: dict[str, Any]) -> Any:
    """The first `<name>` the element reaches, through the macros it calls (None)."""
    for child in element.iter():
        if child.tag == f"{_CSL}name":
            return child
        if child.tag == f"{_CSL}text" and child.get("macro") in macros:
            found = _first_name(macros[child.get("macro")], macros)
            if found is not None:
                return found
    return None
