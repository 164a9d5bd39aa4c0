"""The list's names as pandoc prints them where no name is told apart
(octavo.render.citation_list_names, and citation_sort_names for the sort). Each expected
text is what `pandoc --citeproc -t plain --wrap=none` 3.9 prints with the same style,
references and Markdown; octavo printed "毛, 泽东." and "Gogh, Theo van, 泽东 毛, and Jane
Doe.", with initials "smith, . zed ." (sorted before "Smith, A."), "김, . 대중 ."."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import MakeBook
from tests.support.citation_styles import AUTHOR_DATE, cited_text

WHOLE = '<names variable="author"><name name-as-sort-order="first"'
INITIALS = AUTHOR_DATE.replace(WHOLE, WHOLE + ' initialize-with=". "', 1)
assert INITIALS.count('initialize-with=". "') == 2


def _work(title: str, year: int, *names: dict[str, str]) -> dict[str, Any]:
    return {"type": "book", "title": title, "issued": {"date-parts": [[year]]}, "author": [*names]}


REFS = {
    "mao": _work("Selected Works", 1965, {"family": "毛", "given": "泽东"}),
    "kim": _work("Korea", 1990, {"family": "김", "given": "대중"}),
    "multi": _work(
        "Together",
        1999,
        {"family": "Gogh", "given": "Theo", "non-dropping-particle": "van"},
        {"family": "毛", "given": "泽东"},
        {"family": "Doe", "given": "Jane"},
    ),
    "lower": _work("Alpha", 2000, {"family": "smith", "given": "zed"}),
    "upper": _work("Beta", 2000, {"family": "Smith", "given": "Adam"}),
}
CITED = "(毛 1965; 김 1990; van Gogh, 毛, and Doe 1999; smith 2000; Smith 2000)"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            AUTHOR_DATE,
            [
                "Gogh, Theo van, 毛泽东, and Jane Doe. 1999. Together.",
                "Smith, Adam. 2000. Beta.",
                "smith, zed. 2000. Alpha.",
                "김대중. 1990. Korea.",
                "毛泽东. 1965. Selected Works.",
            ],
            id="given-names-whole",
        ),
        pytest.param(
            INITIALS,
            [
                "Gogh, T. van, 毛泽东., and J. Doe. 1999. Together.",
                "Smith, A. 2000. Beta.",
                "smith, zed. 2000. Alpha.",
                "김대중. 1990. Korea.",
                "毛泽东. 1965. Selected Works.",
            ],
            id="initialized",
        ),
    ],
)
def test_cjk_and_lowercase_names_in_the_list_as_pandoc_prints_them(
    make_book: MakeBook, style: str, expected: list[str]
) -> None:
    body = "[@mao; @kim; @multi; @lower; @upper]\n"
    assert cited_text(make_book, REFS, body, style) == [CITED, *expected]
