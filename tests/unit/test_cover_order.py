"""octavo.check.cover_order: a read-back's characters put back into reading order."""

from __future__ import annotations

from typing import Any

import pytest

from octavo.check.cover_order import reading_order


def _line(text: str, y: float = 700.0, turned: bool = False, x: float = 100.0) -> list[Any]:
    """`text` drawn left to right along one line (visual order), as pdfplumber gives it;
    `turned`: up the page (a spine's line turned a quarter)."""
    chars = []
    for at, char in enumerate(text):
        place = x + 6 * at
        matrix = (0.0, 1.0, -1.0, 0.0, y, place) if turned else (1.0, 0.0, 0.0, 1.0, place, y)
        chars.append({"text": char, "size": 10.0, "matrix": matrix})
    return chars


def _read(chars: list[Any], rtl: bool) -> str:
    return "".join(c["text"] for c in reading_order(chars, rtl))


@pytest.mark.parametrize(
    ("drawn", "rtl", "reads"),
    [
        ("ةيرطق ةسارد :رصم", True, "مصر: دراسة قطرية"),
        ("ةيرطق ةسارد :رصم", False, "مصر: دراسة قطرية"),
        ("Library of Congress", True, "Library of Congress"),
        ("Library of Congress", False, "Library of Congress"),
        ("Egypt ةسارد", True, "دراسة Egypt"),
        ("Study of ةرهاقلا", False, "Study of القاهرة"),
        ("1995 ماع", True, "عام 1995"),
        ("ילארשי", True, "ישראלי"),
    ],
    ids=[
        "arabic",
        "arabic-in-ltr",
        "latin-in-rtl",
        "latin",
        "mixed-rtl",
        "mixed-ltr",
        "figures-in-rtl",
        "hebrew",
    ],
)
def test_a_line_reads_in_logical_order(drawn: str, rtl: bool, reads: str) -> None:
    assert _read(_line(drawn), rtl) == reads


def test_lines_keep_their_order_and_a_turned_line_is_read_along_its_turn() -> None:
    """Two lines of a right-to-left paragraph: each reversed on its own, not as one."""
    chars = [*_line("ةيرطق ةسارد", 700.0), *_line(":رصم", 680.0), *_line("سرغنوكلا", 20, True)]
    assert _read(chars, True) == "دراسة قطرية" + "مصر:" + "الكونغرس"


def test_characters_far_apart_on_one_baseline_are_two_lines() -> None:
    """The back's line and the front's at one height are not read as one line."""
    chars = [*_line("بتك", 700.0, x=100.0), *_line("رصم", 700.0, x=800.0)]
    assert _read(chars, True) == "كتب" + "مصر"
