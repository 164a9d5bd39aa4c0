"""Given names that tell two people of one family name apart in the text
(octavo.render.citation_names). Each expected text is what `pandoc --citeproc -t plain
--wrap=none` prints, 2.17 and 3.9 alike, with the same style, references and Markdown;
octavo printed "Smith" for every Smith of them, and grouped two Smiths' works as one
author's ("(Smith, 1999, 2001)")."""

from __future__ import annotations

from importlib.resources import files

import pytest

from octavo.render.citeproc_book import DEFAULT_STYLE
from tests.conftest import MakeBook
from tests.support.citation_styles import AUTHOR_DATE, cited_text

HARVARD = (files("citeproc") / f"data/styles/{DEFAULT_STYLE}.csl").read_text(encoding="utf-8")
RULE = ' givenname-disambiguation-rule="primary-name"'
assert RULE in AUTHOR_DATE and "givenname-disambiguation-rule" not in HARVARD  # by-cite


def _book(title: str, people: list[tuple[str, str]], year: int) -> dict[str, object]:
    return {
        "type": "book", "title": title, "issued": {"date-parts": [[year]]},
        "author": [{"family": family, "given": given} for family, given in people],
    }  # fmt: skip


REFS = {
    "jsmith99": _book("Forests", [("Smith", "John")], 1999),
    "rsmith99": _book("Lakes", [("Smith", "Robert")], 1999),
    "rsmith01": _book("Rivers", [("Smith", "Robert")], 2001),
    "jasmith05": _book("Fields", [("Smith", "Jane")], 2005),  # John's initial
    "leesmith07": _book("Roads", [("Lee", "Kim"), ("Smith", "Robert")], 2007),
    "smithdoe08": _book("Rails", [("Smith", "John"), ("Doe", "Jane")], 2008),
    "asmith99": _book("Hills", [("Smith", "Anna")], 1999),
}
BODY = (
    "A [@jsmith99; @rsmith99]. B [@jasmith05]. C [@leesmith07]. D [@smithdoe08]. E"
    " [@rsmith01]. F [@asmith99]. @rsmith99 says. G [@jsmith99; @smithdoe08]. H [@jsmith99;"
    " @rsmith01].\n"
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            AUTHOR_DATE,  # Chicago author-date's rule: every first name, initials or whole
            "A (John Smith 1999; R. Smith 1999). B (Jane Smith 2005). C (Lee and Smith 2007)."
            " D (John Smith and Doe 2008). E (R. Smith 2001). F (A. Smith 1999). R. Smith"
            " (1999) says. G (John Smith 1999; John Smith and Doe 2008). H (John Smith 1999;"
            " R. Smith 2001).",
            id="primary-name",
        ),
        pytest.param(
            AUTHOR_DATE.replace(RULE, ' givenname-disambiguation-rule="all-names"'),
            "A (John Smith 1999; R. Smith 1999). B (Jane Smith 2005). C (Lee and R. Smith"
            " 2007). D (John Smith and Doe 2008). E (R. Smith 2001). F (A. Smith 1999). R."
            " Smith (1999) says. G (John Smith 1999; John Smith and Doe 2008). H (John Smith"
            " 1999; R. Smith 2001).",
            id="all-names",
        ),
        pytest.param(
            AUTHOR_DATE.replace(RULE, ' givenname-disambiguation-rule="all-names-with-initials"'),
            "A (Smith 1999; R. Smith 1999). B (Smith 2005). C (Lee and R. Smith 2007). D (Smith"
            " and Doe 2008). E (R. Smith 2001). F (A. Smith 1999). R. Smith (1999) says. G"
            " (Smith 1999; Smith and Doe 2008). H (Smith 1999; R. Smith 2001).",
            id="all-names-with-initials",
        ),
        pytest.param(
            AUTHOR_DATE.replace(
                RULE, ' givenname-disambiguation-rule="primary-name-with-initials"'
            ),
            "A (Smith 1999; R. Smith 1999). B (Smith 2005). C (Lee and Smith 2007). D (Smith"
            " and Doe 2008). E (R. Smith 2001). F (A. Smith 1999). R. Smith (1999) says. G"
            " (Smith 1999; Smith and Doe 2008). H (Smith 1999; R. Smith 2001).",
            id="primary-name-with-initials",
        ),
        pytest.param(
            HARVARD,  # `by-cite`: only where citations print alike ("Smith, 1999")
            "A (J. Smith, 1999; R. Smith, 1999). B (Smith, 2005). C (Lee and Smith, 2007). D"
            " (Smith and Doe, 2008). E (Smith, 2001). F (A. Smith, 1999). R. Smith (1999)"
            " says. G (J. Smith, 1999; Smith and Doe, 2008). H (J. Smith, 1999; Smith, 2001).",
            id="by-cite",
        ),
        pytest.param(
            AUTHOR_DATE.replace(' disambiguate-add-givenname="true"', ""),
            "A (Smith 1999b; Smith 1999c). B (Smith 2005). C (Lee and Smith 2007). D (Smith"
            " and Doe 2008). E (Smith 2001). F (Smith 1999a). Smith (1999c) says. G (Smith"
            " 1999b; Smith and Doe 2008). H (Smith 1999b; Smith 2001).",
            id="not-asked",  # the year suffixes tell them apart, in the list's order
        ),
    ],
)
def test_people_told_apart_as_the_style_says(
    make_book: MakeBook, style: str, expected: str
) -> None:
    assert cited_text(make_book, REFS, BODY, style)[0] == expected


def test_the_list_keeps_the_names_as_the_file_gives_them(make_book: MakeBook) -> None:
    """The given names are the text's: the list's entries and their order are as
    before (pandoc's list, with the same style)."""
    body = "[@jsmith99; @rsmith99; @jasmith05]\n"
    assert cited_text(make_book, REFS, body, AUTHOR_DATE) == [
        "(John Smith 1999; R. Smith 1999; Jane Smith 2005)",
        "Smith, Jane. 2005. Fields.",
        "Smith, John. 1999. Forests.",
        "Smith, Robert. 1999. Lakes.",
    ]


NOBODY: dict[str, dict[str, object]] = {
    "anon90": {"type": "book", "title": "Anonymous", "issued": {"date-parts": [[1990]]}},
    "anon95": {"type": "book", "title": "Anonymous", "issued": {"date-parts": [[1995]]}},
    "other91": {"type": "book", "title": "Other", "issued": {"date-parts": [[1991]]}},
    "lee05": _book("Ports", [("Lee", "Kim")], 2005),
}
NOBODY_BODY = "X [@anon90; @lee05; @anon95]. Y [@anon90; @other91].\n"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            HARVARD,  # the title in the author's place: grouped where it is the same
            "X (Anonymous, 1990, 1995; Lee, 2005). Y (Anonymous, 1990; Other, 1991).",
            id="title-for-author",
        ),
        pytest.param(
            AUTHOR_DATE,  # no substitute: a year alone, grouped with another year alone
            "X (1990, 1995; Lee 2005). Y (1990, 1991).",
            id="year-alone",
        ),
    ],
)
def test_entries_naming_nobody_grouped_by_what_they_print(
    make_book: MakeBook, style: str, expected: str
) -> None:
    """pandoc's citeproc (2.17 and 3.9) groups works naming nobody by the words printed in
    the author's place; octavo never grouped them ("(Anonymous, 1990; Lee, 2005;
    Anonymous, 1995)")."""
    assert cited_text(make_book, NOBODY, NOBODY_BODY, style)[0] == expected


SHARED_INITIALS = {
    "j99": _book("Forests", [("Smith", "John")], 1999),
    "ja99": _book("Fields", [("Smith", "Jane")], 1999),
    "j05": _book("Docks", [("Smith", "John")], 2005),
    "r01": _book("Rivers", [("Smith", "Robert")], 2001),
}
INITIALIZED = 'sort-separator=", " initialize-with="."'  # the list's names as "Smith, J."
REPEATED = '<bibliography subsequent-author-substitute="———" and="text"'


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            HARVARD,  # by-cite: 2005's John is told apart from nobody, in the text and list
            [
                "(John Smith, 1999; Jane Smith, 1999). (Smith, 2005). (Smith, 2001).",
                "Smith, Jane (1999) Fields.",
                "Smith, John (1999) Forests.",
                "Smith, J. (2005) Docks.",
                "Smith, R. (2001) Rivers.",
            ],
            id="by-cite",
        ),
        pytest.param(
            HARVARD.replace('<bibliography and="text"', REPEATED),
            [
                "(John Smith, 1999; Jane Smith, 1999). (Smith, 2005). (Smith, 2001).",
                "Smith, Jane (1999) Fields.",
                "Smith, John (1999) Forests.",
                "——— (2005) Docks.",  # the same person, whatever the names print
                "Smith, R. (2001) Rivers.",
            ],
            id="by-cite-repeated",
        ),
        pytest.param(
            AUTHOR_DATE.replace('sort-separator=", "', INITIALIZED),  # primary-name
            [
                "(John Smith 1999; Jane Smith 1999). (John Smith 2005). (R. Smith 2001).",
                "Smith, Jane. 1999. Fields.",
                "Smith, John. 1999. Forests.",
                "———. 2005. Docks.",
                "Smith, R. 2001. Rivers.",
            ],
            id="primary-name",
        ),
    ],
)
def test_the_list_gives_a_given_name_whole_where_initials_are_shared(
    make_book: MakeBook, style: str, expected: list[str]
) -> None:
    """Where two people's initials are the same, pandoc's citeproc (2.17 and 3.9) gives
    the list their given names whole too ("Smith, Jane", "Smith, John"), where the style's
    list prints initials: octavo printed "Smith, J." for both."""
    body = "[@j99; @ja99]. [@j05]. [@r01].\n"
    assert cited_text(make_book, SHARED_INITIALS, body, style) == expected


def _many(title: str, year: int, *family: str) -> dict[str, object]:
    return _book(title, [("Smith", "John"), *((f, f[0]) for f in family)], year)


ET_AL = {
    "a": _many("One", 2001, "Doe", "Lee", "Roe"),
    "b": _many("Two", 2001, "Kim", "Park", "Cho"),
    "c": _many("Three", 2003, "Doe", "Lee", "Roe"),
    "d": _many("Four", 2001, "Doe", "Lee", "Poe"),
    "e": _many("Five", 2001, "Doe", "Lee", "Poe", "Zed"),
    "f": _many("Six", 2001, "Doe", "Lee", "Poe", "Yew"),
}
ET_AL_BODY = "[@a; @b; @d]. [@c]. [@e; @f].\n"
CUT = '<citation et-al-min="3" et-al-use-first="1" disambiguate-add-names="true" '


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            HARVARD,  # et-al-min 4, et-al-use-first 1, in the text and the list
            [
                "(Smith, Doe, Lee and Roe, 2001; Smith, Kim, et al., 2001; Smith, Doe, Lee and"
                " Poe, 2001). (Smith et al., 2003). (Smith, Doe, Lee, Poe and Zed, 2001; Smith,"
                " Doe, Lee, Poe and Yew, 2001).",
                "Smith, J., Doe, D., Lee, L., Poe, P. and Zed, Z. (2001) Five.",
                "Smith, J., Doe, D., Lee, L. and Poe, P. (2001) Four.",
                "Smith, J., Doe, D., Lee, L. and Roe, R. (2001) One.",
                "Smith, J., Doe, D., Lee, L., Poe, P. and Yew, Y. (2001) Six.",
                "Smith, J., Kim, K., et al. (2001) Two.",
                "Smith, J. et al. (2003) Three.",
            ],
            id="harvard",
        ),
        pytest.param(
            AUTHOR_DATE.replace("<citation ", CUT),  # the list names all: no "et al." there
            [
                "(Smith, Doe, Lee, and Roe 2001; Smith, Kim, et al. 2001; Smith, Doe, Lee, and"
                " Poe 2001). (Smith et al. 2003). (Smith, Doe, Lee, Poe, and Zed 2001; Smith,"
                " Doe, Lee, Poe, and Yew 2001).",
            ],
            id="author-date",
        ),
    ],
)
def test_names_before_et_al_tell_works_apart(
    make_book: MakeBook, style: str, expected: list[str]
) -> None:
    """pandoc's citeproc (2.17 and 3.9) adds names before "et al." to works whose
    citations print alike (`disambiguate-add-names`), in the text and in the list, before
    any year suffix: octavo printed "(Smith et al., 2001a; Smith et al., 2001b; …)"."""
    printed = cited_text(make_book, ET_AL, ET_AL_BODY, style)
    assert printed[: len(expected)] == expected
