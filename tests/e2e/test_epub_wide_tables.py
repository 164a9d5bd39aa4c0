"""Wide tables on a phone, as a reader meets them (a user-tester's finding): the generated
study's tables of seven to fifteen columns and a grid table with spans, and a table too
wide for any phone, at 360 px in Chromium (plain and under a dark reader sheet), in
calibre's conversion and MuPDF, with EPUBCheck and Ace saying nothing.

A table of six columns or more is framed (octavo.render.epub.wide_tables): its caption
the frame's, on the screen at the text's size; a table short enough for a page in a box
that scrolls sideways. Screenshots for review in build/test-screenshots/wide-tables/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from octavo import api
from octavo.dev.gen import generate_study
from octavo.dev.gen_grid import grid_table
from octavo.render.epub.wide_tables import SCROLLED_ROWS
from tests.conftest import ROOT, MakeBook, section_source
from tests.support import readers
from tests.support.validators import assert_ace_clean, assert_epubcheck_clean

SHOTS = ROOT / "build" / "test-screenshots" / "wide-tables"

_MEASURE = """
const box = (e) => e.getBoundingClientRect();
return {
  // the right edge of what is on the screen (a scroll box's own, not what it scrolls)
  page: Math.round(Math.max(...[...doc.body.querySelectorAll("*")]
    .filter((e) => !e.parentElement.closest(".table-scroll")).map((e) => box(e).right))),
  boxes: [...doc.querySelectorAll(".table-scroll")].map((b) => ({
    right: Math.round(box(b).right), rows: b.querySelectorAll("tr").length,
    scrolls: b.scrollWidth > b.clientWidth + 1,
  })),
  captions: [...doc.querySelectorAll(".table-frame > figcaption")].map((c) => ({
    right: Math.round(box(c).right), size: parseFloat(win.getComputedStyle(c).fontSize),
  })),
  body: parseFloat(win.getComputedStyle(doc.body).fontSize),
};
"""


def _measured(page: Path, dark: bool = False) -> dict:  # type: ignore[type-arg]
    """What _MEASURE finds in a copy of `page` on a 360 px screen (with the dark reader
    sheet, injected before the book's own as a reader injects it)."""
    copy = page.with_name(f"measured-{'dark-' if dark else ''}{page.name}")
    xhtml = page.read_text("utf-8")
    if dark:
        xhtml = xhtml.replace("<head>", f"<head><style>{readers.DARK_READER_CSS}</style>", 1)
    copy.write_text(xhtml, "utf-8")
    from html import unescape

    found = json.loads(unescape(readers.frame_result(copy, _MEASURE)))
    assert isinstance(found, dict)
    return found


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The generated study with its tables (7 columns by 12 rows, 9 by 45, 15 by 30) and a
    grid table with spans and a foot: its EPUB and its unzipped text/."""
    scratch = tmp_path_factory.mktemp("wide")
    root = generate_study(scratch / "book", 24, words=40, constructs=True)
    epub, _ = api.build_epub(root, scratch / "study.epub")
    return epub, readers.unzip(epub, scratch / "unzipped")


def test_the_study_s_wide_tables_are_framed_and_the_validators_say_nothing(
    study: tuple[Path, Path],
) -> None:
    epub, text = study
    chapters = [p.read_text("utf-8") for p in sorted(text.glob("ch*.xhtml"))]
    tables = [t for xhtml in chapters for t in re.findall(r"<table\b.*?</table>", xhtml, re.S)]
    wide = [t for t in tables if 'class="table wide"' in t]
    assert len(wide) >= 5 and not [t for t in wide if "<caption" in t]  # captions moved out
    frames = sum(x.count('<figure class="table-frame" id="tbl:') for x in chapters)
    assert frames == len(wide)
    boxes = [
        b for x in chapters for b in re.findall(r'<div class="table-scroll".*?</div>', x, re.S)
    ]
    assert boxes and all(b.count("<tr") <= SCROLLED_ROWS for b in boxes)
    assert len(boxes) < len(wide)  # the tall ones (45 and 30 rows) are not in a box
    assert_epubcheck_clean(epub)
    assert_ace_clean(epub)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_at_360_px_the_study_s_tables_and_captions_stay_on_the_screen(
    study: tuple[Path, Path], dark: bool
) -> None:
    readers.need("chromium")
    _, text = study
    pages = [p for p in sorted(text.glob("ch*.xhtml")) if "table-frame" in p.read_text("utf-8")]
    assert pages
    for page in pages:
        found = _measured(page, dark)
        assert found["page"] <= 360, f"{page.name} is wider than the screen"
        assert found["captions"] and all(c["right"] <= 360 for c in found["captions"])
        # a caption at a narrow table's size (0.85em), not a wide table's figures' (0.55em)
        assert all(c["size"] >= 0.8 * found["body"] for c in found["captions"])
        assert all(b["right"] <= 360 for b in found["boxes"])
    shots = [
        readers.chromium_screenshot(pages[0], SHOTS / f"study-360{tag}.png", 360, 800, dark)
        for tag, dark in (("", False), ("-dark", True))
    ]
    assert all(s.stat().st_size for s in shots)


def test_calibre_and_mupdf_read_the_framed_tables(study: tuple[Path, Path], tmp_path: Path) -> None:
    readers.need("ebook-convert", "mutool")
    epub, _ = study
    log = readers.convert(epub, tmp_path / "study.azw3")
    assert readers.css_errors(log) == []
    assert readers.mutool_errors(epub) == []
    assert "Output and employment by region" in readers.mutool_text(epub)
    readers.mutool_pages(epub, SHOTS, 360, 640, "1-12")


def test_a_table_too_wide_for_a_phone_scrolls_in_its_frame(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """Twenty columns of six-figure numbers and a grid table with spans, at 360 px: the
    first ran 300 px past the screen's edge even in the smallest type (and its caption,
    inside it, as far); now its box scrolls sideways and its caption is on the screen."""
    readers.need("chromium")
    head = "| Region | " + " | ".join(f"{1980 + y}" for y in range(19)) + " |\n"
    rule = "|:--|" + "--:|" * 19 + "\n"
    rows = "".join(
        f"| Province {r} | " + " | ".join(f"{(r * 7919 + y * 104729) % 900000 + 100000:,}"
                                          for y in range(19)) + " |\n"
        for r in range(5)
    )  # fmt: skip
    import random

    body = (
        f"{head}{rule}{rows}\nTable: Output by province, 1980 to 1998, in thousands of "
        "roubles at the prices of each year {#tbl:wide}\n\n"
        f"{grid_table(random.Random(3), 1, regions=2)}\n\nThe text after the tables.\n"
    )
    book = make_book({"001-a.md": section_source(1, "Output", total=1, body=body)})
    epub, _ = api.build_epub(book, tmp_path / "wide.epub")
    page = readers.unzip(epub, tmp_path / "x") / "ch01.xhtml"
    found = _measured(page)
    assert found["page"] <= 360, "wider than the screen"
    assert len(found["boxes"]) == 2 and found["boxes"][0]["scrolls"]
    assert [c["right"] <= 360 for c in found["captions"]] == [True, True]
    readers.chromium_screenshot(page, SHOTS / "twenty-columns-360.png", 360, 640, False)
    readers.chromium_screenshot(page, SHOTS / "twenty-columns-360-dark.png", 360, 640, True)
    assert_epubcheck_clean(epub)
    assert_ace_clean(epub)
