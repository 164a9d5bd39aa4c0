"""Grid tables with spans, head rows and a foot, built into both outputs and checked as
`invoke check` checks them (EPUBCheck, DAISY Ace, the PDF read back), then read back with
pdfplumber: the whole head on each page a long table runs on to, its foot once at its
end, the rows a cell spans on one page."""

from __future__ import annotations

import dataclasses
import random
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from octavo import api
from octavo.dev.gen_grid import grid_table
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.weasyprint_log import quietly

CROPS = """\
+----------------------+-----------------------------------+
| Crop                 | Harvest (thousand tons)           |
|                      +-----------------+-----------------+
|                      | 1990            | 1991            |
+======================+================:+================:+
| *Grain*[^grain]      | 7,035           | 6,095           |
+----------------------+-----------------+-----------------+
| [Potatoes][potatoes] | 8,590           | 9,504           |
+----------------------+-----------------+-----------------+
| Flax                 | n.a.                              |
+----------------------+-----------------------------------+

Table: Harvests, 1990 and 1991 {#tbl:crops}

[potatoes]: https://www.example.org/potatoes
[^grain]: Wheat, rye and barley.
"""


@dataclasses.dataclass(frozen=True)
class Built:
    checked: api.Checked
    logged: list[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("grid")
    make: MakeBook = _maker(folder)
    rng = random.Random(3)
    body = (
        "Output is in @tbl:g2, at length in @tbl:g1, harvests in @tbl:crops.\n\n"
        f"{grid_table(rng, 2, regions=2)}\n\n{CROPS}\n"
        "Some words before the long table.\n\n"
        f"{grid_table(rng, 1, regions=30)}\n\nAfter the long table.\n"
    )
    book = make(
        {
            "001-a.md": section_source(1, "Output", total=2, body=body),
            "002-b.md": section_source(2, "Wide", total=2, body=_wide()),
        }
    )
    checked, logged = quietly(lambda: api.check(book, out=folder / "build", strict=True))
    return Built(checked, logged)


def _wide() -> str:
    """A grid table of 15 columns under two column groups: too wide for the text block, a
    broadside table (octavo.render.pdf.landscape measures it with its spans)."""
    widths = [12] + [11] * 14

    def line(cells: list[tuple[str, int, int]]) -> str:
        return (
            "|" + "|".join(f" {t}".ljust(sum(widths[a : a + n]) + n - 1) for t, n, a in cells) + "|"
        )

    def border(char: str = "-") -> str:
        return "+" + "+".join(char * w for w in widths) + "+"

    groups = [("Region", 1, 0), ("Output, thousands of tons", 7, 1), ("Employment", 7, 8)]
    years = [("", 1, 0), *((str(1980 + k), 1, k + 1) for k in range(14))]
    under = "|" + " " * 12 + "+" + "+".join("-" * w for w in widths[1:]) + "+"
    rows = [border(), line(groups), under, line(years), border("=")]
    for r in range(12):
        figures = [(f"{(r + 1) * (k + 3) * 97:,}", 1, k + 1) for k in range(14)]
        rows += [line([(f"Region {r}", 1, 0), *figures]), border()]
    return "Words before.\n\n" + "\n".join(rows) + "\n\nTable: A wide table {#tbl:wide}\n"


def _maker(folder: Path) -> MakeBook:
    def make(files: dict[str, str | bytes], toml: str = BOOK_TOML) -> Path:
        root = folder / "book"
        root.mkdir(exist_ok=True)
        (root / "book.toml").write_text(toml, encoding="utf-8")
        for name, content in files.items():
            assert isinstance(content, str)
            (root / name).write_text(content, encoding="utf-8")
        return root

    return make


def test_checked_clean(built: Built) -> None:
    """`invoke check --strict`: no warning, EPUBCheck and Ace clean, the PDF's read-back
    checks (a table's head on each page it runs on to among them) all good."""
    assert built.checked.found == () and built.logged == []
    verdict = "\n".join(built.checked.lines)
    assert "EPUBCheck" in verdict and "DAISY Ace: no violations" in verdict, verdict


def test_the_epub_s_table_markup(built: Built) -> None:
    with zipfile.ZipFile(built.checked.epub) as epub:
        chapter = next(n for n in epub.namelist() if n.endswith("ch01.xhtml"))
        tree = etree.fromstring(epub.read(chapter))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    # a wide table in its frame (octavo.render.epub.wide_tables): the caption and the id the
    # frame's; 60 rows, too tall for one box that scrolls (never split across pages), so in
    # parts of a page's rows (octavo.render.epub.table_parts), never cut inside a region's
    # two rows, each part its head repeated, in its box, the next ones named again
    frame = tree.find(".//h:figure[@id='tbl:g1']", ns)
    assert frame.get("class") == "table-frame"
    assert [etree.QName(c).localname for c in frame] == ["figcaption", "div", *["p", "div"] * 3]
    tables = frame.findall("h:div/h:table", ns)
    assert len(tables) == 4
    for n, part in enumerate(tables):
        last = ["tfoot"] if n == 3 else []
        assert [etree.QName(c).localname for c in part] == [
            *["colgroup"] * 4,
            "thead",
            "tbody",
            *last,
        ]
        assert [len(r) for r in part.find("h:thead", ns)] == [4, 4]
        assert part.find("h:tbody/h:tr/h:th", ns).get("rowspan") == "2"  # a region's first row
    assert [len(t.find("h:tbody", ns)) for t in tables] == [16, 16, 16, 12]
    table = tables[0]
    assert len(tables[3].find("h:tfoot", ns)) == 1
    minsk = table.find("h:tbody/h:tr/h:th", ns)
    assert (minsk.get("scope"), minsk.get("rowspan"), minsk.text) == ("row", "2", "Minsk")
    crops = tree.find(".//h:table[@id='tbl:crops']", ns)
    grain = crops.find("h:tbody/h:tr/h:td", ns)  # no cell spans rows: no row headers
    assert grain.find("h:em", ns).text == "Grain" and grain.find("h:a", ns) is not None


def _pages(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [page.extract_text() or "" for page in document.pages]


def test_the_long_table_in_print(built: Built) -> None:
    """Its two head rows on each page it runs on to, under "Table 3 (continued)"; its
    foot once, at its end; each region's two rows on one page."""
    pages = _pages(built.checked.pdf)
    first = next(i for i, text in enumerate(pages) if "Table 3. Output" in text and "Urban" in text)
    last = next(i for i, text in enumerate(pages) if "After the long table." in text)
    assert last > first
    for number in range(first, last + 1):
        lines = pages[number].splitlines()
        if number > first:
            assert "Table 3 (continued)" in lines, lines[:4]
            assert "Region Area Output Employment" in lines and "1990 1991 1990 1991" in lines
        rows = [line for line in lines if re.search(r"\b(Urban|Rural) [0-9,]+ ", line)]
        assert "Urban" in rows[0] and "Rural" in rows[-1], (number, rows[:1], rows[-1:])
        totals = [line for line in lines if line.startswith("Total ")]
        assert len(totals) == (1 if number == last else 0) or number == first, (number, totals)


def test_a_wide_grid_table_is_a_broadside(built: Built) -> None:
    """Its least width, its spans counted, past the text block: on a page of its own,
    turned (`/Rotate 90`), its two head rows with it."""
    with pdfplumber.open(built.checked.pdf) as document:
        (page,) = [
            p
            for p in document.pages
            if "A wide table" in (p.extract_text() or "")
            and "Region 11" in (p.extract_text() or "")
        ]
        text = page.extract_text() or ""
        assert page.rotation == 90
    assert "Region Output, thousands of tons Employment" in text and "1980 1981" in text
