"""The EPUB in every reading engine that runs here, as people read it (issue 18).

Two books, each built once for this module: the default book/ (one section, three heading
levels) and a generated 81-section study (six chapters, breadcrumbs four deep).

- calibre: AZW3, MOBI, PDF and TXT conversions log no CSS error, carry one cover and start
  at the text; `ebook-meta` shows title, author, publisher and language and calibre reads
  the book's own uuid; calibre's Check Book finds nothing; the TXT has every data date.
- MuPDF (`mutool draw`): no CSS error, no landmarks text, every data date, the cover on
  one page.
- Chromium at 360 and 768 px, plain and with a dark reader stylesheet injected: every
  heading at a contrast of 4.5:1 or more, nothing wider than the screen, the cover within
  the screen, the note call at least a letter of body text; screenshots for review in
  build/test-screenshots/ereaders/ (`test_screenshots_for_review`).
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from octavo import api
from octavo.dev.gen import generate_study
from octavo.model import Manuscript
from octavo.text import strip_tags
from tests.conftest import BOOK_TOML, ROOT, MakeBook, section_source
from tests.support import readers
from tests.support.validators import assert_ace_clean, assert_epubcheck_clean

MIN_CONTRAST = 4.5  # WCAG AA for text
MEASURE = 224  # a caption's least measure in the EPUB: 14em of 16 px type (styles/epub/book.css)


@dataclass(frozen=True)
class Book:
    name: str
    root: Path
    epub: Path
    manuscript: Manuscript
    scratch: Path

    def converted(self, suffix: str) -> tuple[Path, str]:
        """The calibre conversion to `suffix` and its log, made once."""
        out = self.scratch / f"{self.name}.{suffix}"
        log = self.scratch / f"{self.name}.{suffix}.log"
        if not out.is_file():
            log.write_text(readers.convert(self.epub, out), encoding="utf-8")
        return out, log.read_text(encoding="utf-8")


def _book(name: str, root: Path, scratch: Path) -> Book:
    epub, _ = api.build_epub(root, scratch / f"{name}.epub")
    return Book(name, root, epub, api.manuscript(root)[0], scratch)


@pytest.fixture(scope="module")
def default_book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return _book("default", ROOT / "book", tmp_path_factory.mktemp("readers-default"))


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Book:
    root = generate_study(tmp_path_factory.mktemp("readers-study") / "book", 81)
    return _book("study81", root, tmp_path_factory.mktemp("readers-study81"))


@pytest.fixture(params=["default_book", "study"], scope="module")
def book(request: pytest.FixtureRequest) -> Book:
    built: Book = request.getfixturevalue(request.param)
    return built


# ---- calibre ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["azw3", "mobi"])
def test_kindle_conversion_one_cover_start_at_text(book: Book, suffix: str) -> None:
    readers.need("ebook-convert", "calibre-debug")
    out, log = book.converted(suffix)
    assert readers.css_errors(log) == []
    dump = readers.inspect_mobi(out, book.scratch / f"inspect-{suffix}")
    # one cover: the Kindle cover record, and no cover page left in the text
    assert dump.exth("CoverOffset") is not None
    assert "cover-image" not in dump.text.decode("utf-8", "replace")
    assert not [p for p in dump.parts if "<img" in p]
    # the start point: the first words after it are the first chapter's heading
    start = dump.exth("StartOffset")
    assert start is not None
    after = re.sub(rb"<[^>]*>", b" ", dump.text[start : start + 4000]).decode("utf-8", "ignore")
    first = book.manuscript.chapters[0]
    expected = first.label or strip_tags(first.title_html)
    # (MOBI 6 spells small capitals as capitals in smaller type: "C HAPTER 1")
    squeezed = "".join(after.split()).lower()
    assert squeezed.startswith("".join(expected.split()).lower()), f"start: {after[:80]!r}"


def test_pdf_conversion_one_cover_no_blank_page(book: Book) -> None:
    readers.need("ebook-convert", "pdftotext")
    out, log = book.converted("pdf")
    assert readers.css_errors(log) == []
    text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, text=True)
    pages = text.stdout.split("\f")[:-1]
    assert pages[0].strip() == "", "page 1 is the cover image alone"
    assert book.manuscript.book.config.title in " ".join(pages[1].split()), "page 2: title page"
    blank = [n for n, page in enumerate(pages[1:], start=2) if not page.strip()]
    assert blank == [], f"blank pages {blank} (a second cover, or the cover overflowing)"


def test_txt_conversion_has_every_data_date(book: Book) -> None:
    readers.need("ebook-convert")
    out, log = book.converted("txt")
    assert readers.css_errors(log) == []
    text = " ".join(out.read_text("utf-8").split())
    _assert_dates_in_order(text, book.manuscript)
    # once a section: the note after the date line (the same words) is not shown in place
    notes = Counter(book.manuscript.labels.note(rs.section) for rs in book.manuscript.sections)
    assert {note: text.count(note) for note in notes} == dict(notes)


def _assert_dates_in_order(text: str, manuscript: Manuscript) -> None:
    """Each section's body, then its data date in words, before the next section's body."""
    cursor = 0
    for rendered in manuscript.sections:
        body = " ".join(strip_tags(rendered.body_html).split())[:60]
        at = text.find(body, cursor)
        assert at >= 0, f"{rendered.id}: body not found after {cursor}"
        note = manuscript.labels.note(rendered.section)
        date = text.find(note, at)
        assert date >= 0, f"{rendered.id}: '{note}' not found after its body"
        cursor = date + len(note)
    assert "Landmarks" not in text and "Start of text" not in text


def test_ebook_meta_shows_the_book(book: Book) -> None:
    readers.need("ebook-meta", "calibre-debug")
    config = book.manuscript.book.config
    shown = readers.ebook_meta(book.epub)
    assert shown["Title"].startswith(config.title)
    # a series without a position is not one calibre numbers: it called every book "#1"
    assert ("Series" in shown) is bool(config.series_position)
    assert shown["Author(s)"] not in ("", "Unknown")
    assert shown["Publisher"]
    assert shown["Languages"] == "eng"
    read = readers.calibre_metadata(book.epub, book.scratch)
    assert f"urn:uuid:{read['uuid']}" == config.identifier
    kindle = readers.ebook_meta(book.converted("azw3")[0])
    assert kindle["Publisher"] == shown["Publisher"]
    # calibre reads a Kindle author "A, B" as "Last, First" (and shows "B A [A, B]")
    assert set(kindle["Author(s)"].replace(",", " ").split()) >= set(
        shown["Author(s)"].replace(",", " ").split()
    )


def test_calibre_check_book_finds_nothing(default_book: Book) -> None:
    readers.need("calibre-debug")
    found = readers.calibre_check(default_book.epub, default_book.scratch)
    assert [m for level, m in found if level >= 2] == []  # 2 warning, 3 error, 4 critical


# ---- MuPDF --------------------------------------------------------------------------------


def test_mupdf_shows_no_landmarks_and_every_date(book: Book) -> None:
    readers.need("mutool")
    assert readers.mutool_errors(book.epub) == []  # a CSS syntax error drops rules
    text = " ".join(readers.mutool_text(book.epub).split())
    assert "Landmarks" not in text and "Start of text" not in text
    _assert_dates_in_order(text, book.manuscript)


def test_mupdf_cover_on_one_page(default_book: Book) -> None:
    readers.need("mutool")
    for width, height in ((360, 640), (800, 600)):
        pages = readers.mutool_text(default_book.epub, width, height).split("\f")
        assert pages[0].strip() == "" and "Country Studies" in pages[1], (width, height)


# ---- Chromium ------------------------------------------------------------------------------


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [360, 768])
def test_chromium_headings_readable_and_layout_fits(book: Book, width: int, dark: bool) -> None:
    readers.need("chromium")
    text = book.scratch / "unzipped" / "EPUB" / "text"
    if not text.is_dir():
        readers.unzip(book.epub, book.scratch / "unzipped")
    docs = sorted(p.name for p in text.glob("*.xhtml") if not p.name.startswith("dark-"))
    height = 800 if width == 360 else 1024
    report = readers.chromium_probe(text, docs, width, height, dark)
    results = {r["doc"]: r for r in report["results"]}
    assert sorted(results) == docs and not [r for r in results.values() if "error" in r]
    low = [
        (doc, h["id"], h["worst"])
        for doc, r in results.items()
        for h in r["headings"]
        if h["worst"]["ratio"] < MIN_CONTRAST
    ]
    assert low == [], f"headings under {MIN_CONTRAST}:1"
    assert sum(len(r["headings"]) for r in results.values()) >= len(book.manuscript.sections)
    text_low = [(d, r["worstText"]) for d, r in results.items() if r["worstText"] and
                r["worstText"]["ratio"] < MIN_CONTRAST]  # fmt: skip
    assert text_low == []
    wide = {d: r["scrollWidth"] for d, r in results.items() if r["scrollWidth"] > width}
    assert wide == {}, "wider than the screen"
    cover = results["cover.xhtml"]
    assert cover["scrollHeight"] <= height and cover["image"]["display"] == "block"
    assert cover["image"]["bottom"] <= height and cover["image"]["right"] <= width
    assert "Start of text" not in results["nav.xhtml"]["visibleText"]
    calls = [c for r in results.values() for c in r["noteCalls"]]
    assert len(calls) == len(book.manuscript.sections)
    small = [c for c in calls if c["width"] < c["letterWidth"] or c["height"] < c["letterHeight"]]
    assert small == [], "note calls smaller than a letter of body text"
    # a reader that follows a call (no pop-up) lands on its note, a data date's with the
    # "Data as of" line in view (it was display: none: the page did not move)
    nowhere = [c["text"] for c in calls if not c["lands"]]
    assert nowhere == [], "note calls that lead nowhere"
    lines = [c["lineBelowLanding"] for c in calls if c["lineBelowLanding"] is not None]
    assert lines and all(0 <= gap <= 40 for gap in lines), lines


def test_screenshots_for_review(default_book: Book) -> None:
    """Cover, title page, contents and chapter side by side at 360 and 768 px, light and
    dark, and MuPDF's first pages: PNGs to look at, in build/test-screenshots/ereaders/
    (git-ignored)."""
    readers.need("chromium", "mutool")
    text = readers.unzip(default_book.epub, default_book.scratch / "shots-src")
    out = ROOT / "build" / "test-screenshots" / "ereaders"
    docs = ["cover.xhtml", "titlepage.xhtml", "nav.xhtml", "ch08.xhtml"]
    shots = [
        readers.chromium_sheet(text, docs, width, height, dark, out / f"{width}{tag}.png")
        for width, height, dark, tag in ((360, 800, False, ""), (360, 800, True, "-dark"),
                                         (768, 1024, False, ""))
    ]  # fmt: skip
    shots += readers.mutool_pages(default_book.epub, out, 360, 640, "1-4")
    assert len(shots) == 7
    print(f"\nscreenshots for review: {out}")


def test_mupdf_draws_a_table_s_rules_between_its_rows(make_book: MakeBook, tmp_path: Path) -> None:
    """MuPDF starts a row above its previous row's bottom padding and draws the rule below
    it: rows with padding had their rules struck through the next row's words (38-117 dark
    pixels on each pixel row of a rule, at 200 dpi, 390 px wide). Now at most a descender
    touches a rule (15-29 on a row, the head's 'y')."""
    readers.need("mutool")
    from PIL import Image

    rows = "".join(f"| R{n} | Commonwealth of Independent States {n} |\n" for n in range(8))
    body = f"Before.\n\n| Acronym | Meaning |\n|---|---|\n{rows}\nAfter.\n"
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    epub, _ = api.build_epub(book, tmp_path / "t.epub")
    text = readers.unzip(epub, tmp_path / "x")
    png = readers.mutool_page(text / "ch01.xhtml", tmp_path / "t.png", 390, 844, dpi=200)
    image = Image.open(png).convert("L")
    width, height = image.size
    grey = image.tobytes()  # one byte a pixel, row by row
    rules = []
    for y in range(height):
        line = grey[y * width : (y + 1) * width]
        if sum(150 < v < 235 for v in line) > width * 0.6:  # #d8d2c8 and the head's darker rule
            rules.append(y)
            ink = sum(v <= 90 for v in line)
            assert ink < width * 0.03, f"text drawn across the rule at y={y}: {ink} pixels"
    assert len(rules) >= 8  # the head's rule and one under each row, found


def _mupdf_lines(
    make_book: MakeBook, tmp_path: Path, body: str, width: int, height: int
) -> list[tuple[float, float, str]]:
    """The lines MuPDF lays out on the first screen of a one-section book's chapter of
    `body`, at `width` x `height` CSS pixels (readers.mutool_lines)."""
    readers.need("mutool")
    book = make_book({"001-a.md": section_source(1, "Towns", total=1, body=body)})
    epub, _ = api.build_epub(book, tmp_path / "t.epub")
    return readers.mutool_lines(readers.unzip(epub, tmp_path / "x") / "ch01.xhtml", width, height)


def test_mupdf_sets_a_table_row_s_cells_on_one_baseline(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """MuPDF gives a cell's own text the cell's `vertical-align` (`top`: the text at the
    top of its line, no half-leading above it), not to text inside an element (an index
    mark, emphasis): a row's cells stood 2.3 px apart at 390 px, the plain ones touching
    the rule above. Cells are `baseline`, which browsers set as `top` for one font size."""
    rows = "".join(f"| *City {n}* | Belarus | {n},000 |\n" for n in range(6))
    body = f"Before.\n\n| City | Country | People |\n|---|---|--:|\n{rows}\nAfter.\n"
    lines = _mupdf_lines(make_book, tmp_path, body, 390, 844)
    cities = [(y, t) for _, y, t in lines if t.startswith("City ")]
    assert len(cities) == 6
    for y, city in cities:  # the row's other cells: on the city's baseline
        row = [(t, round(other - y, 2)) for _, other, t in lines if abs(other - y) < 6]
        assert [t for t, _ in row] == [city, "Belarus", f"{city[-1]},000"], row
        assert all(offset == 0 for _, offset in row), row


def test_mupdf_sets_the_data_currency_s_rows_on_one_baseline(tmp_path: Path) -> None:
    """The data-currency table's cells were `top`, which MuPDF gives a cell's own text
    alone (the date, "June 1995"): it stood 2 px above the section's name (a link) and its
    own "(updated September 1995)" (a span), as the text tables' cells did before they
    were made `baseline` (test_mupdf_sets_a_table_row_s_cells_on_one_baseline)."""
    readers.need("mutool")
    epub, _ = api.build_epub(ROOT / "tests" / "data" / "constructs", tmp_path / "c.epub")
    lines = readers.mutool_lines(readers.unzip(epub, tmp_path / "x") / "data-currency.xhtml",
                                 390, 844)  # fmt: skip
    names = [y for _, y, t in lines if t in ("Chapter 1: Country Profile", "The Northern Hills")]
    assert len(names) == 2, lines
    for y in names:  # the row's date and its update: on the name's baseline
        row = [(t, round(other - y, 2)) for _, other, t in lines if abs(other - y) < 6]
        assert [t for t, _ in row if "1995" in t], row
        assert all(offset == 0 for _, offset in row), row


def test_mupdf_sets_a_task_s_mark_beside_its_words(make_book: MakeBook, tmp_path: Path) -> None:
    """MuPDF sets an inline block on a line of its own: a task list's ☐ stood over its
    task. The mark is floated: MuPDF sets it at the start of the task's line, before its
    words (browsers hang it where a bullet would be, as before)."""
    body = "Before.\n\n- [x] Rebuild the Minsk-Brest line\n- [ ] Electrify the junction\n\nAfter.\n"
    lines = [t for _, _, t in _mupdf_lines(make_book, tmp_path, body, 360, 640)]
    tasks = [t for t in lines if t[:1] in "\u2610\u2612"]
    assert tasks == ["\u2612 Rebuild the Minsk-Brest line", "\u2610 Electrify the junction"], lines


def test_a_narrow_figure_s_caption_is_as_wide_as_its_image(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A photograph narrower than the text is centred; its caption was the text's width from
    the left margin, under nothing. In Chromium (calibre's viewer, Apple Books, Kobo's
    engine) it is now the image's width, under it (the figure fit-content, its caption's
    words not widening it); MuPDF, without either, keeps the full-width caption below the
    image, never beside it (as a table caption was set there). A tall image is held to 85% of the screen's height, its caption on the
    same screen. A caption under a picture narrower than 14em (224 px of 16 px type) is
    14em wide, centred under it (session 49: a 40 px icon's caption ran a word a line)."""
    readers.need("chromium")
    readers.need("mutool")
    from io import BytesIO

    from PIL import Image

    def png(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
        out = BytesIO()
        Image.new("RGB", size, colour).save(out, "PNG")
        return out.getvalue()

    caption = "A small photograph, with a caption long enough to run over two lines of text"
    body = (
        f"Before.\n\n![{caption}](small.png)\n\n![A wide one](wide.png)\n\n"
        "![A tall one](tall.png)\n\nAfter.\n"
    )
    book = make_book(
        {
            "001-a.md": section_source(1, "Trade", total=1, body=body),
            "small.png": png((240, 320), (120, 160, 200)),
            "wide.png": png((2400, 1200), (200, 160, 120)),
            "tall.png": png((900, 3600), (160, 200, 120)),
        }
    )
    epub, _ = api.build_epub(book, tmp_path / "t.epub")
    text = readers.unzip(epub, tmp_path / "x")
    for width in (360, 768):
        (result,) = readers.chromium_probe(text, ["ch01.xhtml"], width, 1024, False)["results"]
        small, wide, tall = result["figures"]
        # never taller than the screen (85vh): its caption on the same screen
        assert tall["image"]["bottom"] - tall["image"]["top"] <= 0.85 * 1024 + 1
        for figure in (small, wide, tall):
            image, under = figure["image"], figure["caption"]
            assert under["top"] >= image["bottom"] - 1, (width, figure)
            if image["right"] - image["left"] >= MEASURE:
                assert image["left"] - 1 <= under["left"] and under["right"] <= image["right"] + 1
            else:  # a picture narrower than a caption's measure (the tall one held to 85vh
                # at 360 px: 217 px wide): its caption that measure, centred under it
                assert abs(under["right"] - under["left"] - MEASURE) <= 1, (width, figure)
                middle = (image["left"] + image["right"]) - (under["left"] + under["right"])
                assert abs(middle) <= 2, (width, figure)
        assert small["caption"]["left"] > 20  # the image's left edge, not the margin
    shot = readers.mutool_page(text / "ch01.xhtml", tmp_path / "m.png", 768, 1200)
    page = Image.open(shot).convert("RGB")
    width, data = page.width, page.tobytes()  # three bytes a pixel, row by row
    pixels = [tuple(data[i : i + 3]) for i in range(0, len(data), 3)]
    blue = [(i % width, i // width) for i, p in enumerate(pixels) if p == (120, 160, 200)]
    left, right = min(x for x, _ in blue), max(x for x, _ in blue)
    top, bottom = min(y for _, y in blue), max(y for _, y in blue)
    beside = [(x, y) for y in range(top, bottom + 1) for x in range(width)
              if not left <= x <= right and sum(pixels[y * width + x]) < 300]  # fmt: skip
    assert beside == [], "MuPDF set words beside the image"


@pytest.mark.parametrize("width", [360, 375, 390])
def test_a_sixteen_column_table_fits_a_phone(tmp_path: Path, width: int) -> None:
    """The generated study's broadside tables (16 columns of four-figure numbers) on a
    phone: 408 px at least, cut on a 390 px screen, before a reader's review; then 356 px
    (their cells' sides narrowed there), 326 px on a narrower screen (their type a step
    smaller), their heads broken anywhere to fit ("Chur|ch"). Their heads now keep their
    words, and a table wider than the screen scrolls sideways in its boxes (a page's rows
    each: a box that scrolls is never split across pages), which stay on the screen."""
    readers.need("chromium")
    root = generate_study(tmp_path / "book", 24, words=40, constructs=True)
    epub, _ = api.build_epub(root, tmp_path / "rich.epub")
    text = readers.unzip(epub, tmp_path / "unzipped")
    chapters = sorted(p.name for p in text.glob("ch*.xhtml"))
    report = readers.chromium_probe(text, chapters, width, 800, False)
    tables = [t for r in report["results"] for t in r["tables"]]
    assert len(tables) >= 4 and max(t["width"] for t in tables) > width * 0.9
    wide = {r["doc"]: r["scrollWidth"] for r in report["results"] if r["scrollWidth"] > width}
    assert wide == {}, "wider than the screen"
    assert [t for t in tables if t["width"] > t["room"] + 1] == [], "a table wider than its room"
    assert [t for t in tables if t["table"] > t["room"] + 1 and not t["scrolls"]] == []


def test_a_long_word_in_a_heading_stays_on_a_phone_s_screen(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A 63-letter German word in a chapter's title and a section's heading, and in the
    text, a list and a note beside a long address, at 360 px: a heading is never hyphenated
    and had no overflow-wrap, so its word ran past the screen's right edge (722 px)."""
    readers.need("chromium")
    word = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
    url = "https://www.example.org/a/very/long/path/to/a/document/about/the/law.html"
    toml = BOOK_TOML.replace('language = "en"', 'language = "de"')
    toml = toml.replace('1 = "The Economy"', f'1 = "Das {word}"')
    body = (
        f"Das {word} ist lang, siehe <{url}>.[^1]\n\n## Über das {word}\n\nText.\n\n"
        f"- Liste {word}\n\n> Ein Zitat: {word}\n\n[^1]: Die Quelle: <{url}>, {word}.\n"
    )
    book = make_book({"001-a.md": section_source(1, f"Das {word}", total=1, body=body)}, toml)
    epub, _ = api.build_epub(book, tmp_path / "de.epub")
    text = readers.unzip(epub, tmp_path / "x")
    report = readers.chromium_probe(text, ["ch01.xhtml", "nav.xhtml"], 360, 800, False)
    wide = {r["doc"]: r["scrollWidth"] for r in report["results"] if r["scrollWidth"] > 360}
    assert wide == {}, "wider than the screen"


def test_a_run_longer_than_any_word_in_a_table_cell_stays_on_a_phone_s_screen(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A 400-letter sequence in a table cell and a paragraph, at 360 px: a cell breaks a
    word only where it must (no shorter word of the table is cut), so the run had no
    place to end a line and the table ran past the screen. It has a <wbr/> every 10
    letters now, as print has, and the EPUB stays EPUBCheck- and Ace-clean."""
    readers.need("chromium")
    run = "".join("acgt"[(i * 7 + i // 3) % 4] for i in range(400))
    body = f"| Name | Sequence |\n|---|---|\n| Kurz | {run} |\n\nThe sequence: {run}.\n"
    book = make_book({"001-a.md": section_source(1, "Genes", total=1, body=body)})
    epub, _ = api.build_epub(book, tmp_path / "g.epub")
    text = readers.unzip(epub, tmp_path / "x")
    report = readers.chromium_probe(text, ["ch01.xhtml"], 360, 800, False)
    wide = {r["doc"]: r["scrollWidth"] for r in report["results"] if r["scrollWidth"] > 360}
    assert wide == {}, "wider than the screen"
    assert_epubcheck_clean(epub)
    assert_ace_clean(epub)


_WORDS_WHOLE = """<style>html { width: 360px; }</style><script>//<![CDATA[
window.addEventListener("load", () => {
  const cut = [];
  for (const link of document.querySelectorAll(".currency-table .c-section a")) {
    const text = link.firstChild, words = text.data.split(" ");
    let at = 0;
    for (const word of words) {
      const range = document.createRange();
      range.setStart(text, at); range.setEnd(text, at + word.length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) cut.push(word);
      at += word.length + 1;
    }
  }
  const out = document.createElement("pre");
  out.id = "result"; out.textContent = JSON.stringify(cut);
  document.body.appendChild(out);
});
//]]></script>"""


def test_data_currency_names_are_not_cut_mid_word_on_a_phone(tmp_path: Path) -> None:
    """The Russian appendix at 360 px: the date cell ("декабрь 1994 г. (обновлено: июнь
    1995 г.)") held on one line left the names a column so narrow that a link's
    anywhere-wrap cut them mid-word ("Предислови|е", "Историческ|ий")."""
    readers.need("chromium")
    epub, _ = api.build_epub(ROOT / "tests" / "data" / "russian", tmp_path / "ru.epub")
    text = readers.unzip(epub, tmp_path / "x")
    found = readers.script_result(text / "data-currency.xhtml", _WORDS_WHOLE)
    assert found == "[]", f"names cut mid-word: {found}"


_HEADS_WHOLE = """<style>html { width: 360px; }</style><script>//<![CDATA[
window.addEventListener("load", () => {
  const cut = [];
  for (const head of document.querySelectorAll("table.table thead th")) {
    const range = document.createRange();
    range.selectNodeContents(head);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    if (lines.size > 1) cut.push(head.closest("table").id + ": " + head.textContent);
  }
  const out = document.createElement("pre");
  out.id = "result"; out.textContent = JSON.stringify(cut);
  document.body.appendChild(out);
});
//]]></script>"""


def test_a_raw_html_table_s_years_are_not_cut_on_a_phone(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """Sixteen years over figures of one decimal, at 360 px, as a pipe table and as a raw
    HTML `<table>`: a head breaks anywhere where it must (octavo's EPUB CSS), and the raw
    table's heads, not marked `figures` as the pipe table's are, were cut "198" over "0"."""
    readers.need("chromium")
    years = list(range(1980, 1996))
    rows = [(name, [f"{(i * 7 + j * 3) % 9}.4" for j in range(16)]) for i, name in
            enumerate(["Brest Province", "Homel Province", "Minsk city"])]  # fmt: skip
    pipe = "| Region | " + " | ".join(map(str, years)) + " |\n|:--|" + "--:|" * 16 + "\n"
    pipe += "".join(f"| {name} | " + " | ".join(cells) + " |\n" for name, cells in rows)
    raw = "<table>\n<thead><tr><th>Region</th>"
    raw += "".join(f"<th>{year}</th>" for year in years) + "</tr></thead>\n<tbody>\n"
    raw += "".join(
        f"<tr><td>{name}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>\n"
        for name, cells in rows
    )
    body = (
        f"{pipe}\nTable: Growth, pipe {{#tbl:pipe}}\n\n{raw}</tbody>\n</table>\n\n"
        "Table: Growth, raw HTML {#tbl:raw}\n"
    )
    book = make_book({"001-a.md": section_source(1, "Growth", total=1, body=body)})
    epub, _ = api.build_epub(book, tmp_path / "years.epub")
    page = readers.unzip(epub, tmp_path / "x") / "ch01.xhtml"
    found = readers.script_result(page, _HEADS_WHOLE)
    assert found == "[]", f"heads cut: {found}"
    assert (
        page.read_text("utf-8").count('class="figures"') == 16
    )  # the raw table's (the pipe's aligned)
