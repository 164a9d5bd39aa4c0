"""W418: a page whose text is another's (the same section saved from two sites, or one page
saved twice under two names), which an import wrote as two sections of the book.

The text is compared as runs of five words (lower case, words alone: no markup, no
punctuation, so two sites' renderings of one section compare alike): a page with at least
`MIN_WORDS` words, four fifths of whose runs are in another page of the import or in a
section of the book, is said to be that page's text, naming it. The page is imported all
the same (the editor chooses which to keep); `--strict` refuses it, as every warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from octavo.errors import Diagnostic, warning

__all__ = ["MIN_WORDS", "SAME", "Text", "duplicates", "runs"]

RUN = 5  # words in a run
MIN_WORDS = 40  # a page shorter than this is not compared (a title page, a list of names)
SAME = 0.8  # the share of a page's runs found in another for it to be that page's text
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Text:
    """A page of the import or a section of the book, as compared."""

    path: Path  # the page, or the section's file
    name: str  # how a message names it
    runs: frozenset[tuple[str, ...]]
    sequence: int | None = None  # its section's number (a page is not compared with its own)


def runs(paragraphs: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Every run of RUN words of the text (none when it has fewer than MIN_WORDS)."""
    words = [w.lower() for text in paragraphs for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return frozenset()
    return frozenset(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))


def duplicates(pages: Sequence[Text], sections: Sequence[Text]) -> dict[Path, Diagnostic]:
    """W418 for each page of `pages` whose text is another page's or a section's of
    `sections` (a section imported from the page itself is left out by the caller)."""
    found: dict[Path, Diagnostic] = {}
    for page in pages:
        if not page.runs:
            continue
        for other in (*pages, *sections):
            if other is page or not other.runs or other.path == page.path:
                continue
            if page.sequence is not None and other.sequence == page.sequence:
                continue  # the section this page was imported to before
            shared = len(page.runs & other.runs) / len(page.runs)
            if shared >= SAME:
                found[page.path] = warning(
                    "W418",
                    f"the same text as {other.name} ({shared:.0%} of this page's words are in "
                    "it): the book would hold it twice",
                    page.path,
                    hint="keep one of them: leave this page out, or remove the other's section",
                )
                break
    return found
