"""Links and images of a rendered body, pointed at the EPUB's files.

The manuscript's body says `href="#id"` for every reference, resolved (octavo.render.xref),
and `src="images/map.png"` (relative to the book folder) for every image. In the EPUB an
id may live in another chapter's document, and images are members under MEDIA/.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

__all__ = ["MEDIA", "media_name", "relink"]

MEDIA = "media"  # folder of the book's own images inside EPUB/
_HREF = re.compile(r'href="#([^"]+)"')
_SRC = re.compile(r'<img src="([^"]+)"')


def media_name(path: str) -> str:
    """The member name, inside EPUB/, of a book's image: 'media/images/map.png'."""
    return f"{MEDIA}/{path}"


def relink(html: str, here: str, files: Mapping[str, str]) -> str:
    """`html` of the document `here` ('ch08.xhtml'), its links and images made EPUB paths."""

    def link(match: re.Match[str]) -> str:
        target = files.get(match[1], here)
        return match[0] if target == here else f'href="{target}#{match[1]}"'

    html = _HREF.sub(link, html)
    return _SRC.sub(lambda m: f'<img src="../{quote(media_name(m[1]))}"', html)
