"""A paragraph's last word is held whole in print (octavo.render.pdf.last_words)."""

from __future__ import annotations

import io

import pytest

from octavo import api
from octavo.render.pdf.document import PdfOptions, render_pdf
from octavo.render.pdf.last_words import last_words, note_last_words
from tests.conftest import MakeBook, section_source

HELD = '<span class="last-word">'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "<p>foreign and security policy.</p>",
            f"<p>foreign and security {HELD}policy</span>.</p>",
            id="paragraph",
        ),
        pytest.param(
            '<p>the farmland.<a class="noteref" href="#fn-a-1" id="ref-fn-a-1">3</a></p>',
            f'<p>the {HELD}farmland</span>.<a class="noteref" href="#fn-a-1" id="ref-fn-a-1">'
            "3</a></p>",
            id="before-a-note-s-call",
        ),
        pytest.param(
            "<p>as it was <em>reported</em>.”</p>",
            f"<p>as it was <em>{HELD}reported</span></em>.”</p>",
            id="inside-its-inline-element",
        ),
        pytest.param(
            "<dd>Calendar months.</dd><li>two hard-liners</li>",
            f"<dd>Calendar {HELD}months</span>.</dd><li>two hard-{HELD}liners</span></li>",
            id="definition-and-list-item",
        ),
        pytest.param("<p>Data of 1995.</p>", "<p>Data of 1995.</p>", id="a-number"),
        pytest.param("<p>its cause.</p>", "<p>its cause.</p>", id="too-short-to-break"),
        pytest.param("<p>and so on&hellip;</p>", "<p>and so on&hellip;</p>", id="an-entity"),
        pytest.param(
            "<p>Agriculture employs a third of the workforce.</p>",
            f"<p>Agriculture employs a third of the {HELD}workforce</span>.</p>",
            id="only-the-last-word",
        ),
        pytest.param(
            "<ul><li>economic<ul><li>nested entries</li></ul></li></ul>",
            f"<ul><li>economic<ul><li>nested {HELD}entries</span></li></ul></li></ul>",
            id="an-item-holding-a-list",
        ),
    ],
)
def test_the_last_word_is_held(body: str, expected: str) -> None:
    assert last_words(body) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            "Census estimates of the statistical office.",
            f"Census estimates of the statistical {HELD}office</span>.",
            id="a-note",
        ),
        pytest.param(
            "The first paragraph ends tonight.<br/>The second one ends tomorrow.",
            f"The first paragraph ends {HELD}tonight</span>.<br/>The second one ends "
            f"{HELD}tomorrow</span>.",
            id="each-paragraph",
        ),
        pytest.param("See 1995.", "See 1995.", id="a-number"),
    ],
)
def test_a_notes_last_word_is_held(html: str, expected: str) -> None:
    """A note printed at the page's foot ended on a hyphenated word's stub as a paragraph
    did (the review's lead): its paragraphs' last words are held too."""
    assert note_last_words(html) == expected


# A paragraph (gen-study's words) whose third line, set whole, leaves less than a space at
# its end: its last word, held in a span, starts the last line.
CUT = (
    "Peace crisis development culture city since old independence gas security old of "
    "price however. New price agreement before crisis that council railway. By in language "
    "in security production oil moreover old crisis gas law capital economic agriculture "
    "few under after although university import cooperation because.\n"
)


def test_the_line_before_a_held_word_is_not_cut_after_its_first_word(
    make_book: MakeBook,
) -> None:
    """The span holding the last word is an inline element after a space; WeasyPrint 70
    measures the text before it with that space, finds it one space too wide and breaks
    after the line's first word ('old' alone, then the other 13 words:
    docs/upstream/weasyprint-early-break.md). octavo.render.pdf.weasy_lines keeps the 14
    words together."""
    import pdfplumber

    book = make_book({"001-a.md": section_source(1, "Output", total=1, body=CUT)})
    manuscript, _ = api.manuscript(book)
    with pdfplumber.open(io.BytesIO(render_pdf(manuscript, PdfOptions()).pdf)) as pdf:
        lines = [line for page in pdf.pages for line in page.extract_text().splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Peace crisis"))
    end = next(i for i, line in enumerate(lines) if line.endswith("because."))
    assert [len(line.split()) for line in lines[start : end + 1]] == [15, 15, 14, 1]
