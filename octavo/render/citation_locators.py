"""A citation's locator as pandoc reads it from the words after a key: `p. 33`, `pp.
33–35`, `chap. 3`, a bare `33` (a page); the label's CSL name (`page`, `chapter`), the
locator, and the rest of the suffix (octavo.render.citation_syntax)."""

from __future__ import annotations

import re

__all__ = ["read_locator"]

# a locator's label as pandoc reads it (the English terms of its citeproc), and CSL's name
_LABELS = {
    "p": "page",
    "pp": "page",
    "page": "page",
    "pages": "page",
    "chap": "chapter",
    "chapter": "chapter",
    "chapters": "chapter",
    "sec": "section",
    "section": "section",
    "sections": "section",
    "vol": "volume",
    "vols": "volume",
    "volume": "volume",
    "fig": "figure",
    "figure": "figure",
    "n": "note",
    "nn": "note",
    "note": "note",
    "para": "paragraph",
    "paragraph": "paragraph",
    "l": "line",
    "ll": "line",
    "line": "line",
    "col": "column",
    "column": "column",
    "no": "issue",
    "pt": "part",
    "part": "part",
    "bk": "book",
    "book": "book",
    "art": "article",
}
_LOCATOR = re.compile(
    r"(?:(?P<label>[A-Za-z]+)\.?\s+)?(?P<value>\d[\w]*(?:\s*[-–,]\s*\d[\w]*)*)(?P<rest>.*)",
    re.DOTALL,
)


def read_locator(suffix: str) -> tuple[str, str, str]:
    """A suffix's locator, as pandoc reads it: (CSL label, locator, the rest of the suffix);
    ("", "", suffix) where it starts with none (`, and elsewhere`)."""
    words = suffix.strip()
    words = words[1:].lstrip() if words.startswith(",") else words
    found = _LOCATOR.fullmatch(words)
    if found is None:
        return "", "", suffix
    label = found["label"] or ""
    if label and label.lower() not in _LABELS:
        return "", "", suffix
    name = _LABELS.get(label.lower(), "page")
    return name, found["value"].strip(), found["rest"]
