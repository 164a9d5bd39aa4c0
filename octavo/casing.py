"""Capitals in the book's language, by ICU's case mappings, where Python's own are
language-blind: a Turkish i is İ in capitals, a Dutch ij is IJ, Greek capitals drop their
accents, and Georgian text has no capitals at all (Python's str.upper() gives Mtavruli,
ქ → Ქ, which Georgian sets only in all-capital headings)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["capital", "upper"]


@lru_cache(maxsize=16)
def _locale(language: str) -> Any:
    import icu

    return icu.Locale(language.replace("-", "_"))


def capital(text: str, language: str) -> str:
    """The text as a sentence's first words: its first letter in title case for the
    language, nothing else changed ("see also" → "See also", "ilgili" → "İlgili" in Turkish,
    "იხ." unchanged in Georgian, "«voir»" → "«Voir»")."""
    import icu

    options = icu.U_TITLECASE_WHOLE_STRING | icu.U_TITLECASE_NO_LOWERCASE
    titled: str = icu.CaseMap.toTitle(_locale(language), options, text)
    return titled


def upper(text: str, language: str) -> str:
    """The text in capitals for the language, as CSS `text-transform: uppercase` sets it
    by the page's lang ("Türkiye" → "TÜRKİYE" in Turkish; "Ελλάδα" → "ΕΛΛΑΔΑ", Greek
    capitals without their accents)."""
    import icu

    shouted: str = icu.CaseMap.toUpper(_locale(language), text)
    return shouted
