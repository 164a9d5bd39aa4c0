"""Links and images of a rendered body, pointed at the EPUB's files.

The manuscript's body says `href="#id"` for every reference, resolved (octavo.render.xref),
and `src="images/map.png"` (relative to the book folder) for every image. In the EPUB an
id may live in another chapter's document, and images are members under MEDIA/.

An image's member keeps its name when that is a plain one (ASCII letters, digits, `._-`);
another (`images/Kärte 1.png`) is spelled so (`images/Karte-1-1f0c2a9b.png`, its letters
without accents, anything else a '-', and a fingerprint of the name so two never meet):
EPUBCheck refuses a space in the package's addresses (RSC-020) and warns of it in a file
name (PKG-010), and older reading systems mishandle names that are not ASCII. Two names
alike but for their case (`Map.png`, `map.png`) are two members of names unlike in any case:
the second has a fingerprint too (`media/images/map-<fingerprint>.png`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from html import unescape
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

if TYPE_CHECKING:
    from octavo.model import Manuscript

__all__ = ["MEDIA", "book_media", "media_name", "media_names", "relink"]

MEDIA = "media"  # folder of the book's own images inside EPUB/
_HREF = re.compile(r'href="#([^"]+)"')
_SRC = re.compile(r'<img src="([^"]+)"')
_PLAIN = re.compile(r"[A-Za-z0-9._/-]+")
_OTHER = re.compile(r"[^A-Za-z0-9._-]+")


def media_name(path: str, length: int = 8, marked: bool = False) -> str:
    """The member name, inside EPUB/, of a book's image alone: 'media/images/map.png'
    (`length`: hex digits of its fingerprint, when it has one; 64 and more: all of them,
    and a count after them; `marked`: a fingerprint even on a plain name)."""
    if _PLAIN.fullmatch(path) and not marked:
        return f"{MEDIA}/{path}"
    folder, _, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".") if "." in name[1:] else (name, "", "")
    digest = hashlib.sha256(path.encode()).hexdigest()
    mark = digest[:length] if length <= len(digest) else f"{digest}-{length - len(digest)}"
    folder = "/".join(_plain(part) for part in folder.split("/")) if folder else ""
    plain = f"{_plain(stem, 'image')}-{mark}{dot}{_OTHER.sub('', suffix)}"
    return f"{MEDIA}/{folder + '/' if folder else ''}{plain}"


def media_names(paths: Iterable[str]) -> dict[str, str]:
    """Each image's member name, none shared, nor two that differ only in case: a plain
    name is its own (the first, in the order of the paths, of plain names alike but for
    their case: `images/Map.png` before `images/map.png`); another's fingerprint is as
    long as it needs to be to meet no other member's name, in any case. Unpacked where
    names are one whatever their case (macOS, Windows), `Map.png` and `map.png` were one
    file, the second written over the first, and EPUBCheck refuses them (OPF-060)."""
    given = sorted(set(paths))
    names: dict[str, str] = {}
    taken: set[str] = set()  # the names given, in lower case (member names are ASCII)
    for path in given:
        if _PLAIN.fullmatch(path) and (name := media_name(path)).lower() not in taken:
            names[path] = name
            taken.add(name.lower())
    for path in given:
        if path in names:
            continue
        length = 8
        while (name := media_name(path, length, marked=True)).lower() in taken:
            length = length * 2 if length < 64 else length + 1
        names[path] = name
        taken.add(name.lower())
    return names


def book_media(manuscript: Manuscript) -> dict[str, str]:
    """`media_names` of the book's images and its own cover."""
    cover = (manuscript.cover.path,) if manuscript.cover is not None else ()
    return media_names((*(image.path for image in manuscript.images), *cover))


def _plain(part: str, empty: str = "-") -> str:
    """A part of a path in ASCII letters. Never dots alone, nor dots first: compatibility
    forms turn '‥' (U+2025) and '．' (U+FF0E) into dots, and a folder '‥' was a member
    `media/images/../a.png`, out of the folder an EPUB is unpacked into (a reviewer's
    find)."""
    letters = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
    return _OTHER.sub("-", letters).strip("-").lstrip(".").strip("-") or empty


def relink(
    html: str, here: str, files: Mapping[str, str], images: Mapping[str, str] | None = None
) -> str:
    """`html` of the document `here` ('ch08.xhtml'), its links and images made EPUB paths
    (`images`: the book's images' members, `media_names`)."""

    def link(match: re.Match[str]) -> str:
        target = files.get(match[1], here)
        return match[0] if target == here else f'href="{target}#{match[1]}"'

    def member(path: str) -> str:
        return (images or {}).get(path) or media_name(path)

    html = _HREF.sub(link, html)
    return _SRC.sub(lambda m: f'<img src="../{quote(member(_path(m[1])))}"', html)


def _path(src: str) -> str:
    """The book's path of an image's `src`: the path encoded (octavo.render.image_places),
    in HTML (`&amp;`: a file `a&b.png` was a member the chapter did not name)."""
    return unquote(unescape(src))
