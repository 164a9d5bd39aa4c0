"""The EPUB's drawn cover of a title in two scripts, read back from the EPUB: 'Egypt: مصر
العربية, a country study' drew every word in the machine's Arabic face (DejaVu Sans),
because the shipped face lacks Arabic. Its Latin words are now in the shipped face, as
a Latin title's are, and its Arabic in a face that holds it, shaped right to left."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageDraw, ImageFont

from octavo import api
from octavo.render.epub.cover_draw import PT, CoverDesign
from octavo.render.faces import face_for, missing, raqm
from octavo.shipped import FONTS, REGULAR_FACE
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.validators import epub_members

MIXED = "Egypt: مصر العربية, a country study"
LATIN = "Egypt, Arab Republic: a country study"  # broken the same: '…:' / 'a country study'
ARABIC = "مصر العربية"
OPF = {"opf": "http://www.idpf.org/2007/opf"}

_arabic = face_for(FONTS / REGULAR_FACE, ARABIC)
pytestmark = pytest.mark.skipif(
    not (_arabic.fallback and not missing(ARABIC, _arabic) and raqm()),
    reason="no font of the machine's holds Arabic, or Pillow has no raqm layout",
)


def _ink_lines(make_book: MakeBook, out: Path, title: str) -> list[Image.Image]:
    """The cover's lines in ink (the country's and the title's: the series, rule and
    publisher are in the accent), each a crop of the whole width, top to bottom."""
    toml = BOOK_TOML.replace("Testland: A Country Study", title).replace(
        'country = "Testland"', 'country = "Egypt"'
    )
    book = make_book({"001.md": section_source(1, "Land", total=1)}, toml)
    epub, found = api.build_epub(book, out)
    assert "W658" not in [d.code for d in found]
    members = epub_members(epub)
    opf = etree.fromstring(members["EPUB/content.opf"])
    (item,) = opf.findall(".//opf:item[@properties='cover-image']", OPF)
    png = members[f"EPUB/{item.get('href')}"]
    picture = Image.open(io.BytesIO(png))
    indices = Image.frombytes("L", picture.size, picture.tobytes())  # palette indices
    ink = indices.point(lambda v: 255 if 0 < v < 128 else 0)
    width = picture.size[0]
    bands: list[list[int]] = []
    for y in range(picture.size[1]):
        if ink.crop((0, y, width, y + 1)).getbbox() is None:
            continue
        if bands and bands[-1][1] == y:
            bands[-1][1] = y + 1
        else:
            bands.append([y, y + 1])
    return [ink.crop((0, top, width, bottom)) for top, bottom in bands]


def test_a_latin_and_arabic_title_is_drawn_in_a_face_for_each(
    make_book: MakeBook, tmp_path: Path
) -> None:
    mixed = _ink_lines(make_book, tmp_path / "mixed.epub", MIXED)
    latin = _ink_lines(make_book, tmp_path / "latin.epub", LATIN)
    assert len(mixed) == len(latin) == 3  # the country, the title's two lines
    # 'a country study' the same pixels as a Latin title's: the shipped face, its size
    assert mixed[2].tobytes() == latin[2].tobytes()
    # the first line: 'Egypt: ' in the shipped face, then the Arabic as its face shapes it
    size = round(CoverDesign().title_pt * PT)
    shipped = ImageFont.truetype(str(FONTS / REGULAR_FACE), size)
    arabic = ImageFont.truetype(str(_arabic.path), size, index=_arabic.index)
    line = mixed[1]
    box = line.getbbox()
    assert box is not None
    egypt = _ink_width(shipped, "Egypt:", "ltr")
    drawn = line.crop((box[0], 0, box[0] + egypt + 2, line.size[1])).getbbox()
    assert drawn is not None and abs((drawn[2] - drawn[0]) - egypt) <= 1
    start = box[0] + round(shipped.getlength("Egypt: "))  # about where the Arabic run starts
    end = box[2] - _ink_width(shipped, ",", "ltr") - 4
    run = line.crop((start, 0, end, line.size[1])).getbbox()
    assert run is not None
    assert abs((run[2] - run[0]) - _ink_width(arabic, ARABIC, "rtl")) <= 2  # shaped, no boxes


def _ink_width(font: ImageFont.FreeTypeFont, text: str, direction: str) -> int:
    mask = Image.new("L", (round(font.getlength(text, direction=direction)) + 200, 400))
    ImageDraw.Draw(mask).text(
        (100, 300), text, font=font, fill=255, anchor="ls", direction=direction
    )
    box = mask.getbbox()
    assert box is not None
    return box[2] - box[0]
