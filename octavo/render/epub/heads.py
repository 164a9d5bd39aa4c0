"""A table's column heads hyphenated for the EPUB, where the book's language breaks them.

On a phone a table of many columns gives each head a few letters' width, and its words break
where they must (`overflow-wrap: anywhere`, styles/epub/book.css: a head of whole words ran
the table off the screen or over a two-column reader's next column): "Agricultur|e",
"Constructio|n", without a hyphen, in every reader without hyphenation dictionaries
(Chromium on Linux, calibre's viewer, MuPDF), whatever `hyphens: auto` asks. Soft hyphens
where Pyphen breaks the word in the section's language (as print breaks it, three letters at
least on each side: styles/print/book.css) give "Agri-culture" there, and change nothing
where the head fits. Only heads: body text keeps the reader's own hyphenation (and its
search), and a head is a few words. Pyphen's patterns are read once from the user's cache
(octavo.render.hyphenation), not parsed at every cold build.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["SHORTEST", "hyphenated", "soft_hyphens"]

SHORTEST = 6  # letters of the shortest word broken: hyphenate-limit-chars 6 3 3, as print
_EDGE = 3
_THEAD = re.compile(r"<thead\b.*?</thead>", re.S)
_TEXT = re.compile(r">([^<]+)(?=<)")  # the text between two tags (XHTML: '>' in text is &gt;)
_WORD = re.compile(rf"(?<![&#\w])[^\W\d_]{{{SHORTEST},}}(?![\w;])")  # not an entity's name


@lru_cache(maxsize=8)
def _dictionary(language: str) -> Any:
    """Pyphen's dictionary of `language` ('fr', 'pt-BR'), None where it has none."""
    import pyphen

    if language.lower() == "en":  # American, as print (styles/print/book.css): Pyphen's
        language = "en-US"  # own "en" is British ("Indus|try" unbroken, "Russi-ans")
    found = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=found, left=_EDGE, right=_EDGE) if found else None


def hyphenated(language: str) -> bool:
    """Whether `language`'s heads are hyphenated, its patterns read now (the EPUB writer's
    process reads them as it prepares: octavo.render.epub.prepare)."""
    return bool(language) and _dictionary(language) is not None


def soft_hyphens(html: str, language: str) -> str:
    """`html` with a soft hyphen at each of Pyphen's breaks in the words of its tables'
    column heads (<thead>), in `language` (the section's, else the book's)."""
    if "<thead" not in html or not language:
        return html
    dictionary = _dictionary(language)
    if dictionary is None:
        return html

    def words(text: re.Match[str]) -> str:
        return ">" + _WORD.sub(lambda w: dictionary.inserted(w[0], hyphen="\u00ad"), text[1])

    return _THEAD.sub(lambda head: _TEXT.sub(words, head[0]), html)
