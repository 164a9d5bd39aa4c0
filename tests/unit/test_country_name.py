"""octavo.cli.country_name: the country `octavo new DIR` names a book after, from the
folder's name, as a person writes it (ut46 bug 9: "Côte D'Ivoire", "Bosnia And
Herzegovina", "Guinea Bissau")."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.cli.country_name import country_name
from octavo.cli.new import new_book
from octavo.source.sections import read_book


@pytest.mark.parametrize(
    ("folder", "country"),
    [
        pytest.param("Côte d'Ivoire", "Côte d'Ivoire", id="capitals-as-written"),
        pytest.param("Guinea-Bissau", "Guinea-Bissau", id="capitals-hyphen-kept"),
        pytest.param("Bosnia_and_Herzegovina", "Bosnia and Herzegovina", id="underscores"),
        pytest.param("bosnia-and-herzegovina", "Bosnia and Herzegovina", id="slug-small-word"),
        pytest.param("guinea-bissau", "Guinea-Bissau", id="slug-of-a-hyphenated-name"),
        pytest.param("timor leste", "Timor-Leste", id="spaced-slug-of-a-hyphenated-name"),
        pytest.param("cote-d-ivoire", "Côte d’Ivoire", id="slug-as-cldr-writes-it"),
        pytest.param("sao-tome-and-principe", "São Tomé and Príncipe", id="cldr-and-for-amp"),
        pytest.param("myanmar", "Myanmar", id="cldr-without-parenthesis"),
        pytest.param("republic-of-moldova", "Republic of Moldova", id="unknown-small-word"),
        pytest.param("tierra-del-fuego", "Tierra del Fuego", id="spanish-small-word"),
        pytest.param("ile-d'orleans", "Ile d'Orleans", id="elision-capital-after-it"),
        pytest.param("the-gambia", "The Gambia", id="small-word-first"),
        pytest.param("new-guinea-bissau", "New Guinea-Bissau", id="hyphen-inside-a-longer-slug"),
        pytest.param("south-ossetia", "South Ossetia", id="hyphen-a-space"),
        pytest.param("nepal-study", "Nepal Study", id="not-a-country"),
        pytest.param("беларусь", "Беларусь", id="cyrillic-not-translated"),
    ],
)
def test_a_folder_s_name_is_the_country_as_a_person_writes_it(folder: str, country: str) -> None:
    assert country_name(folder) == country


def test_a_new_book_in_a_slug_folder_reads_back(tmp_path: Path) -> None:
    new_book(tmp_path / "bosnia-and-herzegovina")
    book, found = read_book(tmp_path / "bosnia-and-herzegovina")
    assert [str(d) for d in found] == []
    assert book is not None
    assert book.config.title == "Bosnia and Herzegovina: A Country Study"
