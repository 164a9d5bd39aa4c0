"""The drawn cover's faces (octavo.render.faces): a text the shipped face does
not hold is drawn in a machine's face that does, shaped by raqm; what cannot be drawn is
W658 (ut47 bug 4: an Arabic or Chinese title was a row of empty boxes, without a word)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from octavo import api
from octavo.render import faces as cover_faces
from octavo.render.epub import cover_warnings
from octavo.render.epub.cover import CoverText
from octavo.render.epub.cover_draw import draw_cover
from octavo.render.faces import HELD, Face, face_for, missing
from octavo.shipped import BOLD_FACE, FONTS, ITALIC_FACE, REGULAR_FACE
from tests.conftest import BOOK_TOML, MakeBook, section_source

ARABIC = "مصر: دراسة قطرية"


def _arabic_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":lang=ar", "file"], capture_output=True, text=True)
    return bool(listed.stdout.strip())


needs_arabic = pytest.mark.skipif(
    not _arabic_font(), reason="no font of the machine's holds Arabic"
)


@pytest.mark.parametrize("name", [REGULAR_FACE, ITALIC_FACE, BOLD_FACE])
def test_every_shipped_face_holds_what_is_taken_as_held(name: str) -> None:
    """A Latin cover never reads a character map: HELD must be in every face it draws in."""
    with TTFont(str(FONTS / name), lazy=True) as font:
        assert set(font.getBestCmap()) >= HELD


def test_a_latin_text_is_drawn_in_the_shipped_face() -> None:
    for text in ("Testland: A Country Study", "Беларусь", "Ελλάδα", "Straße – „Köln“"):
        face = face_for(FONTS / "LinLibertine_R.otf", text)
        assert not face.fallback and missing(text, face) == ()


@needs_arabic
def test_an_arabic_title_is_drawn_in_a_face_that_holds_it_and_no_box() -> None:
    """Drawn in the shipped face, every Arabic letter was the same empty box: the cover of
    a title with its letters in another order was the same picture."""
    face = face_for(FONTS / "LinLibertine_R.otf", ARABIC)
    assert face.fallback and missing(ARABIC, face) == ()

    def drawn(title: str) -> bytes:
        return draw_cover(CoverText("ar", title, title, "", "مصر", "", "مكتبة"), FONTS)

    assert drawn(ARABIC) != drawn(ARABIC[::-1])
    assert drawn(ARABIC) == drawn(ARABIC)  # the same face, the same bytes


def _book(make_book: MakeBook, title: str, language: str = "en") -> Path:
    toml = BOOK_TOML.replace("Testland: A Country Study", title)
    return make_book(
        {"001.md": section_source(1, "Land", total=1)},
        toml.replace('language = "en"', f'language = "{language}"'),
    )


def test_characters_no_font_holds_are_w658_at_their_key(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cover_faces, "_fallback", lambda wanted, style: None)  # no such font
    book = _book(make_book, "中国：国别研究")
    _, found = api.build_epub(book, tmp_path / "zh.epub")
    (told,) = [d for d in found if d.code == "W658"]
    assert told.line == 1 and "'中' (U+4E2D)" in told.message and "empty box" in told.message


@needs_arabic
def test_right_to_left_text_without_raqm_is_w658(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cover_warnings, "raqm", lambda: False)
    book = _book(make_book, ARABIC, "ar")
    _, found = api.build_epub(book, tmp_path / "ar.epub")
    assert [(d.code, d.line) for d in found if d.code == "W658"] == [("W658", 1)]


@needs_arabic
def test_an_arabic_book_s_cover_draws_clean(make_book: MakeBook, tmp_path: Path) -> None:
    book = _book(make_book, ARABIC, "ar")
    _, found = api.build_epub(book, tmp_path / "ar.epub")
    assert "W658" not in [d.code for d in found]


@pytest.mark.skipif(not cover_faces.raqm(), reason="Pillow has no raqm layout")
def test_a_letter_spaced_right_to_left_line_keeps_its_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The country and the publisher are letter-spaced, drawn a character at a time: a
    Hebrew country (the shipped face holds Hebrew) was drawn reversed, 'לארשי'. A
    right-to-left line is drawn whole, as raqm orders it."""
    from octavo.render.epub import cover_draw

    drawn: list[tuple[str, float]] = []
    real = cover_draw._centred

    def centred(draw, text, font, y, left, box, tracking):  # type: ignore[no-untyped-def]
        drawn.append((text, tracking))
        real(draw, text, font, y, left, box, tracking)

    monkeypatch.setattr(cover_draw, "_centred", centred)
    draw_cover(CoverText("he", "ישראל", "ישראל", "", "ישראל", "Series", "ספריית הקונגרס"), FONTS)
    assert ("ישראל", 0.0) in drawn and ("ספריית הקונגרס", 0.0) in drawn
    assert ("SERIES", 0.2) in drawn  # a Latin line letter-spaced as designed


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Testland: A Country Study", ("Testland: A Country Study",)),
        ("Egypt: مصر العربية", ("Egypt: ", "مصر العربية")),
        ("(1995) Հայաստան and Georgia", ("(1995) Հայաստան ", "and Georgia")),
        ("مصر (Egypt) since 1952", ("مصر ", "(Egypt) since 1952")),
        ("Misr (مصر) today", ("Misr ", "(مصر) ", "today")),
        ("[Georgia (საქართველო)]", ("[Georgia ", "(საქართველო)", "]")),
        ("", ()),
    ],
    ids=["one-script", "latin-arabic", "leading-figures", "bracket-opens", "bracket-pair",
         "nested", "empty"],
)  # fmt: skip
def test_script_runs(text: str, runs: tuple[str, ...]) -> None:
    """Cut where the script changes; a space or punctuation with the run before it, a
    bracket with what it encloses, its pair with it."""
    assert cover_faces.script_runs(text) == runs


def _machine_holds(text: str) -> bool:
    face = face_for(FONTS / REGULAR_FACE, text)
    return face.fallback and not missing(text, face)


@pytest.mark.skipif(not _machine_holds("ԥ"), reason="no font of the machine's holds 'ԥ'")
def test_a_mixed_text_sets_each_script_run_in_the_first_face_that_holds_it() -> None:
    """'ԥ' is not in the shipped face: its run in the machine's, the Latin run still in
    the shipped face (the whole in the machine's, before)."""
    (cyrillic, cyrillic_face), (latin, latin_face) = cover_faces.set_in(
        FONTS / REGULAR_FACE, "Аԥсны: a country study"
    )
    assert (cyrillic, latin) == ("Аԥсны: ", "a country study")
    assert cyrillic_face.fallback and missing(cyrillic, cyrillic_face) == ()
    assert latin_face == Face(FONTS / REGULAR_FACE)
    assert cover_faces.set_in(FONTS / REGULAR_FACE, "Аԥсны") == (
        ("Аԥсны", face_for(FONTS / REGULAR_FACE, "Аԥсны")),
    )


@pytest.mark.skipif(not _machine_holds("ԥ"), reason="no font of the machine's holds 'ԥ'")
def test_w658_names_only_what_no_face_holds_in_a_mixed_title(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No Chinese face: '中' and '国' are boxes, and told; 'ԥ', drawn in its run's face,
    is not (the whole title asked of one face named it too)."""
    real = cover_faces._fallback

    def no_chinese(wanted: tuple[int, ...], style: str) -> Face | None:
        return None if any(0x4E00 <= c <= 0x9FFF for c in wanted) else real(wanted, style)

    monkeypatch.setattr(cover_faces, "_fallback", no_chinese)
    book = _book(make_book, "Аԥсны and 中国: country studies")
    _, found = api.build_epub(book, tmp_path / "mixed.epub")
    (told,) = [d for d in found if d.code == "W658"]
    assert "'中' (U+4E2D), '国' (U+56FD) of 'title'" in told.message
    assert "ԥ" not in told.message


@needs_arabic
def test_a_latin_and_arabic_title_draws_clean(make_book: MakeBook, tmp_path: Path) -> None:
    book = _book(make_book, "Egypt: مصر العربية, a country study")
    _, found = api.build_epub(book, tmp_path / "mixed.epub")
    assert "W658" not in [d.code for d in found]
