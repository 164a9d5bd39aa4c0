"""Language tags (octavo.model.language_tags): the direction a tag's text is written in,
and a text's own, by its letters."""

from __future__ import annotations

import pytest

from octavo.model.language_tags import (
    direction,
    has_rtl_letter,
    implied_direction,
    letter_direction,
    text_direction,
)


@pytest.mark.parametrize(
    ("tag", "written"),
    [
        ("ar", "rtl"),
        ("ar-EG", "rtl"),
        ("he", "rtl"),
        ("he-IL", "rtl"),
        ("iw", "rtl"),  # Hebrew's withdrawn code, still met
        ("fa", "rtl"),
        ("ur-PK", "rtl"),
        ("yi", "rtl"),
        ("ckb", "rtl"),
        ("ar-arz", "rtl"),  # an extended language subtag
        ("az-Arab", "rtl"),  # a script written right to left, whatever the language
        ("pa-Arab", "rtl"),
        ("AR_eg", "rtl"),  # as a book.toml may spell it
        ("en", "ltr"),
        ("ru", "ltr"),
        ("ku", "ltr"),  # Kurmanji: Latin
        ("pa", "ltr"),  # Gurmukhi
        ("ar-Latn", "ltr"),  # Arabic in Latin letters
        ("ug-Cyrl", "ltr"),
        ("zh-Hant-TW", "ltr"),
        ("x-private", "ltr"),
        ("", "ltr"),
    ],
    ids=lambda v: v or "empty",
)
def test_a_tag_s_direction(tag: str, written: str) -> None:
    assert direction(tag) == written


@pytest.mark.parametrize(
    ("lang", "around", "given"),
    [("ar", "en", "rtl"), ("he", "de", "rtl"), ("en", "ar", "ltr"), ("fa", "ar", "rtl"),
     ("fr", "en", ""), ("sr-Latn", "ru", "")],
)  # fmt: skip
def test_an_element_s_implied_direction(lang: str, around: str, given: str) -> None:
    assert implied_direction(lang, around) == given


@pytest.mark.parametrize(
    ("char", "way"),
    [
        pytest.param("a", "ltr", id="latin"),
        pytest.param("\u0416", "ltr", id="cyrillic"),
        pytest.param("\u0628", "rtl", id="arabic-AL"),
        pytest.param("\u05d0", "rtl", id="hebrew-R"),
        pytest.param("\u0710", "rtl", id="syriac"),
        pytest.param("5", "", id="figure"),
        pytest.param("\u0663", "", id="arabic-figure"),
        pytest.param(" ", "", id="space"),
        pytest.param("\u200f", "rtl", id="right-to-left-mark"),  # class R, as UAX #9 has it
        pytest.param("\u0301", "", id="combining-mark"),
    ],
)
def test_a_letter_s_direction(char: str, way: str) -> None:
    assert letter_direction(char) == way
    assert has_rtl_letter(f"1 {char} .") is (way == "rtl")


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        pytest.param("Egypt: \u0645\u0635\u0631", "ltr", "rtl", id="latin-then-arabic"),
        pytest.param("1995 \u05d0 b", "rtl", "ltr", id="figures-before-no-letter"),
        pytest.param("\u2026 12.", "ltr", "ltr", id="no-letter"),
        pytest.param("", "ltr", "ltr", id="empty"),
    ],
)
def test_a_text_s_direction(text: str, first: str, last: str) -> None:
    assert text_direction(text) == first
    assert text_direction(text, last=True) == last
