"""The fonts of a written PDF: those whose text reads back as nothing, and poppler's
pdffonts list (octavo.check.pdf_facts)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

__all__ = ["pdffonts", "unreadable_fonts"]


def unreadable_fonts(reader: Any) -> tuple[str, ...]:
    """The fonts whose text pdfplumber reads as nothing: those WeasyPrint gives an
    encoding of its own (an embedded CMap, not Identity-H) when it draws characters no font
    holds (.notdef, W651), which pdfminer does not decode. `reader`: the PDF's pypdf
    reader."""
    found: dict[str, None] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for font in fonts.get_object().values() if fonts is not None else ():
            font = font.get_object()
            encoding = font.get("/Encoding")
            if encoding is None or isinstance(encoding, str):  # a name: Identity-H
                continue
            if encoding.get_object().get("/Type") == "/CMap":
                found[str(font.get("/BaseFont", "?")).split("+")[-1]] = None
    return tuple(found)


def pdffonts(path: Path) -> tuple[tuple[str, bool], ...]:
    tool = shutil.which("pdffonts")
    if tool is None:
        raise FileNotFoundError("pdffonts (poppler-utils) is needed: bash .ci/install-system")
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    return tuple((row.split()[0], row.split()[-5] == "yes") for row in rows if row.strip())
