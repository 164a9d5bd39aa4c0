"""An Arabic passage of an English book as a reader meets it on a 360 px phone (Chromium)
and in the print HTML (session 48): English words in it are set left to right, a note's
call after a figure stands after the number (not glued to it, "19953", nor set before
it), and the note, apart from its call in the EPUB, is set right to left as the passage
is. EPUBCheck and Ace say nothing. Screenshots for review in
build/test-screenshots/rtl/."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from octavo import api
from tests.conftest import ROOT, MakeBook, section_source
from tests.support import readers
from tests.support.validators import assert_ace_clean, assert_epubcheck_clean

SHOTS = ROOT / "build" / "test-screenshots" / "rtl"

PASSAGE = (
    "Cairo is a city.\n\n::: {lang=ar}\n"
    "قال إن [English words]{lang=en} مهمة في عام 1990.[^c] وبلغ العدد 1995[^d] نسمة.\n"
    ":::\n\nSome English text again.\n\n[^c]: حاشية عن الكلمات.\n[^d]: حاشية ثانية.\n"
)

# The English span's direction and box; each call's box beside the number before it (the
# text node it follows: "… 1990." and "… 1995"); each note's direction.
_MEASURE = """
const span = doc.querySelector("span[lang=en]");
const calls = [...doc.querySelectorAll("p a.noteref")].map((a) => {
  const range = doc.createRange();
  const before = a.previousSibling;
  const at = before.data.search(/\\d{4}\\.?$/);
  range.setStart(before, at);
  range.setEnd(before, before.data.length);
  const number = range.getBoundingClientRect();
  const glyph = doc.createRange();  // the figure itself (the link's box is padded)
  glyph.selectNodeContents(a);
  const call = glyph.getBoundingClientRect();
  return { text: a.textContent, call_right: Math.round(call.right),
           number_left: Math.round(number.left), number_right: Math.round(number.right) };
});
const notes = [...doc.querySelectorAll("aside.footnote")].map(
  (n) => win.getComputedStyle(n.querySelector("p")).direction);
return { span: win.getComputedStyle(span).direction, calls, notes };
"""


def test_an_arabic_passage_s_english_words_calls_and_notes(
    make_book: MakeBook, tmp_path: Path
) -> None:
    readers.need("chromium")
    book = make_book({"001-a.md": section_source(1, "Mixed", total=1, body=PASSAGE)})
    made, _ = api.build_epub(book, tmp_path / "mixed.epub")
    page = readers.unzip(made, tmp_path / "x") / "ch01.xhtml"
    xhtml = page.read_text("utf-8")
    assert '<span lang="en" xml:lang="en" dir="ltr">English words</span>' in xhtml
    assert len(re.findall(r'<a class="noteref"[^>]* dir="ltr">[23]</a>', xhtml)) == 2
    asides = re.findall(r'<aside class="footnote"[^>]*>', xhtml)
    assert len(asides) == 2 and all('lang="ar"' in a and 'dir="rtl"' in a for a in asides)
    found = json.loads(unescape(readers.frame_result(page, _MEASURE, 360)))
    assert found["span"] == "ltr"
    assert found["notes"] == ["rtl", "rtl"]
    for call in found["calls"]:  # after the number, read right to left: on its left
        assert call["call_right"] <= call["number_left"] + 1, found["calls"]
    readers.chromium_screenshot(page, SHOTS / "arabic-passage-360.png", 360, 420, False)
    assert_epubcheck_clean(made)
    assert_ace_clean(made)
    api.build_pdf(book, tmp_path / "mixed.pdf", html=tmp_path / "mixed.html")
    printed = (tmp_path / "mixed.html").read_text("utf-8")
    assert '<span lang="en" dir="ltr">English words</span>' in printed
