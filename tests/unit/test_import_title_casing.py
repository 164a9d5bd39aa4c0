"""A title in capitals set in title case from the page's own text
(octavo.importers.title_casing): its acronyms and roman numerals kept, small words
lowercase, a capital after a colon and in each part of a hyphened name."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.importers.countrystudy import parse_page
from octavo.importers.html import parse_html_page
from octavo.importers.title_casing import title_case

# words of countrystudies.us's Belarus pages, as they write them
BELARUS = (
    "In 1992 Belarus joined the IMF and the World Bank. United States aid, some US$100 "
    "million a year, went through the U.S. Agency for International Development (USAID). "
    "Relations with the Soviet Union (USSR) had been close since World War II."
)


@pytest.mark.parametrize(
    ("title", "text", "cased"),
    [
        pytest.param("WORLD WAR II", BELARUS, "World War II", id="roman-numeral"),
        pytest.param("WORLD WAR I", "", "World War I", id="roman-one"),
        pytest.param("U.S. AID AND THE IMF", BELARUS, "U.S. Aid and the IMF", id="initials"),
        pytest.param("RELATIONS WITH THE USSR", BELARUS, "Relations with the USSR", id="with"),
        pytest.param("EAST-WEST HIGHWAY", "", "East-West Highway", id="hyphened-name"),
        pytest.param(
            "THE KINGDOM OF NEPAL: AN OVERVIEW",
            "",
            "The Kingdom of Nepal: An Overview",
            id="after-a-colon",
        ),
        pytest.param("TRANSPORTATION AND COMMUNICATIONS", "", "Transportation and Communications"),
        # the page's own text wins over the shapes and the list
        pytest.param(
            "THE NEPALI CONGRESS AND THE CPN-UML",
            "the Nepali Congress, the CPN-UML and the Maoists",
            "The Nepali Congress and the CPN-UML",
            id="acronym-only-the-body-knows",
        ),
        pytest.param(
            "WHO GOVERNS", "who governs, and how", "Who Governs", id="body-says-not-an-acronym"
        ),
        pytest.param(
            "THE MIX OF CROPS", "the mix of crops changed", "The Mix of Crops", id="not-a-numeral"
        ),
        # capitals in a run (a heading's, the title again) say nothing of a word
        pytest.param(
            "RELATIONS WITH THE USSR",
            "the page about RELATIONS WITH THE USSR, long",
            "Relations with the USSR",
            id="run-of-capitals",
        ),
        pytest.param("Relations With the Ussr", "", "Relations With the Ussr", id="mixed-kept"),
    ],
)
def test_title_case(title: str, text: str, cased: str) -> None:
    assert title_case(title, text) == cased


def test_an_imported_title_is_cased_from_its_body(tmp_path: Path) -> None:
    """countrystudies.us's page in capitals, its body writing the acronym among lowercase."""
    path = tmp_path / "12.htm"
    path.write_text(
        "<HTML><HEAD><TITLE>Belarus - U.S. AID AND THE IMF</TITLE></HEAD><BODY>\n"
        '<P><A HREF="/">Country Studies Index</A></P>\n'
        "<CENTER><B>U.S. AID AND THE IMF</B></CENTER>\n"
        '<P><A HREF="index.htm">Belarus Table of Contents</A></P>\n'
        f"<P>{BELARUS}</P>\n<P>Data as of June 1995</P></BODY></HTML>"
    )
    assert parse_html_page(path.read_bytes(), path).title == "U.S. Aid and the IMF"


@pytest.mark.parametrize(
    ("title", "text", "cased"),
    [
        pytest.param("ST. PETERSBURG AND MOSCOW", "", "St. Petersburg and Moscow", id="st"),
        pytest.param("MT. EVEREST", "", "Mt. Everest", id="mt"),
        pytest.param("THE IMF'S ROLE", BELARUS, "The IMF's Role", id="possessive"),
        pytest.param(
            "THE IMF’S ROLE", "the IMF’s loans, the IMF’s terms", "The IMF’s Role", id="its-s"
        ),
        pytest.param("NEPAL'S ECONOMY", "", "Nepal's Economy", id="a-name-s"),
        # a subheading line in capitals is no evidence of an acronym
        pytest.param(
            "AGRICULTURE AND FORESTRY",
            "The hills were farmed.\nFORESTRY\nThe forests were cut for fuel.",
            "Agriculture and Forestry",
            id="subheading",
        ),
        # once in capitals, once not: a tie is title case
        pytest.param("THE MIX", "a MIX of crops, and the mix of goods", "The Mix", id="a-tie"),
    ],
)
def test_abbreviations_possessives_and_evidence(title: str, text: str, cased: str) -> None:
    assert title_case(title, text) == cased


def test_a_subheading_in_the_body_does_not_keep_the_title_s_capitals() -> None:
    body = "Agriculture employed most people in the hills and the plains of the Tarai."
    page = parse_page(
        "Nepal: AGRICULTURE AND FORESTRY\n"
        "Country Study > Chapter 3 > Economy > Agriculture and Forestry\n\n"
        f"{body}\n\nFORESTRY\n\nThe forests of the hills were cut for fuel and fodder.\n\n"
        "Data as of September 1991\n",
        "p.txt",
    )
    assert page.title == "Agriculture and Forestry"
