"""`invoke pdf` on the default book, read back from the PDF file."""

from __future__ import annotations

import hashlib
import itertools
import re
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from tests.conftest import ROOT
from tests.support.cli import invoke
from tests.support.pdf_text import page_texts
from tests.support.weasyprint_log import quietly


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("pdf")
    out, html = folder / "book.pdf", folder / "print.html"
    result = invoke("pdf", "--out", out, "--html", html)
    assert result.returncode == 0, result.stderr
    return out, html, result.stdout


def test_prints_the_path_last(built: tuple[Path, Path, str]) -> None:
    out, _, stdout = built
    assert stdout.strip().splitlines()[-1] == str(out)


def test_default_book_reads_back_clean(built: tuple[Path, Path, str]) -> None:
    manuscript, _ = api.manuscript(ROOT / "book")
    assert [str(d) for d in check_book_pdf(built[0], manuscript)] == []


def test_display_pages_carry_no_folio(built: tuple[Path, Path, str]) -> None:
    """Half-title, title page and imprint are display pages: no folio (the imprint printed
    'iv'); the contents has its roman one."""
    facts = read_pdf(built[0])
    imprint = next(p for p in facts.pages if any(t.startswith("Identifier") for t in p.texts()))
    contents = next(p for p in facts.pages if "Contents" in p.texts())
    assert [p.folio for p in facts.pages[: imprint.index + 1]] == [""] * (imprint.index + 1)
    assert contents.folio == "v"


def test_default_path_and_two_builds_are_identical(tmp_path: Path) -> None:
    """Run in a copy of nothing: the default output goes to build/ under the cwd."""
    book = ROOT / "book"
    first = invoke("pdf", "--book", book, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    path = tmp_path / first.stdout.strip().splitlines()[-1]
    assert path == tmp_path / "build" / "belarus-a-country-study.pdf"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    second = invoke("pdf", "--book", book, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_html_alone_renders_the_same_pages(built: tuple[Path, Path, str], tmp_path: Path) -> None:
    """`--html` is the HTML octavo laid out: WeasyPrint, with octavo's three patches that
    change a layout by design (a line cut early, a contents leader's dots run on to its
    folio, a right-to-left indent), gives the same pages. They are installed here: the
    test passed only after another test of the same process had installed them (alone,
    the contents' dots stopped short of their folios' column)."""
    from weasyprint import HTML

    from octavo.render.pdf import weasy_indent, weasy_leaders, weasy_lines

    for patch in (weasy_lines, weasy_leaders, weasy_indent):
        patch.install()
    out, html, _ = built
    again = tmp_path / "again.pdf"
    HTML(filename=html).write_pdf(again)
    text = [
        subprocess.run(
            ["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True, check=True
        ).stdout
        for p in (out, again)
    ]
    assert text[0] == text[1]


def test_fonts_are_the_shipped_face(built: tuple[Path, Path, str]) -> None:
    fonts = read_pdf(built[0]).fonts
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("octavo-serif" in name for name, _ in fonts)


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_other_papers_read_back_clean(paper: str, tmp_path: Path) -> None:
    out = tmp_path / f"{paper}.pdf"
    path, _ = api.build_pdf(ROOT / "book", out, paper)
    manuscript, _ = api.manuscript(ROOT / "book")
    assert [str(d) for d in check_book_pdf(path, manuscript)] == []


def test_tagged_pdf_ua(tmp_path: Path) -> None:
    path, _ = api.build_pdf(ROOT / "book", tmp_path / "ua.pdf", tagged=True)
    from pypdf import PdfReader

    catalog: Any = PdfReader(path).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en"


def test_a_failed_build_keeps_the_previous_file(built: tuple[Path, Path, str]) -> None:
    out = built[0]
    before = out.read_bytes()
    result = invoke("pdf", "--out", out, "--paper", "tabloid")
    assert result.returncode == 1 and "E605" in result.stderr
    assert out.read_bytes() == before
    assert not list(out.parent.glob(".*.part"))


def test_a_style_reaching_outside_the_book_is_an_error(make_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import section_source

    book = make_book({"001-a.md": section_source(1, "Land", total=1)})
    sheet = book / "styles" / "print" / "book.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(
        '/* the book\'s look */\n@import url("file:///etc/passwd");\n', encoding="utf-8"
    )
    result = invoke("pdf", "--book", book, "--out", tmp_path / "x.pdf")
    assert result.returncode == 1 and "E601" in result.stderr
    assert f"{sheet}:2: E601" in result.stderr  # where it is written, not the book's folder
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("paper", "caption"),
    [("6x9", "The parliament tower, Port Vell"), ("a4", "The tower"), ("6x9", "")],
    ids=["6x9", "a4", "no-caption"],
)
def test_a_tall_figure_fits_the_text_block_with_its_caption(
    make_book: Any, tmp_path: Path, paper: str, caption: str
) -> None:
    """A portrait photograph ran off the foot of the page (a 1:2 JPEG on 6x9 paper: its box
    to 730 pt of 648), its caption alone at the top of the next: now held to the text block
    less a caption's room, and read back whole (E622 would say it lacks its caption)."""
    from io import BytesIO

    import pdfplumber
    from PIL import Image

    from tests.conftest import BOOK_TOML, section_source

    picture = BytesIO()
    Image.new("RGB", (1200, 2400), (90, 120, 160)).save(picture, "JPEG")
    credit = '{credit="Courtesy of the Board"}' if caption else ""  # none: an image, W509
    body = f"Before.\n\n![{caption}](tower.jpg){credit}\n\nAfter.\n"
    book = make_book(
        {
            "001-a.md": section_source(1, "Land", total=1, body=body),
            "tower.jpg": picture.getvalue(),
        },
        toml=BOOK_TOML + f'paper = "{paper}"\n',
    )
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf"))
    assert [d.code for d in found] == ([] if caption else ["W509"]) and logged == []
    manuscript, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
    with pdfplumber.open(pdf) as opened:
        (page,) = [p for p in opened.pages if p.images]
        (image,) = page.images
        assert image["top"] >= 0 and image["bottom"] <= float(page.height)
        assert caption in (page.extract_text() or "")


def test_a_superscript_keeps_its_line_s_leading(make_book: Any, tmp_path: Path) -> None:
    """ "6,200 km^2^" (an imported page's <sup> now too) pushed its line about three points
    from the one above; every line of a paragraph is now as far from the next. Measured at
    the baselines of the text's own letters (a line's top, as pdfplumber groups it, holds
    the raised figure when it is close enough to be read with its line)."""
    from collections import Counter

    from tests.conftest import section_source

    words = "The area farmed fell in every province after the reforms of the early nineties. "
    body = f"{words * 3}It fell to 6,200 km^2^ and H~2~O was short. {words * 3}\n"
    book = make_book({"001-a.md": section_source(1, "Land", total=1, body=body)})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf"))
    assert logged == []
    with pdfplumber.open(pdf) as opened:
        (chars,) = [p.chars for p in opened.pages if "km" in (p.extract_text() or "")]
    letters = [c for c in chars if c["text"].isalpha()]
    text_size = Counter(round(c["size"], 1) for c in letters).most_common(1)[0][0]
    baselines = sorted({round(c["bottom"], 1) for c in letters if round(c["size"], 1) == text_size})
    gaps = {round(b - a, 1) for a, b in itertools.pairwise(baselines)}
    assert len(baselines) >= 6 and len(gaps) == 1, baselines


def test_calls_and_breaks_as_a_typographer_sets_them(make_book: Any, tmp_path: Path) -> None:
    """A heading's call (its data date) is sized and raised for the heading's type (it
    was 5.8 pt beside a 42 pt chapter title, near its baseline); a note called a second
    time is a raised call too (it printed as a full-size figure); no word is broken with
    fewer than three letters on a side ("co-", "Be-larus")."""
    from tests.conftest import section_source

    words = (
        "Collectivization, industrialization and electrification reorganized agriculture; "
        "cooperation between republics, decentralization and privatization continued. "
    ) * 15
    body = f"First call.[^a] {words}Second call of the same note.[^a]\n\n[^a]: The note.\n"
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf", jobs=1))
    assert logged == []
    with pdfplumber.open(pdf) as document:
        (page,) = [p for p in document.pages if "Second call" in (p.extract_text() or "")]
        chars = page.chars
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    title = [c for c in chars if 13 < c["size"] < 16]  # the section's heading, "Trade"
    end = max(t["x1"] for t in title)
    call = next(c for c in chars if c["text"] == "1" and end <= c["x0"] < end + 5)
    assert call["size"] >= 7.5 and call["bottom"] < max(t["bottom"] for t in title) - 2
    calls = [c["size"] for c in chars if c["text"] == "2" and c["size"] < 7]
    assert len(calls) == 2 and round(calls[0], 2) == round(calls[1], 2)  # the two calls alike
    broken = re.findall(r"(\w+)[-\u2010]\n(\w+)", text)
    assert broken and all(len(a) >= 3 and len(b) >= 3 for a, b in broken), broken


def test_a_book_without_authors_credits_its_publisher(make_book: Any, tmp_path: Path) -> None:
    """A country study has no authors of its own: the EPUB's dc:creator is its publisher
    (a corporate author, as catalogues credit it); the PDF had no /Author at all."""
    import pypdf

    from tests.conftest import BOOK_TOML, section_source

    toml = BOOK_TOML + 'publisher = "Federal Research Division, Library of Congress"\n'
    book = make_book({"001-a.md": section_source(1, total=1)}, toml)
    (pdf, _), _ = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf", jobs=1))
    info = pypdf.PdfReader(pdf).metadata
    assert info is not None and info.author == "Federal Research Division, Library of Congress"


def test_a_page_reference_into_the_front_matter_prints_its_roman_folio(
    make_book: Any, tmp_path: Path
) -> None:
    """`[](#id){.page}` to a place in the Preface printed the page counter in arabic
    figures, "page 7", where that page's folio is "vii" (the EPUB's page list said "vii");
    and the read-back check (E621) counted only arabic figures as a folio printed."""
    from tests.conftest import section_source
    from tests.support.pdf_text import page_texts

    preface = "The accounts follow the [method of 1968]{#method}, as set out then.\n"
    body = "The method is given on page [](#method){.page} of the preface.\n"
    book = make_book(
        {
            "001-preface.md": section_source(
                1, "Preface", chapter=0, total=2, extra="kind: preface\n", body=preface
            ),
            "002-accounts.md": section_source(2, "Accounts", total=2, body=body),
        }
    )
    (pdf, _), _ = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf", jobs=1))
    manuscript, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
    facts = read_pdf(pdf)
    folio = facts.pages[facts.dests["method"]].folio
    assert folio.isalpha()  # a roman folio: the Preface's page
    assert any(f"given on page {folio} of the preface" in t for t in page_texts(pdf))


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "parts"])
def test_a_long_chapter_title_s_running_head_is_one_line(
    make_book: Any, tmp_path: Path, jobs: int
) -> None:
    """A chapter title longer than the head margin is wide wrapped in its running head onto
    a second line, down against the text block, and `invoke check` called the book wrong
    (E613: "… de la República de", expected the whole title): the head is cut after a whole
    word, with an ellipsis, laid out whole or in parts."""
    from tests.conftest import BOOK_TOML, section_source

    long = (
        "The Economy, Foreign Relations and the National Security Policy of the Republic "
        "after its Independence from the Soviet Union"
    )
    toml = BOOK_TOML.replace('2 = "Government and Politics"', f'2 = "{long}"')
    body = "Words of a section, long enough to fill its pages. " * 200 + "\n"
    book = make_book(
        {
            "001-a.md": section_source(1, "Trade", total=2, body=body),
            "002-b.md": section_source(2, "Army", chapter=2, total=2, body=body),
        },
        toml + 'paper = "6x9"\n',
    )
    (pdf, _), _ = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf", jobs=jobs))
    manuscript, _ = api.manuscript(book)
    assert check_book_pdf(pdf, manuscript) == ()
    heads = [p.head for p in read_pdf(pdf).pages if p.head and p.head.startswith("The Economy,")]
    assert heads and all(h.endswith("…") and long.startswith(h[:-1]) for h in heads), heads
    with pdfplumber.open(pdf) as opened:
        for page in opened.pages:
            lines = {round(w["top"]) for w in page.extract_words() if w["text"] == "Economy,"}
            assert len(lines) <= 1  # the head on one line


LONG_TITLES = {
    "en": (
        "The Economy, Foreign Relations and the National Security Policy of a Republic "
        "after its Independence",
        "Relations with the Neighbouring Republics and with the International Financial "
        "Institutions",
    ),
    "de": (
        "Die Außenwirtschaftsbeziehungen und die Sicherheitspolitik der Republik nach den "
        "Wiedervereinigungsverhandlungen",
        "Beziehungen zu den Nachbarrepubliken und zu den internationalen "
        "Finanzierungseinrichtungen",
    ),
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_long_contents_entry_ends_with_its_leader_and_folio(
    make_book: Any, tmp_path: Path, language: str
) -> None:
    """A title too long for one line of the contents ran to the margin on each of its lines,
    over the folios' column, and one that filled its last line put its leader and folio on
    a line of their own. A title's lines stop short of the column now, the folio at the
    right of its last line, the dots running up to it: pdftotext and pdfplumber read each
    entry's folio after its title (the reverted column, 435696f, left a gap there that they
    read as a column of folios), and the read-back finds each contents line's folio."""
    from tests.conftest import BOOK_TOML, section_source

    chapter, section = LONG_TITLES[language]
    toml = BOOK_TOML.replace('2 = "Government and Politics"', f'2 = "{chapter}"')
    toml = toml.replace('language = "en"', f'language = "{language}"') + 'paper = "6x9"\n'
    book = make_book(
        {
            "001-a.md": section_source(1, "Trade", total=2),
            "002-b.md": section_source(2, section, chapter=2, total=2),
        },
        toml,
    )
    (pdf, _), _ = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf", jobs=1))
    manuscript, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
    facts = read_pdf(pdf)
    at = facts.dests["contents"]
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[at]
        rows: dict[int, list[dict[str, Any]]] = {}
        for char in page.chars:
            rows.setdefault(round(char["bottom"]), []).append(char)
        text = page.extract_text()
    lines = [sorted(rows[b], key=lambda c: c["x0"]) for b in sorted(rows)]
    right = max(c["x1"] for line in lines for c in line)  # the folios' right edge
    for title in (chapter, section):
        last_word = title.split()[-1]
        ends = [i for i, ln in enumerate(lines) if last_word in "".join(c["text"] for c in ln)]
        (end,) = ends
        first = lines[end - 1]  # the title's first line: no dots, short of the column
        assert not any(c["text"] == "." for c in first)
        assert max(c["x1"] for c in first) < right - 20
        last = lines[end]
        figures = [c for c in last if c["text"].isdigit()]
        dots = [c for c in last if c["text"] == "."]
        assert figures and dots and max(c["x1"] for c in figures) == pytest.approx(right, abs=1)
        assert min(c["x0"] for c in figures) - max(c["x1"] for c in dots) < 6  # no gap
        # read as a reader copies it: the folio after the title's last word, on its line
        assert re.search(rf"{last_word}[ .]+ \d+$", text, re.M), text
        copied = page_texts(pdf)[at]  # pdftotext's reading order
        assert re.search(rf"{last_word}(?: \.)+ \d+ ", copied), copied
