"""octavo.importers.subject: the chapter's subject in a page's address, and the chapter
whose title names it."""

from __future__ import annotations

import pytest

from octavo.importers.subject import Addressed, address_subject, chapter_named

PHOTIUS = (
    "https://photius.com/countries/nepal/economy/nepal_economy_other_modes_of_trans~10117.html"
)


@pytest.mark.parametrize(
    ("url", "file", "country", "title", "subject"),
    [
        pytest.param(
            "", "belarus_society_ethnic_composition.txt", "Belarus", "Ethnic Composition",
            "Society", id="photius-file-name",
        ),
        pytest.param(
            PHOTIUS, "nepal_economy_other_modes_of_trans~10117.txt", "Nepal",
            "Other Modes of Transportation", "Economy", id="photius-address",
        ),
        pytest.param(
            "", "nepal_economy_other_modes_of_trans~10117.txt", "Nepal",
            "Other Modes of Transportation", "Economy", id="title-cut-short-in-the-name",
        ),
        pytest.param(
            "", "nepal_national_security_armed_forces.html", "Nepal", "Armed Forces",
            "National Security", id="a-subject-of-two-words",
        ),
        pytest.param(
            "http://www.mongabay.com/history/nepal/nepal-the_rana_oligarchy.html",
            "nepal-the_rana_oligarchy.txt", "Nepal", "The Rana Oligarchy", None,
            id="mongabay-the-site-s-folder-before-the-country",
        ),
        pytest.param(
            "http://reference.allrefer.com/country-guide-study/nepal/nepal10.html",
            "nepal10.txt", "Nepal", "Transportation and Communications", None,
            id="allrefer-none",
        ),
        pytest.param("", "belarus_ethnic_composition.txt", "Belarus", "Ethnic Composition",
                     None, id="country-and-title-alone"),
        pytest.param("", "belarus_society_ethnic_composition.txt", "", "Ethnic Composition",
                     None, id="no-country"),
    ],
)  # fmt: skip
def test_address_subject(url: str, file: str, country: str, title: str, subject: str) -> None:
    found = address_subject(url, file, country, title)
    assert (found.subject if found else None) == subject


TITLES = {
    1: "Historical Setting",
    2: "The Society and Its Environment",
    3: "The Economy",
    4: "Government and Politics",
    5: "National Security",
}


@pytest.mark.parametrize(
    ("subject", "titles", "chapter"),
    [
        pytest.param("Society", TITLES, 2, id="society"),
        pytest.param("History", TITLES, 1, id="history-historical"),
        pytest.param("National Security", TITLES, 5, id="two-words"),
        pytest.param("Geography", TITLES, None, id="no-title-names-it"),
        pytest.param("Economy", {**TITLES, 6: "Economy of the Regions"}, None, id="two-do"),
        pytest.param("Economy", {}, None, id="no-titles"),
    ],
)
def test_chapter_named(subject: str, titles: dict[int, str], chapter: int | None) -> None:
    found = chapter_named(Addressed(subject, "a.html"), titles)
    assert found.chapter == chapter
    assert found.note.startswith(f"chapter {chapter} by its address" if chapter else "chapter 0")
