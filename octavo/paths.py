"""Where octavo's own templates and styles live, and a book's overrides."""

from __future__ import annotations

from pathlib import Path

from octavo.shipped import CHECKOUT, STYLES, TEMPLATES

__all__ = ["PROJECT", "STYLES", "TEMPLATES", "style_dirs", "template_dirs"]

PROJECT = CHECKOUT


def template_dirs(book: Path | None = None) -> tuple[Path, ...]:
    """The template search path: the book's own templates/ first, then octavo's."""
    own = book / "templates" if book else None
    return tuple(p for p in (own, TEMPLATES) if p and p.is_dir())


def style_dirs(book: Path | None = None) -> tuple[Path, ...]:
    """The style search path: the book's own styles/ first, then octavo's."""
    own = book / "styles" if book else None
    return tuple(p for p in (own, STYLES) if p and p.is_dir())


def find_style(name: str, book: Path | None = None) -> Path:
    """The first `name` (e.g. 'print/book.css') on the style search path."""
    for folder in style_dirs(book):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"style {name} not found in {', '.join(map(str, style_dirs(book)))}")
