"""The index's letter groups follow the book language's collation (octavo.render.index):
ICU's index characters for the language, so each group holds the entries its heading
names, in the entries' order."""

from __future__ import annotations

import pytest

from octavo import api
from octavo.model import IndexMark
from octavo.render.index import build_index, indexed
from tests.conftest import MakeBook, section_source


def _groups(language: str, *terms: str) -> list[tuple[str, list[str]]]:
    marks = [IndexMark(f"ix-{n}", (term,)) for n, term in enumerate(terms)]
    return [(g.letter, [e.term for e in g.entries]) for g in build_index(marks, language)]


@pytest.mark.parametrize(
    ("language", "terms", "groups"),
    [
        pytest.param(
            "sv",
            ("Örebro", "Oslo", "Åland", "Zürich", "Ängelholm", "Abisko", "Västerås"),
            [
                ("A", ["Abisko"]),
                ("O", ["Oslo"]),
                ("V", ["Västerås"]),
                ("Z", ["Zürich"]),
                ("Å", ["Åland"]),
                ("Ä", ["Ängelholm"]),
                ("Ö", ["Örebro"]),
            ],
            id="sv-a-ring-a-umlaut-o-umlaut-after-z",
        ),
        pytest.param(
            "fi",
            ("Äänekoski", "Oulu", "Åbo", "Ylöjärvi"),
            [("O", ["Oulu"]), ("Y", ["Ylöjärvi"]), ("Å", ["Åbo"]), ("Ä", ["Äänekoski"])],
            id="fi",
        ),
        pytest.param(
            "cs",
            ("Chomutov", "Cheb", "Hradec Králové", "Ivančice", "Česká Lípa", "Cvikov", "Říčany"),
            [
                ("C", ["Cvikov"]),
                ("Č", ["Česká Lípa"]),
                ("H", ["Hradec Králové"]),
                ("CH", ["Cheb", "Chomutov"]),
                ("I", ["Ivančice"]),
                ("Ř", ["Říčany"]),
            ],
            id="cs-ch-after-h-c-caron-apart",
        ),
        pytest.param(
            "sk",
            ("Chmeľová", "Žilina", "Zvolen", "Humenné"),
            [("H", ["Humenné"]), ("CH", ["Chmeľová"]), ("Z", ["Zvolen"]), ("Ž", ["Žilina"])],
            id="sk",
        ),
        pytest.param(
            "ru",
            (
                "Ярославль",
                "Йошкар-Ола",
                "Ёлкино",
                "Казань",
                "Екатеринбург",
                "Иваново",
                "NATO",
                "Архангельск",
                "Gazprom",
            ),
            [  # Russian's collation puts Cyrillic first; Latin's letters after
                ("А", ["Архангельск"]),
                ("Е", ["Екатеринбург", "Ёлкино"]),
                ("И", ["Иваново"]),
                ("Й", ["Йошкар-Ола"]),
                ("К", ["Казань"]),
                ("Я", ["Ярославль"]),
                ("G", ["Gazprom"]),
                ("N", ["NATO"]),
            ],
            id="ru-short-i-apart-yo-with-ye-latin-after",
        ),
        pytest.param(
            "ka",
            ("ქუთაისი", "თბილისი", "ბათუმი", "Tbilisi"),
            [("ბ", ["ბათუმი"]), ("თ", ["თბილისი"]), ("ქ", ["ქუთაისი"]), ("T", ["Tbilisi"])],
            id="ka-icu-letters-as-georgian-sets-them",
        ),
        pytest.param(
            "tr",
            ("ılıca", "İzmir", "istanbul", "Iğdır", "Çorum", "Şile"),
            [
                ("Ç", ["Çorum"]),
                ("I", ["Iğdır", "ılıca"]),
                ("İ", ["istanbul", "İzmir"]),
                ("Ş", ["Şile"]),
            ],
            id="tr-dotless-and-dotted-i-apart",
        ),
        pytest.param(
            "en",
            ("ქუთაისი", "ᲥᲣᲗᲐᲘᲡᲘ", "Kutaisi", "თბილისი"),
            [("K", ["Kutaisi"]), ("თ", ["თბილისი"]), ("ქ", ["ქუთაისი", "ᲥᲣᲗᲐᲘᲡᲘ"])],
            id="en-georgian-never-mtavruli",
        ),
        pytest.param(
            "en",
            ("Երևան", "և", "Ալավերդի"),
            [("Ա", ["Ալավերդի"]), ("Ե", ["Երևան", "և"])],
            id="en-armenian-ligature-one-letter",
        ),
        pytest.param(
            "en",
            ("ωμέγα", "Ελλάδα", "Άργος", "ΣΠΑΡΤΗ"),
            [("Α", ["Άργος"]), ("Ε", ["Ελλάδα"]), ("Σ", ["ΣΠΑΡΤΗ"]), ("Ω", ["ωμέγα"])],
            id="en-greek-capital-without-accent",
        ),
        pytest.param(
            "en",
            ("เชียงใหม่", "โคราช", "กรุงเทพ", "ชลบุรี"),
            [("ก", ["กรุงเทพ"]), ("ค", ["โคราช"]), ("ช", ["ชลบุรี", "เชียงใหม่"])],
            id="en-thai-under-the-consonant-not-the-vowel-before-it",
        ),
        pytest.param(
            "en",
            ("とうきょう", "トヨタ", "がっこう", "キョウト", "あさひ"),
            [
                ("あ", ["あさひ"]),
                ("か", ["がっこう", "キョウト"]),
                ("た", ["とうきょう", "トヨタ"]),
            ],
            id="en-kana-by-row",
        ),
        pytest.param(
            "en",
            ("서울", "부산", "수원"),
            [("ㅂ", ["부산"]), ("ㅅ", ["서울", "수원"])],
            id="en-hangul-by-its-consonant",
        ),
        pytest.param(
            "en",
            ("القاهرة", "أسوان", "ירושלים", "Москва", "ёлка"),
            [("Е", ["ёлка"]), ("М", ["Москва"]), ("י", ["ירושלים"]), ("ا", ["أسوان", "القاهرة"])],
            id="en-arabic-hebrew-cyrillic",
        ),
        pytest.param(
            "en",
            ("Zaire", "Ålesund", "Ørsted", "Bălți", "Ștefan cel Mare", "Chișinău", "bank"),
            [
                ("A", ["Ålesund"]),
                ("B", ["Bălți", "bank"]),
                ("C", ["Chișinău"]),
                ("O", ["Ørsted"]),
                ("S", ["Ștefan cel Mare"]),
                ("Z", ["Zaire"]),
            ],
            id="en-diacritics-with-their-letters",
        ),
    ],
)
def test_groups_follow_the_language(
    language: str, terms: tuple[str, ...], groups: list[tuple[str, list[str]]]
) -> None:
    assert _groups(language, *terms) == groups


@pytest.mark.parametrize("language", ["en", "sv", "cs", "ru", "ka", "tr", "th", "ja"])
def test_groups_read_in_the_order_of_their_entries(language: str) -> None:
    """Every entry under one heading, and the headings in the entries' order: the terms
    sorted, then cut where the heading changes, give the groups."""
    terms = (
        "Œland",
        "Æbeltoft",
        "Zug",
        "Örnsköldsvik",
        "Chrudim",
        "Hlučín",
        "Ústí",
        "Ñuñoa",
        "Łódź",
        "İzmir",
        "ßeta",
        "Эстония",
        "Юрмала",
        "Ёж",
        "Ўздзенне",
        "Ελλάδα",
        "ქუთაისი",
        "ᲥᲣᲗᲐᲘᲡᲘ",
        "Երևան",
        "և",
        "โคราช",
        "คลองเตย",
        "とうきょう",
        "トヨタ",
        "서울",
        "수원",
        "1990 census",
        "'s-Hertogenbosch",
        "(the) Hague",
        "«Pravda»",
    )
    found = _groups(language, *terms)
    letters = [letter for letter, _ in found]
    assert len(letters) == len(set(letters)), letters  # no heading twice
    flat = [term for _, entries in found for term in entries]
    assert sorted(flat) == sorted(terms)
    from octavo.render.index import sort_key

    assert flat == sorted(terms, key=lambda t: (sort_key(language, t), t))


def test_terms_before_the_first_letter_go_under_a_sign() -> None:
    """A term beginning with a figure or a sign sorts before A; it went under the first
    letter found in it ("1990 census" under C, the C group then first of all)."""
    found = _groups("en", "Zug", "1990 census", "'s-Hertogenbosch", "Census")
    assert found == [
        ("#", ["'s-Hertogenbosch", "1990 census"]),
        ("C", ["Census"]),
        ("Z", ["Zug"]),
    ]


def test_a_term_written_as_math_prints_as_the_text_and_sorts_by_its_letters(
    make_book: MakeBook,
) -> None:
    """`[$y$]{.index}` was W515 ("names no entry": the math was no text to the mark), and
    `[the value $x$]{.index}` lost its math (session 48); then the entry was the TeX
    without its dollars, so `[$\\alpha$]{.index}` printed `\\alpha`, neither the text's
    math nor a letter, under '#' (session 49). The entry prints as the text prints math
    (its TeX in its dollars: octavo renders no math, W504) and sorts by its letters: a
    Greek letter by its name in an English book (ICU would head it 'Α', after Z, a letter
    the reader takes for A), a command of no letter (`\\infty`) by its source, under #."""
    body = (
        "Let [$y$]{.index} and [the value $x$]{.index} and [$$z$$]{.index}; [Alpha]{.index},\n"
        "[$\\alpha$]{.index}, [$\\Omega$]{.index}, [$\\mathbf{v}$]{.index},\n"
        "[$\\infty$]{.index}, [army]{.index}, [$20 and $30]{.index}.\n"
    )
    book = make_book({"001-a.md": section_source(1, "Math", total=1, body=body)})
    manuscript, found = api.manuscript(book)
    assert "W515" not in [d.code for d in found]
    index = indexed(manuscript).index
    assert [(g.letter, [e.term for e in g.entries]) for g in index] == [
        ("#", ["$\\infty$", "$20 and $30"]),
        ("A", ["$\\alpha$", "Alpha", "army"]),  # alpha, Alpha: ICU's small letter first
        ("O", ["$\\Omega$"]),
        ("T", ["the value $x$"]),
        ("V", ["$\\mathbf{v}$"]),
        ("Y", ["$y$"]),
        ("Z", ["$$z$$"]),
    ]
    assert [e.words for g in index for e in g.entries if e.term == "the value $x$"] == [
        ("the value $x$",)
    ]


@pytest.mark.parametrize(
    ("language", "term", "sorted_as"),
    [
        ("en", "$\\alpha$", "alpha"),
        ("en", "$\\varphi$-meson", "phi-meson"),
        ("el", "$\\alpha$", "α"),
        ("el", "$\\Gamma$ και $\\beta$", "Γ και β"),
        ("en", "$\\frac{a}{b}$", "ab"),
        ("en", "US$5 and US$6", "US$5 and US$6"),
    ],
)
def test_math_sorts_by_its_letters_as_the_language_reads_greek(
    language: str, term: str, sorted_as: str
) -> None:
    from octavo.render.index import _sorted_as

    assert _sorted_as(language, term) == sorted_as
