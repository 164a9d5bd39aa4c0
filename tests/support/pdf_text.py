"""A PDF's text page by page (poppler's pdftotext), whitespace collapsed: what two builds
of one book are compared by, page for page; and how much of a page's text block its text
leaves empty (`Foot`)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BODY", "Foot", "foot_of", "page_texts"]

BODY = 11.0  # the body's type size in points (styles/print/book.css)
TEXT_FOOT = 720.0  # the text block's foot: a letter page's 792 pt less its 72 pt margin


def page_texts(path: Path) -> list[str]:
    command = ["pdftotext", str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


@dataclass(frozen=True)
class Foot:
    """The foot of a page's text: its lines of body type, top to bottom, and the room left
    between the last and the page's notes (or the text block's foot), in points."""

    lines: tuple[str, ...]
    room: float
    leading: float  # from one line of body type to the next

    @property
    def lines_left(self) -> float:
        return self.room / self.leading


def foot_of(path: Path, index: int) -> Foot:
    """The foot of the text of page `index` (0-based) of the PDF at `path`, read with
    pdfplumber: lines by their baseline and type size."""
    import pdfplumber

    rows: dict[tuple[float, float], list[str]] = {}
    with pdfplumber.open(path) as pdf:
        for char in pdf.pages[index].chars:
            key = (round(char["bottom"], 1), round(char["size"], 1))
            rows.setdefault(key, []).append(char["text"])
    lines = [(bottom - size, bottom, "".join(rows[bottom, size])) for bottom, size in sorted(rows)]
    body = [line for line in lines if abs(line[1] - line[0] - BODY) < 0.5]
    last = body[-1][1]
    notes = [top for top, bottom, _ in lines if bottom - top < BODY - 1 and last < top < TEXT_FOOT]
    room = min(notes, default=TEXT_FOOT) - last
    return Foot(tuple(text for *_, text in body), room, body[-1][1] - body[-2][1])
