"""Language tags (octavo.model.language_tags): the direction a tag's text is written in."""

from __future__ import annotations

import pytest

from octavo.model.language_tags import direction, implied_direction


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
