"""Bytes of a saved page -> text: the BOM, else the page's own charset, else the bytes."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

__all__ = [
    "SEVERAL",
    "TOLD",
    "Decoded",
    "Stray",
    "decode",
    "decode_page",
    "looks_like_html",
    "not_text",
]

TOLD = 5  # stray runs kept (and told one by one); the rest only counted


@dataclass(frozen=True, slots=True)
class Stray:
    """Bytes of a UTF-8 page that are not UTF-8, where they are and what they were read as."""

    line: int
    column: int
    raw: bytes
    read_as: str


@dataclass(frozen=True, slots=True)
class Decoded:
    """A page's text, the charset it was read in, the one its <meta> names (None: none, or
    one Python does not know), and its bytes that are not in the charset it was read in
    (a page read as UTF-8) or would be (read as Windows-1252 though said to be UTF-8): the
    first `TOLD` runs of them, and how many runs and bytes in all."""

    text: str
    encoding: str
    declared: str | None
    stray: tuple[Stray, ...]
    characters: int = 0  # the non-ASCII characters its bytes make as UTF-8
    declared_line: int = 1
    runs: int = 0  # runs of stray bytes in all
    stray_bytes: int = 0


_META = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE | re.DOTALL
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_STRAY = re.compile("[\udc80-\udcff]+")  # bytes UTF-8 cannot read, surrogate-escaped
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


def _declared(data: bytes) -> tuple[str | None, int]:
    """The charset a <meta> tag names, when Python knows it, and the tag's line."""
    match = _META.search(data[:4096])
    if not match:
        return None, 1
    line = len(re.split(rb"\r\n|\r|\n", data[: match.start()]))
    try:
        name = codecs.lookup(match[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None, line
    # Pages that say Latin-1 are written in Windows-1252 (as browsers read them).
    return ("cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name), line


def decode_page(data: bytes) -> str:
    """The page's text, as `decode` reads it."""
    return decode(data).text


def decode(data: bytes) -> Decoded:
    """A BOM wins, then the page's <meta charset>, weighed against its bytes. A page said to
    be UTF-8 is read as UTF-8 when most of its non-ASCII bytes make UTF-8 characters, each
    stray byte as the Windows-1252 character it most likely is (`Caf\\xe9` -> `Café`), else
    as Windows-1252. A page said to be in a one-byte charset is read in it, unless its bytes
    are all UTF-8 and make several characters a page in that charset could hold (Latin,
    punctuation, the charset's own script): then as UTF-8. A page that says nothing is read
    as UTF-8 if its bytes are UTF-8, or UTF-8 with a few strays among at least twice as many
    such characters; else as Windows-1252. Line ends become LF."""
    bom = next((e for b, e in _BOMS if data.startswith(b)), None)
    declared, line = _declared(data) if bom is None else (None, 1)
    if bom == "utf-16":
        return Decoded(_lines(data.decode(bom, "replace")), bom, None, ())
    text = _lines(data.decode("utf-8", "surrogateescape"))
    found = Counter(c for c in text if c > "\x7f")
    strays = sum(n for c, n in found.items() if _STRAY.match(c))
    utf8 = sum(found.values()) - strays
    if declared == "utf-8" or bom:
        read = "cp1252" if strays > utf8 and not bom else "utf-8"
    elif declared is None:
        plausible = strays == 0 or (utf8 >= 2 * strays and _plausible(found, None))
        read = "utf-8" if plausible else "cp1252"
    else:
        if utf8 >= SEVERAL and not strays and _plausible(found, declared):
            return Decoded(text, "utf-8", declared, (), utf8, line)
        return Decoded(_single_byte(data, declared), declared, declared, (), utf8, line)
    decoded = _single_byte(data, read) if read == "cp1252" else _mixed(text)
    told, runs = _stray(text) if strays else ((), 0)
    return Decoded(decoded, read, declared, told, utf8, line, runs, strays)


SEVERAL = 3  # UTF-8 characters that overrule a <meta> naming a one-byte charset


def _script(character: str) -> str:
    """The script a letter is of (its Unicode name's first word: LATIN, CYRILLIC, NKO), or ''
    for punctuation, symbols and Latin-1's own non-letters."""
    if character <= "\xff":
        return ""
    if character >= "\u2000" and unicodedata.category(character)[0] not in "LM":
        return ""
    return unicodedata.name(character, "?").split()[0]


def _scripts(encoding: str) -> set[str]:
    """The scripts of the letters a one-byte charset has."""
    return {_script(c) for c in bytes(range(0x80, 0x100)).decode(encoding, "replace")}


def _plausible(found: Counter[str], declared: str | None) -> bool:
    """The page's UTF-8 characters are ones its text could hold, not pairs of one-byte
    characters read by accident as one (`Ú\\xa0` -> Arabic `ڠ`): Latin letters, punctuation,
    symbols, and letters of the declared charset's scripts (none named: of any script the page
    has at least `SEVERAL` letters of)."""
    scripts: Counter[str] = Counter()
    for character, count in found.items():
        if not _STRAY.match(character):
            scripts[_script(character)] += count
    allowed = _scripts(declared) if declared else {s for s, n in scripts.items() if n >= SEVERAL}
    return all(s in ("", "LATIN") or s in allowed for s in scripts)


def _lines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _one_byte(encoding: str) -> bool:
    """A charset of one byte a character (Windows-1252, KOI8-R), not of several (Shift JIS)."""
    try:
        return len(bytes(range(0x80, 0x100)).decode(encoding, "replace")) == 0x80
    except LookupError:  # pragma: no cover - `_declared` names only charsets Python knows
        return False


def _single_byte(data: bytes, encoding: str) -> str:
    """The page in `encoding`, else (a byte it has no character for) as before: UTF-8,
    Windows-1252, Latin-1, the first that reads it."""
    for name in (encoding, "utf-8", "cp1252", "latin-1"):
        try:
            return _lines(data.decode(name))
        except UnicodeDecodeError:
            continue
    raise AssertionError("Latin-1 reads every byte")  # pragma: no cover


def _as_cp1252(raw: bytes) -> str:
    """Each byte as Windows-1252 reads it; U+FFFD for the five it has no character for."""
    return "".join(bytes([b]).decode("cp1252", "replace") for b in raw)


def _raw(run: str) -> bytes:
    return bytes(ord(c) - 0xDC00 for c in run)


def _mixed(text: str) -> str:
    return _STRAY.sub(lambda m: _as_cp1252(_raw(m[0])), text)


def _stray(text: str) -> tuple[tuple[Stray, ...], int]:
    """The first `TOLD` runs of bytes that are not UTF-8, each with its line and column in
    the page's text (a stray byte reads as one character), and how many runs in all: lines
    are counted as the runs are met, so the work is linear in the page's length."""
    found: list[Stray] = []
    runs = 0
    line, line_start, seen = 1, 0, 0
    for match in _STRAY.finditer(text):
        runs += 1
        if len(found) == TOLD:
            continue
        at = match.start()
        ends = text.count("\n", seen, at)
        if ends:
            line += ends
            line_start = text.rfind("\n", seen, at) + 1
        seen = at
        raw = _raw(match[0])
        found.append(Stray(line, at - line_start + 1, raw, _as_cp1252(raw)))
    return tuple(found), runs
