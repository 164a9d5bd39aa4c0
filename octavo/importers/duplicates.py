"""W418: a page whose text is another's (the same section saved from two sites, or one page
saved twice under two names), which an import would write as two sections of the book.

The text is compared as runs of five words (lower case, words alone: no markup, no
punctuation, so two sites' renderings of one section compare alike): a page with at least
`MIN_WORDS` words, four fifths of whose runs are in another page of the import or in a
section of the book, is said to be that text, naming it. Of two pages of the import that
are each other's text, the later is said (the earlier is the one kept; `--strict` refuses
only the later); a page within a longer one is said whichever comes first. The page said
is left out, not written (octavo.importers.batch), unless the twin it names is a page
refused: the book holds the text once, the copy first imported, as titled; the editor who
prefers the other imports it again without the first. A section of the book is compared as
its page's words: without the labels, image files and note calls the import wrote into it.

Cost: each text's runs are kept as hashes, a sample of them on a long text (those whose
hash is a multiple of `SAMPLE`: the same runs are sampled in every text, so a share stays
a fair estimate), and found through one index from run to texts, not text against text
(1,600 texts of 2,000 words, as an import of 800 pages into a book of 800 sections: 2.5 s
to take their runs, 0.4 s to compare them, here).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from zlib import crc32

from octavo.errors import Diagnostic, has_errors, warning

if TYPE_CHECKING:
    from octavo.importers.page import Page

__all__ = [
    "MIN_WORDS",
    "SAME",
    "Text",
    "as_page_words",
    "duplicates",
    "runs",
    "to_copies_kept",
]

RUN = 5  # words in a run
MIN_WORDS = 40  # a page shorter than this is not compared (a title page, a list of names)
SAME = 0.8  # the share of a page's runs found in another for it to be that page's text
SAMPLE = 8  # a text of more than FULL runs keeps those whose hash is a multiple of this
FULL = 256
_WORD = re.compile(r"[^\W_]+")
# what an import writes into a section that its page did not say: a label or an attribute
# ({#tbl:14}), an image's file, a note's call, a table's "Table:" (octavo.importers.section)
_WRITTEN = re.compile(
    r"\{(?:[#.]|\w+=)[^{}\n]*\}|(?<=\])\([^()\s]*\)|\[\^[^\]\s]+\]:?|^Table: ", re.MULTILINE
)
# a reference the import made of the page's words ("table 14", "figure 8"; another study's
# label names its country: @tbl:belarus-14)
_REFERENCE = re.compile(r"@(tbl|fig):(?:[a-z-]+-)?(?=\w)")
_REFERENCE_WORD = {"tbl": "table ", "fig": "figure "}


@dataclass(frozen=True, slots=True)
class Text:
    """A page of the import or a section of the book, as compared."""

    path: Path  # the page, or the section's file
    name: str  # how a message names it
    runs: frozenset[int]
    sequence: int | None = None  # its section's number (a page is not compared with its own)
    source: str = ""  # a section's `source:`, the page it was imported from
    country: str = ""  # its `country:` (a page's, found): two studies each have a `1.htm`


def as_page_words(body: str) -> str:
    """A section's Markdown body with what an import wrote into it that its page did not
    say taken out, and its references given back their word: the page imported again under
    another number compares alike (its table's label, its image's file name and its "see
    @tbl:14" made a fifth of its runs differ)."""
    body = _WRITTEN.sub(" ", body)
    return _REFERENCE.sub(lambda m: _REFERENCE_WORD[m[1]], body)


def runs(paragraphs: Iterable[str]) -> frozenset[int]:
    """The hashes of the text's runs of RUN words, sampled on a long text (none when it has
    fewer than MIN_WORDS words). The same in every process: each word is its CRC-32, and a
    tuple of integers hashes alike from one run of Python to the next (a string's hash does
    not: the sample, and so a share near SAME, differed between two imports of one page)."""
    codes: dict[str, int] = {}
    words = [
        codes[w] if w in codes else codes.setdefault(w, crc32(w.encode()))
        for text in paragraphs
        for w in _WORD.findall(text.lower())
    ]
    if len(words) < MIN_WORDS:
        return frozenset()
    # each run a tuple of RUN words, made and hashed in C (the shorter tails end the zip)
    every = set(map(hash, zip(*(words[k:] for k in range(RUN)), strict=False)))
    if len(every) <= FULL:
        return frozenset(every)
    return frozenset(h for h in every if h % SAMPLE == 0) or frozenset(every)


def duplicates(
    pages: Sequence[Text], sections: Sequence[Text]
) -> dict[Path, tuple[Diagnostic, Path | None]]:
    """W418 for each page of `pages` (in import order) whose text is another page's or a
    section's of `sections`, with the page it names (None: a section)."""
    texts = [*pages, *sections]
    index: dict[int, list[int]] = {}
    for number, text in enumerate(texts):
        for run in text.runs:
            index.setdefault(run, []).append(number)
    found: dict[Path, tuple[Diagnostic, Path | None]] = {}
    for i, page in enumerate(pages):
        if not page.runs:
            continue
        shared = Counter(j for run in page.runs for j in index[run] if j != i)
        for j, count in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
            other = texts[j]
            share = count / len(page.runs)
            if share < SAME:
                break
            if other.path == page.path:
                continue
            if page.sequence is not None and other.sequence == page.sequence:
                continue  # the section this page was imported to before
            if j < len(pages) and j > i and _share(other, page) >= SAME:
                continue  # each other's text: the later one is said
            found[page.path] = (
                warning(
                    "W418",
                    f"the same text as {other.name} ({share:.0%} of this page's text is in "
                    "it): left out, not imported, or the book would hold it twice",
                    page.path,
                    hint=_hint(page, other),
                ),
                other.path if j < len(pages) else None,
            )
            break
    return found


def _hint(page: Text, other: Text) -> str:
    if _imported_from(page, other):  # W408's hint followed: a manifest
        return (
            f"this page was imported before as {other.name}: to give it another number, "
            f"chapter or parents, move {other.path.name} out of the book and import the "
            "page again (edits made to it are in the file moved), or give its front matter "
            "the chapter, parents and sequence by hand"
        )
    return (
        "to keep this one instead, leave the other page out of the import "
        "(or remove the other's section) and import this one again"
    )


def _imported_from(page: Text, section: Text) -> bool:
    """Whether the book's `section` is `page` imported before: its recorded source is the
    page's file, of the same country, and each is the other's text (not a longer section
    holding it)."""
    return (
        bool(section.source)
        and section.source == page.path.name
        and section.country.casefold() == page.country.casefold()
        and _share(section, page) >= SAME
    )


def _share(page: Text, other: Text) -> float:
    return len(page.runs & other.runs) / len(page.runs) if page.runs else 0.0


def to_copies_kept(targets: dict[str, str], twins: dict[Path, Path | None]) -> dict[str, str]:
    """The section file a link to each page of the import goes to (`targets`, by page file
    name), a page left out as a twin's (`twins`: its twin page, None for a section of the
    book) sent to its twin's section; to a section of the book, to none (its words stay)."""
    kept = dict(targets)
    for page, twin in twins.items():
        if twin is not None and twin.name in targets:
            kept[page.name] = targets[twin.name]
        else:
            kept.pop(page.name, None)
    return kept


Supplied = tuple[Path, "Page | None", list[str], list[Diagnostic]]


def said_twins(
    pages: list[Supplied],
    bodies: dict[int, tuple[Path, str]],
    sources: dict[str, int],
    countries: dict[int, tuple[str, int]],
) -> dict[Path, Path | None]:
    """W418 on each page whose text is another page's or a section's of the book
    (`bodies`: number -> file, Markdown body; `sources`: page file -> number; `countries`:
    number -> its `country:`, first); each such page's twin, by page (None: a section of
    the book)."""
    texts = [
        Text(path, path.name, runs(page.paragraphs), page.sequence, country=page.country or "")
        for path, page, _, found in pages
        if page is not None and not has_errors(found)
    ]
    if not texts:
        return {}
    source_of = {number: source for source, number in sources.items()}
    sections = [
        Text(
            file,
            f"section {number} ({file.name})",
            runs([as_page_words(body)]),
            number,
            source_of.get(number, ""),
            countries.get(number, ("", 0))[0],
        )
        for number, (file, body) in sorted(bodies.items())
    ]
    said = duplicates(texts, sections)
    for path, _, _, found in pages:
        if path in said:
            found.append(said[path][0])
    return {path: twin for path, (_, twin) in said.items()}
