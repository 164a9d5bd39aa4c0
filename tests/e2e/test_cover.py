"""`invoke cover`: the print cover's size read back from the PDF (E645 for a bad page count)."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from octavo import api
from octavo.errors import BuildError
from tests.conftest import BOOK_TOML, ROOT, MakeBook, section_source

SIX_BY_NINE = BOOK_TOML + 'paper = "6x9"\nbleed = "0.125in"\nppi = 400\nisbn = "0-8444-0849-2"\n'


def _boxes(pdf: Path) -> tuple[list[float], list[float], list[float]]:
    page = PdfReader(pdf).pages[0]
    return (
        [float(v) for v in page.mediabox],
        [float(v) for v in page.trimbox],
        [float(v) for v in page.bleedbox],
    )


def _text(pdf: Path) -> str:
    command = ["pdftotext", "-layout", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_cover_width_is_back_spine_front_and_bleed(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=320)
    media, trim, bleed = _boxes(pdf)
    spine = 320 / 400 * 72  # 0.8 in
    assert media[2] - media[0] == pytest.approx(432 + spine + 432 + 2 * 9, abs=0.01)
    assert media[3] - media[1] == pytest.approx(648 + 2 * 9, abs=0.01)
    assert trim[2] - trim[0] == pytest.approx(2 * 432 + spine, abs=0.01)
    assert bleed == pytest.approx(media, abs=0.01)
    text = _text(pdf)
    assert "ISBN 978-0-8444-0849-1" in text  # above the barcode's space
    assert "Testland" in text


def test_cover_takes_the_page_count_of_the_book(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    pdf, _ = api.build_pdf(book, tmp_path / "book.pdf")
    pages = len(PdfReader(pdf).pages)
    cover, _ = api.build_cover(book, tmp_path / "cover.pdf")
    _, trim, _ = _boxes(cover)
    printed = pages + pages % 2
    assert trim[2] - trim[0] == pytest.approx(2 * 432 + printed / 400 * 72, abs=0.01)


def test_a_cover_to_an_out_writes_nothing_beside_it(make_book: MakeBook, tmp_path: Path) -> None:
    """The cover counts the book's pages from its PDF; with `--out` that PDF was written
    beside the cover, a file nobody named (and E701 of it for `--out /sys/x.pdf`). It is
    laid out and not written: the folder holds the cover alone, of the same spine."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    pages = len(PdfReader(api.build_pdf(book, tmp_path / "book.pdf")[0]).pages)
    out = tmp_path / "covers"
    out.mkdir()
    cover, _ = api.build_cover(book, out / "cover.pdf")
    assert sorted(p.name for p in out.iterdir()) == ["cover.pdf"]
    _, trim, _ = _boxes(cover)
    assert trim[2] - trim[0] == pytest.approx(2 * 432 + (pages + pages % 2) / 400 * 72, abs=0.01)


def test_a_cover_image_fills_the_front(make_book: MakeBook, tmp_path: Path) -> None:
    from PIL import Image

    book = make_book(
        {"001.md": section_source(1, "Land", total=1)},
        SIX_BY_NINE + 'cover = "images/front.png"\n',
    )
    (book / "images").mkdir()
    Image.new("RGB", (120, 180), (30, 60, 110)).save(book / "images" / "front.png")
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=100)
    resources: Any = PdfReader(pdf).pages[0]["/Resources"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in resources["/XObject"].values())


def test_a_coarse_landscape_cover_image_is_told_by_pdf_and_cover(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A 1200 × 800 px cover for a 6 × 9 in book printed at 86 and 85 dpi, half of it cut
    away, without a word from `pdf` or `cover` (trial52 repro-9): W659 and W660, at
    book.toml's `cover` line, of the PDF's first page and of the print cover's front."""
    from PIL import Image

    toml = SIX_BY_NINE + 'cover = "images/front.png"\n'
    book = make_book({"001.md": section_source(1, "Land", total=1)}, toml)
    (book / "images").mkdir()
    Image.new("RGB", (1200, 800), (30, 60, 110)).save(book / "images" / "front.png")
    line = toml.split("\n").index('cover = "images/front.png"') + 1
    _, in_pdf = api.build_pdf(book, tmp_path / "book.pdf")
    _, on_cover = api.build_cover(book, tmp_path / "cover.pdf", pages=100)
    for found, where in ((in_pdf, "the PDF's first page"), (on_cover, "the print cover's front")):
        told = [(d.code, d.line) for d in found if d.code in ("W659", "W660")]
        assert told == [("W659", line), ("W660", line)], found
        assert all(where in d.message for d in found if d.code in ("W659", "W660"))


def test_a_bad_page_count_is_e645(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    with pytest.raises(BuildError) as caught:
        api.build_cover(book, tmp_path / "cover.pdf", pages=-3)
    assert [d.code for d in caught.value.diagnostics] == ["E645"]


@pytest.mark.parametrize("pages", [999_999_999, 10**20], ids=["nine-figures", "21-figures"])
def test_a_cover_wider_than_a_pdf_page_is_e645(
    make_book: MakeBook, tmp_path: Path, pages: int
) -> None:
    """`--pages 999999999` (a slip of the keys) wrote a cover 2.25 million inches wide, and
    `--pages 100000000000000000000` a PDF of no page at all, both with exit 0. A cover is
    at most 200 in wide (14,400 units, a PDF page's limit): E645, nothing written."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    with pytest.raises(BuildError) as caught:
        api.build_cover(book, tmp_path / "cover.pdf", pages=pages)
    assert [d.code for d in caught.value.diagnostics] == ["E645"]
    assert not (tmp_path / "cover.pdf").exists()


def test_a_pdf_x1a_cover_is_cmyk_and_its_ground_runs_into_the_bleed(
    make_book: MakeBook, tmp_path: Path
) -> None:
    from PIL import Image

    from octavo.check.variants import check_variant

    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=200, variant="pdf/x-1a")
    assert [str(d) for d in check_variant(pdf, "pdf/x-1a")] == []
    command = ["pdftoppm", "-r", "72", "-png", "-x", "0", "-y", "0", "-W", "4", "-H", "4"]
    subprocess.run([*command, str(pdf), str(tmp_path / "corner")], check=True)
    (png,) = tmp_path.glob("corner*.png")
    assert Image.open(png).convert("RGB").getpixel((1, 1)) != (255, 255, 255)


# the smallest trim E149 lets a book have: a 1.5 in text block inside octavo's margins
SMALLEST = (
    BOOK_TOML
    + 'paper = "2 x 4.9 in"\nisbn = "0-8444-0849-2"\nseries = "Country Studies"\n'
    + 'publisher = "Federal Research Division, Library of Congress"\n'
    + 'description = "The economy of Testland, with its data date."\n'
)


def _words(pdf: Path, x0: float, x1: float) -> list[tuple[float, float, float, float, str]]:
    """The words between x0 and x1 (points from the trim's left edge), as pdfplumber reads
    them: (x0, top, x1, bottom, text) from the trim's top-left."""
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        left, _, _, top = (float(v) for v in PdfReader(pdf).pages[0].trimbox)
        height = float(page.height)
        words = page.extract_words(keep_blank_chars=False)
        shifted = [
            (
                w["x0"] - left,
                w["top"] - (height - top),
                w["x1"] - left,
                w["bottom"] - (height - top),
                w["text"],
            )
            for w in words
        ]
    return [w for w in shifted if x0 <= (w[0] + w[2]) / 2 <= x1]


def test_the_smallest_trim_prints_the_whole_front(make_book: MakeBook, tmp_path: Path) -> None:
    """At 2 x 4.9 in, the front's fixed 1.6 in and 1.2 in gaps left no room for the title:
    WeasyPrint dropped it, the subtitle and the publisher, and printed the series alone."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SMALLEST)
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=24)
    spine = 24 / 444 * 72
    front = " ".join(w[4] for w in _words(pdf, 144 + spine, 288 + spine))
    assert "Testland:" in front
    assert "Study" in front
    assert "Library of Congress" in front


def test_a_back_too_narrow_for_the_barcode_is_told_and_has_none(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """The barcode's space (2 x 1.2 in, 0.25 in from the spine) on a 2 in back ran 0.25 in
    over its outer edge, into the bleed, and over the back's text: W648 at `paper`, and the
    ISBN printed on the back as a line."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SMALLEST)
    pdf, found = api.build_cover(book, tmp_path / "cover.pdf", pages=24)
    (told,) = [d for d in found if d.code == "W648"]
    assert told.line == SMALLEST.split("\n").index('paper = "2 x 4.9 in"') + 1
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        rects = [r for r in opened.pages[0].rects if abs(r["width"] - 144) < 1]
    assert rects == []
    back = " ".join(w[4] for w in _words(pdf, 0, 144))
    assert "978-0-8444-0849-1" in back


def test_a_spine_too_thin_for_its_type_holds_no_title(make_book: MakeBook, tmp_path: Path) -> None:
    """80 pages at 400 ppi is a 14.4 pt spine: less than 5.5 pt type and 1/16 in clear of
    each fold (14.5 pt), so it prints no title; 120 pages (0.3 in) does."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=80)
    assert _words(pdf, 432, 432 + 80 / 400 * 72) == []
    pdf, _ = api.build_cover(book, tmp_path / "thick.pdf", pages=120)  # 0.3 in
    assert _words(pdf, 432, 432 + 120 / 400 * 72) != []


def test_a_spine_too_short_for_its_title_and_publisher_prints_the_title(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A 4.9 in tall spine set the title and the publisher on one line too short for both:
    they overprinted each other. The title alone is printed, the publisher left out."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SMALLEST)
    pdf, found = api.build_cover(book, tmp_path / "cover.pdf", pages=1200)
    spine = 1200 / 444 * 72
    text = " ".join(w[4] for w in _words(pdf, 144, 144 + spine))
    assert "Study" in text
    assert "Congress" not in text
    assert "W647" not in [d.code for d in found]


def test_a_spine_too_short_for_its_title_is_blank_and_told(
    make_book: MakeBook, tmp_path: Path
) -> None:
    toml = SMALLEST.replace("Testland: A Country Study", "Testland: " + "A Very Long Title " * 4)
    book = make_book({"001.md": section_source(1, "Land", total=1)}, toml)
    pdf, found = api.build_cover(book, tmp_path / "cover.pdf", pages=1200)
    spine = 1200 / 444 * 72
    assert _words(pdf, 144, 144 + spine) == []
    (told,) = [d for d in found if d.code == "W647"]
    assert told.line == 1  # the title's


def test_a_cover_style_that_moves_text_off_its_side_is_e646(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """The cover was never read back: a book's cover.css that set the front's title over
    the spine and the back was written as it was."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, SIX_BY_NINE)
    shipped = (ROOT / "styles" / "print" / "cover.css").read_text()
    (book / "styles" / "print").mkdir(parents=True)
    (book / "styles" / "print" / "cover.css").write_text(
        shipped + "\n.front-title { margin-left: -5in; }\n"
    )
    with pytest.raises(BuildError) as caught:
        api.build_cover(book, tmp_path / "cover.pdf", pages=320)
    assert "E646" in [d.code for d in caught.value.diagnostics]
    assert not (tmp_path / "cover.pdf").exists()


WHITE = BOOK_TOML + 'paper = "6x9"\nisbn = "0-8444-0849-2"\n'  # ppi 444: white paper


def test_a_spine_as_wide_as_its_type_and_folds_prints_its_title(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A 96-page book on white paper (0.22 in) had no spine title: text needed a 0.25 in
    spine (111 pages), where KDP prints spine text on books of more than 79 pages. The title
    is printed where its line (5.5 pt type at least, its ascent and descent) and 1/16 in
    clear of each fold fit: 0.21 in."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, WHITE)
    spine = 96 / 444 * 72  # 15.6 pt
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=96)
    words = _words(pdf, 432, 432 + spine)
    assert "Study" in " ".join(w[4] for w in words)
    assert min(w[0] for w in words) >= 432 + 4.5 - 0.1  # 1/16 in from the back's fold
    assert max(w[2] for w in words) <= 432 + spine - 4.5 + 0.1  # and from the front's
    pdf, _ = api.build_cover(book, tmp_path / "thin.pdf", pages=94)  # 15.2 pt: 5.4 pt type
    assert _words(pdf, 432, 432 + 94 / 444 * 72) == []


@pytest.mark.parametrize(
    ("toml", "pages", "line"),
    [
        (WHITE, 1300, None),  # --pages: 2.93 in at 444 ppi
        (WHITE + "ppi = 100\n", 276, 8),  # book.toml's ppi (line 8): 2.76 in
    ],
    ids=["pages", "ppi"],
)
def test_a_spine_wider_than_a_binding_holds_is_e649(
    make_book: MakeBook, tmp_path: Path, toml: str, pages: int, line: int | None
) -> None:
    """`--pages 9000` made a cover with a 20 in spine, without a word: no printer binds a
    paperback wider than 2.7 in (IngramSpark: 1,200 pages of 0.002252 in; KDP: 828 pages,
    1.86 in). E650 with the spine's numbers, before anything is written; 1,200 pages of
    white paper (2.7 in) build."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, toml)
    with pytest.raises(BuildError) as caught:
        api.build_cover(book, tmp_path / "cover.pdf", pages=pages)
    (told,) = caught.value.diagnostics
    assert (told.code, told.line) == ("E650", line)
    assert "in" in told.message and str(pages) in told.message.replace(",", "")
    assert not (tmp_path / "cover.pdf").exists()
    if line is None:
        built, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=1200)
        assert PdfReader(built).pages[0].trimbox.width == pytest.approx(864 + 1200 / 444 * 72)


NAMED = SIX_BY_NINE + (
    'subtitle = "A Study of the Land"\n'
    'publisher = "Federal Research Division, Library of Congress"\n'
)


@pytest.mark.parametrize(
    ("style", "key"),
    [
        # the back's publisher set inside the barcode's space: painted over by it
        (
            ".back-publisher { position: absolute; right: 0.35in; bottom: 0.4in; width: 1.7in;"
            " font-size: 6pt; }",
            "publisher",
        ),
        # the front's subtitle set on a 1.6 in spine, clear of the spine's own text
        (
            ".front-subtitle { position: absolute; left: -1.4in; top: 4in; width: 1.2in;"
            " font-size: 8pt; }",
            "subtitle",
        ),
        # the front's publisher set off the front's foot, into the bleed
        (".front-publisher { bottom: -0.1in; }", "publisher"),
    ],
    ids=["publisher-under-the-barcode", "subtitle-on-the-spine", "publisher-off-the-foot"],
)
def test_a_subtitle_or_publisher_out_of_place_is_e646(
    make_book: MakeBook, tmp_path: Path, style: str, key: str
) -> None:
    """The read-back checked the spine's text and the barcode's space, but a publisher set
    wholly inside the barcode's space (its own text, it took it for) or a subtitle set on
    the spine, within the spine's margins, was written without a word. Each is now E646
    at its key's line in book.toml, and nothing is written."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, NAMED)
    shipped = (ROOT / "styles" / "print" / "cover.css").read_text()
    (book / "styles" / "print").mkdir(parents=True)
    (book / "styles" / "print" / "cover.css").write_text(shipped + "\n" + style + "\n")
    with pytest.raises(BuildError) as caught:
        api.build_cover(book, tmp_path / "cover.pdf", pages=640)
    lines = NAMED.split("\n")
    told = [(d.code, d.line) for d in caught.value.diagnostics]
    assert ("E646", next(n for n, text in enumerate(lines, 1) if text.startswith(key))) in told
    assert not (tmp_path / "cover.pdf").exists()


def test_the_shipped_cover_with_a_subtitle_and_publisher_reads_back_clean(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = make_book({"001.md": section_source(1, "Land", total=1)}, NAMED)
    for pages in (24, 96, 640):
        api.build_cover(book, tmp_path / f"{pages}.pdf", pages=pages)


def test_a_description_too_long_for_the_back_is_e646_at_its_line(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """What overflows the back is dropped by WeasyPrint: told as cut, not as moved."""
    toml = NAMED + 'description = "' + "The land and its people, year by year. " * 120 + '"\n'
    book = make_book({"001.md": section_source(1, "Land", total=1)}, toml)
    with pytest.raises(BuildError) as caught:
        api.build_cover(book, tmp_path / "cover.pdf", pages=200)
    (told,) = [d for d in caught.value.diagnostics if d.line == toml.count("\n")]
    assert told.code == "E646" and "did not fit" in told.message


@pytest.fixture
def no_epubcheck(monkeypatch: pytest.MonkeyPatch) -> None:
    """`invoke check`'s EPUBCheck passed over: these tests are of its cover."""
    from types import SimpleNamespace

    import octavo.check.epub

    passed = SimpleNamespace(messages=[], version="x")
    monkeypatch.setattr(octavo.check.epub, "run_epubcheck", lambda _: passed)


@pytest.mark.usefixtures("no_epubcheck")
def test_check_reads_the_built_cover_back(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke check` read the EPUB and the PDF back, never the cover: a cover built for
    another page count (the book grew since) passed. The built cover (build/<slug>-cover.pdf)
    is now read back with `invoke cover`'s own check, against the book's PDF as built."""
    monkeypatch.chdir(tmp_path)  # build/ is the working folder's
    book = make_book({"001.md": section_source(1, "Land", total=1)}, NAMED)
    cover, _ = api.build_cover(book)
    checked = api.check(book)
    assert checked.cover == cover
    assert any(line.startswith(f"{cover}: ") for line in checked.lines)
    api.build_cover(book, pages=300)  # a spine of 0.75 in: not this book's
    with pytest.raises(BuildError) as caught:
        api.check(book)
    assert [(d.code, d.file) for d in caught.value.diagnostics] == [("E646", cover)]
    assert "rebuild the cover" in caught.value.diagnostics[0].message


@pytest.mark.usefixtures("no_epubcheck")
def test_check_takes_a_cover_and_asks_for_one_not_there(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    book = make_book({"001.md": section_source(1, "Land", total=1)}, NAMED)
    checked = api.check(book, out=tmp_path / "out")  # no cover built there: none read
    assert checked.cover is None
    with pytest.raises(BuildError) as caught:
        api.check(book, out=tmp_path / "out", cover=tmp_path / "missing.pdf")
    assert [d.code for d in caught.value.diagnostics] == ["E803"]


@pytest.mark.usefixtures("no_epubcheck")
def test_check_of_another_books_cover_says_so(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke check --cover` given the cover of another book of the same size: each of
    this book's texts was told as cut ('prints 1 of the 4 words of 'title': the rest did
    not fit on it', hint: shorten it), which no trim mends. A cover printing the title
    nowhere is told once as not this book's."""
    monkeypatch.chdir(tmp_path)
    book = make_book({"001.md": section_source(1, "Land", total=1)}, NAMED)
    other = tmp_path / "other"
    other.mkdir()
    for path in book.iterdir():
        (other / path.name).write_bytes(path.read_bytes())
    toml = NAMED.replace("Testland: A Country Study", "Otherland: Some Essays")
    (other / "book.toml").write_text(toml.replace("A Study of the Land", "Essays"), "utf-8")
    cover, _ = api.build_cover(other, tmp_path / "other-cover.pdf")
    with pytest.raises(BuildError) as caught:
        api.check(book, out=tmp_path / "out", cover=cover)
    (told,) = caught.value.diagnostics
    assert told.code == "E646" and told.line == 1, str(told)
    assert told.file is not None and told.file.resolve() == book / "book.toml"
    assert "not the cover of this book" in told.message and "invoke cover" in (told.hint or "")


RIGHT_TO_LEFT = NAMED.replace('language = "en"', 'language = "ar"')
ARABIC_TITLE = NAMED.replace("Testland: A Country Study", "مصر: دراسة قطرية")


def _drawn(pdf: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        return list(opened.pages[0].chars), list(opened.pages[0].rects)


@pytest.mark.parametrize(
    ("toml", "front_left"),
    [(RIGHT_TO_LEFT, True), (ARABIC_TITLE, False), (RIGHT_TO_LEFT.replace("Test", "مصر"), True)],
    ids=["arabic-book-latin-title", "english-book-arabic-title", "arabic-book-arabic-title"],
)
def test_a_right_to_left_cover_is_the_mirror_and_reads_back_clean(
    make_book: MakeBook, tmp_path: Path, toml: str, front_left: bool
) -> None:
    """ut47 1(c): a book in Arabic put its spine's text off the sheet (x = -84 pt, E646:
    WeasyPrint placed the right-to-left spine line off its 'left'), and an Arabic title
    was never found on the cover ('prints 0 of the 3 words of 'title''): the read-back
    took each line's characters in the order drawn, an Arabic word reversed. A
    right-to-left book binds on the right: its cover is front | spine | back."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, toml)
    pdf, _ = api.build_cover(book, tmp_path / "cover.pdf", pages=320)
    page = PdfReader(pdf).pages[0]
    left = float(page.trimbox[0])
    spine = 320 / 400 * 72
    chars, rects = _drawn(pdf)
    on_spine = [c for c in chars if c["x0"] - left > 432 and c["x1"] - left < 432 + spine]
    assert on_spine and all(not c["upright"] for c in on_spine)
    (barcode,) = [r for r in rects if round(r["width"]) == 144]  # on the back, by the spine
    assert barcode["x0"] - left == pytest.approx(432 + spine + 18 if front_left else 432 - 162)
    # `invoke check --cover`'s read-back of it, as given (its spine's texts not known)
    from octavo.check.cover import CoverPlan, Expected, check_cover

    title = toml.split('title = "')[1].split('"')[0]
    spine_title = Expected("spine", "title", title, required=False)
    texts = (Expected("front", "title", title), Expected("back", "title", title), spine_title)
    plan = CoverPlan(432, 648, spine, 9, texts, given=True, rtl=front_left)
    assert check_cover(pdf.read_bytes(), plan) == ()
    if front_left:  # the sides read as a left-to-right book's: the front's text on the back
        assert check_cover(pdf.read_bytes(), replace(plan, rtl=False))


def test_a_right_to_left_cover_with_its_title_moved_off_its_side_is_e646(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """The mirrored cover's read-back still finds a text out of place: the front (on the
    left of a right-to-left book's cover) whose title runs onto the spine and the back."""
    book = make_book({"001.md": section_source(1, "Land", total=1)}, RIGHT_TO_LEFT)
    shipped = (ROOT / "styles" / "print" / "cover.css").read_text()
    (book / "styles" / "print").mkdir(parents=True)
    (book / "styles" / "print" / "cover.css").write_text(
        shipped + "\n.front-title { margin-left: 5in; margin-right: -5in; }\n"
    )
    with pytest.raises(BuildError) as caught:
        api.build_cover(book, tmp_path / "cover.pdf", pages=320)
    assert "E646" in [d.code for d in caught.value.diagnostics]
