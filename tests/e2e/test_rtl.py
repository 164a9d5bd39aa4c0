"""A book written right to left (Hebrew), as a reader meets it: its documents set right to
left (`dir="rtl"`, the spine's page progression), its contents and Data Currency indented
from the right on a 360 px phone (Chromium) and on the printed page (WeasyPrint), calibre
and MuPDF reading its styles without a complaint, EPUBCheck and Ace saying nothing.

Before, octavo wrote no direction at all (a Hebrew book was set left to right), and its
styles set sides physically: with `dir="rtl"`, the contents' sections were indented on the
left, the whole list 40 px off the right edge. Screenshots for review in
build/test-screenshots/rtl/."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

from octavo import api
from tests.conftest import ROOT, MakeBook, section_source
from tests.support import readers
from tests.support.validators import assert_ace_clean, assert_epubcheck_clean

SHOTS = ROOT / "build" / "test-screenshots" / "rtl"

TOML = """title = "ארץ המבחן"
language = "he"
identifier = "urn:uuid:12345678-1234-5678-9abc-123456789abe"
country = "ארץ המבחן"
chapters = { 1 = "כלכלה", 2 = "ממשל" }
"""
TEXT = "פסקה קצרה על הנושא הזה. " * 12 + "\n"
SECTIONS = {  # file: (sequence, title, chapter, parents)
    "001-a.md": (1, "חקלאות", 1, "[]"),
    "002-b.md": (2, "תעשייה", 1, '["ייצור"]'),
    "003-c.md": (3, "מסחר", 1, '["ייצור"]'),
    "004-d.md": (4, "חוקה", 2, "[]"),
}

# Each contents entry's link: its right and left edges, its depth, its words.
_NAV = """
const out = [];
for (const a of doc.querySelectorAll("nav#toc a")) {
  const r = a.getBoundingClientRect();
  let depth = 0;
  for (let e = a.parentElement; e && e.id !== "toc"; e = e.parentElement) {
    if (e.tagName.toLowerCase() === "ol") depth += 1;
  }
  out.push({ text: a.textContent, depth, right: Math.round(r.right), left: Math.round(r.left) });
}
const body = doc.body.getBoundingClientRect();
const style = win.getComputedStyle(doc.body);
return { entries: out, edge: Math.round(body.right - parseFloat(style.paddingRight)) };
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rtl") / "book"
    root.mkdir()
    (root / "book.toml").write_text(TOML, encoding="utf-8")
    for name, (sequence, title, chapter, parents) in SECTIONS.items():
        source = section_source(
            sequence, title, chapter=chapter, parents=parents, total=4, body=TEXT
        )
        (root / name).write_text(source, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def epub(book: Path) -> tuple[Path, Path]:
    """The EPUB and its unzipped text/."""
    made, _ = api.build_epub(book, book.parent / "rtl.epub")
    return made, readers.unzip(made, book.parent / "unzipped")


def test_every_document_is_set_right_to_left_and_the_validators_say_nothing(
    epub: tuple[Path, Path],
) -> None:
    made, text = epub
    for page in sorted(text.glob("*.xhtml")):
        root = re.search(r"<html\b[^>]*>", page.read_text("utf-8"))
        assert root is not None and ' dir="rtl"' in root[0], page.name
    opf = (text.parent / "content.opf").read_text("utf-8")
    assert re.search(r'<spine\b[^>]*page-progression-direction="rtl"', opf)
    assert re.search(r'<package\b[^>]*\bdir="rtl"', opf)
    assert_epubcheck_clean(made)
    assert_ace_clean(made)


def test_at_360_px_the_contents_are_indented_from_the_right(epub: tuple[Path, Path]) -> None:
    readers.need("chromium")
    _, text = epub
    found = json.loads(unescape(readers.frame_result(text / "nav.xhtml", _NAV, 360)))
    entries, edge = found["entries"], found["edge"]
    top = [e for e in entries if e["depth"] == 1]
    assert top and all(abs(e["right"] - edge) <= 1 for e in top), (edge, top)
    for depth in (2, 3):
        nested = [e for e in entries if e["depth"] == depth]
        assert nested, depth
        # each level a step (1.2em) in from the right, none further left than it needs
        assert all(edge - e["right"] >= 15 * (depth - 1) for e in nested), (depth, nested)
    assert [e["text"] for e in entries if e["depth"] == 3] == ["תעשייה", "מסחר"]
    shots = SHOTS / "nav-360.png", SHOTS / "nav-360-dark.png"
    readers.chromium_screenshot(text / "nav.xhtml", shots[0], 360, 640, False)
    readers.chromium_screenshot(text / "nav.xhtml", shots[1], 360, 640, True)
    readers.chromium_screenshot(
        text / "data-currency.xhtml", SHOTS / "currency-360.png", 360, 640, False
    )


def test_calibre_and_mupdf_read_its_styles_without_a_complaint(
    epub: tuple[Path, Path], tmp_path: Path
) -> None:
    readers.need("ebook-convert", "mutool")
    made, _ = epub
    assert readers.css_errors(readers.convert(made, tmp_path / "rtl.azw3")) == []
    assert readers.mutool_errors(made) == []


def _lines(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(left x, right x, words) of each line of `page`'s text by pdftotext's boxes, its
    folio and dot leaders left out (the words as pdftotext reads them: Hebrew in the
    order it is drawn, right to left, so each word given both ways)."""
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found: dict[str, list[tuple[float, float, str]]] = {}
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>')
    for m in word.finditer(done.stdout):
        text = unescape(m[4])
        if text.strip(".") and not text.isdigit():
            found.setdefault(m[2], []).append((float(m[1]), float(m[3]), f"{text} {text[::-1]}"))
    return [
        (min(w[0] for w in ws), max(w[1] for w in ws), " ".join(w[2] for w in ws))
        for ws in found.values()
    ]


def _folios(pdf: Path, page: int) -> list[float]:
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [float(m[1]) for m in re.finditer(r'<word xMin="([\d.]+)"[^>]*>\d+</word>', done.stdout)]


def test_the_printed_contents_are_indented_from_the_right(book: Path) -> None:
    """The contents page: its title and a division's entry at the right of the text block,
    a chapter's sections a step in from it, each level further; the folios at the left."""
    readers.need("pdftotext")
    pdf, _ = api.build_pdf(book, book.parent / "rtl.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]
    contents = next(
        n for n in range(1, pages + 1) if any("Contents" in t for _, _, t in _lines(pdf, n))
    )
    lines = _lines(pdf, contents)

    def right(word: str) -> float:
        (edge,) = [r for _, r, t in lines if word in t.split()]
        return edge

    edge, section, nested = right("Currency"), right("חקלאות"), right("תעשייה")
    assert abs(right("Contents") - edge) < 1  # the title and a division's entry: flush
    assert edge - section > 10 and section - nested > 10, (edge, section, nested)
    assert abs(right("חוקה") - section) < 0.5  # another chapter's section, as far in
    folios = _folios(pdf, contents)
    # (the page's own folio, "v", left out: at its foot's outer corner, the left of this
    # left-hand page, a recto in a book read right to left)
    lefts = [
        left
        for left, _, words in lines
        if "Contents" not in words and not re.fullmatch(r"([ivxlc]+) \1", words)
    ]
    # the folios at the left (the chapters' labels' figures at the right: "Chapter 1")
    assert len([f for f in folios if f < 200]) == 7 and min(lefts) > 200, folios
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", str(contents), "-l", str(contents), "-png", str(pdf),
         str(SHOTS / "pdf-contents")], check=True,
    )  # fmt: skip


def test_a_section_in_a_language_of_its_own_is_set_in_its_direction(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A Hebrew section of an English book, in both outputs: its `lang` and its `dir` (it
    was set left to right, its lines flush left), and the book's own text left to right."""
    readers.need("chromium")
    book = make_book(
        {
            "001-a.md": section_source(1, "Trade", total=2),
            "002-b.md": section_source(2, "חקלאות", total=2, extra="lang: he\n", body=TEXT),
        }
    )
    made, _ = api.build_epub(book, tmp_path / "mixed.epub")
    page = readers.unzip(made, tmp_path / "x") / "ch01.xhtml"
    xhtml = page.read_text("utf-8")
    root = re.search(r"<html\b[^>]*>", xhtml)
    assert root is not None and "dir=" not in root[0]
    assert re.search(r'<section class="section"[^>]*lang="he" xml:lang="he" dir="rtl"', xhtml)
    measure = """
    return [...doc.querySelectorAll("section.section")].map(
      (s) => win.getComputedStyle(s.querySelector("p")).direction);"""
    assert json.loads(unescape(readers.frame_result(page, measure, 360))) == ["ltr", "rtl"]
    api.build_pdf(book, tmp_path / "mixed.pdf", html=tmp_path / "mixed.html")
    printed = (tmp_path / "mixed.html").read_text("utf-8")
    assert re.search(r'<section class="section"[^>]*lang="he" dir="rtl"', printed)
    assert "<body>" in printed  # the book's own direction: none said
    assert_epubcheck_clean(made)


# A passage in the other direction: reference entries (citeproc's .csl-entry, and a
# bibliography division's paragraphs) in an English section of a Hebrew book and in a
# Hebrew one of an English book.
_HE_ENTRY = "דוד, משה. 1999. " + "ספר ארוך מאוד על נושא חשוב בכלכלה ובחברה של הארץ. " * 3
_EN_ENTRY = "Doe, John. 1999. " + "A long study of the economy and society of the land. " * 3

# Each entry's first line (its first text's boxes on its first line) and its passage's text block.
_ENTRIES = """
const out = [];
const found = doc.querySelectorAll(
  ".csl-entry, .kind-bibliography .opening > p, .kind-bibliography .section > p");
for (const entry of found) {
  if (entry.classList.contains("data-date-line")) continue;
  const block = entry.closest(".section, .opening").getBoundingClientRect();
  const walk = doc.createTreeWalker(entry, NodeFilter.SHOW_TEXT);
  let text = walk.nextNode();
  while (!text.data.trim()) text = walk.nextNode();
  const range = doc.createRange();
  range.selectNodeContents(text);
  const boxes = [...range.getClientRects()];  // the line's bidi runs: a box each
  const line = boxes.filter((b) => Math.abs(b.top - boxes[0].top) < 2);
  const first = {
    left: Math.min(...line.map((b) => b.left)), right: Math.max(...line.map((b) => b.right)) };
  out.push({
    dir: win.getComputedStyle(entry).direction,
    out_left: Math.round(block.left - first.left), out_right: Math.round(first.right - block.right),
    start_gap: Math.round(win.getComputedStyle(entry).direction === "rtl"
      ? block.right - first.right : first.left - block.left),
  });
}
return out;
"""


def _passages_book(root: Path, language: str) -> Path:
    """A book in `language` (he or en), its second section and its bibliography division in
    the other language, each with two reference entries."""
    other = "en" if language == "he" else "he"
    entry = _EN_ENTRY if other == "en" else _HE_ENTRY
    own = _HE_ENTRY if language == "he" else _EN_ENTRY
    root.mkdir(parents=True)
    (root / "book.toml").write_text(
        f'title = "Testland"\nlanguage = "{language}"\ncountry = "Testland"\n'
        'identifier = "urn:uuid:12345678-1234-5678-9abc-123456789ab0"\n'
        'chapters = { 1 = "Economy" }\n',
        encoding="utf-8",
    )
    cited = f"::: csl-entry\n{entry}\n:::\n\n::: csl-entry\n{entry}\n:::\n"
    sources = {
        "001-a.md": section_source(1, "Trade", total=3, body=own + "\n"),
        "002-b.md": section_source(2, "Sources", total=3, extra=f"lang: {other}\n", body=cited),
        "003-c.md": section_source(
            3, "Works", total=3, extra=f"lang: {other}\nkind: bibliography\n",
            body=f"{entry}\n\n{entry}\n",
        ),
    }  # fmt: skip
    for name, source in sources.items():
        (root / name).write_text(source, encoding="utf-8")
    return root


@pytest.mark.parametrize("language", ["he", "en"])
def test_entries_in_a_passage_of_the_other_direction_hang_inside_the_text_block(
    language: str, tmp_path: Path
) -> None:
    """Each reference entry's first line starts at its passage's start edge and lies inside
    the text block, on a 360 px phone and on the printed page. Before, the book's mirror
    (`[dir="rtl"] .csl-entry`) reached an English section of a Hebrew book: its entries hung
    their first line 1.5em out past the left edge (Chromium cut "Doe,", the print set it in
    the margin); and a Hebrew bibliography in an English book missed its mirror (its rtl
    inside the division): its entries hung out past the right edge."""
    readers.need("chromium", "pdftotext")
    book = _passages_book(tmp_path / "book", language)
    made, _ = api.build_epub(book, tmp_path / f"{language}.epub")
    text = readers.unzip(made, tmp_path / "x")
    other = "ltr" if language == "he" else "rtl"
    for page in ("ch01.xhtml", "bibliography.xhtml"):
        entries = json.loads(unescape(readers.frame_result(text / page, _ENTRIES, 360)))
        assert len(entries) == 2, (page, entries)
        for entry in entries:
            assert entry["dir"] == other, (page, entry)
            assert entry["out_left"] <= 0 and entry["out_right"] <= 0, (page, entry)
            assert entry["start_gap"] <= 1, (page, entry)  # hung: flush at its start
        readers.chromium_screenshot(
            text / page, SHOTS / f"{language}-book-{other}-{page[:-6]}-360.png", 360, 640, False
        )
    assert_epubcheck_clean(made)
    pdf, _ = api.build_pdf(book, tmp_path / f"{language}.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])  # type: ignore[index]
    lines = [line for n in range(1, pages + 1) for line in _lines(pdf, n)]
    left = Counter(round(x0) for x0, _, _ in lines).most_common(1)[0][0]
    right = Counter(round(x1) for _, x1, _ in lines).most_common(1)[0][0]
    word = "Doe," if other == "ltr" else "דוד,"
    firsts = [(x0, x1) for x0, x1, words in lines if word in words.split()]
    assert len(firsts) == 4, firsts
    assert all(x0 > left - 1 and x1 < right + 1 for x0, x1 in firsts), (left, right, firsts)
