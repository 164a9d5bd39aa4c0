"""The reference list sorted as pandoc's citeproc sorts it (octavo.render.citation_sort).
Each expected list is what `pandoc --citeproc -t plain --wrap=none` 3.9 prints with the
same style, references and Markdown; citeproc-py compared the HTML it printed, code point
by code point ("<i>The Economist Guide</i>" first, "Ångström" and "-Zeta" last, "Mueller"
after "Müller", "smith" after "Zola"), and kept ties in the order of citation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import MakeBook
from tests.support.citation_styles import cited_text

# names sorted family first, an author's place taken by the title in italic
STYLE = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<macro name="author"><names variable="author"><name name-as-sort-order="all" and="text"'
    ' sort-separator=", " delimiter=", " delimiter-precedes-last="always"/><substitute>'
    '<text variable="title" font-style="italic"/></substitute></names></macro>'
    '<macro name="year"><date variable="issued"><date-part name="year"/></date></macro>'
    '<citation><layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">'
    '<names variable="author"><name form="short"/><substitute><text variable="title"'
    ' font-style="italic"/></substitute></names><text macro="year"/></group></layout>'
    '</citation><bibliography><sort><key macro="author"/><key macro="year"/>'
    '<key variable="title"/></sort><layout suffix="."><group delimiter=". ">'
    '<text macro="author"/><text macro="year"/><text variable="title"/>'
    '<text variable="publisher"/></group></layout></bibliography></style>'
)


def _work(title: str, year: int, family: str = "", given: str = "", **more: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"type": "book", "title": title, "issued": {"date-parts": [[year]]}}
    if family:
        entry["author"] = [{"family": family, "given": given}]
    return entry | more


REFS = {  # in the file's order
    "econ": _work("The Economist Guide", 1995),
    "doe": _work("Roads", 1999, "Doe", "Jane"),
    "zola": _work("Germinal", 1885, "Zola", "Émile"),
    "ang": _work("Light", 1950, "Ångström", "Anders"),
    "zeta": _work("-Zeta", 1990),
    "cb": _work("C b", 1990),
    "ca": _work("Ca", 1990),
    "muller": _work("Handel", 1992, "Müller", "Hans"),
    "muller2": _work("Wandel", 1993, "Muller", "Anna"),
    "mueller": _work("Kohle", 1994, "Mueller", "Otto"),
    "lower": _work("Alpha", 2000, "smith", "zed"),
    "upper": _work("Beta", 2000, "Smith", "Adam"),
    "nineties": _work("1990s", 1990),
    "same1": _work("Same", 1990, "Roe", "Ann", publisher="First Press"),
    "same2": _work("Same", 1990, "Roe", "Ann", publisher="Second Press"),
    "quoted": _work("'Alpha' time", 1991),
    "beta": _work("Beta", 1991),
}
BODY = (
    "[@same2; @same1; @nineties; @upper; @lower; @mueller; @muller2; @muller; @ca; @cb;"
    " @zeta; @ang; @zola; @doe; @econ; @beta; @quoted]\n"
)
PANDOC = [
    "1990s. 1990.",  # digits before letters
    "“Alpha” time. 1991.",  # its quotation marks are no letters
    "Ångström, Anders. 1950. Light.",  # an accent weighs less than a letter
    "Beta. 1991.",
    "C b. 1990.",  # word by word: "c" before "ca"
    "Ca. 1990.",
    "Doe, Jane. 1999. Roads.",
    "Mueller, Otto. 1994. Kohle.",
    "Muller, Anna. 1993. Wandel.",
    "Müller, Hans. 1992. Handel.",
    "Roe, Ann. 1990. Same. First Press.",  # a tie in the file's order
    "Roe, Ann. 1990. Same. Second Press.",
    "Smith, Adam. 2000. Beta.",  # case weighs less than a letter
    "smith, zed. 2000. Alpha.",
    "The Economist Guide. 1995.",  # its words, not its <i>
    "-Zeta. 1990.",  # punctuation ignored
    "Zola, Émile. 1885. Germinal.",
]


def test_the_list_sorted_on_its_words_as_pandoc_sorts_it(make_book: MakeBook) -> None:
    assert cited_text(make_book, REFS, BODY, STYLE)[1:] == PANDOC


# names cut after one where there are three or more, a label after an editor's
ET_AL = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<macro name="author"><names variable="author"><name name-as-sort-order="all" and="text"'
    ' sort-separator=", " delimiter=", " initialize-with=". " et-al-min="3"'
    ' et-al-use-first="1"/><label form="short" prefix=", "/><substitute>'
    '<names variable="editor"/></substitute></names></macro>'
    '<macro name="year"><date variable="issued"><date-part name="year"/></date></macro>'
    '<citation><layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">'
    '<names variable="author"><name form="short"/><substitute><names variable="editor"/>'
    '</substitute></names><text macro="year"/></group></layout></citation>'
    '<bibliography><sort><key macro="author"/><key macro="year"/></sort><layout suffix=".">'
    '<group delimiter=". "><text macro="author"/><text macro="year"/>'
    '<text variable="title"/></group></layout></bibliography></style>'
)


def _by(title: str, year: int, *families: str, role: str = "author") -> dict[str, Any]:
    people = [{"family": f, "given": g} for f, g in (p.split() for p in families)]
    return {"type": "book", "title": title, "issued": {"date-parts": [[year]]}, role: people}


NESTED = ET_AL.replace(
    '<macro name="year">', '<macro name="sorter"><text macro="author"/></macro><macro name="year">'
).replace('<sort><key macro="author"/>', '<sort><key macro="sorter"/>')
assert NESTED.count("sorter") == 2


@pytest.mark.parametrize("style", [ET_AL, NESTED], ids=["macro", "macro-in-a-macro"])
def test_a_key_s_names_without_and_et_al_or_label(make_book: MakeBook, style: str) -> None:
    """pandoc's key of "Adams, J. et al." is "Adams, J.", of "Adams, J. and Smith, W."
    "Adams, J.Smith, W.", of "Adams, J., ed." "Adams, J.": the years then order them;
    citeproc-py's read "and", "et al." and ", ed." ("Adams, J., ed." last), and where the
    key's macro calls the one printing the names (Chicago 18th's), the names as the entry
    prints them ("Adams, J. et al." and the rest)."""
    refs = {
        "two": _by("Two", 2003, "Adams John", "Smith Will"),
        "three": _by("Three", 2002, "Adams John", "Lee Kim", "Roe Ann"),
        "one": _by("One", 2004, "Adams John"),
        "ed": _by("Edited", 2001, "Adams John", role="editor"),
    }
    assert cited_text(make_book, refs, "[@two; @three; @one; @ed]\n", style)[1:] == [
        "Adams, J., ed. 2001. Edited.",
        "Adams, J. et al. 2002. Three.",
        "Adams, J. 2004. One.",
        "Adams, J. and Smith, W. 2003. Two.",
    ]


def test_the_sort_key_names_wrapper_applies_to_this_citeproc_py() -> None:
    """octavo.render.citation_sort_names wraps citeproc-py 0.11's methods; on another
    version it leaves them (the sort then reads "and" and "et al."): this says when."""
    from octavo.render.citation_sort_names import install, installed

    assert install() and installed()


# the list sorted by a macro printing the date in words (Chicago 18th's `date` key)
BY_DATE = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<macro name="date"><date variable="issued" form="text"/></macro>'
    '<citation><layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">'
    '<names variable="author"><name form="short"/></names><text macro="date"/></group>'
    '</layout></citation><bibliography><sort><key macro="date"/></sort>'
    '<layout suffix="."><group delimiter=". "><names variable="author"><name'
    ' name-as-sort-order="all"/></names><text macro="date"/><text variable="title"/>'
    "</group></layout></bibliography></style>"
)


def test_a_key_s_dates_compared_as_pandoc_s_digits(make_book: MakeBook) -> None:
    """pandoc prints a date in a sort key as digits, "69950304"; citeproc-py's words put
    "April 1, 1995" before "March 4, 1995", "1995" after both, "December 31, 1994" after
    "1995" (digits before letters)."""
    doe = [{"family": "Doe", "given": "Jane"}]

    def dated(title: str, *parts: list[int]) -> dict[str, Any]:
        return {"type": "book", "title": title, "author": doe, "issued": {"date-parts": [*parts]}}

    refs = {
        "mar": dated("March", [1995, 3, 4]),
        "apr": dated("April", [1995, 4, 1]),
        "year": dated("Year", [1995]),
        "dec94": dated("December", [1994, 12, 31]),
        "range": dated("Range", [1995, 2], [1995, 5]),
    }
    assert cited_text(make_book, refs, "[@mar; @apr; @year; @dec94; @range]\n", BY_DATE)[1:] == [
        "Doe, Jane. December 31, 1994. December.",
        "Doe, Jane. 1995. Year.",
        "Doe, Jane. February–May 1995. Range.",
        "Doe, Jane. March 4, 1995. March.",
        "Doe, Jane. April 1, 1995. April.",
    ]


def _empty_key_style(key: str) -> str:
    return (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        '<macro name="author"><names variable="author"><name name-as-sort-order="all"/>'
        '</names></macro><macro name="year"><date variable="issued"><date-part name="year"/>'
        '</date></macro><citation><layout prefix="(" suffix=")" delimiter="; ">'
        '<group delimiter=" "><text variable="title"/><text macro="year"/></group></layout>'
        f'</citation><bibliography><sort>{key}</sort><layout suffix=".">'
        '<group delimiter=". "><text macro="author"/><text macro="year"/>'
        '<text variable="title"/></group></layout></bibliography></style>'
    )


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ('<key macro="author"/>', ["1990. Anon.", "Aye, A. Aye.", "Bee, A. 2000. Bee."]),
        ('<key variable="author"/>', ["Aye, A. Aye.", "Bee, A. 2000. Bee.", "1990. Anon."]),
        ('<key macro="year"/>', ["Aye, A. Aye.", "1990. Anon.", "Bee, A. 2000. Bee."]),
        (
            '<key macro="year" sort="descending"/>',
            ["Bee, A. 2000. Bee.", "1990. Anon.", "Aye, A. Aye."],
        ),
        (
            '<key macro="author" sort="descending"/>',
            ["Bee, A. 2000. Bee.", "Aye, A. Aye.", "1990. Anon."],
        ),
    ],
)
def test_a_macro_printing_nothing_sorts_first(
    make_book: MakeBook, key: str, expected: list[str]
) -> None:
    """A key's macro that prints nothing for an entry is empty, before every value
    ascending (octavo listed the entry last, as for a missing variable); a missing variable
    stays last. Expected: pandoc 3.9's lists with the same style."""
    refs: dict[str, dict[str, object]] = {
        "b": {
            "type": "book",
            "title": "Bee",
            "author": [{"family": "Bee", "given": "A"}],
            "issued": {"date-parts": [[2000]]},
        },
        "anon": {"type": "book", "title": "Anon", "issued": {"date-parts": [[1990]]}},
        "a": {"type": "book", "title": "Aye", "author": [{"family": "Aye", "given": "A"}]},
    }
    assert cited_text(make_book, refs, "[@b; @anon; @a]\n", _empty_key_style(key))[1:] == expected


BELARUSIAN = {  # in the file's order
    key: _work(key.upper(), 1990 + at, family, "Ян")
    for at, (key, family) in enumerate(
        [
            ("a", "Ёлкін"),
            ("b", "Ежоў"),
            ("c", "Жук"),
            ("d", "Ўлас"),
            ("e", "Ус"),
            ("f", "Ухаў"),
            ("g", "Іваноў"),
            ("h", "Ігнат"),
        ]
    )
}


def test_the_list_collated_in_a_language_citeproc_py_has_no_locale_for(
    make_book: MakeBook,
) -> None:
    """Belarusian (no locale in citeproc-py, whose terms are then American English's) is
    collated as Belarusian, as pandoc collates it: "Ў" a letter after "У"; octavo
    collated it as American English ("Ўлас" before "Ус", a "У" with a mark)."""
    body = "X [@a; @b; @c; @d; @e; @f; @g; @h].\n"
    assert cited_text(make_book, BELARUSIAN, body, STYLE, language="be")[1:] == [
        "Ежоў, Ян. 1991. B.",
        "Ёлкін, Ян. 1990. A.",
        "Жук, Ян. 1992. C.",
        "Іваноў, Ян. 1996. G.",
        "Ігнат, Ян. 1997. H.",
        "Ус, Ян. 1994. E.",
        "Ухаў, Ян. 1995. F.",
        "Ўлас, Ян. 1993. D.",
    ]
