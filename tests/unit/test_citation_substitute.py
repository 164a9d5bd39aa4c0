"""Chicago's "———" for a repeated author in the reference list
(octavo.render.citation_substitute). Each expected list is what `pandoc --citeproc -t plain
--wrap=none` prints, 2.17 and 3.9 alike, with the same style, references and Markdown;
octavo printed every entry's names."""

from __future__ import annotations

import pytest

from tests.conftest import MakeBook
from tests.support.citation_styles import AUTHOR_DATE, cited_text

SUBSTITUTE = ' subsequent-author-substitute="———"'
assert SUBSTITUTE in AUTHOR_DATE


def _book(title: str, people: list[tuple[str, str]], year: int) -> dict[str, object]:
    return {
        "type": "book", "title": title, "issued": {"date-parts": [[year]]},
        "author": [{"family": family, "given": given} for family, given in people],
    }  # fmt: skip


REFS: dict[str, dict[str, object]] = {
    "doe2001a": _book("Airports", [("Doe", "Jane")], 2001),
    "doe2001b": _book("Bridges", [("Doe", "Jane")], 2001),
    "doe2003": _book("Docks", [("Doe", "Jane")], 2003),
    "lee05": _book("Ports", [("Lee", "Kim")], 2005),
    "leesmith07": _book("Roads", [("Lee", "Kim"), ("Smith", "Robert")], 2007),
    "jsmith99": _book("Forests", [("Smith", "John")], 1999),
    "smithdoe08": _book("Rails", [("Smith", "John"), ("Doe", "Jane")], 2008),
    "rsmith99": _book("Lakes", [("Smith", "Robert")], 1999),
    "rsmith01": _book("Rivers", [("Smith", "Robert")], 2001),
    "anon": {"type": "book", "title": "Anonymous", "issued": {"date-parts": [[1990]]}},
    "anon2": {"type": "book", "title": "Anonymous Again", "issued": {"date-parts": [[1991]]}},
}
BODY = (
    "[@doe2001b; @doe2001a; @doe2003; @lee05; @leesmith07; @jsmith99; @smithdoe08; @rsmith99;"
    " @rsmith01; @anon; @anon2]\n"
)
WHOLE = [  # complete-all (CSL's default, Chicago's) and complete-each alike for these
    "Doe, Jane. 2001a. Airports.",
    "———. 2001b. Bridges.",
    "———. 2003. Docks.",
    "Lee, Kim. 2005. Ports.",
    "Lee, Kim, and Robert Smith. 2007. Roads.",
    "Smith, John. 1999. Forests.",
    "Smith, John, and Jane Doe. 2008. Rails.",
    "Smith, Robert. 1999. Lakes.",
    "———. 2001. Rivers.",
    "1990. Anonymous.",  # nobody named: never one of a run
    "1991. Anonymous Again.",
]
PARTIAL = [  # partial-each and partial-first: the first names they share
    *WHOLE[:4],
    "———, and Robert Smith. 2007. Roads.",
    "Smith, John. 1999. Forests.",
    "———, and Jane Doe. 2008. Rails.",
    *WHOLE[7:],
]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param("", WHOLE, id="complete-all-by-default"),
        pytest.param("complete-each", WHOLE, id="complete-each"),
        pytest.param("partial-each", PARTIAL, id="partial-each"),
        pytest.param("partial-first", PARTIAL, id="partial-first"),
    ],
)
def test_a_repeated_author_s_names_replaced(
    make_book: MakeBook, rule: str, expected: list[str]
) -> None:
    given = f'{SUBSTITUTE} subsequent-author-substitute-rule="{rule}"' if rule else SUBSTITUTE
    style = AUTHOR_DATE.replace(SUBSTITUTE, given)
    assert cited_text(make_book, REFS, BODY, style)[1:] == expected


def test_complete_each_replaces_each_name(make_book: MakeBook) -> None:
    """Two works of the same two authors: each name replaced, the words between kept."""
    refs = {
        "a": _book("One", [("Lee", "Kim"), ("Smith", "Robert")], 2007),
        "b": _book("Two", [("Lee", "Kim"), ("Smith", "Robert")], 2008),
    }
    rule = f'{SUBSTITUTE} subsequent-author-substitute-rule="complete-each"'
    each = cited_text(make_book, refs, "[@a; @b]\n", AUTHOR_DATE.replace(SUBSTITUTE, rule))
    whole = cited_text(make_book, refs, "[@a; @b]\n", AUTHOR_DATE)
    assert each[2] == "———, and ———. 2008. Two."
    assert whole[2] == "———. 2008. Two."


def test_a_style_without_it_prints_the_names(make_book: MakeBook) -> None:
    style = AUTHOR_DATE.replace(SUBSTITUTE, "")
    assert cited_text(make_book, REFS, "[@doe2001a; @doe2001b]\n", style)[1:] == [
        "Doe, Jane. 2001a. Airports.",
        "Doe, Jane. 2001b. Bridges.",
    ]


def test_names_printed_twice_are_left_as_they_are(make_book: MakeBook) -> None:
    """An entry printing its names twice keeps both (pandoc's citeproc replaces the first);
    no stand-in is left in it."""
    twice = '<names variable="author"/><text variable="title"/>'
    style = AUTHOR_DATE.replace('<text variable="title"/>', twice)
    assert cited_text(make_book, REFS, "[@doe2001a; @doe2001b]\n", style)[1:] == [
        "Doe, Jane. 2001a. Jane Doe. Airports.",
        "Doe, Jane. 2001b. Jane Doe. Bridges.",  # pandoc: "———. 2001b. Jane Doe. Bridges."
    ]


# a title (a magazine's name for its articles) in italic in the author's place
STOOD_IN = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<macro name="author"><names variable="author"><name name-as-sort-order="all" and="text"'
    ' sort-separator=", " delimiter=", " delimiter-precedes-last="always"/><substitute>'
    '<choose><if type="article-magazine"><text variable="container-title"'
    ' font-style="italic"/></if><else><text variable="title" font-style="italic"/></else>'
    "</choose></substitute></names></macro>"
    '<macro name="year"><date variable="issued"><date-part name="year"/></date></macro>'
    '<citation><layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">'
    '<text macro="author"/><text macro="year"/></group></layout></citation>'
    '<bibliography subsequent-author-substitute="———"><sort><key macro="author"/>'
    '<key macro="year"/><key variable="title"/></sort><layout suffix="."><group'
    ' delimiter=". "><text macro="author"/><text macro="year"/><text variable="title"'
    ' quotes="true"/><text variable="edition"/></group></layout></bibliography></style>'
)


def _unsigned(title: str, year: int, **more: str) -> dict[str, object]:
    entry: dict[str, object] = {"type": "book", "title": title, "issued": {"date-parts": [[year]]}}
    return entry | more


@pytest.mark.parametrize("rule", ["", "partial-each"])
def test_a_repeated_substituted_title_replaced(make_book: MakeBook, rule: str) -> None:
    """An entry naming nobody whose words in the author's place are the entry's before
    it prints "———" there, whatever the rule (pandoc's complete-all for no names), as
    pandoc 3.9 prints it; octavo printed "Country Report. 1996." again."""
    style = STOOD_IN
    if rule:
        style = style.replace(
            SUBSTITUTE, f'{SUBSTITUTE} subsequent-author-substitute-rule="{rule}"'
        )
    refs: dict[str, dict[str, object]] = {
        "rep1": _unsigned("Country Report", 1995),
        "rep2": _unsigned("Country Report", 1996),
        "rep3": _unsigned("Country Report", 1997, edition="2nd ed"),
        "other": _unsigned("Country Survey", 1995),
        "econ1": _unsigned("Belarus votes", 1995, type="article-magazine",
                           **{"container-title": "The Economist"}),
        "econ2": _unsigned("Minsk again", 1996, type="article-magazine",
                           **{"container-title": "The Economist"}),
        "doe": {**_book("Roads", [("Doe", "Jane")], 1999)},
        "doe2": {**_book("Rails", [("Doe", "Jane")], 2001)},
    }  # fmt: skip
    body = "[@rep1; @rep2; @rep3; @other; @econ1; @econ2; @doe; @doe2]\n"
    assert cited_text(make_book, refs, body, style)[1:] == [
        "Country Report. 1995.",
        "———. 1996.",
        "———. 1997. 2nd ed.",
        "Country Survey. 1995.",
        "Doe, Jane. 1999. “Roads.”",
        "———. 2001. “Rails.”",
        "The Economist. 1995. “Belarus votes.”",
        "———. 1996. “Minsk again.”",
    ]
