"""Folios read back as numbers (octavo.check.folios) in the figures a book's own page
counter prints: `counter(page, arabic-indic)` (١٢) or an `@counter-style` of superscripts
(¹²). str.isdigit() takes a superscript for a figure and int() does not read it: a folio ¹
stopped `invoke check` with a ValueError's traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.check.folios import counted_folio, expand, folio_number, reading
from octavo.check.pdf_facts import PdfFacts, PdfPage


def _facts(*folios: str) -> PdfFacts:
    pages = tuple(
        PdfPage(i, 792.0, ((100.0, 110.0, "Text."), *(((760.0, 770.0, f),) if f else ())))
        for i, f in enumerate(folios)
    )
    return PdfFacts(Path("b.pdf"), pages, {}, frozenset(), (), {}, ())


@pytest.mark.parametrize(
    ("folio", "front", "number"),
    [
        pytest.param("7", False, 7, id="figures-0-9"),
        pytest.param("١٢", False, 12, id="arabic-indic"),
        pytest.param("۱۳", False, 13, id="persian"),
        pytest.param("¹²", False, 12, id="superscripts"),
        pytest.param("⑦", False, 7, id="circled"),
        pytest.param("7a", False, None, id="a-figure-and-a-letter"),
        pytest.param("ა", False, None, id="georgian-letter"),
        pytest.param("xiv", True, 14, id="roman-front"),
        pytest.param("XIV", True, 14, id="upper-roman-front"),
        pytest.param("xiiii", True, None, id="not-a-roman-numeral"),
        pytest.param("", False, None, id="none"),
    ],
)
def test_a_folio_s_number_in_its_own_figures(folio: str, front: bool, number: int | None) -> None:
    assert folio_number(folio, front) == number


@pytest.mark.parametrize(
    ("folios", "counted"),
    [
        pytest.param(("6", "", "8"), "7", id="figures-0-9"),
        pytest.param(("٦", "", "٨"), "٧", id="arabic-indic-written-so"),
        pytest.param(("", "१०"), "९", id="devanagari-from-the-next"),
        pytest.param(("⁶", "", "⁸"), "", id="superscripts-no-count-to-write"),
        pytest.param(("vi", "", "1"), "", id="roman-before"),
    ],
)
def test_a_plate_counts_in_its_neighbours_figures(folios: tuple[str, ...], counted: str) -> None:
    """The contents print a plate's number in the counter's figures: a count in 0-9 beside
    ٦ and ٨ was E610 for a contents line that printed ٧."""
    at = folios.index("")
    assert counted_folio(_facts(*folios), at) == counted


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("7–9", {"7", "8", "9"}),
        ("ix–xi", {"ix", "x", "xi"}),
        ("٧–٩", {"٧", "٨", "٩"}),
        ("¹–³", {"¹–³"}),  # read, not written back: as printed
        ("12", {"12"}),
    ],
)
def test_an_index_range_is_read_in_its_figures(text: str, numbers: set[str]) -> None:
    assert expand(text) == numbers


@pytest.mark.parametrize(
    ("folios", "system"),
    [
        pytest.param([(6, "1"), (7, "2"), (9, "4")], "figures", id="figures"),
        pytest.param([(2, "i"), (3, "ii"), (4, "iii")], "roman", id="lower-roman"),
        pytest.param([(2, "I"), (3, "II"), (6, "V")], "roman", id="upper-roman"),
        pytest.param([(6, "a"), (7, "b"), (8, "c"), (10, "e")], "latin", id="lower-alpha"),
        pytest.param([(6, "C"), (7, "D")], "latin", id="upper-alpha-not-roman-100-500"),
        pytest.param([(6, "α"), (7, "β")], "greek", id="lower-greek"),
        pytest.param([(6, "ა"), (7, "ბ"), (8, "გ")], None, id="georgian-not-read"),
        pytest.param([(6, "i"), (7, "b")], None, id="no-one-system"),
    ],
)
def test_a_matter_s_folios_are_read_as_one_system(
    folios: list[tuple[int, str]], system: str | None
) -> None:
    assert reading(folios) == system


@pytest.mark.parametrize(
    ("text", "sequence", "folios"),
    [
        pytest.param("a–c", ("", "v", "a", "b", "c", "d"), {"a", "b", "c"}, id="letters"),
        pytest.param("ა–გ", ("ა", "ბ", "გ"), {"ა", "ბ", "გ"}, id="georgian-as-printed"),
        pytest.param("V–VII", ("V", "VI", "VII"), {"V", "VI", "VII"}, id="upper-roman"),
        pytest.param("v–w", ("v", "", "v", "w"), {"v", "w"}, id="the-nearest-run"),
        pytest.param("II–IV", (), {"II", "III", "IV"}, id="upper-roman-counted"),
    ],
)
def test_a_range_is_the_folios_printed_between_its_ends(
    text: str, sequence: tuple[str, ...], folios: set[str]
) -> None:
    assert expand(text, None, sequence) == folios
