"""W428: a page of another country's study imported into a book of one country.

Sections of several countries make a volume of studies, a part each (as the Library of
Congress bound some); a book created by an import of several countries' pages is titled
so ("Nepal and Moldova: Country Studies"). But a page of Nepal imported into a book whose
book.toml says Belarus made "Belarus: A Country Study" a volume of three parts, its
imprint's dates running from 1991 to 1995, and the import said nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.importers.page import Page

__all__ = ["foreign_pages"]


def foreign_pages(
    own: str,
    held: Iterable[str],
    pages: list[tuple[Path, Page | None, list[str], list[Diagnostic]]],
) -> None:
    """W428 on each page whose country is neither book.toml's (`own`) nor one the book's
    sections already hold (`held`: a volume the book already is); none in a book that
    names no country."""
    if not own.strip():
        return
    known = {own.strip().casefold(), *(c.strip().casefold() for c in held if c)}
    for path, page, _, found in pages:
        if page is None or not page.country or page.country.strip().casefold() in known:
            continue
        found.append(
            warning(
                "W428",
                f"a page of {page.country}'s study, in a book of {own}'s (book.toml's "
                f"country): its sections become a part of their own, the book a volume of "
                "several studies",
                path,
                hint=f"import it into a book of its own (--book another folder); or, if "
                f'book.toml\'s country is wrong, set country = "{page.country}"; or keep it '
                "if a volume is meant",
            )
        )
