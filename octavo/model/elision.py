"""Elision in generated words: French "Données de {date}." is "Données d’octobre 2026."
and "d’août", as a word before a vowel loses its own (Italian's "di", "lo" alike).

A catalogue's `elisions` label says which words elide and how, as the translator writes
them: `"de=d’ le=l’ la=l’ que=qu’"`; "" (English and the others) for none. A word of a
label's own text that stands right before a placeholder (after a space, or at its start)
takes its elided form, joined to the value, when the value begins with a vowel: a, e, i,
o, u with or without accents, æ, œ (never h or y: "de Hongrie", "du Yémen" are the
language's own business, and a book's words outrank octavo's guess). A capitalised word
elides to a capitalised form.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

__all__ = ["elide", "elided_before", "elisions_problem", "parse_elisions"]

_VOWELS = frozenset("aeiouæœ")


@lru_cache(maxsize=16)
def parse_elisions(text: str) -> tuple[tuple[str, str], ...]:
    """`"de=d’ que=qu’"` -> (("de", "d’"), ("que", "qu’")), with each capitalised pair too."""
    pairs: list[tuple[str, str]] = []
    for item in text.split():
        word, _, short = item.partition("=")
        pairs += [(word, short), (word[:1].upper() + word[1:], short[:1].upper() + short[1:])]
    return tuple(dict.fromkeys(pairs))


def elisions_problem(text: str) -> str:
    """E116's words for an `elisions` label that is not `word=elided` pairs ("" if it is)."""
    for item in text.split():
        word, equals, short = item.partition("=")
        if not equals or not word or not short or "=" in short:
            return f'{item!r} is not word=elided (write elisions = "de=d’ que=qu’")'
    return ""


def _vowel_first(value: object) -> bool:
    text = str(value).lstrip()
    if not text:
        return False
    base = unicodedata.normalize("NFD", text[0].casefold())[0]
    return base in _VOWELS


def elided_before(words: str, value: object, rules: tuple[tuple[str, str], ...]) -> str:
    """`words` (a label's text up to a placeholder) with its last word elided when it is
    one of `rules` and `value`, which follows it, begins with a vowel."""
    if not rules or not _vowel_first(value):
        return words
    for word, short in rules:
        cut = len(words) - len(word) - 1
        if words.endswith(word + " ") and (cut == 0 or (cut > 0 and not words[cut - 1].isalnum())):
            return words[:cut] + short
    return words


def _field(name: str, spec: str, conversion: str | None) -> str:
    """One replacement field as written: ("x[0]", ">{w}", "r") -> "{x[0]!r:>{w}}"."""
    return (
        "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
    )


def elide(template: str, values: Mapping[str, object], rules: tuple[tuple[str, str], ...]) -> str:
    """`template.format(**values)` with the elisions `rules` applied before each value.

    Each field is shown by str.format itself (as str.format would show it, errors alike);
    the label's own words since the last field elide when the value as shown begins with
    a vowel. Labels.format gives it names alone (`{date}`): a field with an attribute or an
    item is refused there (octavo.model.labels.unplain_field), never read here."""
    out: list[str] = []
    words = ""  # the label's own text since the last field ("{{" comes in pieces)
    for text, name, spec, conversion in string.Formatter().parse(template):
        words += text
        if name is None:
            continue
        shown = _field(name, spec or "", conversion).format(**values)
        out += [elided_before(words, shown, rules), shown]
        words = ""
    out.append(words)
    return "".join(out)
