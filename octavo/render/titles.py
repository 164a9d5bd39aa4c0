"""A title as inline XHTML: rendered once a process, and handed on.

The EPUB writer's process (octavo.render.epub.beside) needs titles only as the manuscript
has them, and the cover's two: it is told them (`learn`) by the process that renders the
book, and so never imports the Markdown parser (markdown-it and octavo's rules: 25-30 ms of
the second core before it could draw the cover). A title it was not told is rendered there,
as anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["learn", "rendered", "title_html"]

_LIMIT = 4096  # titles kept by a long-lived process (`invoke watch`); past it, none
_known: dict[str, str] = {}


def title_html(text: str) -> str:
    """A plain-text title as inline XHTML, with typography (each text rendered once)."""
    found = _known.get(text)
    if found is None:
        from octavo.render.markdown import render_inline
        from octavo.text import escape_paragraph

        if len(_known) >= _LIMIT:
            _known.clear()
        found = _known[text] = render_inline(escape_paragraph(text))
    return found


def rendered(texts: tuple[str, ...] | None = None) -> dict[str, str]:
    """The titles rendered in this process (`texts`: those, rendered now if need be)."""
    if texts is None:
        return dict(_known)
    return {text: title_html(text) for text in texts}


def learn(titles: Mapping[str, str]) -> None:
    """Take titles rendered by another process of this build (the same code, the same
    parser): `title_html` then gives them without rendering."""
    _known.update(titles)
