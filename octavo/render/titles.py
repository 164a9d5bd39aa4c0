"""A title as inline XHTML: rendered once a process, and handed on.

The EPUB writer's process (octavo.render.epub.beside) needs titles only as the manuscript
has them, and the cover's two: it is told them (`learn`) by the process that renders the
book, and so never imports the Markdown parser (markdown-it and octavo's rules: 25-30 ms of
the second core before it could draw the cover). A title it was not told is rendered there,
as anywhere.

A title's quotes are its language's (`language`, looked up in the book's `quotes` table);
an English title is kept by its text, any other by its language and table too.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from octavo.model.quotes import DEFAULT_TABLE, ENGLISH, QuoteTable

__all__ = ["learn", "rendered", "title_html"]

_LIMIT = 4096  # titles kept by a long-lived process (`invoke watch`); past it, none
_known: dict[str, str] = {}


def title_html(text: str, language: str = "en", quotes: QuoteTable = DEFAULT_TABLE) -> str:
    """A plain-text title as inline XHTML, with typography (each text rendered once), its
    quotes those of `language` in `quotes` (a span's `lang` in it, its own)."""
    key = _key(text, language, quotes)
    found = _known.get(key)
    if found is None:
        from octavo.render.markdown import render_inline
        from octavo.text import escape_paragraph

        if len(_known) >= _LIMIT:
            _known.clear()
        found = _known[key] = render_inline(escape_paragraph(text), True, language, quotes)
    return found


def _key(text: str, language: str, quotes: QuoteTable) -> str:
    """A title's key: its text where its quotes can only be English's (so a title learned
    is the same by any name of English), else its language and table before it."""
    if quotes.marks(language) == ENGLISH and "lang" not in text:
        return text
    return f"{language}\x00{_digest(quotes)}\x00{text}"


@lru_cache(maxsize=4)
def _digest(quotes: QuoteTable) -> str:
    from octavo.cache import digest_of

    return digest_of(repr(quotes))[:16]


def rendered(
    texts: tuple[str, ...] | None = None, language: str = "en", quotes: QuoteTable = DEFAULT_TABLE
) -> dict[str, str]:
    """The titles rendered in this process (`texts`: those, rendered now if need be, in
    `language`), by their keys (`learn` takes them)."""
    if texts is None:
        return dict(_known)
    return {_key(text, language, quotes): title_html(text, language, quotes) for text in texts}


def learn(titles: Mapping[str, str]) -> None:
    """Take titles rendered by another process of this build (the same code, the same
    parser): `title_html` then gives them without rendering."""
    _known.update(titles)
