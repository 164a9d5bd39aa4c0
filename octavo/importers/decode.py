"""Bytes of a saved page -> text: the BOM, else the page's own charset, else the bytes."""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_page", "looks_like_html", "not_text"]

_META = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE | re.DOTALL
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I)


# what a file saved in the place of a page most often is, by its first bytes
_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (an EPUB, a Word document, …)"),
    (b"\x1f\x8b", "gzip-compressed data (a page saved still compressed?)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)


def not_text(data: bytes) -> str | None:
    """Why `data` cannot be a saved page (empty; an image, a PDF, an archive; binary), or
    None: what a page with no words, or one of another format, is said to be."""
    if not data.strip(b" \t\r\n\f\v" + codecs.BOM_UTF8):
        return "the file is empty" if not data else "the file holds no text, only blank space"
    kind = next((name for magic, name in _KINDS if data.startswith(magic)), None)
    if kind is not None:
        return f"the file is {kind}, not a saved page"
    head = data[:4096]
    if head[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) and b"\x00" in head:
        return "the file is binary data (it holds NUL bytes), not a saved page"
    return None


def looks_like_html(data: bytes) -> bool:
    """An HTML document starts with a doctype or one of the document's own elements."""
    start = data.lstrip(codecs.BOM_UTF8)[:2048]
    if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        start = data.decode("utf-16", "replace").encode("utf-8", "replace")[:2048]
    return _HTML.match(start) is not None


def _declared(data: bytes) -> str | None:
    """The charset a <meta> tag names, when Python knows it."""
    match = _META.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # Pages that say Latin-1 are written in Windows-1252 (as browsers read them).
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode_page(data: bytes) -> str:
    """A BOM wins; then a <meta charset>; then UTF-8 if the bytes are UTF-8; else
    Windows-1252, else Latin-1. Line ends become LF."""
    encodings = [e for bom, e in _BOMS if data.startswith(bom)]
    declared = _declared(data) if not encodings else None
    encodings += [declared] if declared else []
    encodings += ["utf-8", "cp1252", "latin-1"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
