"""Links and images of a rendered body, pointed at the EPUB's files.

The manuscript's body says `href="#id"` for every reference, resolved (octavo.render.xref),
and `src="images/map.png"` (relative to the book folder) for every image. In the EPUB an
id may live in another chapter's document, and images are members under MEDIA/.

An image's member keeps its name when that is a plain one (ASCII letters, digits, `._-`);
another (`images/Kärte 1.png`) is spelled so (`images/Karte-1-1f0c2a9b.png`, its letters
without accents, anything else a '-', and a fingerprint of the name so two never meet):
EPUBCheck refuses a space in the package's addresses (RSC-020) and warns of it in a file
name (PKG-010), and older reading systems mishandle names that are not ASCII.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from html import unescape
from urllib.parse import quote, unquote

__all__ = ["MEDIA", "media_name", "relink"]

MEDIA = "media"  # folder of the book's own images inside EPUB/
_HREF = re.compile(r'href="#([^"]+)"')
_SRC = re.compile(r'<img src="([^"]+)"')
_PLAIN = re.compile(r"[A-Za-z0-9._/-]+")
_OTHER = re.compile(r"[^A-Za-z0-9._-]+")


def media_name(path: str) -> str:
    """The member name, inside EPUB/, of a book's image: 'media/images/map.png'."""
    if _PLAIN.fullmatch(path):
        return f"{MEDIA}/{path}"
    folder, _, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".") if "." in name[1:] else (name, "", "")
    mark = hashlib.sha256(path.encode()).hexdigest()[:8]
    folder = "/".join(_plain(part) for part in folder.split("/")) if folder else ""
    plain = f"{_plain(stem, 'image')}-{mark}{dot}{_OTHER.sub('', suffix)}"
    return f"{MEDIA}/{folder + '/' if folder else ''}{plain}"


def _plain(part: str, empty: str = "-") -> str:
    """A part of a path in ASCII letters. Never dots alone, nor dots first: compatibility
    forms turn '‥' (U+2025) and '．' (U+FF0E) into dots, and a folder '‥' was a member
    `media/images/../a.png`, out of the folder an EPUB is unpacked into (a reviewer's
    find)."""
    letters = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
    return _OTHER.sub("-", letters).strip("-").lstrip(".").strip("-") or empty


def relink(html: str, here: str, files: Mapping[str, str]) -> str:
    """`html` of the document `here` ('ch08.xhtml'), its links and images made EPUB paths."""

    def link(match: re.Match[str]) -> str:
        target = files.get(match[1], here)
        return match[0] if target == here else f'href="{target}#{match[1]}"'

    html = _HREF.sub(link, html)
    return _SRC.sub(lambda m: f'<img src="../{quote(media_name(_path(m[1])))}"', html)


def _path(src: str) -> str:
    """The book's path of an image's `src`: the path encoded (octavo.render.image_places),
    in HTML (`&amp;`: a file `a&b.png` was a member the chapter did not name)."""
    return unquote(unescape(src))
