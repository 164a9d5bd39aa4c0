"""A title in capitals ('U.S. AID AND THE IMF') set in title case, from what the page's own
text shows of its words: a word its body writes in capitals among lowercase words (`the
IMF`) is an acronym and stays one; a word it writes in lowercase or capitalised (`aid`,
`Aid`) is no acronym, though a list would say so. Only a word the text is silent on is
read by its shape: initials with stops (`U.S.`), a roman numeral (`II`), a word without a
vowel (`USSR`), one of the few acronyms the studies use everywhere (`IMF`, `NATO`). The
small words are lowercase but first, last and after a colon; each part of a hyphened
name is capitalised (`East-West`). A title in mixed case is the page's own: kept."""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["title_case", "title_shaped"]

_SMALL = frozenset(
    {
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "per",
        "the",
        "to",
        "upon",
        "via",
        "with",
    }
)
# the acronyms the country studies use on nearly every page, for a title its body is
# silent on; the page's own text overrules each
_ACRONYMS = frozenset(
    {
        "CIA",
        "CIS",
        "CMEA",
        "EC",
        "EEC",
        "EU",
        "GATT",
        "GDP",
        "GNP",
        "IMF",
        "KGB",
        "NATO",
        "NGO",
        "OAS",
        "OAU",
        "OECD",
        "OPEC",
        "PLO",
        "UN",
        "UNDP",
        "UNESCO",
        "UNHCR",
        "UNICEF",
        "USAID",
        "USSR",
        "WHO",
    }
)
_ROMAN = re.compile(r"(?=[IVXLCDM]{2})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}|(?:[A-Z]\.)+[A-Z]")  # U.S., U.S.S.R., D.C.
_WORD = re.compile(r"\w[\w'’.]*\w|\w")
_CORE = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)
_POSSESSIVE = re.compile(r"(.+?)((?:['’][sS])?)", re.DOTALL)


def title_case(title: str, text: str = "") -> str:
    """'RELATIONS WITH THE USSR' -> 'Relations with the USSR'; `text`: the page's body,
    whose own casing of the title's words wins (see the module's docstring)."""
    if not title.isupper():
        return title
    seen = _casings(text)
    words = title.split(" ")
    out = []
    for number, word in enumerate(words):
        edge = number in (0, len(words) - 1) or words[number - 1].endswith(":")
        parts = word.split("-")
        out.append(
            "-".join(_word(part, seen, edge and index == 0) for index, part in enumerate(parts))
        )
    return " ".join(out)


def title_shaped(text: str) -> bool:
    """Set as a title: a few words, each capitalised but the small ones, no figure
    ('The Economy: An Overview', not 'Capital: Minsk (1.7 million)')."""
    words = text.split()
    return 2 <= len(words) <= 8 and all(
        (w[:1].isupper() or w in _SMALL) and not any(c.isdigit() for c in w) for w in words
    )


def _word(word: str, seen: dict[str, tuple[int, int]], edge: bool) -> str:
    lead, core, trail = _CORE.fullmatch(word).groups()  # type: ignore[union-attr]
    if not core:
        return word
    core, possessive = _POSSESSIVE.fullmatch(core).groups()  # type: ignore[union-attr]
    possessive = possessive.lower()  # THE IMF'S ROLE: the IMF's
    if _acronym(core, seen, abbreviated=trail.startswith(".")):
        return lead + core + possessive + trail
    lower = core.lower()
    if lower in _SMALL and not edge and not possessive:
        return lead + lower + trail
    return lead + lower[:1].upper() + lower[1:] + possessive + trail


def _acronym(core: str, seen: dict[str, tuple[int, int]], abbreviated: bool = False) -> bool:
    """`abbreviated`: the word is followed by a stop (`ST.`: 'St.', not 'ST.')."""
    if _INITIALS.fullmatch(core):
        return True
    capitals, other = seen.get(core.lower(), (0, 0))
    if capitals or other:
        return capitals > other  # a tie: as its shape says nothing, title case
    if _ROMAN.fullmatch(core) or core.upper() in _ACRONYMS:
        return True
    letters = [c for c in core if c.isalpha()]
    vowelless = len(letters) >= 2 and not any(c in "AEIOUY" for c in letters)
    return vowelless and not abbreviated  # 'St.', 'Mt.', 'Dr.' are abbreviations


def _casings(text: str) -> dict[str, tuple[int, int]]:
    """Each word of the text (lowercased, its 's dropped): how often it is written in
    capitals among words that are not (an acronym), and how often otherwise (capitals in a
    run of capitals, a heading's or a name's, say nothing; nor does a line that is one word,
    a subheading's `FORESTRY`). Neighbours are a line's own."""
    capitals: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for line in text.split("\n"):
        tokens = line.split()
        if len(tokens) < 2:
            continue
        shouted = [t.isupper() for t in tokens]  # 'A', '1990S' too: a run of capitals
        for index, token in enumerate(tokens):
            near = shouted[max(index - 1, 0) : index] + shouted[index + 1 : index + 2]
            for found in _WORD.findall(token):  # 'CPN-UML': two words, one token
                word = _POSSESSIVE.fullmatch(found)[1]  # type: ignore[index]
                if not any(c.isalpha() for c in word):
                    continue
                if not word.isupper():
                    other[word.lower()] += 1
                elif sum(c.isalpha() for c in word) > 1 and not any(near):
                    capitals[word.lower()] += 1
    return {w: (capitals[w], other[w]) for w in capitals.keys() | other.keys()}
