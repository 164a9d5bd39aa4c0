"""The last touches WeasyPrint makes to a PDF, through its `finisher` hook and options.

- PDF variants are WeasyPrint's own (`pdf_variant`). PDF/A gets WeasyPrint's sRGB output
  intent; PDF/X gets the same sRGB profile as its output intent unless the book's CSS names
  a CMYK one (`@color-profile device-cmyk { src: url(…) }`). The profile is sRGB2014.icc,
  shipped inside WeasyPrint: © International Color Consortium, "may be copied, distributed,
  embedded, made, used, and sold without restriction" — octavo ships no profile of its own.
- BleedBox: WeasyPrint puts it at most 10 pt outside the TrimBox, and in octavo the CSS
  bleed also holds the printer's marks; the finisher sets it to the trim plus the bleed.
- XMP: WeasyPrint writes XMP only for variants; the finisher makes it for every PDF and
  adds the book's identifiers and series (templates/print/xmp.xml). WeasyPrint's PDF/X-4
  DocumentID is random (uuid4); the finisher makes it from the book's identifier, so the
  same sources give the same bytes.
- Broadside pages: a table's landscape pages turned onto pages of the book's size, and
  the folios stamped on them (octavo.render.pdf.broadside), before the BleedBoxes.
- Page labels: the catalog's /PageLabels (octavo.render.pdf.page_labels: the printed
  folios, for a viewer's page numbers), in the PDFs that are the book or its front part.
  (/Lang WeasyPrint writes itself, from the HTML's `lang`.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from octavo.render.pdf.broadside import turn_pages
from octavo.render.pdf.page_labels import Label, pydyf_labels
from octavo.source.identity import NAMESPACE_URL, uuid5

__all__ = ["finisher", "variant_options"]

_DID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def variant_options(variant: str) -> dict[str, Any]:
    """write_pdf's options for a variant ("" for none)."""
    if not variant:
        return {}
    options: dict[str, Any] = {"pdf_variant": variant}
    if variant.startswith("pdf/x"):
        options["output_intent"] = "srgb"
    return options


def finisher(
    bleed: float,
    identifier: str,
    xmp: bytes = b"",
    labels: tuple[Label, ...] = (),
    turned: tuple[int, ...] = (),
    stamped: tuple[int, ...] = (),
) -> Callable[[Any, Any], None]:
    """write_pdf's finisher: the pages `turned` (0-based) turned, the last pages drawn
    over the pages `stamped` and taken out (octavo.render.pdf.broadside.turn_pages), exact
    BleedBoxes, `xmp` (rdf:Description elements) in the XMP metadata, a DocumentID made
    from `identifier`, and the page `labels`."""

    def finish(document: Any, pdf: Any) -> None:
        turn_pages(pdf, turned, stamped)
        if labels:
            pdf.catalog["PageLabels"] = pydyf_labels(labels)
        if xmp and "Metadata" not in pdf.catalog:
            document.metadata.include_in_pdf(pdf, "", None, None, compress=False)
        for page in pdf.objects:
            if isinstance(page, dict) and page.get("Type") == "/Page" and "TrimBox" in page:
                left, bottom, right, top = (float(v) for v in page["TrimBox"])
                page["BleedBox"] = type(page["TrimBox"])(
                    [left - bleed, bottom - bleed, right + bleed, top + bleed]
                )
        did = f"xmp.did:{uuid5(NAMESPACE_URL, identifier)}".encode()
        for item in pdf.objects:
            extra = getattr(item, "extra", None)
            if isinstance(extra, dict) and extra.get("Type") == "/Metadata":
                item.stream = [_DID.sub(did, bytes(part)) for part in item.stream]
                if xmp:
                    item.stream = [
                        p.replace(b"</rdf:RDF>", xmp + b"</rdf:RDF>") for p in item.stream
                    ]

    return finish
