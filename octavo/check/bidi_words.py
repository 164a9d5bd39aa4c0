"""Text read back from a PDF compared with the manuscript's whatever its direction: the
words of a line, each in its reading order, the line's words in any order.

A PDF's characters are read (pdfplumber) in the order they stand on the line, left to
right: an Arabic or Hebrew word reads backwards ('باتكلا' for 'الكتاب'), and a line set
right to left has its words, its figures and its full stops in the other order ('.ةيشاح .2'
for '2. حاشية.'). Putting a line back into the order it is read in is guesswork (the
Unicode bidirectional algorithm cannot be run backwards: 'Data 1990' may be what was
written, or '1990 Data'), so these checks do not: they compare words. A word is a run of
letters of one direction, or of figures; a right-to-left word's characters are turned
round (each character as the PDF gives it, so a lam-alef ligature read as 'لا' stays
'لا'), figures never are (a number reads left to right in both directions); spaces,
punctuation, combining marks (vowel signs) and format characters (a running head's
direction mark) are left out. The words of a note then
match those of the lines it is printed on, in any order (`holds_lines`); an index mark's
words stand together on a line, in their order or the other (`holds_phrase`).

The checks ask this only where the plain comparison of text failed, and only of a text
that holds a right-to-left letter (`words` gives none otherwise), so text written left to
right is checked as before.
"""

from __future__ import annotations

import contextlib
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING

from octavo.model.language_tags import direction, has_rtl_letter

if TYPE_CHECKING:
    from octavo.check.pdf_facts import PdfPage
    from octavo.model import Manuscript

__all__ = [
    "Words",
    "has_right_to_left",
    "holds_caption",
    "holds_lines",
    "holds_phrase",
    "line_words",
    "right_to_left",
    "row_keys",
    "row_tops",
    "words",
    "words_above",
]

Words = tuple[str, ...]
_KINDS = {"L": "L", "R": "R", "AL": "R", "EN": "9", "AN": "9"}
_KEPT = 8  # pages whose lines' words are kept (`line_words`): a check reads page by page
_READ: dict[int, tuple[PdfPage, tuple[Words, ...]]] = {}


def _kind(text: str) -> str:
    """'L' (a letter written left to right), 'R' (right to left), '9' (a figure) or ''
    (a space, punctuation, a mark) for a character as the PDF gives it (its first)."""
    return _KINDS.get(unicodedata.bidirectional(text[0]), "") if text else ""


def _tokens(pieces: Iterable[str], seen: bool) -> Words:
    """The words of `pieces` (characters, or a PDF's characters each as it gives them),
    in the order given; `seen`: as they stand on a line, a right-to-left word backwards."""
    found: list[str] = []
    run: list[str] = []
    kind = ""
    for piece in pieces:
        text = "".join(
            c
            for c in unicodedata.normalize("NFKC", piece)
            if unicodedata.category(c) not in ("Mn", "Cf")  # vowel signs, direction marks
        )
        now = _kind(text)
        if now != kind and run:
            found.append("".join(reversed(run) if seen and kind == "R" else run).casefold())
            run = []
        kind = now
        if now:
            run.append(text)
    if run:
        found.append("".join(reversed(run) if seen and kind == "R" else run).casefold())
    return tuple(found)


_BOOK_RTL: ContextVar[bool] = ContextVar("octavo_check_right_to_left", default=False)


def words(text: str) -> Words:
    """The words of the manuscript's `text` (in the order it is written); none for a text
    without a right-to-left letter, whose plain comparison stands alone: compared word for
    word, a left-to-right book's index mark matched in another case and order, a caption
    with a wrong number, a note without its punctuation (a reviewer's finds)."""
    if not _BOOK_RTL.get() and not has_rtl_letter(text):
        return ()  # (in a book set right to left, its left-to-right notes are compared too)
    return _tokens(text, seen=False)


def has_right_to_left(manuscript: Manuscript) -> bool:
    """Does the book hold text set right to left (its language's, or a section's)?"""
    langs = [manuscript.book.config.language, *(r.section.lang for r in manuscript.sections)]
    return any(direction(lang) == "rtl" for lang in langs if lang)


@contextlib.contextmanager
def right_to_left(book: bool) -> Iterator[None]:
    """While the checks of a book with right-to-left text run (its language's, or a
    section's): `words` gives the words of a left-to-right text too, an English note of
    an Arabic book, set right to left."""
    token = _BOOK_RTL.set(book)
    try:
        yield
    finally:
        _BOOK_RTL.reset(token)


def line_words(page: PdfPage) -> tuple[Words, ...]:
    """The words of each of the page's lines (`PdfPage.lines`), from its characters as they
    stand on the line, left to right: a character printed twice in one place (WeasyPrint
    draws a lam-alef ligature so) once; a gap wider than a fifth of the line's height, where
    no space is printed (between a table's cells), parts words as a space does. Read once
    a page (`_READ`: each note, mark and caption of a page asks it)."""
    held = _READ.get(id(page))
    if held is not None and held[0] is page:
        return held[1]
    chars = sorted(page.chars, key=lambda c: c[1])
    tops = [c[1] for c in chars]
    found = []
    for top, bottom, _ in page.lines:
        on = chars[bisect_left(tops, top - 1) : bisect_right(tops, bottom + 1)]
        shown = sorted({(round(c[0], 1), round(c[2], 1), c[4]) for c in on if c[3] <= bottom + 1})
        found.append(_tokens(_spaced(shown, (bottom - top) / 5), seen=True))
    if len(_READ) >= _KEPT:
        _READ.pop(next(iter(_READ)))
    _READ[id(page)] = (page, tuple(found))  # the page kept with it: its id stays its own
    return _READ[id(page)][1]


def _spaced(shown: list[tuple[float, float, str]], gap: float) -> Iterator[str]:
    """The characters (x0, x1, text) of a line, left to right, with a space where one stands
    more than `gap` after the one before it."""
    end = None
    for x0, x1, text in shown:
        if end is not None and x0 - end > gap:
            yield " "
        end = x1 if end is None else max(end, x1)
        yield text


def holds_lines(lines: Sequence[Words], wanted: Words) -> bool:
    """Whether some lines in a row hold `wanted`'s words and no others (a note, which has
    its lines to itself), in any order."""
    want = Counter(wanted)
    return bool(wanted) and any(held == want for held in _covering(lines, want))


def holds_caption(lines: Sequence[Words], wanted: Words) -> bool:
    """Whether some lines in a row hold `wanted`'s words, in any order, and besides them
    only figures (a caption, whose words call a note: its number is printed there)."""
    want = Counter(wanted)
    return bool(wanted) and any(
        not want - held and all(word.isdigit() for word in held - want)
        for held in _covering(lines, want)
    )


def _covering(lines: Sequence[Words], want: Counter[str]) -> Iterator[Counter[str]]:
    """For each line, the words of it and the lines after it, up to the first that holds
    all of `want` (or to the last line)."""
    for first in range(len(lines)):
        held: Counter[str] = Counter()
        for line in lines[first:]:
            held.update(line)
            if not want - held:
                break
        yield held


def holds_phrase(lines: Sequence[Words], wanted: Words) -> bool:
    """Whether `wanted`'s words stand together on a line, in their order or the other (a
    phrase set right to left reads backwards word by word)."""
    if not wanted:
        return False
    size = len(wanted)
    turned = tuple(reversed(wanted))
    for line in lines:
        for at in range(len(line) - size + 1):
            if line[at : at + size] in (wanted, turned):
                return True
    return False


def row_keys(rows: Iterable[str]) -> frozenset[Words]:
    """Each of a table's rows (its cells' text) as its words in any order: none for a row
    without a right-to-left letter in a book without any (matched as printed)."""
    return frozenset(tuple(sorted(found)) for row in rows if (found := words(row)))


def row_tops(page: PdfPage, keys: frozenset[Words]) -> list[float]:
    """The tops of the page's lines whose words are a row's (`row_keys`): set right to left,
    pdfplumber reads its cells in the other order and each Arabic word backwards."""
    lines = line_words(page)
    return [page.lines[at][0] for at, held in enumerate(lines) if tuple(sorted(held)) in keys]


def words_above(page: PdfPage, text: str, first: float) -> bool:
    """Whether `text`'s words (a table's header cell) are all among those of the page's
    lines above `first` (the top of its first row), each in its reading order."""
    wanted = Counter(words(text))
    if not wanted:
        return False
    held: Counter[str] = Counter()
    for (top, _, _), line in zip(page.lines, line_words(page), strict=True):
        if top < first:
            held.update(line)
    return not wanted - held
