"""Read a PDF variant back (E644): what can be checked here without a preflight tool.

- the header's PDF version (PDF/X-4 1.6, PDF/X-1a 1.4, PDF/A-2b, PDF/A-3b and PDF/UA-1 1.7);
- the XMP identification (pdfxid / pdfaid / pdfuaid) and, for PDF/X-1a, the Info entry;
- an OutputIntent with its ICC profile (PDF/X, PDF/A); a TrimBox on every page (PDF/X);
- a structure tree and /MarkInfo (PDF/UA);
- for PDF/X-1a: no transparency (soft masks, constant alpha below 1, transparency groups)
  and no RGB colour (DeviceRGB, CalRGB, ICCBased of 3 components, Indexed on those, a
  Separation's or DeviceN's RGB alternate) in what the pages paint, read by
  octavo.check.x1a: octavo converts no colours, so an RGB figure is refused, not made CMYK,
  and a PNG with an alpha channel is written as an image with an /SMask (octavo writes a
  book's images as they are, for PDF/X-1a too).
`invoke pdf` runs this on the PDF it made, before writing it, when a variant is asked for
(octavo.api.pdf); `invoke check --pdf-variant` on the PDF it checks.
Fonts (all embedded) are checked by octavo.check.pdf for every PDF.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf

from octavo.check.x1a import Found, x1a_problems
from octavo.errors import Diagnostic, error
from octavo.model import Image

__all__ = ["VERSIONS", "check_variant"]

VERSIONS = {
    "pdf/x-4": "1.6",
    "pdf/x-1a": "1.4",
    "pdf/a-2b": "1.7",
    "pdf/a-3b": "1.7",
    "pdf/ua-1": "1.7",
}
_XMP = {
    "pdf/x-4": (r"<pdfxid:GTS_PDFXVersion>PDF/X-4<",),
    "pdf/x-1a": (r"<pdfxid:GTS_PDFXVersion>PDF/X-1a:2003<", r'pdfxid:part="1"'),
    "pdf/a-2b": (r'pdfaid:part="2"', r'pdfaid:conformance="B"'),
    "pdf/a-3b": (r'pdfaid:part="3"', r'pdfaid:conformance="B"'),
    "pdf/ua-1": (r'pdfuaid:part="1"',),
}


def check_variant(
    pdf: Path | bytes,
    variant: str,
    images: Sequence[Image] = (),
    root: Path | None = None,
    named: Path | None = None,
) -> tuple[Diagnostic, ...]:
    """What keeps `pdf` (a file, or the bytes of one not yet written) from being `variant`.
    `images`: the book's (Manuscript.images), to name a figure by its source file (under
    `root`, the book folder) where its pixel size is one image's; `named`: the file the
    diagnostics name otherwise (default `pdf`, if a file)."""
    at = named if named is not None or isinstance(pdf, bytes) else pdf
    with pikepdf.open(BytesIO(pdf) if isinstance(pdf, bytes) else pdf) as document:
        return tuple(
            error(
                "E644",
                f"{variant}: {found.message}",
                (root / found.figure) if root is not None and found.figure else at,
                hint=found.hint,
            )
            for found in _problems(document, variant, images)
        )


def _problems(pdf: pikepdf.Pdf, variant: str, images: Sequence[Image]) -> Iterator[Found]:
    version = pdf.pdf_version  # the header's
    if version != VERSIONS[variant]:
        yield Found(f"PDF version {version}, expected {VERSIONS[variant]}")
    root: Any = pdf.Root
    # an entry of another type than PDF gives it is read as missing, and told so
    metadata = root.get("/Metadata")
    xmp = metadata.read_bytes().decode(errors="replace") if _is(metadata, pikepdf.Stream) else ""
    for pattern in _XMP[variant]:
        if not re.search(pattern, xmp):
            yield Found(f"the XMP metadata lacks {pattern.strip('<')!r}")
    if variant.startswith(("pdf/x", "pdf/a")):
        yield from _intent(root, "/GTS_PDFX" if variant.startswith("pdf/x") else "/GTS_PDFA1")
    if variant.startswith("pdf/x"):
        missing = [i + 1 for i, page in enumerate(pdf.pages) if "/TrimBox" not in page.obj]
        if missing:
            yield Found(f"pages without a TrimBox: {missing[:5]}")
    if variant == "pdf/x-1a":
        info: Any = pdf.trailer.get("/Info")
        info = info if _is(info, pikepdf.Dictionary) else {}
        if str(info.get("/GTS_PDFXVersion", "")) != "PDF/X-1a:2003":
            yield Found("the document information lacks /GTS_PDFXVersion PDF/X-1a:2003")
        yield from x1a_problems(pdf, images)
    if variant == "pdf/ua-1":
        mark = root.get("/MarkInfo")
        marked = mark.get("/Marked") if _is(mark, pikepdf.Dictionary) else None
        if "/StructTreeRoot" not in root or not marked:
            yield Found("no structure tree or /MarkInfo /Marked true: not a tagged PDF")


def _intent(root: Any, subtype: str) -> Iterator[Found]:
    listed = root.get("/OutputIntents")
    intents = list(listed) if _is(listed, pikepdf.Array) else []
    if not intents:
        yield Found("no OutputIntent")
    for intent in intents:
        if not _is(intent, pikepdf.Dictionary):
            yield Found(f"an OutputIntent that is not a dictionary, expected {subtype}")
        elif intent.get("/S") != subtype or "/DestOutputProfile" not in intent:
            yield Found(f"OutputIntent {intent.get('/S')} without a profile, expected {subtype}")


def _is(value: Any, kind: type) -> bool:
    """`value` is a PDF object of `kind` (a stream is a dictionary too)."""
    return isinstance(value, kind) or (
        kind is pikepdf.Dictionary and isinstance(value, pikepdf.Stream)
    )
