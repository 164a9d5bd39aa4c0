"""Escaping plain text so that Markdown renders it back word for word."""

from __future__ import annotations

import re

__all__ = ["escape_paragraph"]

_INLINE = re.compile(r"([\\`*_\[\]<])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def escape_paragraph(text: str) -> str:
    """Backslash only what Markdown would read as markup; ordinary prose is unchanged."""
    escaped = _INLINE.sub(lambda m: "\\" + m[0], text)
    match = _LINE_START.match(escaped)
    if match:
        marker = match[2]
        if marker.isdigit():
            end = match.end()
            escaped = escaped[:end] + "\\" + escaped[end:]
        else:
            escaped = escaped[: match.start(2)] + "\\" + escaped[match.start(2) :]
    return escaped
