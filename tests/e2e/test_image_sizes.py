"""An image's width= and height= in both outputs (octavo.render.image_sizes), read back: a
user's `![save icon](icon.png){width=20px}` in a sentence was dropped without a word, and
the 1200x800 icon set the text block's width (460.8 pt on letter) mid-line."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pdfplumber
from PIL import Image

from octavo import api
from tests.conftest import MakeBook, section_source
from tests.support.validators import assert_ace_clean, assert_epubcheck_clean
from tests.support.weasyprint_log import quietly

BODY = """Press the ![save icon](images/icon.png){width=20px} button, or the
![help icon](images/icon.png){width=2em} one, or ![plain icon](images/icon.png) with no
size, or ![tall icon](images/icon.png){height=0.5in} that one.

A ![wide icon](images/icon.png){width=9in} too wide for the text block.

![A map two inches wide](images/icon.png){#fig:two width=2in}

![A map 150 pixels high](images/icon.png){#fig:high height=150}

![A map five centimetres wide](images/icon.png){#fig:cm width=5cm}

A ![bad icon](images/icon.png){width=big} and ![odd icon](images/icon.png){height=2ex},
which pandoc cannot read.
"""
TEXT_BLOCK = 460.8  # letter less the default margins: 6.4 in


def _book(make_book: MakeBook) -> Path:
    picture = BytesIO()
    Image.new("RGB", (1200, 800), (30, 120, 200)).save(picture, "PNG")
    source = section_source(1, "Land", total=1, body=BODY)
    return make_book({"001-a.md": source, "images/icon.png": picture.getvalue()})


def _boxes(pdf: Path) -> list[tuple[float, float]]:
    """Each image's box in points (width, height), in the order the pages draw them."""
    with pdfplumber.open(pdf) as opened:
        return [
            (round(i["x1"] - i["x0"], 2), round(i["bottom"] - i["top"], 2))
            for page in opened.pages
            for i in page.images
        ]


def test_each_image_prints_at_the_size_given(make_book: MakeBook, tmp_path: Path) -> None:
    (pdf, found), logged = quietly(lambda: api.build_pdf(_book(make_book), tmp_path / "b.pdf"))
    assert logged == []
    assert _boxes(pdf) == [
        (15.0, 10.0),  # 20px: 20/96 in, 3:2 kept
        (22.0, 14.67),  # 2em of 11 pt type
        (16.5, 11.0),  # no size, among words: no taller than the type (1em)
        (54.0, 36.0),  # height=0.5in: 36 pt, its width by the image's proportions
        (TEXT_BLOCK, 307.2),  # 9in: held to the text block
        (144.0, 96.0),  # a figure 2 in wide
        (168.75, 112.5),  # a figure 150 px high: 112.5 pt, its width by proportion
        (141.73, 94.49),  # 5 cm
        (16.5, 11.0),  # width=big: left out, set as a letter
        (16.5, 11.0),  # height=2ex: the same
    ]
    lines = [f"{d.code}:{d.line}" for d in found]
    assert lines == ["W504:23", "W504:23"]  # the body's 13th line is the file's 23rd
    # the figure given its height alone: its caption starts under the picture's left edge
    # (it ran the text's width, from the margin, under a picture centred above it)
    with pdfplumber.open(pdf) as opened:
        page = next(
            p for p in opened.pages if p.images and "150 pixels" in (p.extract_text() or "")
        )
        picture = next(i for i in page.images if round(i["bottom"] - i["top"], 2) == 112.5)
        words = page.extract_words()
        label = min(
            (w for w in words if w["text"] == "Figure" and w["top"] > picture["bottom"]),
            key=lambda w: w["top"],
        )
        assert abs(label["x0"] - picture["x0"]) < 1, (label, picture)


def test_the_epub_writes_sizes_as_pandoc_does(make_book: MakeBook, tmp_path: Path) -> None:
    epub, _ = api.build_epub(_book(make_book), tmp_path / "b.epub")
    with zipfile.ZipFile(epub) as opened:
        name = next(n for n in opened.namelist() if n.endswith("ch01.xhtml"))
        xhtml = opened.read(name).decode("utf-8")
    images = dict(re.findall(r'<img src="[^"]+" alt="([^"]+)"([^/]*)/>', xhtml))
    assert images["save icon"] == ' width="20" '
    assert images["help icon"] == ' style="width: 2em" '
    assert images["plain icon"] == ' class="in-text" '
    assert images["tall icon"] == ' style="height: 0.5in" '
    assert images["A map 150 pixels high"] == ' height="150" '
    assert images["bad icon"] == ' class="in-text" '
    # a figure's width, as min() (which MuPDF does not read) and on its picture (which it
    # does): octavo.render.epub.figure_widths
    for ident, width in (("two", "2in"), ("cm", "5cm")):
        at = xhtml.index(
            f'<figure id="fig:{ident}" class="figure" style="width: min({width}, 100%)">'
        )
        assert re.match(rf'[^>]*><img [^>]*style="width: {width}" ?/>', xhtml[at:])
    assert_epubcheck_clean(epub)  # usage messages too
    assert_ace_clean(epub)
