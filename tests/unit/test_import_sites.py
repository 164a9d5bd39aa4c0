"""Real pages of every site that carries the country studies (tests/data/pages, see its
README), imported as found: no body word lost, no chrome word kept, blocks kept apart, the
data date exact."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from octavo.importers import decode_page, parse_page
from octavo.importers.batch import render_section
from octavo.model import YearMonth
from octavo.render.markdown import render_block
from octavo.text import escape_prose, strip_tags
from tests.conftest import DATA, SEED

PAGES = DATA / "pages"


@dataclass(frozen=True)
class Case:
    file: str
    profile: str
    body_from: str  # the first words of the body
    body_to: str | None  # what follows the body; None: the body runs to the end (an excerpt)
    title: str
    country: str
    date: YearMonth | None
    kind: str | None
    blocks: str  # kinds of the blocks, in order, run-length: 'entry*11', 'paragraph*3'
    chrome: tuple[str, ...]  # words of the page that are not the section's


CASES = [
    Case("allrefer/belarus9.txt", "allrefer", "General Character:", "Data as of June 1995",
         "Economy", "Belarus", YearMonth(1995, 6), "profile", "entry*9", ("ECONOMY", "|")),
    Case("allrefer/nepal10.txt", "allrefer", "Roads:", "Data as of September 1991",
         "Transportation and Communications", "Nepal", YearMonth(1991, 9), "profile",
         "entry*5", ("NepalTRANSPORTATION", "|")),
    Case("allrefer/nepal11.txt", "allrefer", "Government:", "Data as of September 1991",
         "Government and Politics", "Nepal", YearMonth(1991, 9), "profile", "entry*5",
         ("NepalGOVERNMENT",)),
    Case("allrefer/nepal26.txt", "allrefer", "The gilded copper", None, "The Rana Oligarchy",
         "Nepal", None, None, "caption*2 credit paragraph",
         ("allRefer", "Afghanistan", "Zaire", "Country Guide", "[JPEG]", "You are here")),
    Case("country-data.com/r-8805.txt", "country-data.com", "General Character:",
         "Data as of June 1995", "Economy", "Moldova", YearMonth(1995, 6), "profile",
         "entry*9", ("Country Listing", "Table of Contents", "ECONOMY")),
    Case("country-data.com/r-1249.txt", "country-data.com", "Roads:", "Data as of June 1995",
         "", "Belarus", YearMonth(1995, 6), "profile", "entry*5",
         ("Country Listing", "Table of Contents")),
    Case("country-data.com/r-9052.txt", "country-data.com", "Government:",
         "Data as of September 1991", "", "Nepal", YearMonth(1991, 9), "profile", "entry*5",
         ("Country Listing", "Table of Contents")),
    Case("country-studies.com/nepal_preface.txt", "country-studies.com", "This is the first",
         "You can read more", "Preface", "Nepal", None, "preface", "paragraph*4",
         ("Country Studies index", "main page", "Electricity", "Multidimensional")),
    Case("countrystudies.us/bhutan_1.txt", "countrystudies.us", "The authors wish", None,
         "Acknowledgments and Preface", "Bhutan", None, "acknowledgments", "paragraph*3",
         ("Table of Contents",)),
    Case("mongabay/moldova_all_a.txt", "mongabay", "The authors are indebted", None,
         "Acknowledgments and Preface", "Moldova", None, "acknowledgments", "paragraph*3",
         ("Mongabay", "Rainforests", "HISTORY", "NATIONAL SECURITY", "REFERENCE")),
    Case("mongabay/moldova_all_b.txt", "mongabay", "The authors are indebted", None,
         "Acknowledgments and Preface", "Moldova", None, "acknowledgments", "paragraph*3",
         ("Mongabay", "Tropical fish")),
    Case("mongabay/moldova_all_c.txt", "generic", "The authors are indebted", None,
         "Acknowledgments and Preface", "Moldova", None, "acknowledgments", "paragraph*3",
         ()),
    Case("mongabay/nepal-the_rana_oligarchy.txt", "mongabay", "The gilded copper", None,
         "The Rana Oligarchy", "Nepal", None, None, "caption*2 credit paragraph*2",
         ("Mongabay", "seeks to raise", "Nepal Index")),
    Case("mongabay/nepal_all.txt", "mongabay", "The authors wish", None, "Acknowledgments",
         "Nepal", None, "acknowledgments", "paragraph*3", ("Mongabay", "Subscribe")),
    Case("photius/belarus_society_ethnic_composition.txt", "photius", "The 1989 census", None,
         "Ethnic Composition", "Belarus", None, None, "paragraph*4",
         ("Open menu", "Sponsor", "Flags of the World", "Sources:", "Back to")),
    Case("photius/nepal_economy_other_modes_of_trans~10117.txt", "photius",
         "Local public transportation", "Data as of September 1991",
         "Other Modes of Transportation", "Nepal", YearMonth(1991, 9), None, "paragraph",
         ("![]()", "https://photius.com", "Sources:", "NOTE:", "re-published", "Data as of")),
    Case("loc.gov/rr_frd_cs_cshome.txt", "loc.gov", "This collection", "Top of Page", "", "",
         None, None, "paragraph*4",
         ("Skip Navigation", "Home >>", "Contact Us", "August 27, 2020", "Legal", "Top of Page")),
    Case("geoba.se/handbook-page-165900.txt", "geoba.se", "Even though", None, "Russia",
         "Belarus", None, None, "paragraph*4", ("We're always", "Country Study >")),
    Case("country-data.com/r-9050.txt", "generic", "Salient Features:", None, "", "", None,
         "profile", "entry*4", ()),
    Case("mongabay/country_profiles_2004-2005_Nepal.txt", "generic", "Formal Name:", None, "",
         "", YearMonth(2005, 11), "profile", "entry*7 paragraph",
         ("This series of profiles", "November 2005")),
    Case("tripod/cNepal8.txt", "tripod", "Roads:", "Data as of September 1991", "", "Nepal",
         YearMonth(1991, 9), "profile", "entry*5", ("Data as of", "|")),
]  # fmt: skip


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def _body(case: Case) -> str:
    text = (PAGES / case.file).read_text(encoding="utf-8")
    start = text.index(case.body_from)
    end = text.index(case.body_to, start) if case.body_to else len(text)
    return re.sub(r"(?m)^\[JPEG\]$", "", text[start:end])  # allrefer's image markers


def _kinds(blocks: str) -> list[str]:
    out: list[str] = []
    for part in blocks.split():
        kind, _, count = part.partition("*")
        out += [kind] * int(count or 1)
    return out


def _page(case: Case):  # type: ignore[no-untyped-def]
    path = PAGES / case.file
    # known: a page that shows nothing of its own (r-9050) is named in a manifest
    return parse_page(decode_page(path.read_bytes()), path.name, known=True)


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_site_fields(case: Case) -> None:
    page = _page(case)
    assert (page.profile, page.title, page.country) == (case.profile, case.title, case.country)
    assert (page.data_as_of, page.kind) == (case.date, case.kind)


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_no_body_word_lost_or_added(case: Case) -> None:
    page = _page(case)
    got = _words(" ".join(b.text for b in page.blocks))
    assert got == _words(_body(case))


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_blocks_kept_apart(case: Case) -> None:
    assert [b.kind for b in _page(case).blocks] == _kinds(case.blocks)


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_no_chrome_word_kept(case: Case) -> None:
    page = _page(case)
    body = "\n".join(b.text for b in page.blocks)
    for chrome in case.chrome:
        assert chrome not in body
    if case.date:
        assert "Data as of" not in body


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_markdown_renders_every_body_word(case: Case) -> None:
    """What is written renders (as CommonMark today) with every body word, none added."""
    page = _page(case)
    from dataclasses import replace

    full = replace(page, chapter=0, parents=(), sequence=1, total=1, data_as_of=YearMonth(1995, 6))
    markdown = render_section(full, case.file).split("---\n", 2)[2]
    html = render_block(markdown, typography=False).html

    # A definition list's term is its label without the colon ('Roads:' -> 'Roads', and
    # ':   ' opens the definition): colons at word ends are left out of the comparison; a
    # typed em dash '--' is written '---' (test_a_typed_em_dash_is_an_em_dash)
    def bare(text: str) -> list[str]:
        return [w.rstrip(":").replace("---", "--") for w in _words(text) if w.rstrip(":")]

    assert bare(strip_tags(html)) == bare(_body(case))


def test_a_typed_em_dash_is_an_em_dash() -> None:
    """The studies' '--' is a typewriter's em dash ('transportation--bus service'), which
    Markdown reads as an en dash: written '---', pandoc's em dash; one alone is kept."""
    page = _page(next(c for c in CASES if c.file == "allrefer/nepal10.txt"))
    markdown = "\n\n".join(b.markdown for b in page.blocks)
    assert "transportation---bus service---common" in markdown
    html = render_block(markdown).html
    # each joined to the word before it (U+2060): no line begins with the dash
    assert "transportation\u2060\u2014bus service\u2060\u2014common" in html
    assert escape_prose("none: -- | a -- b | x--y") == "none: -- | a -- b | x---y"


def test_entries_split_inside_one_line() -> None:
    """tripod runs the whole Country Profile into one line: each label starts an entry."""
    page = _page(next(c for c in CASES if c.file.startswith("tripod")))
    labels = [b.label for b in page.blocks]
    assert labels[:3] == ["Roads", "Railroads", "Airports"]
    assert "Other Modes of Transportation" in labels and "Telecommunications" in labels


@pytest.mark.parametrize("file", ["allrefer/belarus9.txt", "country-data.com/r-8805.txt"])
def test_imports_and_exports_stay_in_the_foreign_trade_entry(file: str) -> None:
    """'Imports:' and 'Exports:' inside the Foreign Trade entry were split out into entries
    of their own (lower case: 'Imports' / 'natural gas, ...'): the page starts each entry on
    a line of its own, and the Library's profile prints them in the entry's text."""
    page = _page(next(c for c in CASES if c.file == file))
    labels = [b.label for b in page.blocks]
    assert "Imports" not in labels and "Exports" not in labels
    (trade,) = [b for b in page.blocks if b.label == "Foreign Trade"]
    assert " Imports: " in trade.text and trade.text.split(" Exports: ")[1].endswith(".")


def test_a_label_inside_a_page_of_entry_lines_is_never_an_entry() -> None:
    """Even where the list after it opens in capitals: r-8805's Foreign Trade entry, its
    'Imports: Industrial ...' capitalised, stays one entry (each entry has its paragraph)."""
    text = (PAGES / "country-data.com" / "r-8805.txt").read_text(encoding="utf-8")
    text = text.replace("Imports: industrial", "Imports: Industrial")
    page = parse_page(text, "r-8805.txt")
    assert "Imports" not in [b.label for b in page.blocks]


def test_a_lower_case_list_inside_a_run_on_line_is_not_an_entry() -> None:
    """tripod's one line of entries, with a Foreign Trade entry in it: 'Imports: natural
    gas' (lower case) is that entry's text; 'Railroads: Average' (capital) starts one."""
    text = (PAGES / "tripod" / "cNepal8.txt").read_text(encoding="utf-8")
    trade = " Foreign Trade: Mainly with India. Imports: natural gas, oil, and sugar."
    page = parse_page(text.replace(" Data as of", trade + " Data as of"), "cNepal8.txt")
    labels = [b.label for b in page.blocks]
    assert labels[:3] == ["Roads", "Railroads", "Airports"] and labels[-1] == "Foreign Trade"
    assert "Imports" not in labels and page.blocks[-1].text.endswith("oil, and sugar.")


def test_data_date_at_the_end_of_a_line_is_read_and_removed() -> None:
    page = _page(next(c for c in CASES if "10117" in c.file))
    assert page.data_as_of == YearMonth(1991, 9)
    assert page.blocks[-1].text.endswith("were not encouraging.")


def test_hard_wrapped_paragraphs_rejoined_by_shape() -> None:
    """mongabay's third extraction: ~70-character lines, one newline between paragraphs."""
    page = _page(next(c for c in CASES if c.file.endswith("moldova_all_c.txt")))
    first = page.blocks[0].text
    assert first.startswith("The authors are indebted") and first.endswith("for this volume.")
    assert "\n" not in first and page.blocks[1].text.startswith("The collection of accurate")


def test_caption_and_credit_kept_apart() -> None:
    from dataclasses import replace

    page = _page(next(c for c in CASES if "rana_oligarchy" in c.file))
    caption, credit = page.blocks[1], page.blocks[2]
    assert caption.text == "Hanuman Dhoka Palace, the old royal palace, Kathmandu"
    assert credit.text == "Courtesy Harvey Follender"
    full = replace(page, chapter=1, parents=(), sequence=1, total=1, data_as_of=YearMonth(1991, 9))
    markdown = render_section(full, "page.txt")
    # set apart as the caption of a photo the page did not keep, its credit with it (both
    # had read as paragraphs of the text)
    assert (
        "\n\n::: photo-caption\n*Hanuman Dhoka Palace, the old royal palace, Kathmandu*\n"
        "[Courtesy Harvey Follender]{.credit}\n:::\n\nAfter the death" in markdown
    )


def test_mongabay_keeps_both_captions_as_allrefer_does() -> None:
    """mongabay's copy of the Rana page marks no image (allrefer's has '[JPEG]'): its first
    caption, with no credit under it, read as the body's first paragraph. Both captions
    are captions, word for word as allrefer's; the body begins at 'After the death'."""
    mongabay = _page(next(c for c in CASES if "rana_oligarchy" in c.file))
    allrefer = _page(next(c for c in CASES if c.file == "allrefer/nepal26.txt"))
    head = [(b.kind, b.text) for b in mongabay.blocks[:3]]
    assert head == [(b.kind, b.text) for b in allrefer.blocks[:3]]
    assert head[0][0] == "caption" and head[0][1].startswith("The gilded copper Sun Dhoka")
    assert mongabay.blocks[3].text.startswith("After the death")


@pytest.mark.parametrize(
    ("gap", "credit", "first"),
    [
        pytest.param(1, True, "paragraph", id="one-blank-line-apart-a-paragraph"),
        pytest.param(2, False, "paragraph", id="no-credited-caption-after-it"),
        pytest.param(2, True, "caption", id="an-image-s-place-then-a-credited-caption"),
    ],
)
def test_a_caption_at_the_head_is_told_by_the_image_s_place(
    gap: int, credit: bool, first: str
) -> None:
    from octavo.importers.blocks import text_blocks

    lines = ["", "", "", "A gate, built in 1753.", *[""] * gap, "A palace, Kathmandu"]
    lines += ["Courtesy Harvey Follender"] if credit else []
    lines += ["", "After the death of Jang Bahadur, his brother became prime minister."]
    assert text_blocks(lines)[0].kind == first


@pytest.mark.parametrize(("words", "kind"), [(12, "caption"), (59, "caption"), (60, "paragraph")])
def test_the_line_under_an_image_marker_is_its_caption_when_short(words: int, kind: str) -> None:
    """allrefer sets each paragraph on one line: under an image it had no caption for, the
    body's next paragraph (a line of 60 words or more) was taken as the image's caption."""
    from octavo.importers.blocks import IMAGE_MARK, text_blocks

    line = " ".join(["word"] * (words - 1) + ["end."])
    lines = ["Before the image, a paragraph.", "", IMAGE_MARK, "", line, "", "After it."]
    assert [b.kind for b in text_blocks(lines)] == ["paragraph", kind, "paragraph"]


def test_a_photo_caption_renders_as_one_in_both_outputs(tmp_path: Path) -> None:
    """The imported `::: photo-caption` is a div of that class, the credit a span in it,
    every word kept; nothing is warned about."""
    from octavo.render.markdown import render_block

    source = (
        "::: photo-caption\n*Hanuman Dhoka Palace, Kathmandu*\n"
        "[Courtesy Harvey Follender]{.credit}\n:::\n"
    )
    fragment = render_block(source)
    html = fragment.html
    assert fragment.problems == ()
    assert html.startswith('<div class="photo-caption">\n<p><em>Hanuman Dhoka Palace')
    assert '<span class="credit">Courtesy Harvey Follender</span></p>\n</div>' in html


def test_the_seed_is_read_with_the_geoba_profile() -> None:
    page = parse_page(decode_page(SEED.read_bytes()), SEED.name)
    assert page.profile == "geoba.se" and (page.sequence, page.total) == (58, 81)
    assert any("breadcrumb" in r for r in page.reasons)


def test_excerpts_fixture_readme_lists_every_file() -> None:
    readme = (PAGES / "README.md").read_text()
    for path in PAGES.rglob("*.txt"):
        assert f"`{path.relative_to(PAGES)}`" in readme


def test_generic_profile_takes_an_unknown_site(tmp_path: Path) -> None:
    text = "Belarus: Religion\n\nSite Menu\n\n" + "Word " * 20 + "\n\nData as of June 1995\n"
    page = parse_page(text, "unknown.txt")
    assert page.profile == "generic" and page.title == "Religion"
    assert page.data_as_of == YearMonth(1995, 6) and page.blocks[-1].text.startswith("Word")


def test_explain_says_what_a_line_of_the_site_is() -> None:
    """--explain printed "line 1 'Country Listing' is the site's" and stopped there."""
    text = (PAGES / "country-data.com" / "r-8805.txt").read_text(encoding="utf-8")
    page = parse_page(text, "r-8805.txt")
    assert "line 1 'Country Listing' is the site's chrome" in page.reasons


def test_explain_names_countrystudies_us_by_its_header() -> None:
    """bhutan_1 (countrystudies.us/bhutan/1.htm) was read as "generic": the excerpt ends
    before the site's 'Source: U.S. Library of Congress' line, its one mark, and its name
    is not the site's '1.htm'. Its header is the site's: the title over the link to the
    study's contents (country-data.com's contents line is under 'Country Listing')."""
    text = (PAGES / "countrystudies.us" / "bhutan_1.txt").read_text(encoding="utf-8")
    page = parse_page(text, "bhutan_1.txt")
    assert page.profile == "countrystudies.us"
    assert page.reasons[0] == (
        "lines 1 and 3 ('Acknowledgments and Preface' over 'Bhutan Table of Contents') "
        "are the site's header"
    )
    shown = (PAGES / "country-data.com" / "r-8805.txt").read_text(encoding="utf-8")
    assert parse_page(shown, "r-8805.txt").profile == "country-data.com"
