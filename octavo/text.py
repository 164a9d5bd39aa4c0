"""Small text helpers shared by the stages."""

from __future__ import annotations

import re
import unicodedata
from html import unescape

__all__ = ["slugify", "strip_tags"]

_TAG = re.compile(r"<[^>]*>")


def slugify(text: str, limit: int = 48) -> str:
    """ASCII, lowercase, hyphenated: 'Foreign Relations & Trade' -> 'foreign-relations-trade'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def strip_tags(html: str) -> str:
    """Plain text of an inline XHTML fragment."""
    return unescape(_TAG.sub("", html))
