"""A PDF's turned (broadside) pages, and its sheets as a printer prints them: what the
book's and the handouts' broadside tests read back."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
from pypdf import PdfReader, PdfWriter

from octavo.check.pdf_facts import read_pdf

__all__ = ["as_printed", "foot_chars", "turned_pages"]


def turned_pages(path: Path) -> list[int]:
    """The indices of the pages turned by their /Rotate."""
    return [p.index for p in read_pdf(path).pages if p.turned]


def as_printed(path: Path) -> Any:
    """pdfplumber's reading of the PDF with every /Rotate taken off: the sheets as a
    printer prints them (pdfplumber, like a viewer, turns a page by its /Rotate)."""
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        if "/Rotate" in page:
            del page["/Rotate"]
    out = io.BytesIO()
    writer.write(out)
    out.seek(0)
    return pdfplumber.open(out)


def foot_chars(page: Any) -> list[tuple[float, float, str, bool]]:
    """The characters in a sheet's bottom margin (below the text block's 720 pt), as
    printed: (x0, top, text, upright): where the folio is."""
    foot = [c for c in page.chars if c["top"] > 730]
    return [(round(c["x0"], 2), round(c["top"], 2), c["text"], c["upright"]) for c in foot]
