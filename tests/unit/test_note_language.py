"""A section's data-date note is in the book's language (octavo.render.drafts): in a
section of another language, the note's own element says the book's language and its
direction, in print and in the EPUB (ut47 bug 1(b): an English book's `lang: ar` section
printed its note right to left, ".Data as of January 2026 .1")."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from octavo import api
from octavo.render.pdf.document import PdfOptions, render_print_html
from tests.conftest import MakeBook, section_source


def _book(make_book: MakeBook) -> Path:
    return make_book({
        "001-a.md": section_source(1, "القاهرة", total=2, extra="lang: ar\n", body="نص.\n"),
        "002-b.md": section_source(2, "Trade", total=2),
    })  # fmt: skip


def test_the_data_date_note_of_a_section_in_another_language_keeps_the_book_s(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book)
    ms, _ = api.manuscript(book)
    arabic, english = ms.sections
    assert (arabic.note_lang, english.note_lang) == ("en", "")
    html = render_print_html(ms, PdfOptions())
    notes = re.findall(r'<span class="data-date note"[^>]*>', html)
    assert notes[0].endswith(' lang="en" dir="ltr">') and "lang=" not in notes[1]
    assert re.search(r'<section class="section"[^>]* lang="ar" dir="rtl">', html)
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    with zipfile.ZipFile(epub) as zf:
        xhtml = zf.read("EPUB/text/ch01.xhtml").decode()
    asides = re.findall(r'<aside class="data-date-note"[^>]*>', xhtml)
    assert asides[0].endswith(' lang="en" xml:lang="en" dir="ltr">')
    assert "lang=" not in asides[1]
