"""Year suffixes (octavo.render.citation_suffixes): each expected text is what `pandoc
--citeproc -t plain` prints (2.17 and 3.9 alike) with the same style and references, the
given names it adds where a style tells people apart by them first ("J. Doe, 2003b", "A.
Doe, 2003") among them."""

from __future__ import annotations

from importlib.resources import files

import pytest

from octavo.render.citation_suffixes import letters
from octavo.render.citeproc_book import DEFAULT_STYLE
from tests.conftest import MakeBook
from tests.support.citation_styles import AUTHOR_DATE, cited_text

STYLE = (files("citeproc") / f"data/styles/{DEFAULT_STYLE}.csl").read_text(encoding="utf-8")
NAMES_FIRST = ' disambiguate-add-names="true" disambiguate-add-givenname="true"'
SUFFIXES = ' disambiguate-add-year-suffix="true"'
assert NAMES_FIRST in STYLE and SUFFIXES in STYLE


def _book(family: str, given: str, year: int | None, title: str) -> dict[str, object]:
    entry: dict[str, object] = {
        "type": "book", "title": title, "author": [{"family": family, "given": given}],
        "publisher": "Minsk Press", "publisher-place": "Minsk",
    }  # fmt: skip
    if year:
        entry["issued"] = {"date-parts": [[year]]}
    return entry


REFS = {
    "doe99": _book("Doe", "Jane", 1999, "The Economy of Belarus"),
    "doeroads": _book("Doe", "Jane", 2003, "Roads of Belarus"),
    "doeair": _book("Doe", "Jane", 2003, "Airports of Belarus"),
    "doeanna": _book("Doe", "Anna", 2003, "Canals"),
    "nodate1": _book("Lee", "Kim", None, "Undated A"),
    "nodate2": _book("Lee", "Kim", None, "Undated B"),
}


def _printed(make_book: MakeBook, body: str, style: str = STYLE, toml: str = "") -> list[str]:
    """The section's paragraphs and the list's entries, as text."""
    return cited_text(make_book, REFS, body, style, toml)


def test_two_works_of_one_author_and_year_told_apart(make_book: MakeBook) -> None:
    """The letters follow the list's order (author, year, title: "Airports" before
    "Roads"), in the text and in the list; a citation's items keep their written order
    where the style's sort ties ("2003b, 2003a"); "no date" takes them too. octavo printed
    "Doe, 2003" for both, and "(Doe, 2003, 2003)"."""
    body = (
        "One [@doeroads]. Two [@doeair, p. 4]. Both [@doeroads; @doeair]. @doeroads says."
        " [-@doeair]. Undated [@nodate2; @nodate1]. Once [@doe99].\n"
    )
    assert _printed(make_book, body) == [
        "One (Doe, 2003b). Two (Doe, 2003a, p. 4). Both (Doe, 2003b, 2003a). Doe (2003b)"
        " says. (2003a). Undated (Lee, no date b, no date a). Once (Doe, 1999).",
        "Doe, J. (1999) The Economy of Belarus. Minsk: Minsk Press.",
        "Doe, J. (2003a) Airports of Belarus. Minsk: Minsk Press.",
        "Doe, J. (2003b) Roads of Belarus. Minsk: Minsk Press.",
        "Lee, K. (no date a) Undated A. Minsk: Minsk Press.",
        "Lee, K. (no date b) Undated B. Minsk: Minsk Press.",
    ]


def test_an_entry_nocite_lists_takes_its_letter(make_book: MakeBook) -> None:
    """pandoc counts `nocite`'s entries among those told apart."""
    assert _printed(make_book, "One [@doeroads].\n", toml='nocite = "@doeair"\n') == [
        "One (Doe, 2003b).",
        "Doe, J. (2003a) Airports of Belarus. Minsk: Minsk Press.",
        "Doe, J. (2003b) Roads of Belarus. Minsk: Minsk Press.",
    ]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            STYLE,
            "One (J. Doe, 2003b). Anna (A. Doe, 2003). Air (J. Doe, 2003a).",  # pandoc's
            id="names-first",  # octavo printed "(Doe, 2003b)", "(Doe, 2003)", "(Doe, 2003a)"
        ),
        pytest.param(
            STYLE.replace(NAMES_FIRST, ""),
            "One (Doe, 2003c). Anna (Doe, 2003a). Air (Doe, 2003b).",
            id="suffixes-only",
        ),
        pytest.param(
            STYLE.replace(SUFFIXES, ""),
            "One (J. Doe, 2003). Anna (A. Doe, 2003). Air (J. Doe, 2003).",  # pandoc's
            id="no-suffixes",  # octavo printed "(Doe, 2003)" three times
        ),
    ],
)
def test_what_the_style_asks_for(make_book: MakeBook, style: str, expected: str) -> None:
    """A style that tells other people apart by their given names (Harvard's, `by-cite`)
    gives them, then Jane Doe's two works their letters and Anna Doe's none; one that adds
    only suffixes letters all three; one that asks for given names only, those."""
    body = "One [@doeroads]. Anna [@doeanna]. Air [@doeair].\n"
    assert _printed(make_book, body, style)[0] == expected


# a style that never prints `year-suffix` itself, as Chicago's author-date (pandoc's
# default style) does not
AFTER_YEAR = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<macro name="date"><choose><if variable="issued"><date variable="issued">'
    '<date-part name="year"/></date></if><else><text term="no date" form="short"/></else>'
    "</choose></macro>"
    '<citation disambiguate-add-year-suffix="true"><layout prefix="(" suffix=")"'
    ' delimiter="; "><group delimiter=" "><names variable="author"><name form="short"/>'
    '</names><text macro="date"/></group></layout></citation>'
    '<bibliography><sort><key variable="author"/><key variable="issued"/>'
    '<key variable="title"/></sort><layout suffix="."><group delimiter=". ">'
    '<names variable="author"/><text macro="date"/><text variable="title"/></group>'
    "</layout></bibliography></style>"
)


def test_a_style_that_never_prints_the_suffix_has_it_after_the_year(make_book: MakeBook) -> None:
    """As CSL says and pandoc prints: after the date `issued`, or after the
    "no date" term, whose period stays ("n.d.a. Undated A.": "n.d.a Undated A." where
    the letter followed the words citeproc-py had joined)."""
    body = "Both [@doeroads; @doeair]. @doeroads says. Undated [@nodate2; @nodate1].\n"
    assert _printed(make_book, body, AFTER_YEAR) == [
        "Both (Doe 2003b; Doe 2003a). Doe (2003b) says. Undated (Lee n.d.b; Lee n.d.a).",
        "Jane Doe. 2003a. Airports of Belarus.",
        "Jane Doe. 2003b. Roads of Belarus.",
        "Kim Lee. n.d.a. Undated A.",
        "Kim Lee. n.d.b. Undated B.",
    ]


@pytest.mark.parametrize(
    ("number", "letter"),
    [
        (1, "a"),
        (2, "b"),
        (26, "z"),
        (27, "aa"),
        (28, "ab"),
        (52, "az"),
        (53, "ba"),
        (55, "bc"),
        (702, "zz"),
        (703, "aaa"),
        (704, "aab"),
        (18278, "zzz"),
    ],
)
def test_letters_after_z_as_pandoc_writes_them(number: int, letter: str) -> None:
    assert letters(number) == letter


def test_the_suffix_follows_the_date_not_the_same_figures_elsewhere(make_book: MakeBook) -> None:
    """A title holding its own year ("Report 2003") keeps it as written: the suffix is
    the date's, where the style prints it (it followed the first "2003" the words held,
    the title's where the style printed the title first)."""
    title_first = AFTER_YEAR.replace(
        '<names variable="author"/><text macro="date"/><text variable="title"/>',
        '<text variable="title"/><names variable="author"/><text macro="date"/>',
    )
    REFS["report1"] = _book("Roe", "Ann", 2003, "Annual Report 2003")
    REFS["report2"] = _book("Roe", "Ann", 2003, "Budget 2003")
    try:
        printed = _printed(make_book, "See [@report1; @report2].\n", title_first)
    finally:
        del REFS["report1"], REFS["report2"]
    assert printed[0] == "See (Roe 2003a; Roe 2003b)."
    assert "Annual Report 2003. Ann Roe. 2003a." in printed
    assert "Budget 2003. Ann Roe. 2003b." in printed


def _doe(title: str, year: int) -> dict[str, object]:
    return _book("Doe", "Jane", year, title)


COLLAPSING = {
    "doe2001a": _doe("Airports", 2001),
    "doe2001b": _doe("Bridges", 2001),
    "doe2001c": _doe("Canals", 2001),
    "doe2001d": _doe("Docks", 2001),
    "doe2003": _doe("Ferries", 2003),
    "lee05": _book("Lee", "Kim", 2005, "Ports"),
}
COLLAPSED = (
    "Two [@doe2001a; @doe2001b]. Three [@doe2001a; @doe2001b; @doe2001c]. Years [@doe2001a;"
    " @doe2003]. Mixed [@doe2001a; @lee05; @doe2001b; @doe2003]. Page [@doe2001a; @doe2001b,"
    " p. 4]. Pre [@doe2001a; see @doe2001b]. Order [@doe2001b; @doe2001a]. Gap [@doe2001a;"
    " @doe2001c]. Four [@doe2001a; @doe2001b; @doe2001c; @doe2001d; @doe2003]. Skip"
    " [@doe2001a; @doe2001b; @doe2001d]. Mid [@doe2001a; @doe2001b, p. 4; @doe2001c]."
    " @doe2001a [-@doe2001b] says.\n"
)


@pytest.mark.parametrize(
    ("collapse", "expected"),
    [
        pytest.param(
            "year",  # Harvard's and Chicago's: as before
            "Two (Doe 2001a, 2001b). Three (Doe 2001a, 2001b, 2001c). Years (Doe 2001a, 2003)."
            " Mixed (Doe 2001a, 2001b, 2003; Lee 2005). Page (Doe 2001a; 2001b, 4). Pre (Doe"
            " 2001a; see Doe 2001b). Order (Doe 2001b, 2001a). Gap (Doe 2001a, 2001c). Four"
            " (Doe 2001a, 2001b, 2001c, 2001d, 2003). Skip (Doe 2001a, 2001b, 2001d). Mid"
            " (Doe 2001a; 2001b, 4; 2001c). Doe (2001a, 2001b) says.",
            id="year",
        ),
        pytest.param(
            "year-suffix",
            "Two (Doe 2001a; b). Three (Doe 2001a; b; c). Years (Doe 2001a, 2003). Mixed (Doe"
            " 2001a; b; 2003; Lee 2005). Page (Doe 2001a; b, 4). Pre (Doe 2001a; see Doe"
            " 2001b). Order (Doe 2001b; a). Gap (Doe 2001a; c). Four (Doe 2001a; b; c; d;"
            " 2003). Skip (Doe 2001a; b; d). Mid (Doe 2001a; b, 4; c). Doe (2001a; b) says.",
            id="year-suffix",
        ),
        pytest.param(
            "year-suffix-ranged",  # but "Mid": pandoc 3.9's "(Doe 2001a–c)" leaves b's page out
            "Two (Doe 2001a; b). Three (Doe 2001a–c). Years (Doe 2001a, 2003). Mixed (Doe"
            " 2001a; b; 2003; Lee 2005). Page (Doe 2001a; b, 4). Pre (Doe 2001a; see Doe"
            " 2001b). Order (Doe 2001b; a). Gap (Doe 2001a; c). Four (Doe 2001a–d; 2003). Skip"
            " (Doe 2001a; b; d). Mid (Doe 2001a; b, 4; c). Doe (2001a; b) says.",
            id="year-suffix-ranged",
        ),
    ],
)
def test_year_suffixes_collapsed_as_the_style_says(
    make_book: MakeBook, collapse: str, expected: str
) -> None:
    """One author's works of one year: the later ones' suffixes alone where the style
    collapses them ("2001a; b"), in ranges where it says so ("2001a–c"); octavo printed
    "2001a, 2001b" for both. The words are `pandoc --citeproc` 3.9's (2.17's but for a
    page after a letter, which 2.17 drops: "Page (Doe 2001a; b)")."""
    style = AUTHOR_DATE.replace('collapse="year"', f'collapse="{collapse}"')
    assert cited_text(make_book, COLLAPSING, COLLAPSED, style)[0] == expected


def test_the_style_s_year_suffix_delimiter(make_book: MakeBook) -> None:
    """`year-suffix-delimiter` between the letters, the style's delimiter between the
    years still (pandoc 2.17's and 3.9's words; the letters of the works cited)."""
    style = AUTHOR_DATE.replace(
        'collapse="year"', 'collapse="year-suffix" year-suffix-delimiter=", "'
    )
    body = (
        "Two [@doe2001a; @doe2001b]. Mixed [@doe2001a; @lee05; @doe2001b; @doe2003]. Four"
        " [@doe2001a; @doe2001b; @doe2001d; @doe2003].\n"
    )
    assert cited_text(make_book, COLLAPSING, body, style)[0] == (
        "Two (Doe 2001a, b). Mixed (Doe 2001a, b; 2003; Lee 2005). Four (Doe 2001a, b, c; 2003)."
    )
