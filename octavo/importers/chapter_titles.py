"""The chapter titles an import gives, and those book.toml already has that it keeps.

An import adds to book.toml's [chapters] the titles it lacks (octavo.importers.section
.book_toml) and never changes one it has: the book's own word wins. Where the import
gives another title for a chapter book.toml names (the manifest's `chapter_title`, a
chapter's own page), W427 says which is kept and how to take the other: `invoke new`'s
`1 = "Introduction"`, written for its example section, silently outlived that section and
named an imported chapter 1 "Introduction".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.importers.page import Page
from octavo.source.config import key_line
from octavo.source.files import TomlError, load_toml, read_utf8

__all__ = ["imported_titles", "kept_titles"]

_FIGURES = re.compile(r"[0-9]+")  # a chapter's number as the build reads it ('²' is none)


def imported_titles(pages: list[Page], titles: dict[int, str]) -> dict[int, str]:
    """Each chapter's title as the import gives it: a chapter-level page's own title, else
    the manifest's (`titles`)."""
    own = {p.chapter: p.title for p in pages if p.kind == "chapter" and p.chapter and p.title}
    return {**titles, **own}


def kept_titles(book: Path, chapters: dict[int, str]) -> list[Diagnostic]:
    """W427 for each chapter whose title in book.toml is not the one the import gives."""
    target = book / "book.toml"
    text, _ = read_utf8(target, root=book, kind="config")
    if text is None:
        return []
    try:
        have = load_toml(text).get("chapters", {})
    except TomlError:
        return []  # the build says what is wrong with it
    if not isinstance(have, dict):
        return []
    # by number, as the build reads them ("01" is chapter 1; a title read stripped); a
    # country's own table ([chapters.Belarus]) is not compared
    keys: dict[int, str] = {
        int(k): str(k) for k, v in have.items() if _FIGURES.fullmatch(str(k)) and isinstance(v, str)
    }
    found = []
    for number, title in sorted(chapters.items()):
        key = keys.get(number)
        if key is None:
            continue
        kept = have[key].strip()
        if kept == title.strip():
            continue
        found.append(
            warning(
                "W427",
                f"chapter {number} is {json.dumps(kept, ensure_ascii=False)} in book.toml, "
                f"{json.dumps(title, ensure_ascii=False)} as imported: book.toml's is kept",
                target,
                key_line(text, key, "chapters"),
                hint=f"to take the imported title, set {number} = "
                f"{json.dumps(title, ensure_ascii=False)} under [chapters] (or delete the line)",
            )
        )
    return found
