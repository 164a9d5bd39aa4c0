"""A PDF's text page by page (poppler's pdftotext), whitespace collapsed: what two builds
of one book are compared by, page for page."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["page_texts"]


def page_texts(path: Path) -> list[str]:
    command = ["pdftotext", str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]
