"""How a name told apart by its given name is printed (octavo.render.citation_names says
whose): as pandoc's citeproc prints it, through the style's own `<name>`, so that its
`<name-part>` formatting stays with its part ("John SMITH", small caps on "Smith" only).

citeproc-py prints a name's given name only in the long form, and initializes every given
name of a `<name>` or none (its initials also garble "ann", ". ann"). So while an entry
told apart so is printed, its `<name>` is asked for the long form without initials
(`long_names`), and its names come ready: the given name initialized here as pandoc
initializes it ("L. van", "al-R.", "ann") or whole, and none for the names the style
prints short. A name in a script written family first (Chinese, Japanese, Korean) is one
word, family then given, as pandoc prints it ("毛泽东."): its parts lose their formatting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from octavo.model.bibliography import csl
from octavo.render.citation_name_probe import printing_name

__all__ = [
    "GIVEN", "INITIALS", "check_counts", "entry_name", "family_first", "first_name", "initialized",
    "list_initials", "listed_given",
    "long_names", "macros", "number", "option", "printed_count", "reaches", "shown_names",
    "written", "written_as",
]  # fmt: skip

INITIALS = "initials"  # pandoc's AddInitials: the long form, its given name initialized
GIVEN = "given"  # pandoc's AddGivenName: the long form, its given name whole
_FAMILY_FIRST = (  # the scripts pandoc's citeproc prints family first, without a space
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3040, 0x30FF), (0x3130, 0x318F),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF), (0x20000, 0x3134F),
)  # fmt: skip


def macros(style: Any) -> dict[str, Any]:
    return {m.get("name"): m for m in style.root.iter(csl("macro"))}


def reaches(
    element: Any, tag: str, found: dict[str, Any], seen: frozenset[str] = frozenset()
) -> Any:
    """The first element `tag` ("name", "names") that `element` reaches, through the
    macros it calls; None."""
    for child in element.iter():
        if child.tag == csl(tag):
            return child
        called = child.get("macro") if child.tag == csl("text") else None
        if called in found and called not in seen:
            inner = reaches(found[called], tag, found, seen | {called})
            if inner is not None:
                return inner
    return None


def first_name(element: Any, style: Any) -> Any:
    """The first `<name>` the element (a layout) reaches; None."""
    return reaches(element, "name", macros(style))


def entry_name(style: Any, context: Any, source: Any, key: str) -> Any:
    """The `<name>` printing the entry `key`'s people in `context` (the `<citation>` or the
    `<bibliography>`: octavo.render.citation_name_probe), else the first its layout
    reaches; None."""
    found = printing_name(style, context, source, key)
    return found if found is not None else first_name(context.layout, style)


def option(name: Any, context: Any, style: Any, attribute: str) -> str | None:
    """A `<name>` option as citeproc-py inherits it: the name's, its context's, the style's."""
    found = (e.get(attribute) for e in (name, context, style.root) if e is not None)
    return next((str(value) for value in found if value is not None), None)


def number(value: str | None) -> int:
    """A style's count ("4"); 0 for none, or one that is no number (citeproc-py tells)."""
    return int(value) if value and value.strip().isdigit() else 0


def check_counts(style: Any) -> None:
    """ValueError where the style gives a count of names that is no number (`et-al-min="x"`):
    citeproc-py would fail on whichever entry it printed first."""
    for element in style.root.iter():
        for attribute, value in element.attrib.items():
            counts = str(attribute).startswith("et-al-") and attribute != "et-al-use-last"
            if counts and not str(value).strip().isdigit():
                raise ValueError(f'{attribute}="{value}" is no number of names')


def printed_count(style: Any, source: Any, key: str, total: int, more: int = 0) -> int:
    """How many of the entry `key`'s `total` names the style's citations print before "et
    al.", at least `more` (disambiguate-add-names), as citeproc-py cuts them."""
    citation = style.root.citation
    name = entry_name(style, citation, source, key)
    least = number(option(name, citation, style, "et-al-min"))
    first = number(option(name, citation, style, "et-al-use-first"))
    if more:
        least, first = max(least, more + 1) if least else 0, max(first, more)
    return first if total > 1 and least and total >= least else total


def family_first(family: str) -> bool:
    """Whether pandoc prints the name family first, without a space (its CJK names)."""
    return any(low <= ord(c) <= high for c in family for low, high in _FAMILY_FIRST)


def written_as(name: Any, given: str, short: bool) -> Any:
    """citeproc-py's name as the long form prints it: with `given` ("" for none), and as
    the short form prints it where `short` (no dropping particle); one word, family then
    given, for a name written family first."""
    Written = _written()
    _, family, dropping, particle, suffix = (str(p or "") for p in name.parts())
    if "literal" in name:
        return Written(literal=name["literal"])
    if given and family_first(family):
        return Written(literal=f"{particle}{family}{given}")
    parts = {"given": given, "family": family, "non-dropping-particle": particle}
    if not short:
        parts |= {"dropping-particle": dropping, "suffix": suffix}
    return Written(**{key: value for key, value in parts.items() if value})


def written(names: Any) -> bool:
    """Whether the names were made by `written_as`."""
    return isinstance(names, list) and any(isinstance(n, _written()) for n in names)


@cache
def _written() -> Any:
    """citeproc-py's Name, as `written_as` makes it (read where it is first asked for)."""
    from citeproc.source import Name

    class Written(Name):  # type: ignore[misc]
        """A name made for `long_names`."""

    return Written


def initialized(given: str, mark: str, hyphen: bool = True, make: bool = True) -> str:
    """The given name's initials as pandoc's citeproc makes them (its `initialize`):
    "J. R. R." of "J.R.R.", "L. van" of "Ludwig van", "al-R." of "al-Rahman", "Ch." kept,
    a word in lower case kept ("ann"), a word it cannot initialize kept with the mark
    ("泽东."); only the initials already there where not `make` (a given name whole:
    "John", "J." of "J")."""
    words: list[tuple[bool, str]] = []  # (already initials, text)
    held = ""
    for c in given:
        if c == ".":
            if held:
                words.append((True, held))
            held = ""
        elif c == "-":
            if held:
                words.append((False, held))
            held = "-"
        elif c == " ":
            if held:
                words.append((len(held) == 1, held))
            held = ""
        else:
            held += c
    if held:
        words.append((len(held) == 1, held))
    out = ""
    for done, word in words:
        if done:
            out += word + mark
        elif all(c.islower() for c in word):
            out += word + " " if mark.endswith(" ") else f" {word} "
        elif not make:
            out += word + " "
        elif initial := _initial(word, hyphen):
            out += initial + mark
    return out.replace(" -", "-").strip(" ")


def _initial(word: str, hyphen: bool) -> str:
    if word.startswith("-"):
        rest = word[1:2]
        return ("-" if hyphen else "") + rest.upper() if rest.isupper() else ""
    first, second, rest = word[:1], word[1:2], word[2:]
    if not first.isupper():
        return word
    if second.isupper() and rest and rest.islower():  # pandoc's "Ph." of "PHilippe"
        return first + second.lower()
    return first


@contextmanager
def long_names(style: Any, context: Any, source: Any, key: str, names: Any) -> Iterator[None]:
    """The `<name>` of `context` (a `<citation>` or `<bibliography>`) printing the entry
    `key`'s people in the long form and without initials, with its context and the style,
    for a while: where the entry names people by names made by `written_as` (`names`, its
    people as they are now)."""
    name = entry_name(style, context, source, key) if written(names) else None
    kept: list[tuple[Any, str, str | None]] = []
    if name is not None:
        kept.append((name, "form", name.get("form")))
        name.set("form", "long")
        for element in (name, context, style.root):
            kept.append((element, "initialize-with", element.get("initialize-with")))
            element.attrib.pop("initialize-with", None)
    try:
        yield
    finally:
        for element, attribute, value in reversed(kept):
            if value is None:
                element.attrib.pop(attribute, None)
            else:
                element.set(attribute, value)


def shown_names(
    style: Any, source: Any, named: dict[str, list[Any]], hints: dict[str, dict[int, str]]
) -> dict[str, list[Any]]:
    """Each hinted entry's names as its citations print them while `long_names` holds: a
    hinted name with its given name, initialized or whole; the others as the style prints
    them (short: the family name alone)."""
    citation = style.root.citation
    out: dict[str, list[Any]] = {}
    for key, by_place in hints.items():
        form = entry_name(style, citation, source, key)
        if form is None:
            continue
        mark = option(form, citation, style, "initialize-with")
        hyphen = option(form, citation, style, "initialize-with-hyphen") != "false"
        short = form.get("form", citation.get("name-form", "long")) == "short"
        names = []
        for at, name in enumerate(named[key]):
            given = str(name.parts()[0] or "")
            hint = by_place.get(at)
            if hint == GIVEN:  # whole, its initials as they are ("J." of "J")
                whole = initialized(given, mark, hyphen, make=False) if mark else given
                names.append(written_as(name, whole, False))
            elif hint == INITIALS or not short:
                mine = initialized(given, mark, hyphen) if mark is not None else given
                names.append(written_as(name, mine, False))
            else:
                names.append(written_as(name, "", True))
        out[key] = names
    return out


def as_listed(
    names: list[Any], mark: str | None, hyphen: bool, whole: frozenset[int] = frozenset()
) -> list[Any]:
    """The names as the list makes them (`written_as`, long): each given name initialized
    by `mark` as pandoc initializes it (None: as it is), but for the places in `whole`,
    whose given names keep only the initials already there ("Jane"; "J." of "J")."""
    out = []
    for at, name in enumerate(names):
        given = str(name.parts()[0] or "")
        if mark is not None:
            given = initialized(given, mark, hyphen, make=at not in whole)
        out.append(written_as(name, given, False))
    return out


def list_initials(style: Any, source: Any, key: str) -> tuple[str | None, bool] | None:
    """How the reference list initializes the entry `key`'s given names where it prints
    them in their long form (its `initialize-with` mark, or None; whether it hyphenates
    initials); None where it prints them otherwise, or the style has no list."""
    listing = style.root.bibliography
    form = entry_name(style, listing, source, key) if listing is not None else None
    if form is None or form.get("form", listing.get("name-form", "long")) != "long":
        return None
    mark = option(form, listing, style, "initialize-with")
    return mark, option(form, listing, style, "initialize-with-hyphen") != "false"


def listed_given(
    style: Any, source: Any, named: dict[str, list[Any]], hints: dict[str, dict[int, str]]
) -> dict[str, list[Any]]:
    """Each entry's names in the list where one's initials are another's (pandoc's
    AddGivenName, which the list reads too), as the list prints them while `long_names`
    holds: that name with its given name whole ("Smith, Jane" where the style prints
    "Smith, J."), the others initialized as the style initializes them."""
    out: dict[str, list[Any]] = {}
    for key, by_place in hints.items():
        options = list_initials(style, source, key)
        if GIVEN not in by_place.values() or options is None:
            continue
        mark, hyphen = options
        whole = frozenset(at for at, hint in by_place.items() if hint == GIVEN)
        out[key] = as_listed(named[key], mark, hyphen, whole)
    return out
