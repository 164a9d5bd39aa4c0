"""Write an ebooklib 0.20 book as a reproducible, valid EPUB 3, around ebooklib's traps.

- ebooklib stamps zip entries with the current local time and ``dcterms:modified`` with
  ``datetime.now()`` (local time, labelled ``Z``): :func:`writer_options` passes the
  book's build time (octavo.project: SOURCE_DATE_EPOCH, else the content's date) as
  ``mtime``; :func:`repack` rewrites the zip with fixed dates, permissions and order.
- ``epub3_pages`` (on by default) puts every element with ``epub:type`` and ``id``
  (noterefs, footnotes...) into a fake ``page-list``: turned off.
- ``raise_exceptions`` (off by default) turns only I/O errors into exceptions; an
  ``EpubHtml`` that lxml cannot parse still becomes an empty file, so :func:`repack`
  parses every XML member and raises.
- ebooklib writes no ``xml:lang`` on ``<package>``: :class:`Writer` adds it.
- ``EpubHtml`` throws away the document's ``<head>`` and ``<body>`` attributes and
  re-parses the body as HTML: :func:`xhtml_item` keeps a complete XHTML document as is.

:func:`repack` deflates each member once for each content (octavo.render.epub.deflate):
a member whose stream is kept from an earlier build is written with it, not deflated again.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from xml.parsers import expat

from ebooklib import epub

from octavo.errors import Diagnostic, Failure, error
from octavo.render.epub.deflate import COMPRESSLEVEL, Deflated

__all__ = [
    "EpubWriteError",
    "Writer",
    "epub_bytes",
    "repack",
    "writer_options",
    "xhtml_item",
]

MIMETYPE = b"application/epub+zip"
XML_SUFFIXES = (".xhtml", ".html", ".opf", ".ncx", ".xml", ".svg", ".smil")
FILE_MODE = 0o100644  # regular file, rw-r--r--


class EpubWriteError(Failure, RuntimeError):
    """ebooklib produced something that is not a well-formed EPUB member (E704)."""

    def diagnostic(self) -> Diagnostic:
        return error(
            "E704",
            f"an EPUB member is not well-formed XHTML: {self}",
            hint="check the book's own templates/epub/",
        )


def writer_options(when: datetime, **overrides: Any) -> dict[str, Any]:
    """Options for ebooklib's writer that avoid its surprising defaults."""
    options: dict[str, Any] = {
        "epub3_pages": False,  # no page-list made of every epub:type with an id
        "raise_exceptions": True,  # do not turn write errors into a False return
        "epub2_guide": True,  # book.guide -> the OPF <guide>: calibre and Kindle read it
        "epub3_landmark": False,  # (ebooklib's own nav only; octavo's nav has its landmarks)
        "mtime": when.astimezone(UTC),  # ebooklib formats it as %Y-%m-%dT%H:%M:%SZ
        # ebooklib's zip is only read back by `repack`, which compresses every member itself
        "compresslevel": 0,
    }
    options.update(overrides)
    return options


class Writer(epub.EpubWriter):  # type: ignore[misc]  # ebooklib is untyped
    """ebooklib's writer plus ``xml:lang`` (and ``dir``) on the ``<package>`` element."""

    def _write_opf_file(self, root: Any) -> None:
        root.set(f"{{{epub.NAMESPACES['XML']}}}lang", self.book.language)
        if self.book.direction in ("ltr", "rtl"):
            root.set("dir", self.book.direction)
        super()._write_opf_file(root)


def xhtml_item(
    uid: str, file_name: str, document: bytes, properties: Iterable[str] = ()
) -> epub.EpubItem:
    """A content document written byte for byte (not re-parsed like ``EpubHtml``).

    Put it in ``book.spine`` like any item; list it in ``book.toc`` as
    ``epub.Link(file_name, title, uid)``, since ebooklib's nav/NCX skip plain items.
    It is checked (well-formed XML, else E704, not a complaint of EPUBCheck's) with every
    other member, by `repack`, once: checked here as well, each document was parsed twice
    (5 MB at 800 sections, 15 ms while the parent waits for the EPUB).
    """
    item = epub.EpubItem(
        uid=uid, file_name=file_name, media_type="application/xhtml+xml", content=document
    )
    item.properties = list(properties)  # e.g. ["svg"]; read by ebooklib's manifest writer
    return item


def _zipinfo(name: str, when: datetime) -> zipfile.ZipInfo:
    stamp = max(when.astimezone(UTC), datetime(1980, 1, 1, tzinfo=UTC))
    info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    info.create_system = 3  # Unix, so the mode below is meaningful on every host
    info.external_attr = FILE_MODE << 16
    return info


def _check_member(name: str, data: bytes) -> None:
    if not name.lower().endswith(XML_SUFFIXES):
        return
    if not data.strip():
        raise EpubWriteError(f"{name}: empty (ebooklib could not parse the source)")
    try:
        expat.ParserCreate().Parse(data, True)
    except expat.ExpatError as exc:
        raise EpubWriteError(f"{name}: not well-formed XML: {exc}") from exc


def repack(epub_zip: bytes, when: datetime, deflated: Deflated | None = None) -> bytes:
    """Rewrite an EPUB zip deterministically.

    ``mimetype`` first and stored, then every other member sorted by name, deflated at
    a fixed level, each dated ``when`` (UTC, clamped to 1980) with mode 0644.
    Bytes are identical for identical input on the same zlib. `deflated`: the streams
    kept from earlier builds (a member among them was checked then, and is not again).
    """
    deflated = deflated if deflated is not None else Deflated()
    with zipfile.ZipFile(io.BytesIO(epub_zip)) as source:
        members = {i.filename: source.read(i) for i in source.infolist() if not i.is_dir()}
    if members.pop("mimetype", MIMETYPE) != MIMETYPE:
        raise EpubWriteError("mimetype member is not 'application/epub+zip'")
    streams = deflated.streams(members, _check_member)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr(_zipinfo("mimetype", when), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        for name in sorted(members):
            _write_deflated(target, _zipinfo(name, when), members[name], streams[name])
    return out.getvalue()


class _Made:
    """A compressor that gives the stream made beforehand (zipfile calls `compress` once,
    with the whole member, then `flush`)."""

    def __init__(self, stream: bytes):
        self.stream = stream

    def compress(self, _: bytes) -> bytes:
        stream, self.stream = self.stream, b""
        return stream

    def flush(self) -> bytes:
        return b""


def _write_deflated(
    target: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, stream: bytes
) -> None:
    """`data` as a deflated member whose stream (zipfile's own) is `stream`: zipfile writes
    the headers, the CRC and the sizes as for any member, and the stream as its compressor's
    output. (Where zipfile's writer has no `_compressor` to give it, it deflates itself at
    the same level: the same bytes, later.)"""
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = COMPRESSLEVEL  # type: ignore[attr-defined]  # what open() deflates at
    info.file_size = len(data)
    with target.open(info, "w") as dest:
        if hasattr(dest, "_compressor"):
            dest._compressor = _Made(stream)
        dest.write(data)


def epub_bytes(
    book: epub.EpubBook, when: datetime, deflated: Deflated | None = None, **options: Any
) -> bytes:
    """Write ``book`` with ebooklib and return the reproducible EPUB's bytes, dated `when`
    (`deflated`: streams kept from earlier builds, see `repack`)."""
    buffer = io.BytesIO()
    writer = Writer(buffer, book, writer_options(when, **options))
    writer.process()
    writer.write()  # errors propagate (ebooklib's write_epub would swallow OSError)
    return repack(buffer.getvalue(), when, deflated)
