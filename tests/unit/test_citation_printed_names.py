"""Citations as pandoc's citeproc prints them (2.17 and 3.9 alike) where octavo's given
names and groups went wrong after they were first read: works grouped by the names they
print, names that cannot be initialized, numeric styles, a name's parts formatted."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest

from octavo.render.citeproc_book import DEFAULT_STYLE
from octavo.render.manuscript import render_manuscript
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.citation_styles import AUTHOR_DATE, cited_text

HARVARD = (files("citeproc") / f"data/styles/{DEFAULT_STYLE}.csl").read_text(encoding="utf-8")
ET_AL = 'initialize-with=". " et-al-min="3" et-al-use-first="1"/>'


def _book(title: str, year: int, people: list[tuple[str, str]]) -> dict[str, object]:
    return {
        "type": "book", "title": title, "issued": {"date-parts": [[year]]},
        "author": [{"family": family, "given": given} for family, given in people],
    }  # fmt: skip


MANY = {
    "a": _book("Alpha", 2001, [("Smith", "John"), ("Doe", "Ann"), ("Lee", "Bo"), ("Roe", "Cy")]),
    "b": _book("Beta", 2002, [("Smith", "John"), ("Kay", "Al"), ("Poe", "Ed"), ("Fox", "Di")]),
    "c": _book("Gamma", 2005, [("Kim", "Mi"), ("Doe", "Ann"), ("Lee", "Bo"), ("Roe", "Cy")]),
    "d": _book("Delta", 2005, [("Kim", "Mi"), ("Kay", "Al"), ("Poe", "Ed"), ("Fox", "Di")]),
}


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            AUTHOR_DATE.replace('initialize-with=". "/>', ET_AL, 1),
            "A (Smith et al. 2001, 2002). B (Kim et al. 2005a, 2005b).",
            id="author-date",
        ),
        pytest.param(
            HARVARD,  # disambiguate-add-names: Kim's two print more names, apart
            "A (Smith et al., 2001, 2002). B (Kim, Doe, et al., 2005; Kim, Kay, et al., 2005).",
            id="harvard",
        ),
    ],
)
def test_works_printing_the_same_names_are_grouped(
    make_book: MakeBook, style: str, expected: str
) -> None:
    """pandoc's citeproc groups works whose names print alike (its sameNames compares the
    printed names where the people differ): octavo compared every name of each work and
    printed "(Smith et al. 2001; Smith et al. 2002)"."""
    assert cited_text(make_book, MANY, "A [@a; @b]. B [@c; @d].\n", style)[0] == expected


def _html(make_book: MakeBook, files: dict[str, str | bytes], toml: str) -> str:
    """The one section's HTML of a book of `files` (refs, style, text), no diagnostic."""
    book, found = read_book(make_book(files, BOOK_TOML + toml))
    assert book is not None, found
    manuscript, more = render_manuscript(book)
    assert not [*found, *more]
    return "\n".join(s.body_html for c in manuscript.chapters for s in c.sections)


def _text(html: str) -> list[str]:
    kept = re.findall(r"<p>(.*?)</p>|<div id=\"ref-[^\"]+\"[^>]*>(.*?)</div>", html, re.DOTALL)
    text = [re.sub(r"<[^>]+>", "", "".join(m)).replace("\u2060", "").strip() for m in kept]
    return [line for line in text if line and "Data as of" not in line]


ODD = {
    "mao": _book("Alpha", 2001, [("毛", "泽东")]),
    "mao2": _book("Beta", 2002, [("毛", "泽民")]),
    "kim": _book("Gamma", 2003, [("김", "정은")]),
    "kim2": _book("Delta", 2003, [("김", "일성")]),
    "ann": _book("Eps", 2004, [("Lee", "Ann")]),
    "ann2": _book("Zeta", 2004, [("Lee", "ann")]),
    "van": _book("Eta", 2005, [("Silva", "Ludwig van")]),
    "xav": _book("Theta", 1990, [("Silva", "Xavier")]),
}


def test_names_that_cannot_be_initialized_as_pandoc_prints_them(make_book: MakeBook) -> None:
    """pandoc's citeproc prints a Chinese or Korean name family first, without a space
    (initialized as it can: "泽东."), keeps a given name in lower case and a particle in
    the given name: octavo printed "泽东 毛", ". 정은 . 김", ". ann . Lee", "L. van . Silva"."""
    body = "A [@mao; @mao2]. B [@kim; @kim2]. C [@ann; @ann2]. D [@van; @xav].\n"
    assert cited_text(make_book, ODD, body, AUTHOR_DATE)[0] == (
        "A (毛泽东. 2001; 毛泽民. 2002). B (김정은. 2003; 김일성. 2003). C (A. Lee 2004; ann"
        " Lee 2004). D (L. van Silva 2005; X. Silva 1990)."
    )


def test_a_particle_bibtex_gives_after_the_given_name(make_book: MakeBook) -> None:
    """BibTeX's "Fontaine, Jules de la": pandoc prints "J. de la Fontaine", and tells the
    two works apart by their year suffixes (their names differ): octavo printed "J. de .
    la . Fontaine" and grouped the two as one author's, "2007a, 2007b"."""
    refs = (
        "@book{m, author = {de la Fontaine, Jean and Smith, John}, title = {Nu}, year = {2007}}\n"
        "@book{n, author = {Fontaine, Jules de la and Smith, John}, title = {Xi}, year = {2007}}\n"
    )
    files: dict[str, str | bytes] = {
        "refs.bib": refs, "style.csl": AUTHOR_DATE,
        "001-a.md": section_source(1, body="G [@m; @n].\n", total=1),
    }  # fmt: skip
    html = _html(make_book, files, 'bibliography = "refs.bib"\ncsl = "style.csl"\n')
    assert _text(html)[0] == (
        "G (J. de la Fontaine and Smith 2007a; J. de la Fontaine and Smith 2007b)."
    )


NUMBERED = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<citation collapse="citation-number" disambiguate-add-givenname="true"'
    ' givenname-disambiguation-rule="all-names"><sort><key variable="citation-number"/>'
    '</sort><layout prefix="[" suffix="]" delimiter=", "><text variable="citation-number"/>'
    '</layout></citation><bibliography><layout><text variable="citation-number" prefix="["'
    ' suffix="] "/><names variable="author" suffix=". "><name initialize-with=". "'
    ' name-as-sort-order="all"/></names><text variable="title"/></layout></bibliography>'
    "</style>"
)


def test_a_numeric_style_tells_nobody_apart_by_name(make_book: MakeBook) -> None:
    """Citations printing no names tell nobody apart by them (pandoc): octavo read every
    entry's names and printed the list's "Smith, John" where the style prints "Smith, J."."""
    refs = {
        "a": _book("Forests", 1999, [("Smith", "John")]),
        "b": _book("Lakes", 2001, [("Smith", "Jane")]),
    }
    assert cited_text(make_book, refs, "A [@a; @b].\n", NUMBERED) == [
        "A [1, 2].", "[1] Smith, J. Forests", "[2] Smith, J. Lakes",
    ]  # fmt: skip


UPPER = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<citation disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name"'
    ' disambiguate-add-year-suffix="true"><layout prefix="(" suffix=")" delimiter="; ">'
    '<group delimiter=", "><names variable="author"><name form="short" initialize-with=". "'
    ' and="text"><name-part name="family" text-case="uppercase"/></name></names>'
    '<date variable="issued"><date-part name="year"/></date></group></layout></citation>'
    '<bibliography><sort><key variable="author"/></sort><layout><group delimiter=". ">'
    '<names variable="author"><name name-as-sort-order="all" initialize-with=". ">'
    '<name-part name="family" font-variant="small-caps"/></name></names>'
    '<text variable="title"/></group></layout></bibliography></style>'
)


def test_a_name_s_parts_keep_their_formatting(make_book: MakeBook) -> None:
    """pandoc prints "(John SMITH, 1999; James SMITH, 1999)", and "Smith" alone in small
    caps in the list: octavo formatted the whole name told apart, "JOHN SMITH", small caps
    on "Smith, John"."""
    refs = {
        "john": _book("Forests", 1999, [("Smith", "John")]),
        "james": _book("Lakes", 1999, [("Smith", "James")]),
    }
    files: dict[str, str | bytes] = {
        "refs.json": json.dumps([{"id": key, **entry} for key, entry in refs.items()]),
        "style.csl": UPPER, "001-a.md": section_source(1, body="A [@john; @james].\n", total=1),
    }  # fmt: skip
    html = _html(make_book, files, 'bibliography = "refs.json"\ncsl = "style.csl"\n')
    assert _text(html)[0] == "A (John SMITH, 1999; James SMITH, 1999)."
    assert '<span class="smallcaps">Smith</span>, James. Lakes' in html
    assert '<span class="smallcaps">Smith</span>, John. Forests' in html


ON_NAME = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<citation disambiguate-add-names="true" disambiguate-add-year-suffix="true">'
    '<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">'
    '<names variable="author"><name form="short" and="text" delimiter=", " et-al-min="3"'
    ' et-al-use-first="1"/></names><date variable="issued"><date-part name="year"/></date>'
    '</group></layout></citation><bibliography><layout><text variable="title"/></layout>'
    "</bibliography></style>"
)


def test_et_al_min_on_the_name_asks_for_more_names(make_book: MakeBook) -> None:
    """`et-al-min` given on the `<name>` (not the `<citation>`): pandoc adds names before
    "et al."; octavo read it on the citation alone and printed "Kim et al., 2005a"."""
    assert cited_text(make_book, MANY, "B [@c; @d].\n", ON_NAME)[0] == (
        "B (Kim, Doe, et al., 2005; Kim, Kay, et al., 2005)."
    )


def test_a_count_of_names_that_is_no_number_is_the_style_s_error(make_book: MakeBook) -> None:
    """`et-al-min="x"`: E150 of the style, where citeproc-py's failure was told of
    whichever entry it printed first ("cannot format entry 'c'")."""
    files: dict[str, str | bytes] = {
        "refs.json": json.dumps([{"id": key, **entry} for key, entry in MANY.items()]),
        "style.csl": ON_NAME.replace('et-al-min="3"', 'et-al-min="x"'),
        "001-a.md": section_source(1, body="B [@c; @d].\n", total=1),
    }
    book, found = read_book(
        make_book(files, BOOK_TOML + 'bibliography = "refs.json"\ncsl = "style.csl"\n')
    )
    assert book is not None, found
    _, more = render_manuscript(book)
    assert [(d.code, d.file and d.file.name, d.message) for d in more] == [
        ("E150", "style.csl", 'citeproc-py cannot read it: et-al-min="x" is no number of names')
    ]


ODD_GIVEN = {
    "a": _book("Alpha", 2001, [("Smith", "John")]),
    "b": _book("Beta", 2001, [("Smith", "J")]),
    "c": _book("Gamma", 2001, [("Smith", " ")]),
    "f": _book("Zeta", 2001, [("Smith", "...")]),
}


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            AUTHOR_DATE,
            ["A (John Smith 2001; J. Smith 2001; Smith 2001a; Smith 2001b)."],
            id="author-date",
        ),
        pytest.param(
            HARVARD,  # the list gives them whole too
            [
                "A (John Smith, 2001; J. Smith, 2001; Smith, 2001a; Smith, 2001b).",
                "Smith (2001a) Gamma.",
                "Smith (2001b) Zeta.",
                "Smith, John (2001) Alpha.",
                "Smith, J. (2001) Beta.",
            ],
            id="harvard",
        ),
    ],
)
def test_a_given_name_given_whole_keeps_its_initials_as_pandoc(
    make_book: MakeBook, style: str, expected: list[str]
) -> None:
    """A given name "J" beside "John" is given whole, initialized as pandoc's citeproc
    still initializes it ("J. Smith"); one of dots or a space alone prints none and the
    year suffixes tell the works apart: octavo printed "J Smith", "... Smith", "  Smith",
    and "Smith, ..." in the list."""
    printed = cited_text(make_book, ODD_GIVEN, "A [@a; @b; @c; @f].\n", style)
    assert printed[: len(expected)] == expected


FOUR = [("Smith", "John"), ("Doe", "Ann"), ("Lee", "Bo"), ("Roe", "Cy")]
BY_CITE = {
    "a": _book("Alpha", 2001, [("Smith", "John"), ("Doe", "Ann")]),
    "b": _book("Beta", 2001, [("Smith", "Robert"), ("Doe", "Ann")]),
    "c": _book("Gamma", 2001, [("Smith", "John"), ("Doe", "Bea")]),
    "d": _book("Delta", 2002, FOUR),
    "e": _book("Eps", 2002, [("Smith", "Jane"), *FOUR[1:]]),
    "f": _book("Zeta", 2003, FOUR),
}


def test_by_cite_tells_apart_again_and_groups_the_same_people(make_book: MakeBook) -> None:
    """Harvard's `by-cite` with `disambiguate-add-names`: pandoc's citeproc gives given
    names again to works still alike after the first ("A. Doe", "B. Doe"), and groups two
    works of the same four people however their names print ("John Smith et al., 2002,
    2003"): octavo printed "J. Smith and Doe, 2001a; … 2001b" and "(John Smith et al.,
    2002; Smith et al., 2003)"."""
    body = "A [@a; @b; @c]. B [@d; @e]. C [@d; @f]. D [@a; @d; @f].\n"
    assert cited_text(make_book, BY_CITE, body, HARVARD)[0] == (
        "A (J. Smith and A. Doe, 2001; R. Smith and Doe, 2001; J. Smith and B. Doe, 2001). B"
        " (John Smith et al., 2002; Jane Smith et al., 2002). C (John Smith et al., 2002,"
        " 2003). D (J. Smith and A. Doe, 2001; John Smith et al., 2002, 2003)."
    )
