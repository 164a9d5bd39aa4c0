"""Language tags as octavo looks things up by them (a labels catalogue, a language's marks),
and the direction text is written in: a tag's (`direction`), a text's own (`letter_direction`,
`has_rtl_letter`, `text_direction`: by its letters, as Unicode's bidirectional classes
give them).

`fallbacks` reads a tag's parts by their shapes in BCP 47 (RFC 5646 §2.1: a script is four
letters, a region two letters or three figures), which needs no registry: langcodes, which
checks a tag against the registry, costs more to load than a section takes to render.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "direction",
    "fallbacks",
    "has_rtl_letter",
    "implied_direction",
    "letter_direction",
    "tag_key",
    "text_direction",
]

_PARTS = re.compile(
    r"(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # with its extended subtags
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?P<rest>(?:-[a-z0-9]{1,8})*)"  # variants, extensions, private use
)

# Scripts written right to left (ISO 15924, as BCP 47's script subtags spell them), and the
# languages whose text is in one of them unless a tag names another script (CLDR's likely
# subtags: 'ar' is 'ar-Arab', 'ku' is 'ku-Latn', 'pa' is 'pa-Guru', so these are not here).
_RTL_SCRIPTS = frozenset((
    "adlm", "arab", "aran", "armi", "avst", "chrs", "elym", "hatr", "hebr", "khar", "mand",
    "mani", "narb", "nbat", "nkoo", "orkh", "palm", "phli", "phlp", "phnx", "prti", "rohg",
    "samr", "sarb", "sogd", "sogo", "syrc", "syre", "syrj", "syrn", "thaa", "yezi",
))  # fmt: skip
_RTL_LANGUAGES = frozenset((
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "lrc", "mzn", "ps",
    "sd", "syr", "ug", "ur", "yi", "acm", "aeb", "afb", "apc", "apd", "arq",
    "ary", "arz", "ajp", "ayl", "prs", "pes", "pnb", "skr", "bal", "glk",
))  # fmt: skip

_RTL_CLASSES = ("R", "AL")  # Unicode's bidirectional classes of the right-to-left letters


def tag_key(language: str) -> str:
    """'de_CH ' -> 'de-ch': a tag as octavo keys it (a catalogue's file name, a table's key)."""
    return language.strip().lower().replace("_", "-")


@lru_cache(maxsize=256)
def fallbacks(language: str) -> tuple[str, ...]:
    """The keys a tag is looked for by, first first: the whole tag; without its script
    (de-Latn-CH -> de-ch, zh-Hant-TW -> zh-tw); its language and region; its language and
    script (zh-Hant-HK -> zh-hant); its language; its primary language subtag."""
    tag = tag_key(language)
    parts = _PARTS.fullmatch(tag)
    if parts is None:  # not a tag of that grammar (x-private, i-grandfathered)
        return tuple(dict.fromkeys((tag, tag.split("-")[0])))
    lang, script, region, rest = parts.group("language", "script", "region", "rest")
    keys = [tag, "-".join(p for p in (lang, region) if p) + rest]
    if region:
        keys.append(f"{lang}-{region}")
    if script:
        keys.append(f"{lang}-{script}")
    keys += [lang, lang.split("-")[0]]
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=64)
def direction(language: str) -> str:
    """'rtl' for a tag whose text is written right to left ('ar', 'he-IL', 'fa',
    'az-Arab', 'ur-PK'), else 'ltr' ('en', 'ku', 'sr-Latn', 'ug-Cyrl'): its script
    subtag's direction if it has one, else its language's usual script's."""
    parts = _PARTS.fullmatch(tag_key(language))
    if parts is None:
        return "ltr"
    lang, script = parts.group("language", "script")
    if script:
        return "rtl" if script in _RTL_SCRIPTS else "ltr"
    primary = lang.split("-")[-1] if "-" in lang else lang  # ar-arz -> arz (extlang)
    return "rtl" if primary in _RTL_LANGUAGES or lang in _RTL_LANGUAGES else "ltr"


def implied_direction(lang: str, around: str) -> str:
    """The `dir` an element in language `lang` (`::: {lang=ar}`, `[…]{lang=he}`, a
    heading's `{lang=fa}`) that gives none is written with, in text in language `around`
    (its section's, else the book's), as a section's `lang` gives its own: its language's
    direction where that or the text around is right to left ('rtl' for Arabic in an
    English book, 'ltr' for English in an Arabic one); "" where both are left to right
    (nothing to say: the direction around is its own)."""
    own = direction(lang)
    return own if "rtl" in (own, direction(around)) else ""


def letter_direction(char: str) -> str:
    """'rtl' for a letter written right to left (Unicode's bidirectional class R or AL:
    Hebrew, Arabic, Syriac, Thaana, N'Ko), 'ltr' for one written left to right (L); "" for
    anything else (a figure, a space, punctuation, a mark)."""
    kind = unicodedata.bidirectional(char)
    if kind in _RTL_CLASSES:
        return "rtl"
    return "ltr" if kind == "L" else ""


def has_rtl_letter(text: str) -> bool:
    """Whether `text` holds a letter written right to left."""
    return any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


def text_direction(text: str, last: bool = False) -> str:
    """The direction of `text`'s first letter written in one ('rtl', 'ltr'), as the
    bidirectional algorithm finds a paragraph's (`last`: of its last such letter); 'ltr'
    for a text without."""
    for char in reversed(text) if last else text:
        if way := letter_direction(char):
            return way
    return "ltr"
