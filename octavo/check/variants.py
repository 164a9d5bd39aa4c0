"""Read a PDF variant back (E644): what can be checked here without a preflight tool.

- the header's PDF version (PDF/X-4 1.6, PDF/X-1a 1.4, PDF/A-2b, PDF/A-3b and PDF/UA-1 1.7);
- the XMP identification (pdfxid / pdfaid / pdfuaid) and, for PDF/X-1a, the Info entry;
- an OutputIntent with its ICC profile (PDF/X, PDF/A); a TrimBox on every page (PDF/X);
- a structure tree and /MarkInfo (PDF/UA);
- for PDF/X-1a: no transparency (soft masks, constant alpha below 1, transparency groups)
  and no RGB colour in the page content. Soft masks are looked for in the graphics states
  and in the images a page paints (`Do`, through the forms it paints): a PNG with an
  alpha channel is written as an image with an /SMask, and octavo writes a book's images
  as they are, for PDF/X-1a too.
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
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")  # an XObject painted: /Im1 Do
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
        content = page.get_contents()
        painted = content.get_data() if content is not None else b""
        found = _transparency(page, resources, painted, set())
        if found:
            yield f"page {number}: {found}"
            return
        if _RGB.search(painted):
            yield f"page {number}: RGB colour in the page content (PDF/X-1a is CMYK only)"
            return


def _transparency(owner: Any, resources: Any, content: bytes, seen: set[int]) -> str:
    """What makes a page (or a form it paints: `owner`) transparent, or "": a graphics
    state's alpha or soft mask, a transparency group, an image it paints with a soft
    mask. Each form is walked once (`seen`: the forms walked)."""
    for name, state in (resources.get("/ExtGState") or {}).items():
        state = state.get_object()
        alpha = [float(state.get(k, 1)) for k in ("/CA", "/ca")]
        if min(alpha) < 1 or state.get("/SMask", "/None") != "/None":
            return f"transparency in graphics state {name}"
    if (owner.get("/Group") or {}).get("/S") == "/Transparency":
        return "a transparency group"
    xobjects: Any = resources.get("/XObject") or {}
    for painted in dict.fromkeys(_DO.findall(content)):
        name = "/" + painted.decode("latin-1")
        if name not in xobjects:
            continue
        ref, xobject = xobjects.raw_get(name), xobjects[name].get_object()
        if xobject.get("/Subtype") == "/Image":
            if xobject.get("/SMask", "/None") != "/None" or xobject.get("/SMaskInData", 0):
                size = f"{xobject.get('/Width')}×{xobject.get('/Height')}"
                return f"image {name} ({size} px) has a soft mask (an alpha channel)"
        elif xobject.get("/Subtype") == "/Form" and (key := getattr(ref, "idnum", 0)) not in seen:
            seen.add(key)
            inner = xobject.get("/Resources")
            inner = inner.get_object() if inner is not None else resources
            if found := _transparency(xobject, inner, xobject.get_data(), seen):
                return f"{found} in form {name}"
    return ""
