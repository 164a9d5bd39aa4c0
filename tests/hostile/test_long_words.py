"""A run of letters longer than any word (a base64 blob, a sequence) in a paragraph, a
heading, a table cell and a note: the PDF sets it inside the text block, broken where print
gave it places to break, and its text reads back as written, no hyphen added.

WeasyPrint 70 takes time cubic in such a run's length to hyphenate it (4,000 letters in a
paragraph: 16 s; 1,000 in a table cell: 21 s); the runs here are short enough to be laid
out without the breaks too, so that this test fails on what a reader sees, not on time."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from octavo import api
from tests.conftest import MakeBook, section_source
from tests.support.pdf_text import page_texts
from tests.support.weasyprint_log import quietly

LETTERS = "".join("QWxhZGRpbjpvcGVuIHNlc2FtZQ"[(i * 5 + i // 7) % 26] for i in range(700))
WIDTH = 612.0  # a letter page, in points
INSIDE = 64.8  # the narrower side margin (styles: the outer margin of a right-hand page)


def test_a_long_run_is_set_inside_the_text_block_as_written(
    make_book: MakeBook, tmp_path: Path
) -> None:
    runs = (LETTERS[:600], LETTERS[100:400], LETTERS[200:600], LETTERS[300:500])
    body = (
        f"The attachment reads {runs[0]} and so on.\n\n"
        f"## Key {runs[1]}\n\n"
        f"| Part | Data |\n|---|---|\n| one | {runs[2]} |\n\n"
        f"A note.[^n]\n\n[^n]: The note's key is {runs[3]} as sent.\n"
    )
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf"))
    assert logged == []
    assert [d.code for d in found].count("W524") == 4
    text = "".join("".join(page_texts(pdf)).split())
    for run in runs:
        assert run in text  # whole once its lines are joined: no hyphen added, none lost
    with pdfplumber.open(pdf) as document:
        right = max(c["x1"] for page in document.pages for c in page.chars)
    assert right <= WIDTH - INSIDE + 0.5  # nothing runs past the text block


def test_a_body_tag_written_in_the_heads_style_is_not_the_body() -> None:
    """A book's stylesheet whose string held "<body>" (set again in the print HTML's head
    by folio_targets) made the runs after it in the head's <style> the body's: a selector
    of 101 letters was given <span>s and <wbr>s, and its rule was lost."""
    from octavo.render.long_words import broken

    selector = ".x" + "y" * 100
    html = (
        f'<html><head><style>a {{ content: "<body>"; }} {selector} {{ color: red; }}</style>'
        "</head><body><p>x</p></body></html>"
    )
    assert broken(html) == html
