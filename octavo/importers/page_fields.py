"""What a page of an import is given before its chapter is placed: the fields of its
--manifest entry (said as supplied), and a title from its series or its file name (W406).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.importers.countrystudy import kind_of
from octavo.importers.manifest import Entry
from octavo.importers.page import Page

__all__ = ["page_fields"]


def page_fields(
    path: Path,
    page: Page,
    entry: Entry | None,
    supplied: list[str],
    found: list[Diagnostic],
    guessed: tuple[int | None, str] = (None, ""),
) -> Page:
    """`guessed`: the section's number and the import's country, as supplied later."""
    if entry:
        given = {
            k: v
            for k, v in (
                ("title", entry.title),
                ("chapter", entry.chapter),
                ("parents", entry.parents),
                ("total", entry.total),
                ("kind", entry.kind),
            )
            if v is not None
        }
        page = replace(page, **given)  # type: ignore[arg-type]
        supplied += [f"{k} from the manifest" for k in given]
        if "title" in given and "kind" not in given:
            page = replace(page, kind=page.kind or kind_of(page.title))
    number, country = guessed
    if not page.title and page.series and (page.country or country):
        # the page's own words: "This series of profiles of foreign nations…" (its
        # country said where it was found: W419, W414), as the Library titles it
        page = replace(page, title=f"{page.series}: {page.country or country}")
    if not page.title:
        title = _file_title(path.stem, page.country or country, page.sequence or number)
        page = replace(page, title=title)
        # 'r-1249' names no words: the title is the section's number, not the name's
        whence = "the file name" if title == path.stem else "its section number"
        supplied.append(f"title from {whence}")
        found.append(
            warning(
                "W406",
                f"no title found: titled {title!r} from {whence}",
                path,
                hint="give it a title in a --manifest",
            )
        )
    return page


def _file_title(stem: str, country: str | None, sequence: int | None) -> str:
    """A title from a page's file name when it has one (`belarus-economy`); a name of a
    country and a number alone (`cNepal8`, printed as the section's heading and in the
    contents) gives "Section 8"."""
    rest = re.sub(re.escape(country), " ", stem, flags=re.IGNORECASE) if country else stem
    if re.search(r"[^\W\d_]{3,}", rest) or sequence is None:
        return stem
    return f"Section {sequence}"
