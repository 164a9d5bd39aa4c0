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


# Each column head's lines where a line ends inside a word: not after a space or a soft
# hyphen (where a hyphen is drawn) nor before a space ("Fro|m", "Chur|ch").
_CUT_HEADS = r"""
const cuts = [];
for (const th of doc.querySelectorAll(".table-frame thead th")) {
  const text = th.textContent;
  const walker = doc.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  const chars = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = doc.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      // a letter's own box, its last (one starting a line after a soft hyphen has the
      // hyphen's box at the line before's end first)
      const rect = [...range.getClientRects()].filter((r) => r.width > 0).pop();
      chars.push({ c: node.data[i], top: rect ? Math.round(rect.top) : null });
    }
  }
  let last = -1;  // the last letter drawn
  for (let i = 0; i < chars.length; i++) {
    if (chars[i].top === null) continue;
    const between = chars.slice(last, i + 1).map((x) => x.c).join("");
    if (last >= 0 && chars[i].top > chars[last].top && !/[\s\u00ad-]/.test(between)) {
      const shown = (t) => t.replace(/\u00ad/g, "");
      cuts.push(shown(text.slice(0, i)) + "|" + shown(text.slice(i)));
    }
    last = i;
  }
}
return cuts;
"""


def _cut_heads(page: Path, width: int) -> list[str]:
    """The column heads of `page`'s wide tables cut inside a word at `width` px."""
    from html import unescape

    found = json.loads(unescape(readers.frame_result(page, _CUT_HEADS, width)))
    assert isinstance(found, list)
    return found


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
    assert not [t for t in wide if "<caption" in t]  # captions moved out
    frame = re.compile(r'<figure class="table-frame".*?</figure>', re.S)
    frames = [f for x in chapters for f in frame.findall(x)]
    assert len(frames) >= 5 and all(' id="tbl:' in f for f in frames)
    assert sum(f.count("<table") for f in frames) == len(wide)
    boxes = [
        b for x in chapters for b in re.findall(r'<div class="table-scroll".*?</div>', x, re.S)
    ]
    assert boxes and all(b.count("<tr") <= SCROLLED_ROWS for b in boxes)
    # the tall ones (45 and 30 rows) in parts of a page's rows, a box each, heads repeated
    assert len(boxes) == len(wide) > len(frames) and all(b.count("<thead") == 1 for b in boxes)
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


@pytest.mark.parametrize("width", [360, 400])
def test_on_a_phone_no_column_head_is_cut_inside_a_word(
    study: tuple[Path, Path], width: int
) -> None:
    """A tall wide table (15 columns by 30 rows) set to fit a 360 px screen had its heads
    cut anywhere ("Fro|m", "Chur|ch", "Regiona|l", "Mor|eover", no hyphen drawn); in its
    boxes they keep their words, or break at a hyphen, and the boxes scroll sideways."""
    readers.need("chromium")
    _, text = study
    pages = [p for p in sorted(text.glob("ch*.xhtml")) if "table-frame" in p.read_text("utf-8")]
    assert pages
    for page in pages:
        assert _cut_heads(page, width) == [], page.name
    shot = SHOTS / f"tall-table-heads-{width}.png"
    tall = [p for p in pages if "Con\u00adsti\u00adtu\u00adtion" in p.read_text("utf-8")]
    if tall:  # the 15-column table alone, for review
        xhtml = tall[0].read_text("utf-8")
        frames = re.findall(r'<figure class="table-frame".*?</figure>', xhtml, re.S)
        alone = tall[0].with_name(f"alone-{tall[0].name}")
        body = xhtml.index(">", xhtml.index("<body")) + 1
        widest = max(frames, key=lambda f: f.count("<th "))
        alone.write_text(xhtml[:body] + widest + "</body></html>", "utf-8")
        readers.chromium_screenshot(alone, shot, width, 800, False)


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
