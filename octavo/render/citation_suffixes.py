"""Year suffixes, as pandoc's citeproc gives them: two works of one author and one year told
apart, "Doe, 2003a" and "Doe, 2003b", in the text and in the reference list alike, for a
style that asks for them (`disambiguate-add-year-suffix="true"` on its `<citation>`, as
Harvard's, APA's and Chicago's author-date styles do). citeproc-py prints an entry's
`year-suffix` where the style names that variable, and gives none; octavo gives them,
once every citation is registered and the list sorted (octavo.render.citeproc_book):

- **Which entries**: the ones the book cites (and `nocite` lists) whose citations the style
  prints alike, each alone without its locator, prefix or suffix ("Doe, 2003"), with the
  given names the style adds first (octavo.render.citation_names): "J. Doe, 2003" and "A.
  Doe, 2003" are told apart by them and take none.
- **Which letter**: in the reference list's order as the style sorts it without them
  (Harvard's and Chicago's: author, year, title; the order of first citation where the
  style sorts none): a … z, then aa, ab … az, ba … (pandoc's citeproc's letters).
- **Where**: where the style prints `year-suffix` (Harvard's "2003a", "no date a"). A
  style that never prints it (Chicago's author-date, pandoc's default) has it where CSL
  says and pandoc prints it: after the date `issued` wherever the style prints it ("Doe
  2003b"), or after its "no date" term, each a group of its own with the suffix, the
  date's or the term's affixes the group's, so that the period after them stays ("n.d.b.
  Undated B."): the style is given `year-suffix` there, never the printed words searched.
- A citation's items tied in the style's sort stay as written, whatever their suffixes:
  `[@doeroads; @doeair]` is "(Doe, 2003b, 2003a)", as pandoc prints it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from octavo.model.bibliography import csl
from octavo.render.citation_alike import SUFFIX, printed

__all__ = ["letter_number", "letters", "suffixed_year", "year_suffixes"]


def year_suffixes(
    style: Any,
    source: Any,
    keys: Sequence[str],
    shown: Mapping[str, list[Any]],
    more: Mapping[str, int],
    alone: Mapping[str, str] | None = None,
) -> None:
    """The suffix each of the entries `keys` (as citeproc-py reads them, in the reference
    list's order) takes, given to them in `source` (its `year_suffix`, which the style
    prints): none where the style asks for none. `shown` and `more`: the names the text
    gives the entries told apart by their names (octavo.render.citation_names); `alone`,
    each entry's citation printed with them, where it was (else printed here)."""
    citation = style.root.citation
    if not _true(citation, "disambiguate-add-year-suffix"):
        return
    for key in keys:  # none given yet: a second call finds the same entries alike
        source[key].pop(SUFFIX, None)
    if alone is None:
        alone = printed(style, source, keys, shown, more)
    alike: dict[str, list[str]] = {}
    for key, words in alone.items():
        alike.setdefault(words, []).append(key)
    given = {
        key: letters(at)
        for same in alike.values()
        if len(same) > 1
        for at, key in enumerate(same, 1)
    }
    for key, suffix in given.items():
        source[key][SUFFIX] = suffix
    texts = list(style.root.iter(csl("text")))
    if not any(t.get("variable") == "year-suffix" for t in texts):  # given where CSL says
        dates = [d for d in style.root.iter(csl("date")) if d.get("variable") == "issued"]
        for element in [*dates, *(t for t in texts if t.get("term") == "no date")]:
            _with_suffix(element)


def _with_suffix(element: Any) -> None:
    """The style's date `issued` or "no date" term, in a group of its own with the entry's
    suffix after it ("2003a", "n.d.a", as pandoc prints them; the element's affixes the
    group's: "(n.d.a)"): a group whose words join no delimiter, so that the one after it
    ("n.d.a. Title") is kept, and which prints nothing where the element prints nothing."""
    group = element.makeelement(csl("group"), {})
    for name in ("prefix", "suffix"):
        if name in element.attrib:
            group.set(name, element.attrib.pop(name))
    element.addprevious(group)
    group.append(element)
    group.append(element.makeelement(csl("text"), {"variable": "year-suffix"}))


def letters(number: int) -> str:
    """The `number`th suffix (from 1): "a" … "z", "aa" … "az", "ba" … "zz", "aaa" …, as
    pandoc's citeproc writes them."""
    before, last = divmod(number - 1, 26)
    return (letters(before) if before else "") + chr(ord("a") + last)


def letter_number(letter: str) -> int:
    """The number of the suffix `letter` ("b": 2, "aa": 27): `letters`' inverse."""
    number = 0
    for char in letter:
        number = number * 26 + ord(char) - ord("a") + 1
    return number


def suffixed_year(reference: Any) -> tuple[int, str]:
    """The entry's year and the year suffix it was given ((2001, "b")); (0, "") where it
    has either none (its date a range, or no date)."""
    issued = reference.get("issued")
    year = issued.get("year") if isinstance(issued, dict) else None
    suffix = reference.get(SUFFIX)
    return (int(year), str(suffix)) if isinstance(year, int) and suffix else (0, "")


def _true(element: Any, attribute: str) -> bool:
    return str(element.get(attribute, "false")).strip().lower() == "true"
