"""The country-study importer: the seed, encodings, layouts and chrome."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from octavo.importers import PageError, decode_page, parse_page
from octavo.importers.batch import import_pages
from octavo.model import YearMonth
from tests.conftest import SEED, SEED_FRONT

SEED_PARAGRAPHS = [
    p for p in SEED.read_text().split("\n\n") if len(p) > 300 and not p.startswith("Editor")
]


def test_seed_metadata() -> None:
    page = parse_page(decode_page(SEED.read_bytes()))
    assert (page.country, page.title, page.chapter, page.parents) == (
        "Belarus",
        "Russia",
        8,
        ("Foreign Relations",),
    )
    assert (page.sequence, page.total) == (58, 81)
    assert page.data_as_of == YearMonth(1995, 6) and page.last_updated == YearMonth(1995, 6)


def test_seed_keeps_exactly_the_five_body_paragraphs() -> None:
    page = parse_page(decode_page(SEED.read_bytes()))
    assert len(SEED_PARAGRAPHS) == 5
    assert list(page.paragraphs) == [p.strip() for p in SEED_PARAGRAPHS]


def test_seed_import_writes_the_documented_front_matter(tmp_path: Path) -> None:
    result = import_pages([SEED], tmp_path)
    assert [p.name for p in result.written] == ["058-russia.md"]
    text = result.written[0].read_text()
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {
        **SEED_FRONT,
        "last_updated": "1995-06",
        "source": SEED.name,
    }
    assert 'data_as_of: "1995-06"' in text and "parents: [Foreign Relations]" in text
    body = text.split("---\n", 2)[2].strip().split("\n\n")
    assert body == [p.strip() for p in SEED_PARAGRAPHS]
    for chrome in (
        "Section 58",
        "Editor's Note",
        "Locator Map",
        "Let us know",
        "Main Page",
        "Convert to Any",
        "Click any image",
        "National Flag",
        "(p.)",
    ):
        assert chrome not in text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_encodings_and_line_ends(seed_text: str, encoding: str, newline: str) -> None:
    accented = seed_text.replace("Lukashyenka has", "Lukashënka — “Bat’ka” — has")
    if encoding == "latin-1":
        accented = seed_text.replace("Lukashyenka has", "Lukashënka has")
    page = parse_page(decode_page(accented.replace("\n", newline).encode(encoding)))
    expected = "Lukashënka — “Bat’ka” — has" if encoding != "latin-1" else "Lukashënka has"
    assert expected in page.paragraphs[1]
    assert len(page.paragraphs) == 5


@pytest.mark.parametrize(
    ("crumb", "chapter", "parents", "title"),
    [
        ("Country Study > Chapter 8", 8, (), "Russia"),
        ("Country Study > Chapter 8 > Russia", 8, (), "Russia"),
        (
            "Country Study > Chapter 8 > Foreign Relations > Russia",
            8,
            ("Foreign Relations",),
            "Russia",
        ),
        (
            "Country Study > Chapter 8 > Foreign Relations > Neighbors > Russia",
            8,
            ("Foreign Relations", "Neighbors"),
            "Russia",
        ),
    ],
    ids=["depth2", "depth3", "depth4", "depth5"],
)
def test_breadcrumb_depths(
    seed_text: str, crumb: str, chapter: int, parents: tuple[str, ...], title: str
) -> None:
    text = seed_text.replace("Country Study > Chapter 8 > Foreign Relations > Russia", crumb)
    page = parse_page(text)
    assert (page.chapter, page.parents, page.title) == (chapter, parents, title)
    assert page.chapter_title == ("Russia" if crumb.count(">") == 1 else None)


def test_title_with_angle_bracket_keeps_breadcrumb(seed_text: str) -> None:
    text = seed_text.replace("Belarus: Russia", "Belarus: Minsk <Capital> Region").replace(
        "> Russia\n", "> Minsk <Capital> Region\n"
    )
    page = parse_page(text)
    assert page.title == "Minsk <Capital> Region" and page.parents == ("Foreign Relations",)


def test_chrome_in_another_order(seed_text: str) -> None:
    head, _, rest = seed_text.partition("Belarus: Russia")
    body, _, tail = rest.partition("Data as of June 1995")
    tail_lines = [line for line in tail.split("\n") if line.strip()]
    shuffled = (
        "Locator Map\n\n"
        + "Belarus: Russia"
        + body
        + "\n\n".join(["Section 58 of 81", "Data as of June 1995", *reversed(tail_lines)])
        + "\n"
        + head
    )
    page = parse_page(shuffled)
    assert list(page.paragraphs) == [p.strip() for p in SEED_PARAGRAPHS]
    assert page.data_as_of == YearMonth(1995, 6)


@pytest.mark.parametrize(
    ("remove", "fields"),
    [
        ("Belarus: Russia\n", ("Russia", 8, 58)),
        ("Country Study > Chapter 8 > Foreign Relations > Russia\n", ("Russia", None, 58)),
        ("Section 58 of 81\n", ("Russia", 8, None)),
    ],
    ids=["no-title-line", "no-breadcrumb", "no-section-line"],
)
def test_a_page_lacking_a_field_is_still_read(
    seed_text: str, remove: str, fields: tuple[str, int | None, int | None]
) -> None:
    """What a page lacks is left empty for the batch to supply; nothing is refused for it."""
    page = parse_page(seed_text.replace(remove, ""))
    assert (page.title, page.chapter, page.sequence) == fields
    assert len(page.paragraphs) == 5


def test_a_page_with_nothing_of_a_study_is_refused() -> None:
    with pytest.raises(PageError) as caught:
        parse_page("just some text\n\nand more of it, though not a country study at all\n")
    assert caught.value.missing
