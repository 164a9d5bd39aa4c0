"""A section under five `parents` or more: HTML stops at h6, so its heading, and its
parents' levels past h6, are h6 saying their level (aria-level 7, 8…), in the EPUB and the
print HTML alike; a body heading under it is a level below the section's own (it was an
h6 of level 7 under a section of level 7, and the section a plain h6: a screen reader
heard the section, its last parent and its sub-parents all at level 6)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from octavo import api
from octavo.render.headings import Heading
from octavo.render.pdf.document import PdfOptions, render_print_html
from tests.conftest import MakeBook, section_source

PARENTS = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
EXPECTED = [
    ("h2", "", "Alpha"),
    ("h3", "", "Beta"),
    ("h4", "", "Gamma"),
    ("h5", "", "Delta"),
    ("h6", "", "Epsilon"),
    ("h6", "7", "Deep"),
    ("h6", "8", "Body head"),
    ("h6", "7", "Zeta"),
    ("h6", "8", "Deeper"),
]
_HEADING = re.compile(r"<(h[2-6])([^>]*)>([^<]*)")


def _levels(html: str) -> list[tuple[str, str, str]]:
    found = []
    for tag, attributes, words in _HEADING.findall(html):
        level = re.search(r'aria-level="(\d+)"', attributes)
        found.append((tag, level[1] if level else "", words))
    return found


def test_a_section_past_h6_says_its_level_in_both_outputs(
    make_book: MakeBook, tmp_path: Path
) -> None:
    deep, deeper = str(PARENTS), str([*PARENTS, "Zeta"])
    book = make_book({
        "001-a.md": section_source(1, "Deep", parents=deep, total=2, body="# Body head\n\nText.\n"),
        "002-b.md": section_source(2, "Deeper", parents=deeper, total=2),
    })  # fmt: skip
    ms, _ = api.manuscript(book)
    body = render_print_html(ms, PdfOptions()).split('<section class="chapter', 1)[1]
    assert _levels(body.split("Data Currency", 1)[0]) == EXPECTED
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    with zipfile.ZipFile(epub) as archive:
        xhtml = archive.read("EPUB/text/ch01.xhtml").decode()
    assert _levels(xhtml) == EXPECTED


def test_a_section_at_h6_or_above_says_no_level() -> None:
    """A section's tag says its level to h6: no aria-level, as before (the goldens')."""
    assert Heading(6, "x", "X", depth=6).aria_level == 0
    assert Heading(6, "x", "X").aria_level == 0
    assert Heading(6, "x", "X", depth=9).aria_level == 9
