"""Two people of one family name told apart in the text by their given names, and works
of several authors by more of their names, as CSL 1.0.2 says (`disambiguate-add-givenname`,
`givenname-disambiguation-rule`, `disambiguate-add-names`) and pandoc's citeproc prints
them: Chicago's author-date "(J. Smith 1999; R. Smith 2001)", where citeproc-py printed
"(Smith 1999; Smith 2001)" (it reads none of these options). Given once the list is sorted
and before the year suffixes (octavo.render.citation_suffixes), as pandoc gives them:

- **Whose names**: with a rule of `all-names`, `all-names-with-initials`, `primary-name` or
  `primary-name-with-initials`, every name the book cites (`primary-name`: each entry's
  first) that shares its family name with another person's, whatever the years; with
  `by-cite` (CSL's default, Harvard's), only the names of entries whose citations print
  alike ("Doe, 2003" and "Doe, 2003"), where another of those entries names another person
  of that family in the same place of its list.
- **How**: the name in its long form, its given name as the style's name initializes it,
  as pandoc initializes it ("J. Smith", "L. van Silva", "ann Lee", "毛泽东."); where the
  initials are another's too (pandoc's "JP" of "Jean-Paul" and "Jean Paul"), the given
  name whole ("John Smith"; never, for a rule `…-with-initials`). `primary-name`'s only
  for an entry's first.
- **Where**: in the citations, a name with its given name first, through the style's own
  `<name>` and its parts' formatting (octavo.render.citation_name_forms). In the list,
  only a given name whole (its initials another's), in the list's own form, "Smith, Jane"
  where Harvard prints "Smith, J.", as pandoc's citeproc gives it there too; the sort reads
  the names as the file gives them. Only where the citations print names (a numeric
  style's tell nobody apart so).

- **More names** (`disambiguate-add-names`), after the given names of a rule over names
  and before `by-cite`'s, as pandoc's citeproc: works whose citations print alike ("Smith
  et al., 2001") print more names before "et al.", one more for all of them until some
  are told apart by their first names, "(Smith, Doe, et al., 2001; Smith, Kim, et al.,
  2001)", every name where all are needed ("Smith, Doe, Lee and Roe"), in the list too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from octavo.render.citation_alike import people_field, printed
from octavo.render.citation_name_forms import (
    GIVEN,
    INITIALS,
    first_name,
    initialized,
    listed_given,
    macros,
    number,
    option,
    reaches,
    shown_names,
)

__all__ = ["GivenNames", "given_names", "listed_names", "name_parts", "people"]


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
    more: dict[str, int]  # the names before "et al.", at least (text and list)
    # each entry's citation printed alone without them, where it was (`by-cite`: the year
    # suffixes read it again where no name is given)
    alone: dict[str, str] | None


def given_names(style: Any, source: Any, keys: Sequence[str]) -> GivenNames:
    """The given names and the names before "et al." that tell the entries `keys` apart,
    as the style says: in the text, and in the list."""
    citation = style.root.citation
    by_given, by_names = (
        _true(citation, "disambiguate-add-givenname"),
        _true(citation, "disambiguate-add-names"),
    )
    rule = citation.get("givenname-disambiguation-rule", "by-cite") if by_given else ""
    if reaches(citation.layout, "names", macros(style)) is None:  # citations name nobody
        return GivenNames({}, {}, {}, None)
    named = {k: listed_names(source[k]) for k in keys if listed_names(source[k])}
    people_of: dict[str, set[tuple[tuple[str, str], ...]]] = {}
    for name in (n for names in named.values() for n in names):
        people_of.setdefault(_family(name), set()).add(name_parts(name))
    shared = by_given and any(len(found) > 1 for found in people_of.values())
    least = number(option(first_name(citation.layout, style), citation, style, "et-al-min"))
    cut = by_names and least > 0 and any(len(names) >= least for names in named.values())
    if not shared and not cut:  # nothing to tell apart so, and no citation printed for it
        return GivenNames({}, {}, {}, None)
    hints = _by_name(rule, named) if shared and rule != "by-cite" else {}
    if rule.startswith("primary-name"):  # the first name's only
        hints = {key: {0: by_place[0]} for key, by_place in hints.items() if 0 in by_place}
    alone = printed(style, source, keys, shown_names(style, source, named, hints))
    alike: dict[str, list[str]] = {}
    for key, words in alone.items():
        alike.setdefault(words, []).append(key)
    sets = [same for same in alike.values() if len(same) > 1]
    more = _more_names(sets, named, rule) if cut else {}
    if shared and rule == "by-cite":
        hints = _by_cite(sets, named)
        if by_names and hints:  # pandoc's: as names are added, and again where still alike
            hints = _again(style, source, named, hints, more, [k for s in sets for k in s])
    again = bool(more) or (rule == "by-cite" and bool(hints))  # printed otherwise now
    return GivenNames(
        shown_names(style, source, named, hints),
        listed_given(style, source, named, hints),
        more,
        None if again else alone,
    )


def _again(
    style: Any,
    source: Any,
    named: dict[str, list[Any]],
    hints: dict[str, dict[int, str]],
    more: dict[str, int],
    keys: list[str],
) -> dict[str, dict[int, str]]:
    """`by-cite`'s hints, and more for the entries still printing alike with them and
    with their names before "et al." ("J. Smith and A. Doe" beside "J. Smith and B. Doe")."""
    alike: dict[str, list[str]] = {}
    for key, words in printed(
        style, source, keys, shown_names(style, source, named, hints), more
    ).items():
        alike.setdefault(words, []).append(key)
    for key, by_place in _by_cite([s for s in alike.values() if len(s) > 1], named).items():
        hints[key] = hints.get(key, {}) | by_place
    return hints


def _more_names(sets: list[list[str]], named: dict[str, list[Any]], rule: str) -> dict[str, int]:
    """pandoc's disambiguate-add-names: in each set of entries whose citations print alike,
    the names each prints before "et al.": one more for all those left, until one or more
    are told apart by their first names (as the rule reads them: their family names alone
    where the style adds no given names), who keep that many."""
    more: dict[str, int] = {}
    for same in sets:
        left = list(same)
        for count in range(1, max(len(named.get(k, [])) for k in same) + 1):
            first = {k: _first(named.get(k, []), count, rule) for k in left}
            told = [k for k in left if all(o == k or first[o] != first[k] for o in left)]
            if told:
                more |= dict.fromkeys(left, count)
                left = [k for k in left if k not in told]
    return more


def _first(names: list[Any], count: int, rule: str) -> tuple[tuple[str, ...], ...]:
    """The first `count` names as the rule tells them apart (pandoc's nameParts): whole,
    with their initials, or by their family names alone (a rule's later names, and every
    name where the style adds no given names)."""
    out = []
    for at, name in enumerate(names[:count]):
        given, family, dropping, particle, suffix = (str(p or "") for p in name.parts())
        if rule in ("all-names", "by-cite") or (rule == "primary-name" and at == 0):
            pass
        elif rule == "all-names-with-initials" or (
            rule == "primary-name-with-initials" and at == 0
        ):
            given = _initials(name)
        else:
            given = ""
        out.append((given, family, dropping, particle, suffix))
    return tuple(out)


def _by_name(rule: str, named: dict[str, list[Any]]) -> dict[str, dict[int, str]]:
    """pandoc's hints of a rule over names (`all-names`, `primary-name` …): each name
    sharing its family with another person's, wherever it is cited (the names compared
    family by family)."""
    primary = rule.startswith("primary-name")
    relevant = {
        name_parts(n): n for names in named.values() for n in (names[:1] if primary else names)
    }
    families: dict[str, dict[tuple[tuple[str, str], ...], str]] = {}  # -> parts -> initials
    for parts, name in relevant.items():
        families.setdefault(_family(name), {})[parts] = _initials(name)
    hint: dict[tuple[tuple[str, str], ...], str] = {}
    for people in (found for found in families.values() if len(found) > 1):
        shared = Counter(people.values())  # initials another of the family has too
        for parts, initials in people.items():
            if shared[initials] == 1:
                hint[parts] = INITIALS
            elif not rule.endswith("-with-initials"):
                hint[parts] = GIVEN
    return {
        key: {at: hint[name_parts(n)] for at, n in enumerate(names) if name_parts(n) in hint}
        for key, names in named.items()
    }


def _by_cite(sets: list[list[str]], named: dict[str, list[Any]]) -> dict[str, dict[int, str]]:
    """pandoc's hints `by-cite`: in each set of entries whose citations print alike, the
    names another person of their family stands beside in the same place of a list, place
    by place, until each entry has one (an entry naming nobody never)."""
    hints: dict[str, dict[int, str]] = {}
    for same in sets:
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
                    hints.setdefault(key, {})[at] = GIVEN if close else INITIALS
                    left.discard(key)
    return hints


def _true(element: Any, attribute: str) -> bool:
    return str(element.get(attribute, "false")).strip().lower() == "true"


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
    """The given name's initials as pandoc compares them (its initialsMatch): "JP" of
    "Jean-Paul" and of "Jean Paul"; "泽东" of "泽东", which it cannot initialize."""
    return initialized(str(name.parts()[0] or ""), "", hyphen=False)
