"""Read a PDF variant back (E644): what can be checked here without a preflight tool.

- the header's PDF version (PDF/X-4 1.6, PDF/X-1a 1.4, PDF/A-2b, PDF/A-3b and PDF/UA-1 1.7);
- the XMP identification (pdfxid / pdfaid / pdfuaid) and, for PDF/X-1a, the Info entry;
- an OutputIntent with its ICC profile (PDF/X, PDF/A); a TrimBox on every page (PDF/X);
- a structure tree and /MarkInfo (PDF/UA);
- for PDF/X-1a: no transparency (soft masks, constant alpha below 1, transparency groups)
  and no RGB colour in the page content.
Fonts (all embedded) are checked by octavo.check.pdf for every PDF.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from octavo.errors import Diagnostic, error

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
_RGB = re.compile(rb"(?:^|\s)(?:[-\d.]+\s+){3}(?:rg|RG)(?:\s|$)|/DeviceRGB")


def check_variant(path: Path, variant: str) -> tuple[Diagnostic, ...]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return tuple(error("E644", f"{variant}: {m}", path) for m in _problems(reader, variant))


def _problems(reader: Any, variant: str) -> Iterator[str]:
    version = reader.pdf_header.removeprefix("%PDF-")
    if version != VERSIONS[variant]:
        yield f"PDF version {version}, expected {VERSIONS[variant]}"
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode() if "/Metadata" in root else ""
    for pattern in _XMP[variant]:
        if not re.search(pattern, xmp):
            yield f"the XMP metadata lacks {pattern.strip('<')!r}"
    if variant.startswith(("pdf/x", "pdf/a")):
        yield from _intent(root, "/GTS_PDFX" if variant.startswith("pdf/x") else "/GTS_PDFA1")
    if variant.startswith("pdf/x"):
        missing = [i + 1 for i, page in enumerate(reader.pages) if "/TrimBox" not in page]
        if missing:
            yield f"pages without a TrimBox: {missing[:5]}"
    if variant == "pdf/x-1a":
        if (reader.metadata or {}).get("/GTS_PDFXVersion") != "PDF/X-1a:2003":
            yield "the document information lacks /GTS_PDFXVersion PDF/X-1a:2003"
        yield from _opaque_cmyk(reader)
    if variant == "pdf/ua-1":
        marked = root.get("/MarkInfo", {}).get("/Marked")
        if "/StructTreeRoot" not in root or not marked:
            yield "no structure tree or /MarkInfo /Marked true: not a tagged PDF"


def _intent(root: Any, subtype: str) -> Iterator[str]:
    intents = [i.get_object() for i in root.get("/OutputIntents", [])]
    if not intents:
        yield "no OutputIntent"
    for intent in intents:
        if intent.get("/S") != subtype or "/DestOutputProfile" not in intent:
            yield f"OutputIntent {intent.get('/S')} without a profile, expected {subtype}"


def _opaque_cmyk(reader: Any) -> Iterator[str]:
    for number, page in enumerate(reader.pages, start=1):
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        for name, state in (resources.get("/ExtGState") or {}).items():
            state = state.get_object()
            alpha = [float(state.get(k, 1)) for k in ("/CA", "/ca")]
            if min(alpha) < 1 or state.get("/SMask", "/None") != "/None":
                yield f"page {number}: transparency in graphics state {name}"
                return
        if page.get("/Group", {}).get("/S") == "/Transparency":
            yield f"page {number}: a transparency group"
            return
        content = page.get_contents()
        if content is not None and _RGB.search(content.get_data()):
            yield f"page {number}: RGB colour in the page content (PDF/X-1a is CMYK only)"
            return
