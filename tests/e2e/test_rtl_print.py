"""A book written right to left, printed as such a book is bound, read back with pdfplumber
and pypdf: its pages progress right to left (its first page, and each recto, is a
left-hand page), so its chapters open on a left-hand page, its gutter is on a recto's
right, its running heads change sides (the chapter's on the left-hand page, the book's on
the right-hand one), its folios stay at the outer corners; its contents' dots run on to
the folios in the column on the left; its reference entries hang from the right.

Before: the pages were bound left to right (`dir` on <body>, not on the root: chapters on
right-hand pages, the book's title over the left-hand ones), the contents' dots stopped
at the folios' column (a gap of most of the column after each folio), and the entries
were set flush (WeasyPrint 70 put their indent at the left, into the margin)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest

from octavo import api
from octavo.source.paper import page_setup
from tests.conftest import section_source
from tests.support.weasyprint_log import quietly

TOML = """title = "ארץ המבחן"
language = "he"
identifier = "urn:uuid:12345678-1234-5678-9abc-123456789abd"
country = "ארץ המבחן"
paper = "a5"
chapters = { 1 = "כלכלה", 2 = "ממשל" }
"""
TEXT = ("פסקה קצרה על הנושא הזה. " * 40 + "\n\n") * 5
ENTRY = "דוד, משה. 1999. " + "ספר ארוך מאוד על נושא חשוב בכלכלה ובחברה של הארץ. " * 3
COLUMNS = 10  # a table too wide for the page: turned onto a broadside page
TABLE = (
    "| "
    + " | ".join(f"עמודה {i}" for i in range(COLUMNS))
    + " |\n"
    + "|"
    + "---:|" * COLUMNS
    + "\n"
    + "".join(
        "| " + " | ".join(f"{(r * 7 + i) * 1234567:,}" for i in range(COLUMNS)) + " |\n"
        for r in range(8)
    )
)
SECTIONS = {  # file: (sequence, title, chapter, parents, extra, body)
    "001-a.md": (1, "חקלאות", 1, "[]", "", TEXT),
    "002-b.md": (2, "תעשייה ומסחר במדינה לאחר העצמאות והשינויים הכלכליים", 1, "[]", "", TEXT),
    "003-c.md": (3, "חוקה", 2, "[]", "", f"{TEXT}\n{TABLE}\n{TEXT}"),
    "004-d.md": (4, "ספרות", 2, "[]", "kind: bibliography\n", f"{ENTRY}\n\n{ENTRY}\n"),
}
PAGE = page_setup("a5")
EM = PAGE.font_size


@pytest.fixture(scope="module", params=[1, 2], ids=["one-process", "parts"])
def pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rtl-print") / "book"
    root.mkdir()
    (root / "book.toml").write_text(TOML, encoding="utf-8")
    for name, (sequence, title, chapter, parents, extra, body) in SECTIONS.items():
        source = section_source(
            sequence, title, chapter=chapter, parents=parents, total=4, extra=extra, body=body
        )
        (root / name).write_text(source, encoding="utf-8")
    (made, _), logged = quietly(
        lambda: api.build_pdf(root, root.parent / "rtl.pdf", jobs=request.param)
    )
    assert logged == []
    return made


def _words(page: Any) -> list[dict[str, Any]]:
    return list(page.extract_words())


def _lines(page: Any) -> list[list[dict[str, Any]]]:
    rows: dict[int, list[dict[str, Any]]] = {}
    for word in _words(page):
        rows.setdefault(round(word["bottom"]), []).append(word)
    return [sorted(rows[b], key=lambda w: w["x0"]) for b in sorted(rows)]


def _opens(pdf: Path) -> dict[str, int]:
    """The outline's entries: title -> its page (1-based)."""
    reader = pypdf.PdfReader(pdf)
    return {
        str(o.title): (reader.get_destination_page_number(o) or 0) + 1
        for o in reader.outline
        if not isinstance(o, list)
    }


def test_chapters_open_on_a_left_hand_page_its_gutter_on_the_right(pdf: Path) -> None:
    opens = _opens(pdf)
    chapters = [n for title, n in opens.items() if title.startswith("Chapter")]
    assert len(chapters) == 2 and all(n % 2 == 1 for n in chapters), opens  # rectos
    with pdfplumber.open(pdf) as opened:
        for number, page in enumerate(opened.pages, start=1):
            text = [w for w in _words(page) if PAGE.top < w["top"] < page.height - PAGE.bottom]
            if number < min(chapters) or len(text) < 40:
                continue  # the front matter's display pages, a blank or short page
            right = max(w["x1"] for w in text)  # the lines' start: every page's text meets it
            gutter = number % 2 == 1  # a recto: a left-hand page, its gutter on its right
            margin = PAGE.inner if gutter else PAGE.outer
            assert abs(page.width - margin - right) < 1, (number, right)


def test_running_heads_change_sides_and_folios_stay_outside(pdf: Path) -> None:
    opens = _opens(pdf)
    first = min(n for title, n in opens.items() if title.startswith("Chapter"))
    heads: dict[str, set[str]] = {"left": set(), "right": set()}
    with pdfplumber.open(pdf) as opened:
        for number, page in enumerate(opened.pages, start=1):
            if number < first:
                continue
            foot = [w for w in _words(page) if w["top"] > page.height - PAGE.bottom]
            head = [w for w in _words(page) if w["bottom"] < PAGE.top]
            side = "left" if number % 2 else "right"  # a recto is a left-hand page
            if foot:  # the folio at the outer corner: a left-hand page's left
                folio = foot[0]
                assert folio["text"].isdigit(), (number, foot)
                if side == "left":
                    assert abs(folio["x0"] - PAGE.outer) < 1, (number, folio)
                else:
                    assert abs(page.width - PAGE.outer - folio["x1"]) < 1, (number, folio)
            if head:
                x0, x1 = min(w["x0"] for w in head), max(w["x1"] for w in head)
                outer = (
                    abs(x0 - PAGE.outer) if side == "left" else abs(page.width - PAGE.outer - x1)
                )
                assert outer < 1, (number, side, x0, x1)
                heads[side].add(" ".join(w["text"] for w in sorted(head, key=lambda w: w["x0"])))
    # pdfplumber reads Hebrew in visual order: the words' letters reversed
    chapter_names = {"כלכלה"[::-1], "ממשל"[::-1]}
    assert heads["left"] and heads["left"] <= chapter_names, heads  # the recto: the chapter
    assert heads["right"] == {" ".join(w[::-1] for w in ["המבחן", "ארץ"])}, heads


def test_contents_dots_run_on_to_the_folios_on_the_left(pdf: Path) -> None:
    opens = _opens(pdf)
    entries = 0
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[opens["Contents"] - 1]
        for line in _lines(page):
            dots = [w for w in line if set(w["text"]) == {"."}]
            if not dots or not line[0]["text"].isdigit():
                continue
            entries += 1
            folio = line[0]
            pitch = max(b["x0"] - a["x0"] for a, b in pairwise(dots))
            assert dots[0]["x0"] - folio["x1"] < 2 * pitch, line  # none missing at the folio
    assert entries >= 6


def test_reference_entries_hang_from_the_right(pdf: Path) -> None:
    opens = _opens(pdf)
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[opens["ספרות"] - 1]
        lines = [  # the entries' lines: not the heading, not the note at the foot
            line
            for line in _lines(page)
            if PAGE.top < line[0]["top"] < page.height - PAGE.bottom - 4 * EM
            and line[0]["height"] < 1.5 * EM
        ]
    right = page.width - (PAGE.inner if opens["ספרות"] % 2 else PAGE.outer)
    ends = [max(w["x1"] for w in line) for line in lines]
    starts = [line for line, end in zip(lines, ends, strict=True) if abs(end - right) < 1]
    hung = [end for end in ends if abs(end - (right - 1.5 * EM)) < 1]
    assert len(starts) == 2, ends  # each entry's first line out to the text block's edge
    assert len(hung) >= 4, ends  # its next lines 1.5 em in


def test_a_broadside_page_s_folio_is_at_its_outer_corner(pdf: Path) -> None:
    """A page turned for a wide table (shown turned: its foot at the left) prints its folio
    where a page of its side does: a right-hand page's (even: a verso) at the foot's right
    end, the bottom of the turned page, a left-hand one's at the top."""
    turned = [n for n, page in enumerate(pypdf.PdfReader(pdf).pages, 1) if page.get("/Rotate")]
    assert turned
    with pdfplumber.open(pdf) as opened:
        for number in turned:
            page = opened.pages[number - 1]
            foot = [w for w in _words(page) if w["x1"] < PAGE.bottom and w["text"].isdigit()]
            assert len(foot) == 1, (number, foot)
            if number % 2:  # a left-hand page: the foot's left end, the top when turned
                assert abs(foot[0]["top"] - PAGE.outer) < 1, (number, foot)
            else:
                assert abs(page.height - PAGE.outer - foot[0]["bottom"]) < 1, (number, foot)
