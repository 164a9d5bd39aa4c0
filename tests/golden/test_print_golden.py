"""Golden print HTML: what octavo hands WeasyPrint (before any note fix-up), pretty-printed,
volatile values (dates, octavo's version) normalised, compared with
tests/golden/print/<book>.html. It names no path: octavo's files are file://styles/…,
the book's file://book/… (octavo.render.url_sandbox), wherever either lies.

Regenerate after an intended change, then review the diff:

    pytest tests/golden --regen-golden
    git diff tests/golden/print
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from lxml import etree, html

from octavo import __version__, api
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.render.pdf.handouts import handout_html, handouts_of
from tests.support.golden_books import BOOKS

GOLDEN = Path(__file__).resolve().parent / "print"


def normalised(text: str) -> str:
    tree = html.document_fromstring(text, parser=html.HTMLParser(remove_blank_text=True))
    pretty = str(etree.tostring(tree, pretty_print=True, method="html", encoding="unicode"))
    for pattern, replacement in (
        (rf"octavo {re.escape(__version__)}", "octavo VERSION"),
        (r'(name="dcterms\.(?:created|modified)" content=")[^"]+', r"\1DATE"),
        (r"(octavo VERSION, )\d{1,2} \w+ \d{4}", r"\1DATE"),
        (r"\d{1,2} \w+ \d{4}(, with octavo VERSION)", r"DATE\1"),
    ):
        pretty = re.sub(pattern, replacement, pretty)
    return pretty


def documents(book: Path) -> dict[str, str]:
    manuscript, _ = api.manuscript(book)
    found = {"book.html": render_print_html(manuscript, PdfOptions())}
    first = handouts_of(manuscript, "section")[0]
    found["handout.html"] = handout_html(manuscript, first, PdfOptions().page)
    return {name: normalised(text) for name, text in found.items()}


@pytest.mark.parametrize("name", list(BOOKS))
def test_print_html_matches_golden(name: str, tmp_path: Path, regen_golden: bool) -> None:
    book = BOOKS[name](tmp_path)
    got = documents(book)
    folder = GOLDEN / name
    if regen_golden:
        folder.mkdir(parents=True, exist_ok=True)
        for member, text in got.items():
            (folder / member).write_text(text, encoding="utf-8")
        return
    for member, text in got.items():
        expected = (folder / member).read_text(encoding="utf-8")
        if text != expected:
            diff = difflib.unified_diff(
                expected.splitlines(), text.splitlines(), f"golden/{member}", "built", lineterm=""
            )
            pytest.fail("\n".join(list(diff)[:80]) + "\n(pytest tests/golden --regen-golden)")
