"""A drawn cover's text of more than one script (octavo.render.epub.cover_runs): each
script run in the first face that holds it, the shipped face first, on one baseline at one
size, right-to-left runs in their order, lines measured in the faces drawn. Before, one
character the shipped face lacked ('ԥ' in 'Аԥсны: a country study') drew the whole title
in the machine's face, its Latin words too."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from octavo.render import faces as cover_faces
from octavo.render.epub import cover_draw
from octavo.render.epub.cover import CoverText
from octavo.render.epub.cover_runs import MixedFont, setting
from octavo.render.faces import Face, face_for, missing
from octavo.shipped import FONTS, REGULAR_FACE

SHIPPED = FONTS / REGULAR_FACE
ABKHAZ = "Аԥсны: a country study"
ARABIC = "Egypt: مصر العربية, a country study"
CAUCASUS = "Armenia, Հայաստան, and Georgia, საქართველო"


def _held_by_the_machine(text: str) -> bool:
    face = face_for(SHIPPED, text)
    return face.fallback and not missing(text, face)


def needs_font(text: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not _held_by_the_machine(text), reason=f"no font of the machine's holds {text!r}"
    )


@dataclass(frozen=True)
class Drawn:
    text: str
    xy: tuple[float, float]
    font: ImageFont.FreeTypeFont
    options: dict[str, Any]

    @property
    def shipped(self) -> bool:
        return Path(str(self.font.path)) == SHIPPED

    @property
    def face(self) -> Face:
        return Face(Path(str(self.font.path)), self.font.index, fallback=not self.shipped)


def _drawn(monkeypatch: pytest.MonkeyPatch, text: CoverText) -> tuple[list[Drawn], bytes]:
    """Every call to Pillow's text() drawing `text`'s cover, and the cover's bytes."""
    calls: list[Drawn] = []
    real = ImageDraw.ImageDraw.text

    def recorded(self: ImageDraw.ImageDraw, xy: Any, words: Any, *args: Any, **kw: Any) -> None:
        calls.append(Drawn(words, xy, kw["font"], kw))
        real(self, xy, words, *args, **kw)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", recorded)
    png = cover_draw.draw_cover(text, FONTS)
    return calls, png


def _cover(title: str, language: str = "en", subtitle: str = "") -> CoverText:
    return CoverText(language, title, title, subtitle, "", "", "")


def _notdef(font: ImageFont.FreeTypeFont, face: Face) -> bytes:
    """The picture `font` draws for a character its face does not map (.notdef)."""
    unmapped = next(c for c in "\U00013000\ua984\U0001e900" if missing(c, face))
    return bytes(font.getmask(unmapped))


@pytest.mark.parametrize(
    ("title", "scripts"),
    [
        pytest.param(ABKHAZ, ("Аԥсны",), marks=needs_font("ԥ"), id="latin-cyrillic"),
        pytest.param(ARABIC, ("مصر العربية",), marks=needs_font("مصر"), id="latin-arabic"),
        pytest.param(
            CAUCASUS, ("Հայաստան", "საქართველო"), marks=needs_font("Հაք"), id="armenian-georgian"
        ),
    ],
)
def test_each_script_run_is_drawn_in_the_first_face_that_holds_it(
    monkeypatch: pytest.MonkeyPatch, title: str, scripts: tuple[str, ...]
) -> None:
    calls, _ = _drawn(monkeypatch, _cover(title))
    for call in calls:  # no run in a face without its glyphs: no .notdef box drawn
        assert missing(call.text, call.face) == (), call.text
        notdef = _notdef(call.font, call.face)
        assert all(bytes(call.font.getmask(c)) != notdef for c in call.text if not c.isspace())
    latin = [c for c in calls if c.text.isascii() and any(ch.isalpha() for ch in c.text)]
    assert latin and all(c.shipped for c in latin)  # 'a country study': in octavo's face
    for words in scripts:
        (call,) = [c for c in calls if words in c.text]
        assert not call.shipped


@needs_font("ԥ")
def test_a_mixed_line_s_runs_share_a_baseline_and_a_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """'Аԥсны: A Country' in two faces: each run's baseline where the shipped face's is
    (the top of the line plus its ascent), at the title's size."""
    title = "Аԥсны: A Country Study of Abkhazia"
    calls, _ = _drawn(monkeypatch, _cover(title))
    first = [c for c in calls if c.text in ("Аԥсны: ", "A Country")]
    assert len(first) == 2 and first[0].face != first[1].face
    assert {c.xy[1] for c in first} == {first[0].xy[1]} and {
        c.options["anchor"] for c in first
    } == {"ls"}
    assert first[0].font.size == first[1].font.size == round(20 * cover_draw.PT)
    assert first[0].xy[0] + first[0].font.getlength(first[0].text) == first[1].xy[0]


@needs_font("مصر")
@pytest.mark.skipif(not cover_faces.raqm(), reason="Pillow has no raqm layout")
@pytest.mark.parametrize(
    ("language", "left_first"),
    [("en", "Egypt"), ("ar", "a country study")],
    ids=["english-book", "arabic-book"],
)
def test_a_right_to_left_run_stands_in_its_order(
    monkeypatch: pytest.MonkeyPatch, language: str, left_first: str
) -> None:
    """An English book's 'Egypt: مصر' left to right, Arabic's run to the right, drawn
    right to left; an Arabic book's 'مصر: a country study' from the right (the print
    cover's `dir` is the book's language's), its Latin run to the left."""
    title = "Egypt: مصر" if language == "en" else "مصر: a country study"
    calls, _ = _drawn(monkeypatch, _cover(title, language))
    (arabic,) = [c for c in calls if "مصر" in c.text]
    (latin,) = [c for c in calls if c.text.strip(": ") == left_first]
    assert latin.xy[0] < arabic.xy[0] and arabic.options["direction"] == "rtl"


@needs_font("Հაք")
def test_a_mixed_title_s_lines_are_measured_in_the_faces_drawn() -> None:
    """Each line as wide as its ink (the faces it is drawn in measured it), within the
    frame."""
    design = cover_draw.CoverDesign()
    left = design.inset + design.border + design.pad_side
    box = design.size[0] - 2 * left
    kind = setting(SHIPPED, CAUCASUS, "en")
    font = cover_draw._font(kind, design.title_pt)
    assert isinstance(font, MixedFont)
    lines = cover_draw.balanced_lines(CAUCASUS, font, box)
    assert len(lines) > 1
    for line in lines:
        mask = Image.new("L", (design.size[0], 400))
        font.draw(ImageDraw.Draw(mask), (0, 50), line)
        ink = mask.getbbox()
        assert ink is not None and font.getlength(line) <= box
        assert abs((ink[2] - ink[0]) - font.getlength(line)) < 0.15 * font.size


@pytest.mark.parametrize(
    "text",
    ["Testland: A Country Study", "Беларусь", "Ελλάδα: μια μελέτη", "ישראל", "مصر: دراسة قطرية"],
    ids=["latin", "cyrillic", "greek", "hebrew", "arabic"],
)
def test_a_text_of_one_script_is_drawn_in_one_face_as_before(text: str) -> None:
    """One face, `face_for`'s, and Pillow's own font: the same bytes as before."""
    kind = setting(SHIPPED, text, "en")
    assert kind.faces == (face_for(SHIPPED, text),) and not kind.mixed
    assert isinstance(cover_draw._font(kind, 20), ImageFont.FreeTypeFont)


def test_a_latin_cover_draws_no_mixed_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> None:
        raise AssertionError("a mixed line drawn")

    monkeypatch.setattr(MixedFont, "draw", refused)
    text = CoverText(
        "en", "T", "Testland: A Country Study", "A <em>study</em>", "Testland", "S", "P"
    )
    png = cover_draw.draw_cover(text, FONTS)
    assert Image.open(io.BytesIO(png)).size == cover_draw.COVER_SIZE
