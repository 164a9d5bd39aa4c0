"""A CSL-JSON field's apostrophes and quotation marks as pandoc's citeproc reads them
(octavo.render.citation_quotes). Each expected list is what `pandoc --citeproc -t plain
--wrap=none` 3.9 prints with the same style, references and Markdown; octavo printed them
as typed but an apostrophe between two letters ("The '90s", "Rock 'n' roll", 'A "double"
quote'), and in a quoted title no inner marks ("“'Quoted' words.”")."""

from __future__ import annotations

from importlib.resources import files

import pytest

from octavo.render.citeproc_book import DEFAULT_STYLE
from tests.conftest import MakeBook
from tests.support.citation_styles import AUTHOR_DATE, cited_html, cited_text

HARVARD = (files("citeproc") / f"data/styles/{DEFAULT_STYLE}.csl").read_text(encoding="utf-8")

TITLES = [
    "The '90s and the 1990's",
    "The parents' guide",
    "Rock 'n' roll",
    "'Quoted' words",
    "St. Martin's Day",
    'A "double" quote',
    "Don't 'panic'",
]
REFS: dict[str, dict[str, object]] = {
    f"t{at}": {
        "type": "book",
        "title": title,
        "issued": {"date-parts": [[1970 + at]]},
        "author": [{"family": "Roe", "given": "Rick"}],
    }
    for at, title in enumerate(TITLES)
}
BODY = "[" + "; ".join(f"@t{at}" for at in range(len(TITLES))) + "]\n"
QUOTED = AUTHOR_DATE.replace('<text variable="title"/>', '<text variable="title" quotes="true"/>')
assert QUOTED != AUTHOR_DATE


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            AUTHOR_DATE,
            [
                "Roe, Rick. 1970. The ’90s and the 1990’s.",
                "———. 1971. The parents’ guide.",
                "———. 1972. Rock “n” roll.",
                "———. 1973. “Quoted” words.",
                "———. 1974. St. Martin’s Day.",
                "———. 1975. A “double” quote.",
                "———. 1976. Don’t “panic.”",
            ],
            id="title",
        ),
        pytest.param(
            QUOTED,
            [
                "Roe, Rick. 1970. “The ’90s and the 1990’s.”",
                "———. 1971. “The parents’ guide.”",
                "———. 1972. “Rock ‘n’ roll.”",
                "———. 1973. “‘Quoted’ words.”",
                "———. 1974. “St. Martin’s Day.”",
                "———. 1975. “A ‘double’ quote.”",
                "———. 1976. “Don’t ‘panic’.”",
            ],
            id="title-in-quotes",
        ),
    ],
)
def test_apostrophes_and_quotes_as_pandoc_reads_them(
    make_book: MakeBook, style: str, expected: list[str]
) -> None:
    assert cited_text(make_book, REFS, BODY, style)[1:] == expected


def _entry(key: str, title: str, **more: object) -> dict[str, object]:
    author = [{"family": key.upper() + key, "given": "B"}]
    return {"type": "book", "title": title, "author": author} | more


def test_a_tag_of_the_title_is_copied_as_it_is(make_book: MakeBook) -> None:
    """A CSL-JSON title's small capitals (`<span style=...>`, citeproc-py's own): the quotes
    around the attribute's value were read as a quotation, and the span lost its style;
    pandoc 3.9's HTML: `Bb, B. (2001) <em>A <span class="smallcaps">Caps</span>
    title</em>.`"""
    title = 'A <span style="font-variant:small-caps;">Caps</span> title'
    refs = {"b": _entry("b", title, issued={"date-parts": [[2001]]})}
    html = cited_html(make_book, refs, "[@b]\n", HARVARD)
    assert '<i>A <span class="smallcaps">Caps</span> title</i>.' in html
    assert cited_text(make_book, refs, "[@b]\n", HARVARD)[1:] == ["Bb, B. (2001) A Caps title."]


def test_a_period_stays_outside_a_formatted_title_s_own_quotation(make_book: MakeBook) -> None:
    """American English sets a comma or a period inside the quotation it follows, but not
    across the title's italics (pandoc's Emph [.., Quoted ..], Str "."): octavo printed
    `Rock and “Roll.”` and `The “Review,” pp. 1–2`. Expected: pandoc 3.9's."""
    refs = {
        "a": _entry("a", 'Rock and "Roll"', issued={"date-parts": [[2000]]}),
        "b": _entry(
            "b",
            'The "Big" one',
            type="article-journal",
            issued={"date-parts": [[2001]]},
            page="1-2",
        )
        | {"container-title": 'The "Review"'},
    }
    assert cited_text(make_book, refs, "[@a; @b]\n", HARVARD)[1:] == [
        "Aa, B. (2000) Rock and \u201cRoll\u201d.",
        "Bb, B. (2001) \u201cThe \u2018Big\u2019 one,\u201d The \u201cReview\u201d, pp. 1\u20132.",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        pytest.param(
            "en-GB",
            [
                "Bb, B. (2001) \u2018It\u2019s the \u201cBig\u201d one\u2019, Review [Preprint].",
                "Cc, B. (2001) \u2018The \u201cBig\u201d one\u2019, Review [Preprint].",
            ],
            id="en-GB",  # the apostrophe is the closing mark: ‘It’s the ‘Big’ one’
        ),
        pytest.param(
            "fr",
            [
                "Bb, B. (2001) \xab\xa0It\u2019s the \u201cBig\u201d one\xa0\xbb, Review [Preprint].",
                "Cc, B. (2001) \xab\xa0The \u201cBig\u201d one\xa0\xbb, Review [Preprint].",
            ],
            id="fr",  # two characters, «&#160;: « The « Big » one »
        ),
    ],
)
def test_a_quotation_inside_the_style_s_takes_the_inner_marks(
    make_book: MakeBook, language: str, expected: list[str]
) -> None:
    """A title's own quotation inside the quotes the style sets around it takes the
    locale's inner marks; octavo guessed the nesting from the characters printed. Expected:
    pandoc 3.9's."""
    refs = {
        key: _entry(
            key,
            title,
            type="article-journal",
            issued={"date-parts": [[2001]]},
        )
        | {"container-title": "Review"}
        for key, title in (("b", 'It\'s the "Big" one'), ("c", 'The "Big" one'))
    }
    assert cited_text(make_book, refs, "[@b; @c]\n", HARVARD, language=language)[1:] == expected
