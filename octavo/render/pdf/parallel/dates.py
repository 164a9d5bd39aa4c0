"""The front matter laid out once for every build date: its PDF's dates put in afterwards.

The front part's HTML names the build time (`dcterms.created`, `dcterms.modified`: the
PDF's /CreationDate, /ModDate and the XMP's xmp:CreateDate, xmp:ModifyDate), and without
SOURCE_DATE_EPOCH or git the build time is the newest source's: every edit changed the
front's cache key, and its contents (hundreds of dot-leader lines) were laid out again
although no page number moved. The front is now laid out with `STAND_IN` as its time, and
`redate` writes the book's time into that PDF exactly as WeasyPrint would have written it
(the same bytes: the merge hashes the parts' bytes into the /ID). What the reader sees —
the imprint's day — is still in the HTML, so a new day lays the front out again.

`redate` knows how pydyf (WeasyPrint's writer) lays out a compressed PDF: the streams, then
one object stream holding every other object (the /Info dictionary among them), then the
cross-reference stream. The XMP stream is not compressed (octavo.render.pdf.finish), so
its dates are changed in place; the object stream is deflated again as pydyf deflates it,
and the cross-reference stream after it is written anew. The dates keep their length, so
no object but those two moves. Anything else: `Redated` is raised.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime
from math import ceil, log

__all__ = ["STAND_IN", "Redated", "pdf_date", "redate", "stands_in"]

STAND_IN = datetime(2000, 1, 1, tzinfo=UTC)  # the time the front part is laid out with

_STARTXREF = re.compile(rb"startxref\n(\d+)\n%%EOF\n\Z")
_XREF = re.compile(
    rb"(\d+) 0 obj\n<</Type /XRef/Index \[0 (\d+)\]/W \[1 (\d+) (\d+)\](/Size \d+/Root \d+ 0 R"
    rb"(?:/Info \d+ 0 R)?)/Filter /FlateDecode/Length (\d+)>>\nstream\n"
)
_OBJSTM = re.compile(
    rb"(\d+) 0 obj\n<</Type /ObjStm/N (\d+)/First (\d+)/Filter /FlateDecode/Length (\d+)>>\n"
    rb"stream\n"
)


class Redated(Exception):
    """The PDF is not laid out as `redate` expects (another writer, another version)."""


def stands_in(timestamp: str) -> bool:
    """Whether a PDF laid out at `STAND_IN` can be given `timestamp` (the same length)."""
    return len(timestamp) == len(_w3c(STAND_IN))


def pdf_date(timestamp: str) -> str:
    """'D:19950610000000Z' of '1995-06-10T00:00:00Z' (WeasyPrint's /CreationDate)."""
    return "D:" + re.sub(r"\D", "", timestamp) + "Z"


def redate(pdf: bytes, timestamp: str) -> bytes:
    """`pdf`, laid out with `STAND_IN` as both its dates, as if laid out at `timestamp`
    ('1995-06-10T00:00:00Z', BookMeta.timestamp)."""
    old = _w3c(STAND_IN)
    if len(timestamp) != len(old) or not timestamp.isascii():
        raise Redated(f"{timestamp!r} is not a date of {len(old)} characters")
    if timestamp == old:
        return pdf
    tail = _STARTXREF.search(pdf)
    xref = _XREF.match(pdf, int(tail.group(1))) if tail else None
    if tail is None or xref is None:
        raise Redated("no cross-reference stream where pydyf writes it")
    number, size, width, count = (int(xref.group(i)) for i in (1, 2, 3, 4))
    start, length = xref.end(), int(xref.group(6))
    rows = _inflate(pdf[start : start + length])
    row = 1 + width + count
    if len(rows) != row * size or start + length + len(b"\nendstream\nendobj\n") != tail.start():
        raise Redated("the cross-reference stream is not pydyf's")
    at = int.from_bytes(rows[-2 * row + 1 : -row - count], "big")  # the object stream's offset
    stream = _OBJSTM.match(pdf, at)
    if stream is None or rows[-2 * row] != 1:
        raise Redated("no object stream just before the cross-reference stream")
    begin, end = stream.end(), stream.end() + int(stream.group(4))
    if pdf[end:] != b"\nendstream\nendobj\n" + pdf[xref.start() :]:
        raise Redated("the object stream does not end where the cross-reference stream begins")
    head = _replace(
        pdf[:at],
        (b"<xmp:CreateDate>%s</xmp:CreateDate>", b"<xmp:ModifyDate>%s</xmp:ModifyDate>"),
        old.encode(),
        timestamp.encode(),
    )
    objects = _replace(
        _inflate(pdf[begin:end]),
        (b"/CreationDate (%s)", b"/ModDate (%s)"),
        pdf_date(old).encode(),
        pdf_date(timestamp).encode(),
    )
    packed = _deflate(objects)
    shape = b"%s 0 obj\n<</Type /ObjStm/N %s/First %s/Filter /FlateDecode/Length %d>>\nstream\n"
    header = shape % (*stream.group(1, 2, 3), len(packed))
    moved = head + header + packed + b"\nendstream\nendobj\n"
    return moved + _xref(rows, row, count, len(moved), number, size, xref.group(5))


def _w3c(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _replace(data: bytes, shapes: tuple[bytes, ...], old: bytes, new: bytes) -> bytes:
    """`data` with each shape's `old` made `new`: each found exactly once."""
    for shape in shapes:
        if data.count(shape % old) != 1:
            raise Redated(f"{(shape % old).decode('latin-1')!r} is not there once")
        data = data.replace(shape % old, shape % new)
    return data


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error as exc:
        raise Redated(f"a stream that does not inflate: {exc}") from exc


def _deflate(data: bytes) -> bytes:
    """As pydyf's Stream.data deflates."""
    compressor = zlib.compressobj(level=9)
    return compressor.compress(data) + compressor.flush()


def _xref(
    rows: bytes, row: int, count: int, position: int, number: int, size: int, rest: bytes
) -> bytes:
    """The cross-reference stream of pydyf's `PDF.write`, its own entry (the last) at
    `position`; the width of the offsets as pydyf works it out."""
    width = ceil(log(position + 1, 256))
    entries = []
    for index in range(0, len(rows), row):
        value = int.from_bytes(rows[index + 1 : index + row - count], "big")
        value = position if index == len(rows) - row else value
        field = value.to_bytes(width, "big")
        entries.append(rows[index : index + 1] + field + rows[index + row - count : index + row])
    packed = _deflate(b"".join(entries))
    header = b"%d 0 obj\n<</Type /XRef/Index [0 %d]/W [1 %d %d]%s/Filter /FlateDecode/Length %d>>\n"
    return (
        header % (number, size, width, count, rest, len(packed))
        + b"stream\n"
        + packed
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % position
    )
