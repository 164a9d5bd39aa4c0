"""Handouts: names in reading order, the --by check."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from octavo.render.pdf.handout_refs import outside_page_refs
from octavo.render.pdf.handouts import handout_html, handouts_of
from tests.conftest import MakeBook, section_source


def test_handouts_sort_in_reading_order_and_reject_unknown_by(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    names = [h.name for h in handouts_of(manuscript, "section")]
    assert names == sorted(names) and names[0].startswith("1-")
    assert handouts_of(manuscript, "section")[1].path == (
        "Chapter 1: The Economy",
        "Geography",
        "Rivers",
    )
    with pytest.raises(BuildError) as caught:
        handouts_of(manuscript, "page")
    assert [d.code for d in caught.value.diagnostics] == ["E606"]


def test_a_handout_of_a_volume_names_its_part() -> None:
    """Moldova's "Agriculture" in the two-country volume: its path named only the chapter,
    so a reader of the handout could not tell Moldova's from Belarus's."""
    from tests.conftest import DATA

    manuscript, _ = api.manuscript(DATA / "volume")
    paths = {h.name: h.path for h in handouts_of(manuscript, "section")}
    assert paths["26-moldova-s026-agriculture.pdf"] == (
        "Part II · Moldova",
        "Chapter 2: The Economy and Politics",
        "The Economy",
        "Agriculture",
    )
    # front matter is in no part; a division of one section is named once, not
    # "Foreword › Foreword" (a user's walk)
    assert paths["01-s001-foreword.pdf"] == ("Foreword",)
    chapters = {h.name: h.path for h in handouts_of(manuscript, "chapter")}
    assert chapters["08-p1-belarus-ch01.pdf"] == (
        "Part I · Belarus",
        "Chapter 1: Historical Setting",
    )


def test_a_volume_s_handout_files_name_their_country() -> None:
    """A reader's walk: a folder of a volume's handouts held `p1-ch02.pdf` and
    `p2-ch02.pdf`, `14-s014-agriculture.pdf` and `26-s026-agriculture.pdf`: which was
    Moldova's? The files of a part's chapters and sections name its country, ASCII; the
    front and back matter's, in no part, and every id and anchor stay as they were."""
    from tests.conftest import DATA

    manuscript, _ = api.manuscript(DATA / "volume")
    chapters = [h.name for h in handouts_of(manuscript, "chapter")]
    assert chapters == [
        "01-foreword.pdf",
        "02-acknowledgments.pdf",
        "03-preface.pdf",
        "04-acronyms.pdf",
        "05-chronology.pdf",
        "06-p1-belarus-profile.pdf",
        "07-p1-belarus-introduction.pdf",
        "08-p1-belarus-ch01.pdf",
        "09-p1-belarus-ch02.pdf",
        "10-p2-moldova-profile.pdf",
        "11-p2-moldova-introduction.pdf",
        "12-p2-moldova-ch01.pdf",
        "13-p2-moldova-ch02.pdf",
        "14-appendix.pdf",
        "15-appendix-2.pdf",  # two appendix pages are two appendices, A and B
        "16-bibliography.pdf",
        "17-glossary.pdf",
    ]
    assert chapters == sorted(chapters)  # a folder lists them in reading order
    sections = [h.name for h in handouts_of(manuscript, "section")]
    assert sections == sorted(sections) and len(set(sections)) == len(sections) == 34
    assert sections[4:7] == [
        "05-s005-chronology-of-important-events.pdf",
        "06-belarus-s006-country-profile.pdf",
        "07-belarus-s007-introduction.pdf",
    ]
    assert "14-belarus-s014-agriculture.pdf" in sections
    assert sections[-6:-3] == [
        "29-moldova-s029-foreign-relations.pdf",
        "30-s030-population-of-the-largest-cities.pdf",
        "31-s031-principal-exports-1994.pdf",
    ]
    assert [c.id for c in manuscript.chapters][5:9] == [
        "p1-profile",
        "p1-introduction",
        "p1-ch01",
        "p1-ch02",
    ]
    assert [p.id for p in manuscript.parts] == ["part1", "part2"]
    assert manuscript.sections[25].id == "s026-agriculture"


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("Moldova", "p2-moldova-ch02"),
        ("Côte d'Ivoire", "p2-cote-d-ivoire-ch02"),
        ("Bosnia and Herzegovina / Republika Srpska", "p2-bosnia-and-herzegovina-republika-ch02"),
        ("Беларусь", "p2-belarus-ch02"),  # transliterated (ut46 bug 8), not dropped
        ("日本", "p2-ri-ben-ch02"),
        ("«»", "p2-ch02"),  # no letter at all: not an empty word
    ],
)
def test_a_part_s_country_in_a_file_name_is_ascii(country: str, expected: str) -> None:
    from octavo.model import Chapter, Part

    part = Part(2, country)
    chapter = Chapter(2, "The Economy", (), part=2)
    assert chapter.named_slug(part.country_slug) == expected
    assert chapter.slug == "p2-ch02" == Chapter(2, "", (), part=2).named_slug("")
    assert Chapter(2, "The Economy", ()).named_slug("moldova") == "ch02"  # in no part


_TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: {caption} {{#tbl:{ident}}}\n"


def test_a_handout_s_page_reference_to_a_target_it_lacks_is_told(make_book: MakeBook) -> None:
    """A user's walk: a handout of one section printed "on page Table 2" for a table in
    the next section, without a word; it is W517 at the reference's line, as the EPUB's
    (a target the handout holds, or one in the same chapter handed out by chapter, is
    not)."""
    body = (
        "Intro.\n\nThe next one is on page [](#tbl:b){.page}; "
        "this one on page [](#tbl:a){.page}.\n\n" + _TABLE.format(caption="One", ident="a")
    )
    book = make_book(
        {
            "001-a.md": section_source(1, "Alpha", total=3, body=body),
            "002-b.md": section_source(
                2, "Beta", total=3, body=_TABLE.format(caption="Two", ident="b")
            ),
            "003-c.md": section_source(
                3, "Gamma", chapter=2, total=3, body="On page [](#tbl:a){.page}.\n"
            ),
        }
    )
    manuscript, _ = api.manuscript(book)
    found = outside_page_refs(manuscript, "section")
    assert [(d.code, d.file.name if d.file else "", d.line) for d in found] == [
        ("W517", "001-a.md", 13),
        ("W517", "003-c.md", 11),
    ], found
    assert "#tbl:b shows 'Table\u00a02' in the handout 1-s001-alpha.pdf" in found[0].message
    by_chapter = outside_page_refs(manuscript, "chapter")
    assert [d.file.name if d.file else "" for d in by_chapter] == ["003-c.md"]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "see Table\u00a02 (in \u201c{t}\u201d) and Figure\u00a01 (in \u201c{t}\u201d);"),
        ("fr", "voir Tableau\u00a02 (dans \u00ab\u202f{t}\u202f\u00bb) et Figure\u00a01 (dans"),
    ],
    ids=["english", "french"],
)
def test_a_handout_says_where_a_table_it_lacks_is(
    make_book: MakeBook, tmp_path: Path, language: str, said: str
) -> None:
    """ut46: the "Les origines" handout said "Voir Tableau 1", a table only in another
    section's handout. A reference to a table or figure the handout lacks keeps the book's
    words and number, and names the section holding it in the book's marks; one the
    handout holds stays a link, and a page reference keeps its words (W517's)."""
    from PIL import Image

    from octavo.source.paper import page_setup
    from tests.conftest import BOOK_TOML

    see, also = ("see", "and") if language == "en" else ("voir", "et")
    body = f"Intro, {see} [@tbl:b] {also} [@fig:m]; here [@tbl:a], on page [](#tbl:b){{.page}}."
    body += "\n\n" + _TABLE.format(caption="One", ident="a")
    other = _TABLE.format(caption="Two", ident="b") + "\n![A map](m.png){#fig:m}\n"
    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"')
    files: dict[str, str | bytes] = {
        "001-a.md": section_source(1, "Alpha", total=2, body=body),
        "002-b.md": section_source(2, "Beta & co", total=2, body=other),
    }
    book = make_book(files, toml)
    Image.new("RGB", (900, 600)).save(book / "m.png")
    manuscript, _ = api.manuscript(book)
    first, second = handouts_of(manuscript, "section")
    html = handout_html(manuscript, first, page_setup("letter"))
    assert said.format(t="Beta &amp; co") in html, html
    assert '<a href="#tbl:a" class="xref">' in html  # held: still a link
    assert 'on page\u00a0<span class="ref-label">' in html, html  # W517 tells it
    inside = handout_html(manuscript, second, page_setup("letter")).split("<main")[1]
    assert "(in " not in inside and "(dans " not in inside


def test_a_handout_s_metadata_is_in_the_book_s_language(make_book: MakeBook) -> None:
    """A Spanish book's handout was described "Marco histórico: from Belarús…" in its PDF's
    Subject (a viewer's document properties), the one English word of the handout."""
    from octavo.source.paper import page_setup
    from tests.conftest import BOOK_TOML

    toml = BOOK_TOML.replace('language = "en"', 'language = "es"')
    book = make_book({"001.md": section_source(1, "Marco histórico", total=1)}, toml)
    manuscript, _ = api.manuscript(book)
    (unit,) = handouts_of(manuscript, "section")
    html = handout_html(manuscript, unit, page_setup("letter"))
    expected = "Marco histórico. De Testland: A Country Study"
    assert f'<meta name="description" content="{expected}">' in html
