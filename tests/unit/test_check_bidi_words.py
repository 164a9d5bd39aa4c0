"""A PDF's right-to-left text compared word for word (octavo.check.bidi_words): what
pdfplumber reads off a line set right to left, left to right, matches the manuscript's
words, and nothing else does (ut47 bug 1: false E611 and E625 on every Arabic note and
index mark)."""

from __future__ import annotations

import pytest

from octavo.check.bidi_words import (
    holds_caption,
    holds_lines,
    holds_phrase,
    line_words,
    right_to_left,
    words,
)
from octavo.check.pdf_facts import PdfPage


def _page(*shown: str | list[str]) -> PdfPage:
    """A page of lines, each as pdfplumber reads it off the page (left to right): a string
    of characters, or a list of them as the PDF gives them ('لا', a ligature, is one)."""
    lines, chars = [], []
    for row, line in enumerate(shown):
        top = 100.0 + 20 * row
        pieces = list(line)
        lines.append((top, top + 10, "".join(pieces)))
        for at, piece in enumerate(pieces):
            chars.append((10.0 + 5 * at, top, 14.0 + 5 * at, top + 10, piece))
    return PdfPage(0, 792.0, tuple(lines), chars=tuple(chars))


def test_a_right_to_left_word_reads_backwards_figures_do_not() -> None:
    assert words("2. حاشية بالعربية.") == ("2", "حاشية", "بالعربية")
    assert line_words(_page(".ةيبرعلاب ةيشاح .2")) == (("ةيبرعلاب"[::-1], "ةيشاح"[::-1], "2"),)
    # a number reads left to right within right-to-left text; Latin words too
    assert line_words(_page("English 12,345 مقر")) == (("english", "12", "345", "رقم"),)


def test_a_ligature_printed_twice_is_read_once() -> None:
    """WeasyPrint draws a lam-alef twice in one place; each copy reads 'لا' (in the order
    it is written), so the word is turned round by characters, not letters."""
    page = _page(["س", "ا", "ب", "ت", "ق", "لا", "ا"])
    doubled = PdfPage(0, 792.0, page.lines, chars=(*page.chars, page.chars[5]))
    assert line_words(doubled) == (("الاقتباس",),)


@pytest.mark.parametrize(
    ("shown", "note", "held"),
    [
        pytest.param([".ةيبرعلاب ةيشاح .2"], "2. حاشية بالعربية.", True, id="rtl"),
        pytest.param([".Data as of December 1990 .1"], "1. Data as of December 1990.", True),
        pytest.param(["ىلوأ ةيشاح .3", ".ةيناث"], "3. حاشية أولى ثانية.", True, id="two-lines"),
        pytest.param([".ةيبرعلاب ةيشاح .2"], "3. حاشية بالعربية.", False, id="number"),
        pytest.param([".ةيبرعلاب ةيشاح .2"], "2. حاشية.", False, id="more-words"),
        pytest.param(["ةيشاح .2", "رخآ صن"], "2. حاشية نص.", False, id="not-its-lines"),
        pytest.param([".ةيبرعلاب ةيشاح .2"], "2. حاشية بالعربية بالعربية.", False, id="twice"),
    ],
)
def test_a_note_is_the_words_of_its_lines(shown: list[str], note: str, held: bool) -> None:
    with right_to_left(True):  # a book with text set right to left (an English note in it)
        assert holds_lines(line_words(_page(*shown)), words(note)) is held


@pytest.mark.parametrize(
    ("shown", "mark", "held"),
    [
        pytest.param(".لينلا رهن ىلع ةرهاقلا عقت", "القاهرة", True, id="word"),
        pytest.param(".لينلا رهن ىلع ةرهاقلا عقت", "نهر النيل", True, id="phrase"),
        pytest.param("The Nile river", "Nile river", True, id="ltr"),
        pytest.param(".لينلا رهن ىلع ةرهاقلا عقت", "النيل نهر", True, id="either-order"),
        pytest.param(".لينلا رهن ىلع ةرهاقلا عقت", "على النيل", False, id="apart"),
        pytest.param(".لينلا رهن ىلع ةرهاقلا عقت", "الإسكندرية", False, id="absent"),
    ],
)
def test_an_index_mark_s_words_stand_together(shown: str, mark: str, held: bool) -> None:
    with right_to_left(True):
        assert holds_phrase(line_words(_page(shown)), words(mark)) is held


@pytest.mark.parametrize(
    ("shown", "mark"),
    [
        pytest.param("the bank lent", "Bank", id="case"),
        pytest.param("a policy trade here", "trade policy", id="order"),
    ],
)
def test_a_left_to_right_book_is_checked_as_before(shown: str, mark: str) -> None:
    """Word for word, a left-to-right book's index mark matched in another case and order
    (a reviewer's find): only a book with text set right to left, or a text with a
    right-to-left letter, is compared so."""
    assert words(mark) == ()
    assert not holds_phrase(line_words(_page(shown)), words(mark))
    with right_to_left(True):
        assert holds_phrase(line_words(_page(shown)), words(mark))


@pytest.mark.parametrize(
    ("shown", "held"),
    [
        pytest.param(["لينلا عم رصم ةطيرخ .Figure 1"], True, id="rtl"),
        pytest.param(["رصم ةطيرخ .Figure 1", "2لينلا عم"], True, id="a-note-call"),
        pytest.param(["رصم ةطيرخ .Figure 2", "لينلا عم"], False, id="another-number"),
        pytest.param(["رصم ةطيرخ .Figure 1", "لينلا ريغ"], False, id="other-words"),
    ],
)
def test_a_caption_set_right_to_left_is_its_words(shown: list[str], held: bool) -> None:
    """A figure's caption (E622) on its lines, a note's number called in it besides."""
    caption = words("Figure 1. خريطة مصر مع النيل")
    assert holds_caption(line_words(_page(*shown)), caption) is held
