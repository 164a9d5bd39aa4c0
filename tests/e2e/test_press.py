"""Print-ready PDFs read back: trims, margins, bleed and marks, blank pages (E605, E640-E643)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.check.press import check_press
from octavo.check.variants import check_variant
from octavo.errors import BuildError
from octavo.shipped import STYLES
from octavo.source.paper import page_setup
from tests.conftest import BOOK_TOML, DATA, MakeBook, section_source
from tests.support.weasyprint_log import expected_warnings, quietly

# three one-paragraph chapters: each ends on a right-hand page, so a blank page follows
CHAPTERS = {
    f"00{n}.md": section_source(n, f"Part {n}", chapter=n, total=3, body="Some text.\n" * 3)
    for n in (1, 2, 3)
}


def _book(make_book: MakeBook, toml: str = "") -> Path:
    return make_book(dict(CHAPTERS), BOOK_TOML + toml)


def _read_back(book: Path, pdf: Path) -> list[str]:
    manuscript, _ = api.manuscript(book)
    config = manuscript.book.config
    page = page_setup(config.paper, config.margins, config.bleed, config.marks)
    found = check_book_pdf(pdf, manuscript) + check_press(read_pdf(pdf), page)
    return [str(d) for d in found]


@pytest.mark.parametrize(
    ("toml", "trim", "bleed", "media"),
    [
        ('paper = "6x9"\nbleed = "0.125in"\nmarks = "crop"\n', (432, 648), 9, 18),
        ('paper = "a5"\n', (419.53, 595.28), 0, 0),
        (
            'paper = "150 x 230 mm"\nbleed = "3mm"\n[margins]\ninner = "20mm"\n',
            (425.2, 651.97),
            8.5,
            8.5,
        ),
    ],
    ids=["6x9-bleed-crop", "a5", "150x230mm"],
)
def test_trims_read_back(
    make_book: MakeBook,
    tmp_path: Path,
    toml: str,
    trim: tuple[float, float],
    bleed: float,
    media: float,
) -> None:
    book = _book(make_book, toml)
    for jobs in (1, 2):  # one process, and parts merged (blank pages added by the merge)
        pdf, _ = api.build_pdf(book, tmp_path / f"{jobs}.pdf", jobs=jobs)
        assert _read_back(book, pdf) == []
        for page in read_pdf(pdf).pages:
            left, bottom, right, top = page.box("/TrimBox")
            assert (right - left, top - bottom) == pytest.approx(trim, abs=0.05)
            assert page.box("/BleedBox") == pytest.approx(
                (left - bleed, bottom - bleed, right + bleed, top + bleed), abs=0.05
            )
            assert page.box("/MediaBox") == pytest.approx(
                (left - media, bottom - media, right + media, top + media), abs=0.05
            )


def test_blank_pages_are_blank_and_a_kept_head_is_e623(make_book: MakeBook, tmp_path: Path) -> None:
    book = _book(make_book)
    pdf, _ = api.build_pdf(book, tmp_path / "ok.pdf")
    pages = read_pdf(pdf).pages
    assert [p.index for p in pages if not p.lines][-3:] == [7, 9, 11]  # after each chapter
    sheet = book / "styles" / "print" / "book.css"
    sheet.parent.mkdir(parents=True)
    own = (STYLES / "print" / "book.css").read_text(encoding="utf-8")
    sheet.write_text(re.sub(r"@page :blank, .*?\n\}\n", "", own, flags=re.DOTALL), encoding="utf-8")
    pdf, _ = api.build_pdf(book, tmp_path / "heads.pdf")
    codes = [d.code for d in check_press(read_pdf(pdf), page_setup("letter"))]
    assert codes and set(codes) == {"E643"}


def test_text_outside_the_margins_is_e622_and_wrong_boxes_e621(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book, 'paper = "6x9"\n')
    sheet = book / "styles" / "print" / "book.css"
    sheet.parent.mkdir(parents=True)
    own = (STYLES / "print" / "book.css").read_text(encoding="utf-8")
    sheet.write_text(own + "\n.section p { margin-left: -0.4in; }\n", encoding="utf-8")
    pdf, _ = api.build_pdf(book, tmp_path / "wide.pdf")
    facts = read_pdf(pdf)
    assert {d.code for d in check_press(facts, page_setup("6x9"))} == {"E642"}
    assert {d.code for d in check_press(facts, page_setup("6x9", (), 9.0))} == {"E641", "E642"}


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"paper": "6x9x2"}, "E605"),
        ({"paper": "6 x 8"}, "E605"),
        ({"bleed": "lots"}, "E605"),
        ({"marks": "stars"}, "E605"),
        ({"variant": "pdf/x-9"}, "E640"),
    ],
    ids=["paper", "paper-unit", "bleed", "marks", "variant"],
)
def test_bad_print_options(
    make_book: MakeBook, tmp_path: Path, options: dict[str, str], code: str
) -> None:
    book = _book(make_book)
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, tmp_path / "x.pdf", **options)  # type: ignore[arg-type]
    assert [d.code for d in caught.value.diagnostics] == [code]


def test_trims_scale_their_margins_and_type() -> None:
    small, large = page_setup("5.5x8.5"), page_setup("7x10")
    assert small.inner / small.width == pytest.approx(large.inner / large.width)
    assert small.font_size < large.font_size
    assert page_setup("6 x 9 in") == page_setup("6x9") == page_setup("6X9in")
    assert page_setup("152.4 x 228.6 mm").width == pytest.approx(page_setup("6x9").width)
    assert page_setup("letter", (("inner", 54.0),)).inner == 54.0


@pytest.mark.parametrize("variant", ["pdf/x-4", "pdf/x-1a", "pdf/a-2b", "pdf/a-3b", "pdf/ua-1"])
def test_each_variant_reads_back(make_book: MakeBook, tmp_path: Path, variant: str) -> None:
    book = _book(make_book, 'paper = "6x9"\nbleed = "0.125in"\n')
    pdf, _ = api.build_pdf(book, tmp_path / "v.pdf", variant=variant)
    assert _read_back(book, pdf) == []
    assert [str(d) for d in check_variant(pdf, variant)] == []
    again, _ = api.build_pdf(book, tmp_path / "again.pdf", variant=variant)
    assert again.read_bytes() == pdf.read_bytes()  # PDF/X-4's XMP DocumentID is not random
    if variant == "pdf/x-4":
        from pypdf import PdfReader

        root: Any = PdfReader(pdf).trailer["/Root"]
        (intent,) = root["/OutputIntents"]
        assert intent.get_object()["/S"] == "/GTS_PDFX"


def test_a_variant_check_fails_on_another_variant(make_book: MakeBook, tmp_path: Path) -> None:
    pdf, _ = api.build_pdf(_book(make_book), tmp_path / "x4.pdf", variant="pdf/x-4")
    problems = " ".join(d.message for d in check_variant(pdf, "pdf/x-1a"))
    assert {d.code for d in check_variant(pdf, "pdf/x-1a")} == {"E644"}
    assert "PDF version 1.6" in problems and "RGB colour" in problems


def test_a_full_bleed_figure_runs_into_the_bleed(make_book: MakeBook, tmp_path: Path) -> None:
    import pdfplumber
    from PIL import Image

    body = "Before the map.\n\n![The land from the air](images/map.png){.bleed}\n\nAfter it.\n"
    book = make_book(
        {"001.md": section_source(1, "Land", total=1, body=body)},
        BOOK_TOML + 'paper = "6x9"\nbleed = "0.125in"\nmarks = "crop"\n',
    )
    (book / "images").mkdir()
    Image.new("RGB", (60, 90), (30, 60, 110)).save(book / "images" / "map.png")
    pdf, _ = api.build_pdf(book, tmp_path / "bleed.pdf")
    assert _read_back(book, pdf) == []
    with pdfplumber.open(pdf) as opened:
        pictured = [(p, p.images[0]) for p in opened.pages if p.images]
        assert len(pictured) == 1
        page, image = pictured[0]
        # the picture covers the BleedBox (trim + 9 pt), not the marks' space outside it
        left, top, right, bottom = page.bbox  # the MediaBox: trim + 18 pt
        assert image["x0"] <= left + 9.5 and image["x1"] >= right - 9.5
        assert image["top"] <= top + 9.5 and image["bottom"] >= bottom - 9.5
        assert image["x0"] >= left and image["top"] >= top - 9  # cropped, not in the marks
        assert page.extract_text().strip().startswith("Figure 1. The land from the air")


def test_the_book_s_own_cover_runs_into_the_bleed(make_book: MakeBook, tmp_path: Path) -> None:
    """The PDF's first page, the book's `cover` image, stopped at the trim: a bleed asked
    for left a white edge to be cut on three sides, as a full-bleed figure's never did."""
    import pdfplumber
    from PIL import Image

    book = make_book(
        {"001.md": section_source(1, "Land", total=1)},
        BOOK_TOML
        + 'cover = "images/front.png"\npaper = "6x9"\nbleed = "0.125in"\nmarks = "crop"\n',
    )
    (book / "images").mkdir()
    Image.new("RGB", (60, 90), (110, 45, 30)).save(book / "images" / "front.png")
    pdf, _ = api.build_pdf(book, tmp_path / "cover.pdf")
    assert _read_back(book, pdf) == []
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        (image,) = page.images
        left, top, right, bottom = page.bbox  # the MediaBox: trim + 18 pt
        assert image["x0"] <= left + 9.5 and image["x1"] >= right - 9.5
        assert image["top"] <= top + 9.5 and image["bottom"] >= bottom - 9.5
        assert image["x0"] >= left and image["top"] >= top - 9  # cropped, not in the marks
        assert len(opened.pages[1].chars) == 0  # its back still blank


def test_a_character_no_font_holds_is_told_at_its_line(make_book: MakeBook, tmp_path: Path) -> None:
    """A character neither the book's face nor any font of the machine holds (a Chinese
    name on a machine without a CJK font; here U+0378, which no font has) was printed as an
    empty box, WeasyPrint saying so on a logger nobody heard: W651 now, at its line, and
    fatal under --strict."""
    body = "Some text.\n\nA sign: \u0378 here.\n"
    book = make_book({"001.md": section_source(1, "Land", total=1, body=body)}, BOOK_TOML)
    with expected_warnings() as heard:
        _, found = api.build_pdf(book, tmp_path / "boxes.pdf")
    assert heard  # WeasyPrint's own words, which W651 reads
    assert [(d.code, d.file and d.file.name, d.line) for d in found] == [("W651", "001.md", 13)]
    # its font, encoded by WeasyPrint in a way of its own, reads back as nothing: one E652,
    # where the read-back told some sixty problems of a PDF that has none (no folio read)
    manuscript, _ = api.manuscript(book)
    read = check_book_pdf(tmp_path / "boxes.pdf", manuscript)
    assert [(d.code, "octavo-serif" in d.message) for d in read] == [("E652", True)]
    with expected_warnings(), pytest.raises(BuildError) as caught:
        api.build_pdf(book, tmp_path / "strict.pdf", strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["W651"]
    assert not (tmp_path / "strict.pdf").exists()


def test_a_handout_tells_of_a_character_no_font_holds(make_book: MakeBook, tmp_path: Path) -> None:
    """W651 covered the book's PDF alone: a handout of the same section printed the empty
    box and the build said nothing. Told at the section's line now, and fatal under
    --strict, no handout written."""
    body = "Some text.\n\nA sign: \u0378 here.\n"
    book = make_book({"001.md": section_source(1, "Land", total=1, body=body)}, BOOK_TOML)
    with expected_warnings() as heard:
        made = api.build_handouts(book, tmp_path / "h")
    assert heard and len(made.written) == 1
    assert [(d.code, d.file and d.file.name, d.line) for d in made.found] == [
        ("W651", "001.md", 13)
    ]
    with expected_warnings(), pytest.raises(BuildError) as caught:
        api.build_handouts(book, tmp_path / "strict", strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["W651"]
    assert not (tmp_path / "strict").exists() or not any((tmp_path / "strict").iterdir())


def test_the_cover_tells_of_a_character_no_font_holds(make_book: MakeBook, tmp_path: Path) -> None:
    """The print cover printed an empty box for a character of its subtitle and said
    nothing: W651 at book.toml's `subtitle` line (the cover prints book.toml's texts, not a
    section's, though a section holds the character too), fatal under --strict."""
    toml = BOOK_TOML + 'subtitle = "Sign \u0378 of the times"\n'
    body = "Some text \u0378.\n"
    book = make_book({"001.md": section_source(1, "Land", total=1, body=body)}, toml)
    line = toml.splitlines().index('subtitle = "Sign \u0378 of the times"') + 1
    # its font reads back as no text (E652, not the words of the subtitle told as cut: E646)
    with expected_warnings() as heard:
        _, found = api.build_cover(book, tmp_path / "cover.pdf", pages=120)
    assert heard
    assert [(d.code, d.file and d.file.name, d.line) for d in found] == [
        ("W651", "book.toml", line)
    ]
    with expected_warnings(), pytest.raises(BuildError) as caught:
        api.build_cover(book, tmp_path / "strict.pdf", pages=120, strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["W651"]
    assert not (tmp_path / "strict.pdf").exists()
    with expected_warnings():
        pdf, _ = api.build_pdf(book, tmp_path / "book.pdf", jobs=1)
    manuscript, _ = api.manuscript(book)
    from pypdf import PdfReader

    from octavo.api.checks import _cover

    pages = len(PdfReader(pdf).pages)
    assert [d.code for d in _cover(manuscript, pdf, pages, tmp_path / "cover.pdf")] == ["E652"]


def test_a_page_holding_a_picture_alone_is_not_blank(make_book: MakeBook, tmp_path: Path) -> None:
    """An image without a caption that fills its page (the next chapter opening on a
    right-hand page after it) was E643, "blank but for a running head or folio"."""
    from io import BytesIO

    from PIL import Image

    picture = BytesIO()
    Image.new("RGB", (1200, 2400), (90, 120, 160)).save(picture, "JPEG")
    book = make_book(
        {
            "001-a.md": section_source(1, "Land", total=2, body="Before.\n\n![](tower.jpg)\n"),
            "002-b.md": section_source(2, "Sea", chapter=2, total=2, body="Text.\n"),
            "tower.jpg": picture.getvalue(),
        },
        BOOK_TOML + 'paper = "6x9"\n',
    )
    pdf, _ = api.build_pdf(book, tmp_path / "p.pdf")
    facts = read_pdf(pdf)
    (alone,) = [p for p in facts.pages if p.pictures]
    assert [text for _, _, text in alone.lines] == ["Testland: A Country Study", "2"]
    assert [str(d) for d in check_press(facts, page_setup("6x9"))] == []


@pytest.mark.parametrize("mode", ["RGBA", "RGB"], ids=["alpha", "opaque"])
def test_x1a_catches_a_figure_with_an_alpha_channel(
    make_book: MakeBook, tmp_path: Path, mode: str
) -> None:
    """A figure PNG with an alpha channel is written as an image with a soft mask, which
    PDF/X-1a forbids; the check looked at graphics states and page groups alone."""
    import pdfplumber
    from PIL import Image

    picture = Image.new(mode, (120, 80), (30, 60, 110))
    if mode == "RGBA":
        picture.putalpha(Image.linear_gradient("L").resize((120, 80)))
    pages = "".join(f"Paragraph {n}.\n\n" for n in range(40))
    body = f"{pages}![A coast fading into the sea](images/coast.png)\n\nAfter it.\n"
    book = make_book(
        {"001.md": section_source(1, "Coast", total=1, body=body)},
        BOOK_TOML + 'paper = "6x9"\n',
    )
    (book / "images").mkdir()
    picture.save(book / "images" / "coast.png")
    pdf, _ = api.build_pdf(book, tmp_path / "plain.pdf")  # an X-1a build refuses it (E644)
    with pdfplumber.open(pdf) as opened:  # the page that draws it, read by another reader
        (drawn,) = [p.page_number for p in opened.pages if p.images]
    assert drawn > 1
    found = [d.message for d in check_variant(pdf, "pdf/x-1a")]
    masked = [m for m in found if "soft mask" in m]
    if mode == "RGBA":
        assert masked and masked[0].startswith(f"pdf/x-1a: page {drawn}: ")
    else:
        assert masked == []


def test_an_x1a_build_reads_itself_back_and_keeps_the_last_pdf(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """`invoke pdf --pdf-variant pdf/x-1a` wrote a PDF the variant's read-back refuses (a
    figure with an alpha channel: a soft mask) and said nothing: a printer would reject
    it. The build reads its PDF back first: exit 1, E644 naming the page and the figure's
    file, and the last build's PDF as it was."""
    import pdfplumber
    from PIL import Image

    from tests.support.cli import invoke

    pages = "".join(f"Paragraph {n}.\n\n" for n in range(40))
    book = make_book(
        {"001.md": section_source(1, "Coast", total=1, body=pages)},
        BOOK_TOML + 'paper = "6x9"\n',
    )
    out = tmp_path / "x1a.pdf"
    first = invoke("pdf", "--book", book, "--out", out, "--pdf-variant", "pdf/x-1a")
    assert first.returncode == 0, first.stderr
    kept = out.read_bytes()
    picture = Image.new("RGBA", (120, 80), (30, 60, 110))
    picture.putalpha(Image.linear_gradient("L").resize((120, 80)))
    (book / "images").mkdir()
    picture.save(book / "images" / "coast.png")
    section = book / "001.md"
    section.write_text(section.read_text() + "![A coast](images/coast.png)\n\nAfter it.\n")
    plain, _ = api.build_pdf(book, tmp_path / "plain.pdf")  # the same pages, no variant
    with pdfplumber.open(plain) as opened:
        (drawn,) = [p.page_number for p in opened.pages if p.images]
    refused = invoke("pdf", "--book", book, "--out", out, "--pdf-variant", "pdf/x-1a")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    figure = book / "images" / "coast.png"
    assert f"{figure}: E644 error: pdf/x-1a: page {drawn}: image /" in refused.stderr
    assert "(120×80 px, images/coast.png) has a soft mask" in refused.stderr
    assert out.read_bytes() == kept
    # the same book without the variant is built as before: nothing is read back
    assert invoke("pdf", "--book", book, "--out", out).returncode == 0


# a rule under each running head, in the top margin (a blank page that keeps its head
# keeps its rule too)
_RULED = """
@page :left { @top-left { border-bottom: 0.5pt solid black; } }
@page :right { @top-right { border-bottom: 0.5pt solid black; } }
"""


def test_a_page_holding_a_drawing_alone_is_not_blank(make_book: MakeBook, tmp_path: Path) -> None:
    """An SVG map without a caption, drawn as vector paths (no image), that fills its page
    was E643: the check counted images alone. A kept head's own rule, in the margin, still
    leaves a blank page blank."""
    import pdfplumber

    paths = '<path d="M10 10 L390 790 M390 10 L10 790" stroke="black" stroke-width="4"/>'
    ring = '<circle cx="200" cy="400" r="150" fill="none" stroke="black"/>'
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="800" '
        f'viewBox="0 0 400 800">{paths}{ring}</svg>'
    )
    book = make_book(
        {
            "001-a.md": section_source(1, "Land", total=2, body="Before.\n\n![](map.svg)\n"),
            "002-b.md": section_source(2, "Sea", chapter=2, total=2, body="Text.\n"),
            "map.svg": svg,
        },
        BOOK_TOML + 'paper = "6x9"\n',
    )
    pdf, _ = api.build_pdf(book, tmp_path / "d.pdf")
    facts = read_pdf(pdf)
    with pdfplumber.open(pdf) as opened:
        (drawn,) = [p.page_number for p in opened.pages if p.curves and not p.images]
    alone = facts.pages[drawn - 1]
    assert [text for _, _, text in alone.lines] == ["Testland: A Country Study", "2"]
    assert [str(d) for d in check_press(facts, page_setup("6x9"))] == []
    # the blank pages keep their heads, each with a rule under it: E643 as before
    sheet = book / "styles" / "print" / "book.css"
    sheet.parent.mkdir(parents=True)
    own = (STYLES / "print" / "book.css").read_text(encoding="utf-8")
    own = re.sub(r"@page :blank, .*?\n\}\n", "", own, flags=re.DOTALL)
    sheet.write_text(own + _RULED)
    pdf, _ = api.build_pdf(book, tmp_path / "heads.pdf")
    facts = read_pdf(pdf)
    assert all(p.drawn for p in facts.pages if p.head)  # each head's rule is drawn
    blank = [d.message for d in check_press(facts, page_setup("6x9"))]
    assert blank and all(" is blank but for " in m for m in blank)
    assert f"page {drawn} " not in " ".join(blank)


# figures of each kind, each of its own pixel size: (file, PIL mode, format, RGB in the PDF)
_FIGURES = [
    ("rgb.png", "RGB", "PNG", True),
    ("photo.jpg", "RGB", "JPEG", True),
    ("palette.png", "P", "PNG", True),  # WeasyPrint writes a palette PNG as RGB
    ("line.png", "1", "PNG", True),  # and a 1-bit one
    ("grey.png", "L", "PNG", False),
    ("grey.jpg", "L", "JPEG", False),
    ("cmyk.jpg", "CMYK", "JPEG", False),
]


def test_x1a_refuses_an_rgb_figure(make_book: MakeBook, tmp_path: Path) -> None:
    """An opaque RGB figure passed as PDF/X-1a: the check read the pages' content streams
    alone, never the colour space of the images they paint. Each RGB image is E644 at the
    page that paints it, naming its file; grey and CMYK ones pass, and so does the book
    once its figures are grey or CMYK."""
    import pdfplumber
    from PIL import Image

    book = make_book({}, BOOK_TOML + 'paper = "6x9"\n')
    (book / "images").mkdir()
    body = ""
    for n, (name, mode, kind, _) in enumerate(_FIGURES):
        Image.new(mode, (100 + n, 60 + n)).save(book / "images" / name, kind)
        body += "".join(f"Paragraph {n}.{k}.\n\n" for k in range(12))
        body += f"![Figure {name}](images/{name})\n\n"
    (book / "001.md").write_text(section_source(1, "Maps", total=1, body=body))
    plain, _ = api.build_pdf(book, tmp_path / "plain.pdf")  # the same pages, no variant
    with pdfplumber.open(plain) as opened:
        pages = {tuple(i["srcsize"]): p.page_number for p in opened.pages for i in p.images}
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, tmp_path / "x1a.pdf", variant="pdf/x-1a")
    assert not (tmp_path / "x1a.pdf").exists()
    found = {d.file: d for d in caught.value.diagnostics if d.code == "E644"}
    rgb = [(n, name) for n, (name, _, _, is_rgb) in enumerate(_FIGURES) if is_rgb]
    assert set(found) == {book / "images" / name for _, name in rgb}
    for n, name in rgb:
        problem = found[book / "images" / name]
        page = pages[(100 + n, 60 + n)]
        assert problem.message.startswith(f"pdf/x-1a: page {page}: image /")
        assert f"({100 + n}×{60 + n} px, images/{name}) is RGB (DeviceRGB" in problem.message
        assert "CMYK JPEG" in problem.hint and "pdf/x-4" in problem.hint
    for n, (name, _, kind, is_rgb) in enumerate(_FIGURES):
        if is_rgb:
            Image.new("L", (100 + n, 60 + n)).save(book / "images" / name, kind)
    pdf, _ = api.build_pdf(book, tmp_path / "x1a.pdf", variant="pdf/x-1a")
    assert check_variant(pdf, "pdf/x-1a") == ()


@pytest.mark.parametrize("paper", ["5.65 x 3.43 in", "6 x 3.5 in"])
def test_a_short_landscape_trim_builds_the_volume(tmp_path: Path, paper: str) -> None:
    """E149 checked the text block's width and height apart, against 1.5 and 4 in, and
    refused `paper = "6 x 3.5 in"` (4.62 × 2.87 in), which builds. tests/data/volume, the
    test book that needs the most height (a front-matter heading, its note and the short
    table under it), builds at the smallest landscape trim E149 takes now (a text block
    of 4.35 × 2.62 in in 9.5 pt type), and reads back clean: its head and folio 9 pt
    inside the trim at least (E642), where a short trim's margins, fractions of its height,
    left them 3 to 6 pt from it."""
    book = tmp_path / "volume"
    shutil.copytree(DATA / "volume", book, ignore=shutil.ignore_patterns("build"))
    toml = book / "book.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('paper = "letter"', f'paper = "{paper}"'),
        encoding="utf-8",
    )
    pdf, found = api.build_pdf(book, tmp_path / "short.pdf", jobs=1)
    assert found == ()
    assert _read_back(book, pdf) == []


def test_a_superscript_on_a_page_s_first_line_stays_in_the_text_block(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """`12 km^2^` on the first line of a page rose 2 pt above the text block (the
    browser's "super": a smaller figure raised half its line), and `invoke check` stopped
    a book in pandoc's own syntax with E642. It is 0.7em of the text, raised 0.4em."""
    lines = " ".join(f"Area {n} covers 12 km^2^ of land and H~2~O." for n in range(1, 9))
    body = "\n\n".join([lines] * 30) + "\n"
    book = make_book({"001-a.md": section_source(1, "Land", total=1, body=body)})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf", jobs=1))
    assert logged == [] and len(read_pdf(pdf).pages) > 6  # pages enough: some open on a km²
    assert _read_back(book, pdf) == []
