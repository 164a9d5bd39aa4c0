"""Read a PDF variant back (E644): what can be checked here without a preflight tool.

- the header's PDF version (PDF/X-4 1.6, PDF/X-1a 1.4, PDF/A-2b, PDF/A-3b and PDF/UA-1 1.7);
- the XMP identification (pdfxid / pdfaid / pdfuaid) and, for PDF/X-1a, the Info entry;
- an OutputIntent with its ICC profile (PDF/X, PDF/A); a TrimBox on every page (PDF/X);
- a structure tree and /MarkInfo (PDF/UA);
- for PDF/X-1a: no transparency (soft masks, constant alpha below 1, transparency groups)
  and no RGB colour, in the page content or in an image it paints (DeviceRGB, CalRGB,
  ICCBased of 3 components, Indexed on those, a Separation's or DeviceN's RGB alternate):
  octavo converts no colours, so an RGB figure is refused, not made CMYK. Soft masks are
  looked for in the graphics states and in the images a page paints (`Do`, through the
  forms it paints): a PNG with an alpha channel is written as an image with an /SMask,
  and octavo writes a book's images as they are, for PDF/X-1a too. Each image is told of
  once, at the first page painting it, with the book's image of its pixel size
  (`images`: the figure's source file).
`invoke pdf` runs this on the PDF it made, before writing it, when a variant is asked for
(octavo.api.pdf); `invoke check --pdf-variant` on the PDF it checks.
Fonts (all embedded) are checked by octavo.check.pdf for every PDF.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

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
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")  # an XObject painted: /Im1 Do
_RGB = re.compile(rb"(?:^|\s)(?:[-\d.]+\s+){3}(?:rg|RG)(?:\s|$)|/DeviceRGB")
_FLATTEN = "flatten it onto white first"
_NOT_RGB = (
    "give the figure as a CMYK JPEG or an 8-bit greyscale PNG or JPEG (WeasyPrint writes "
    "1-bit and palette PNGs, and any with a transparent colour, as RGB), or use "
    "--pdf-variant pdf/x-4, which allows RGB; octavo converts no colours without the "
    "printer's press profile"
)


@dataclass(frozen=True, slots=True)
class _Found:
    message: str
    figure: str = ""  # the book's image it is ("images/coast.png"), if known
    hint: str = ""


@dataclass(frozen=True, slots=True)
class _Painted:
    name: str  # its name in the resources that paint it: /Im1
    image: Any  # the image XObject
    key: int  # its object number (0: a direct object)
    within: str  # "" on the page, " in form /Fm1" through a form


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
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    at = named if named is not None or isinstance(pdf, bytes) else pdf
    return tuple(
        error(
            "E644",
            f"{variant}: {found.message}",
            (root / found.figure) if root is not None and found.figure else at,
            hint=found.hint,
        )
        for found in _problems(reader, variant, images)
    )


def _problems(reader: Any, variant: str, images: Sequence[Image]) -> Iterator[_Found]:
    version = reader.pdf_header.removeprefix("%PDF-")
    if version != VERSIONS[variant]:
        yield _Found(f"PDF version {version}, expected {VERSIONS[variant]}")
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode() if "/Metadata" in root else ""
    for pattern in _XMP[variant]:
        if not re.search(pattern, xmp):
            yield _Found(f"the XMP metadata lacks {pattern.strip('<')!r}")
    if variant.startswith(("pdf/x", "pdf/a")):
        yield from _intent(root, "/GTS_PDFX" if variant.startswith("pdf/x") else "/GTS_PDFA1")
    if variant.startswith("pdf/x"):
        missing = [i + 1 for i, page in enumerate(reader.pages) if "/TrimBox" not in page]
        if missing:
            yield _Found(f"pages without a TrimBox: {missing[:5]}")
    if variant == "pdf/x-1a":
        if (reader.metadata or {}).get("/GTS_PDFXVersion") != "PDF/X-1a:2003":
            yield _Found("the document information lacks /GTS_PDFXVersion PDF/X-1a:2003")
        yield from _opaque_cmyk(reader, images)
    if variant == "pdf/ua-1":
        marked = root.get("/MarkInfo", {}).get("/Marked")
        if "/StructTreeRoot" not in root or not marked:
            yield _Found("no structure tree or /MarkInfo /Marked true: not a tagged PDF")


def _intent(root: Any, subtype: str) -> Iterator[_Found]:
    intents = [i.get_object() for i in root.get("/OutputIntents", [])]
    if not intents:
        yield _Found("no OutputIntent")
    for intent in intents:
        if intent.get("/S") != subtype or "/DestOutputProfile" not in intent:
            yield _Found(f"OutputIntent {intent.get('/S')} without a profile, expected {subtype}")


def _opaque_cmyk(reader: Any, images: Sequence[Image]) -> Iterator[_Found]:
    """PDF/X-1a's transparency and colour: the first page whose graphics states, groups or
    content break it (a book's CSS: the same on every page); each image that does, once."""
    told_page = False
    told: set[int] = set()  # the images told of (by object number)
    for number, page in enumerate(reader.pages, start=1):
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        content = page.get_contents()
        painted_here = content.get_data() if content is not None else b""
        walked = list(_walk(page, resources, painted_here, set()))
        if not told_page:
            found = next((w for w in walked if isinstance(w, str)), "")
            if not found and _RGB.search(painted_here):
                found = "RGB colour in the page content (PDF/X-1a is CMYK only)"
            if found:
                told_page = True
                yield _Found(f"page {number}: {found}")
        for painted in walked:
            if isinstance(painted, str) or (painted.key and painted.key in told):
                continue
            problems, hints = _image_problems(painted.image)
            if problems:
                told.add(painted.key)
                image = painted.image
                size = (int(image.get("/Width", 0)), int(image.get("/Height", 0)))
                figure = _figure(images, size)
                what = f"{size[0]}×{size[1]} px" + (f", {figure}" if figure else "")
                yield _Found(
                    f"page {number}: image {painted.name}{painted.within} ({what}) "
                    + " and ".join(problems),
                    figure,
                    "; ".join(hints),
                )


def _image_problems(image: Any) -> tuple[list[str], list[str]]:
    """What PDF/X-1a refuses in an image XObject (a soft mask, RGB colour), and the hints."""
    problems, hints = [], []
    if image.get("/SMask", "/None") != "/None" or image.get("/SMaskInData", 0):
        problems.append("has a soft mask (an alpha channel)")
        hints.append(_FLATTEN + ", or use --pdf-variant pdf/x-4, which allows transparency")
    space = _rgb(image.get("/ColorSpace"))
    if space:
        problems.append(f"is RGB ({space}; PDF/X-1a is CMYK or grey only)")
        hints.append(_NOT_RGB)
    return problems, hints


def _rgb(space: Any, depth: int = 0) -> str:
    """The RGB colour space `space` is ("DeviceRGB", "ICCBased, 3 components", "Indexed
    on DeviceRGB", a Separation's or DeviceN's RGB alternate), or "" when it is not."""
    space = space.get_object() if hasattr(space, "get_object") else space
    if space in ("/DeviceRGB", "/CalRGB"):
        return str(space)[1:]
    if not isinstance(space, list) or not space or depth > 3:
        return ""
    family = space[0]
    if family == "/CalRGB":
        return "CalRGB"
    if family == "/ICCBased" and len(space) > 1:
        return "ICCBased, 3 components" if space[1].get_object().get("/N") == 3 else ""
    if family == "/Indexed" and len(space) > 1:
        base = _rgb(space[1], depth + 1)
        return f"Indexed on {base}" if base else ""
    if family in ("/Separation", "/DeviceN") and len(space) > 2:
        alternate = _rgb(space[2], depth + 1)
        return f"{family[1:]}, alternate {alternate}" if alternate else ""
    return ""


def _figure(images: Sequence[Image], size: tuple[int, int]) -> str:
    """The book's image of this pixel size (its path), if one alone has it."""
    same = [i.path for i in images if (i.width, i.height) == size]
    return same[0] if len(dict.fromkeys(same)) == 1 else ""


def _walk(
    owner: Any, resources: Any, content: bytes, seen: set[int], within: str = ""
) -> Iterator[str | _Painted]:
    """What a page (or a form it paints: `owner`) paints, through the forms it paints
    (`Do`): what makes it transparent (a graphics state's alpha or soft mask, a
    transparency group) as a message, and each image it paints. Each form is walked once
    (`seen`: the forms walked)."""
    for name, state in (resources.get("/ExtGState") or {}).items():
        state = state.get_object()
        alpha = [float(state.get(k, 1)) for k in ("/CA", "/ca")]
        if min(alpha) < 1 or state.get("/SMask", "/None") != "/None":
            yield f"transparency in graphics state {name}{within}"
            break
    if (owner.get("/Group") or {}).get("/S") == "/Transparency":
        yield f"a transparency group{within}"
    xobjects: Any = resources.get("/XObject") or {}
    for painted in dict.fromkeys(_DO.findall(content)):
        name = "/" + painted.decode("latin-1")
        if name not in xobjects:
            continue
        ref, xobject = xobjects.raw_get(name), xobjects[name].get_object()
        key = getattr(ref, "idnum", 0)
        if xobject.get("/Subtype") == "/Image":
            yield _Painted(name, xobject, key, within)
        elif xobject.get("/Subtype") == "/Form" and key not in seen:
            seen.add(key)
            inner = xobject.get("/Resources")
            inner = inner.get_object() if inner is not None else resources
            yield from _walk(xobject, inner, xobject.get_data(), seen, f" in form {name}{within}")
