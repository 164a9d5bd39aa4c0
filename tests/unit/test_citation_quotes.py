"""A CSL-JSON field's apostrophes and quotation marks as pandoc's citeproc reads them
(octavo.render.citation_quotes). Each expected list is what `pandoc --citeproc -t plain
--wrap=none` 3.9 prints with the same style, references and Markdown; octavo printed them
as typed but an apostrophe between two letters ("The '90s", "Rock 'n' roll", 'A "double"
quote'), and in a quoted title no inner marks ("“'Quoted' words.”")."""

from __future__ import annotations

import pytest

from tests.conftest import MakeBook
from tests.support.citation_styles import AUTHOR_DATE, cited_text

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
