"""A tiny image as a figure keeps its caption a readable measure: a 1 px image (or an
icon) squeezed its caption to one letter a line, twenty lines tall, since a figure's box,
and its caption's, is its picture's width (ut47 bug 19), in print, and in the EPUB (session
49: a 40 px picture's caption a word a line at 360 px)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pdfplumber
from PIL import Image

from octavo import api
from tests.conftest import MakeBook, section_source
from tests.support import readers

BODY = """![Tiny own size](images/dot.png)

![Tiny given a width, whose caption runs on](images/dot.png){width=2px}

![Tiny given a height](images/dot.png){height=3px}

![Half the text block](images/wide.png){width=50%}
"""
MEASURE = 14 * 11  # 14rem of 11 pt type (styles/print/book.css: --caption-measure)
TEXT_BLOCK = 460.8  # letter less the default margins


def _png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 60, 120)).save(out, "PNG")
    return out.getvalue()


def _book(make_book: MakeBook) -> Path:
    return make_book(
        {
            "001-a.md": section_source(1, "Land", total=1, body=BODY),
            "images/dot.png": _png((1, 1)),
            "images/wide.png": _png((2000, 1000)),
        }
    )


def _caption_lines(pdf: Path) -> dict[str, tuple[float, int]]:
    """Each figure caption's width in points and its number of lines, by its number."""
    found: dict[str, tuple[float, int]] = {}
    with pdfplumber.open(pdf) as opened:
        for page in opened.pages:
            words = page.extract_words()
            starts = [w for w in words if w["text"] == "Figure"]
            for start in starts:
                label = next(w for w in words if w["top"] == start["top"] and w["x0"] > start["x1"])
                lines = [
                    w
                    for w in words
                    if 0 <= w["top"] - start["top"] < 60 and w["x0"] >= start["x0"] - 1
                ]
                tops = sorted({round(w["top"]) for w in lines})
                body = [w for w in lines if round(w["top"]) in tops[:4]]
                width = max(w["x1"] for w in body) - start["x0"]
                found[label["text"]] = (width, len(tops))
    return found


def test_a_tiny_figures_caption_keeps_a_measure_in_print(
    make_book: MakeBook, tmp_path: Path
) -> None:
    pdf, _ = api.build_pdf(_book(make_book), tmp_path / "b.pdf")
    captions = _caption_lines(pdf)
    assert set(captions) == {"1.", "2.", "3.", "4."}
    for label in ("1.", "3."):  # "Figure 1. Tiny own size" on one line, as wide as it needs
        width, _ = captions[label]
        assert 60 < width <= MEASURE + 1, captions
    width, _ = captions["2."]  # a long caption fills the measure, in a few lines
    assert MEASURE * 0.8 < width <= MEASURE + 1, captions
    width, _ = captions["4."]  # a wide figure's caption is its width, as before
    assert width <= TEXT_BLOCK / 2 + 1, captions


_BOXES = """const box = e => { const b = e.getBoundingClientRect();
  return [Math.round(b.left), Math.round(b.right), Math.round(b.top), Math.round(b.bottom)]; };
return Array.from(doc.querySelectorAll('figure.figure')).map(f =>
  [box(f.querySelector('img')), box(f.querySelector('figcaption'))]);"""
EPUB_BODY = """Before.

![A tiny icon of the national flag, with a caption long enough to wrap](images/icon.png)

![A small photograph, with a caption long enough to run over two lines](images/small.png)

![A wide one](images/wide.png)

![Tiny given a height, whose caption runs on](images/icon.png){height=30px}
"""


def test_a_tiny_figures_caption_keeps_a_measure_in_the_epub(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """At 360 px (Chromium: calibre's viewer, Apple Books, Kobo) a 40 px picture's caption
    is 14em (224 px of 16 px type), under the picture and centred on it, in two lines, not
    thirteen; a 240 px photograph's caption and a wide one's are their pictures' width, as
    the e-reader tests ask. calibre's conversion and Check Book, and MuPDF, read the rule
    without a complaint (min() in min-width; in margins they refused it)."""
    readers.need("chromium", "mutool", "ebook-convert")
    book = make_book(
        {
            "001-a.md": section_source(1, "Land", total=1, body=EPUB_BODY),
            "images/icon.png": _png((40, 30)),
            "images/small.png": _png((240, 320)),
            "images/wide.png": _png((2000, 1000)),
        }
    )
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    text = readers.unzip(epub, tmp_path / "x")
    tiny, small, wide, high = json.loads(readers.frame_result(text / "ch01.xhtml", _BOXES))
    for image, caption in (tiny, high):
        assert caption[1] - caption[0] == 224, (image, caption)  # 14em
        assert abs((caption[0] + caption[1]) - (image[0] + image[1])) <= 2  # centred on it
        assert caption[2] >= image[3] - 1 and caption[3] - caption[2] < 60  # 2 lines, under
    for image, caption in (small, wide):
        assert (caption[0], caption[1]) == (image[0], image[1]), (image, caption)
    assert readers.css_errors(readers.convert(epub, tmp_path / "b.azw3")) == []
    assert readers.mutool_errors(epub) == []
    assert [f for f in readers.calibre_check(epub, tmp_path) if "css" in f[1].lower()] == []


SIZED_BODY = """Before.

![A long caption of several words that a reader must read](images/icon.png){width=20px}

![Five per cent, a caption of several words that a reader must read](images/wide.png){width=5%}

![Half the text, a caption of several words that a reader must read](images/wide.png){width=50%}

![Three hundred pixels, a caption of several words to read](images/wide.png){width=300px}
"""


def test_a_figure_given_a_tiny_width_keeps_its_caption_readable_in_the_epub(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A figure given a width of 20 px (or 5% of the text) set its caption a syllable a
    line, 20 px wide, in Chromium and MuPDF alike (session 51). In Chromium at a phone's
    412 px and a desktop's 1024 px, the picture keeps the width given and the caption is
    14em (224 px), centred under it, in three lines; a figure as wide or wider (50% on a
    desktop, 300 px) has its caption its width, as before. MuPDF, which sets no block wider
    than its parent, sets the caption the text's width (one line), the picture the width
    given (octavo.render.epub.figure_widths). No reader complains of the CSS."""
    readers.need("chromium", "mutool", "ebook-convert")
    book = make_book(
        {
            "001-a.md": section_source(1, "Land", total=1, body=SIZED_BODY),
            "images/icon.png": _png((40, 30)),
            "images/wide.png": _png((2000, 1000)),
        }
    )
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    text = readers.unzip(epub, tmp_path / "x")
    for screen in (412, 1024):
        boxes = json.loads(readers.frame_result(text / "ch01.xhtml", _BOXES, width=screen))
        tiny, share, half, fixed = boxes
        column = screen - 16  # the text's width: the body's margins are 0.5em
        for (image, caption), wide in ((tiny, 20), (share, column * 0.05)):
            assert abs((image[1] - image[0]) - wide) <= 1, (screen, image)
            assert caption[1] - caption[0] == 224, (screen, image, caption)  # 14em
            assert abs((caption[0] + caption[1]) - (image[0] + image[1])) <= 2  # centred
            assert caption[2] >= image[3] - 1 and caption[3] - caption[2] < 70  # 3 lines
        image, caption = half
        assert abs((image[1] - image[0]) - column / 2) <= 1, (screen, image)
        assert caption[1] - caption[0] == max(224, image[1] - image[0]), (screen, caption)
        assert abs((caption[0] + caption[1]) - (image[0] + image[1])) <= 2
        image, caption = fixed
        assert image[1] - image[0] == 300 and (caption[0], caption[1]) == (image[0], image[1])
    lines = [line for _, _, line in readers.mutool_lines(text / "ch01.xhtml", 412, 2000)]
    for label in ("Figure 1.", "Figure 2."):  # the caption in one line, not thirteen
        (line,) = [line for line in lines if line.startswith(label)]
        assert line.endswith("must read"), lines
    assert readers.css_errors(readers.convert(epub, tmp_path / "b.azw3")) == []
    assert readers.mutool_errors(epub) == []
    assert [f for f in readers.calibre_check(epub, tmp_path) if "css" in f[1].lower()] == []
