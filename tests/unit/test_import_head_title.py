"""A saved HTML page's title: the line its <title> ("Country - SECTION") names, never the
country, the site's links or its contents line; the body without the title again
(octavo.importers.head_title, octavo.importers.page_lines). The pages are hand-made after a
user's report (tests/data/titles/README.md); the variants are made from them here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from octavo.importers.batch import import_pages
from octavo.importers.head_title import read_head_title
from octavo.importers.html import parse_html_page
from octavo.importers.page import Page
from tests.conftest import DATA

TITLES = DATA / "titles"
MOLDOVA = (TITLES / "moldova-economy.html").read_text(encoding="utf-8")
NEPAL = (TITLES / "49.htm").read_text(encoding="utf-8")
_MOLDOVA_HEADS = "<h2>Moldova</h2>\n<h3>ECONOMY</h3>"
_NEPAL_TITLE = '<p><b><font size="+2">Transportation</font></b></p>'


@dataclass(frozen=True)
class Case:
    id: str
    name: str  # the saved page's file name
    html: str
    title: str
    said: str = ""  # a line --explain gives
    country: str = ""


def _moldova(heads: str, title: str = "<title>Moldova - ECONOMY</title>") -> str:
    text = MOLDOVA.replace(_MOLDOVA_HEADS, heads)
    return text.replace("<title>Moldova - ECONOMY</title>", title)


def _nepal(above: str = "", title_line: str = _NEPAL_TITLE, title: str = "") -> str:
    text = NEPAL.replace(_NEPAL_TITLE, title_line)
    if above:
        text = text.replace('<a href="http://countrystudies.us/">Country Studies Index</a>', above)
    return text.replace("<title>Nepal - TRANSPORTATION</title>", title) if title else text


CASES = [
    # the user's two pages, as reported
    Case("country-over-section", "moldova-economy.html", MOLDOVA, "Economy", "title on line 7"),
    Case("link-over-contents", "49.htm", NEPAL, "Transportation", "title on line 4"),
    # other heading levels and looks
    Case(
        "h1-over-h2",
        "moldova-economy.html",
        _moldova("<h1>Moldova</h1><h2>ECONOMY</h2>"),
        "Economy",
    ),
    Case("h4", "moldova-economy.html", _moldova("<h2>Moldova</h2><h4>ECONOMY</h4>"), "Economy"),
    Case(
        "bold-lines",
        "moldova-economy.html",
        _moldova("<p><b>Moldova</b></p><p><b>ECONOMY</b></p>"),
        "Economy",
    ),
    Case(
        "h2-in-capitals", "49.htm", _nepal(title_line="<h2>TRANSPORTATION</h2>"), "Transportation"
    ),
    Case(
        "linked-to-itself",
        "49.htm",
        _nepal(title_line='<h3><a href="49.htm">Transportation</a></h3>'),
        "Transportation",
        "title on line 4 (the heading its <title> names)",
    ),
    Case(
        "title-above-contents",
        "49.htm",
        _nepal(above=_NEPAL_TITLE, title_line=""),
        "Transportation",
        "title on line 2 (the heading its <title> names)",
    ),
    # another link line than the one the common chrome knows
    Case(
        "other-link-line",
        "49.htm",
        _nepal(above='<a href="/">Library of Congress Country Studies</a>'),
        "Transportation",
        "line 2 'Library of Congress Country Studies' is a link alone above the body: the "
        "site's navigation",
    ),
    # no <title>: the site's layout alone
    Case("no-title-country-data", "moldova-economy.html", _moldova(_MOLDOVA_HEADS, ""), "Economy"),
    Case("no-title-countrystudies", "49.htm", _nepal(title="<meta>"), "Transportation"),
    # no title line: the section the <title> names
    Case(
        "no-title-line",
        "49.htm",
        _nepal(title_line=""),
        "Transportation",
        "title from the page's <title> 'Nepal - TRANSPORTATION'",
    ),
    # the file name names no country (country-data.com's own): the <title> does
    Case(
        "country-from-title",
        "r-8805.html",
        MOLDOVA,
        "Economy",
        "country Moldova from its <title>",
        "Moldova",
    ),
    # a title with a colon, which reads like a profile's entry ('Capital: Kathmandu')
    Case(
        "colon-in-title",
        "49.htm",
        _nepal(
            title_line="<center><b>Transportation: An Overview</b></center>",
            title="<title>Nepal - Transportation: An Overview</title>",
        ),
        "Transportation: An Overview",
        "title on line 4 (the heading its <title> names)",
    ),
    Case(
        "colon-in-title-in-capitals",
        "49.htm",
        _nepal(
            title_line="<center><b>TRANSPORTATION: AN OVERVIEW</b></center>",
            title="<title>Nepal - TRANSPORTATION: AN OVERVIEW</title>",
        ),
        "Transportation: An Overview",
    ),
    # the page's own title twice: once as the title
    Case(
        "said-twice",
        "49.htm",
        _nepal(title_line="<h3>Transportation</h3>\n<p><b>Transportation</b></p>"),
        "Transportation",
        "line 5 'Transportation' repeats the title: left out",
    ),
]


def _read(tmp_path: Path, name: str, html: str) -> Page:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return parse_html_page(path.read_bytes(), path)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_title_is_the_section_the_page_names(tmp_path: Path, case: Case) -> None:
    """Neither the country ("Moldova") nor the site's link ("Country Studies Index") is the
    title; the body neither holds the title again (a heading, a bold paragraph) nor the
    country line; --explain names the line the title came from, and no other."""
    page = _read(tmp_path, case.name, case.html)
    assert page.title == case.title
    assert page.country == (case.country or ("Moldova" if "Moldova" in case.html else "Nepal"))
    words = [b.text.casefold() for b in page.blocks]
    assert case.title.casefold() not in words and page.country.casefold() not in words
    assert "country studies index" not in " ".join(words)
    assert not any(b.kind == "heading" for b in page.blocks)
    assert page.blocks[0].text.startswith(
        ("General Character: Centralized", "Nepal's rugged terrain")
    )
    titled = [r for r in page.reasons if r.startswith("title ")]
    assert len(titled) == 1, page.reasons
    if case.said:
        assert any(r.startswith(case.said) for r in page.reasons), page.reasons


def test_the_link_line_is_the_site_s_header_not_the_title(tmp_path: Path) -> None:
    """--explain said "lines 2 and 3 ('Country Studies Index' over 'Nepal Table of
    Contents') are the site's header" and then "title on line 2": the title is another line."""
    page = _read(tmp_path, "49.htm", NEPAL)
    header = next(r for r in page.reasons if r.endswith("are the site's header"))
    assert header.startswith("lines 2 and 3 ('Country Studies Index' over")
    assert "title on line 4 (the heading its <title> names)" in page.reasons
    assert page.title_line == 4


def test_the_page_s_heading_wins_over_a_title_that_names_no_line(tmp_path: Path) -> None:
    """A <title> that names no line above the body (the site's template: reused for a
    chapter's pages, cut short, the study's name) does not overrule the heading the page
    shows; --explain says the two disagree."""
    html = _moldova("<h2>Moldova</h2><h3>FOREIGN ECONOMIC RELATIONS</h3>")
    page = _read(tmp_path, "moldova-economy.html", html)
    assert page.title == "Foreign Economic Relations"
    assert (
        "its <title> 'Moldova - ECONOMY' names no line above the body: the page's own title "
        "line kept"
    ) in page.reasons
    nepal = _read(tmp_path, "49.htm", _nepal(title_line="<p><b>Roads and Railroads</b></p>"))
    assert nepal.title == "Roads and Railroads"


def test_a_title_line_in_a_title_shape_agrees_with_the_title(tmp_path: Path) -> None:
    """'Nepal: Transportation' above the body under <title>Nepal - TRANSPORTATION</title>:
    the title the <title> names, read from the line's shape; the bold line under it that
    repeats it is left out."""
    html = _nepal(title_line="<p>Nepal: Transportation</p>\n<p><b>TRANSPORTATION</b></p>")
    page = _read(tmp_path, "49.htm", html)
    assert page.title == "Transportation"
    assert "title on line 4 (the heading its <title> names)" in page.reasons
    assert not any("names no line" in r for r in page.reasons)
    assert "line 5 'TRANSPORTATION' repeats the title: left out" in page.reasons
    assert page.blocks[0].text.startswith("Nepal's rugged terrain")


def test_a_title_naming_only_the_country_titles_nothing(tmp_path: Path) -> None:
    """<title>Moldova</title> over a page whose one heading is the country: no title (the
    batch supplies one, W406), never "Moldova"."""
    page = _read(
        tmp_path, "moldova-economy.html", _moldova("<h2>Moldova</h2>", "<title>Moldova</title>")
    )
    assert page.title == "" and page.country == "Moldova"
    assert page.blocks[0].text.startswith("General Character: Centralized")


def test_a_text_page_s_link_line_is_chrome() -> None:
    """The same page saved as text: its link's words alone on their line."""
    from octavo.importers import parse_page

    text = (
        "Country Studies Index\n\nNepal Table of Contents\n\nTransportation\n\nNepal's rugged "
        "terrain has made the building of roads difficult and costly, as it still is.\n\n"
        "Data as of September 1991\n"
    )
    page = parse_page(text, "49.txt")
    assert (page.title, page.country) == ("Transportation", "Nepal")
    assert [b.text[:6] for b in page.blocks] == ["Nepal'"]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Belarus: The Economy: An Overview", "The Economy: An Overview"),
        ("Belarus: THE ECONOMY: AN OVERVIEW", "The Economy: An Overview"),
        ("Belarus: Capital: Minsk (1.6 million)", ""),  # a profile's entry is no title
    ],
)
def test_a_text_page_s_title_with_a_colon(line: str, title: str) -> None:
    """A text page's title line in the sites' shape, its title holding a colon."""
    from octavo.importers import parse_page

    text = (
        f"{line}\nCountry Studies Index\nBelarus Table of Contents\n\nIn 1994 the economy "
        "of Belarus was still run largely by the state, as it had been in Soviet times.\n\n"
        "Data as of June 1995\n"
    )
    page = parse_page(text, "14.txt")
    assert page.title == title
    assert [b.text[:8] for b in page.blocks][-1] == "In 1994 "
    assert (page.blocks[0].text == line) == (not title)


def test_the_import_writes_the_sections_as_the_user_expects(tmp_path: Path) -> None:
    """The user's two pages through `invoke import-pages`: 049-transportation.md (it was
    049-country-studies-index.md) and 001-economy.md, each body opening with its text."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("49.htm", "moldova-economy.html"):
        (pages / name).write_bytes((TITLES / name).read_bytes())
    book = tmp_path / "book"
    for folder in ("nepal", "moldova"):
        result = import_pages(
            [pages / ("49.htm" if folder == "nepal" else "moldova-economy.html")], book / folder
        )
        assert result.summary() == "1 imported, 0 unchanged, 0 refused"
    nepal = (book / "nepal" / "049-transportation.md").read_text(encoding="utf-8")
    moldova = (book / "moldova" / "001-economy.md").read_text(encoding="utf-8")
    assert "title: Transportation\n" in nepal and "title: Economy\n" in moldova
    for text, first in ((nepal, "Nepal's rugged"), (moldova, "General Character\n")):
        body = text.split("---\n", 2)[2]
        assert body.lstrip("\n").startswith(first)
        assert not re.search(r"(?m)^#|\*\*", body), body


@pytest.mark.parametrize(
    ("text", "country", "section"),
    [
        ("Moldova - ECONOMY", "Moldova", "ECONOMY"),
        ("Belarus: Transportation", "Belarus", "Transportation"),
        ("Nepal-The Rana Oligarchy", "Nepal", "The Rana Oligarchy"),
        ("Country Studies", "", "Country Studies"),
    ],
)
def test_the_title_element_s_form(text: str, country: str, section: str) -> None:
    head = read_head_title(f"  {text}\n")
    assert head is not None and (head.country, head.section) == (country, section)
    assert read_head_title(" ") is None


# lcweb2.loc.gov's page: the study's name for a <title>, one heading, a bold country line
LOC = """<HTML>
<HEAD>
<TITLE>A Country Study: Nepal</TITLE>
<link rel="canonical" href="http://lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+np0011)">
</HEAD>
<BODY BGCOLOR="#FFFFFF">
<A HREF="/frd/cs/"><IMG SRC="/frd/cs/images/cs_logo.gif" ALT="Library of Congress Country Studies" BORDER=0></A>
<HR>
<P><B>Nepal</B>
<H3>The Shah Dynasty</H3>
<P>Prithvi Narayan Shah (1723-75), the ninth-generation descendant of Dravya Shah (1559-70), founded the ruling house of Gorkha. He unified the many principalities of the Himalayan foothills into the Kingdom of Nepal in 1769.
<P>His policy, summarized in the <I>Dibya Upadesh</I>, was to keep the country isolated; he called Nepal "a yam between two boulders."
<P>Data as of September 1991
<HR>
<A HREF="/frd/cs/cshome.html">Country Studies Home</A> | <A HREF="/">Library of Congress</A>
</BODY>
</HTML>"""


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(LOC, id="under-the-country"),
        pytest.param(LOC.replace("<P><B>Nepal</B>", ""), id="alone"),
        pytest.param(LOC.replace("A Country Study: Nepal", "Nepal: A Country Study"), id="named"),
    ],
)
def test_the_one_heading_under_the_study_s_name_is_the_title(tmp_path: Path, html: str) -> None:
    """<title>A Country Study: Nepal</title> is the study's name, no section's: it names
    neither the country line ("Nepal") nor is the title; the page's one heading is, and
    --explain says so, at its line."""
    page = _read(tmp_path, "np0011.html", html)
    assert page.title == "The Shah Dynasty" and page.country == "Nepal"
    assert not any(b.kind == "heading" for b in page.blocks)
    assert page.blocks[0].text.startswith("Prithvi Narayan Shah")
    titled = [r for r in page.reasons if r.startswith("title ")]
    assert titled == ["title on line 10 (the one line above the body)"]
    assert page.title_line == 10
    assert any(r.endswith("is the study's name, no section's") for r in page.reasons)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        pytest.param("<P>The Shah kings ruled.", "", id="a-paragraph"),
        pytest.param('<P><IMG SRC="x.gif"><BR>King Mahendra, 1960', "", id="a-caption"),
        pytest.param("<P><B>The Shah kings ruled.</B>", "The Shah kings ruled.", id="bold-alone"),
        pytest.param("<H4>The Ranas, 1846-1951</H4>", "The Ranas, 1846-1951", id="a-heading"),
        pytest.param("<P>The Shah Dynasty", "The Shah Dynasty", id="title-shaped"),
    ],
)
def test_only_a_heading_or_a_title_shaped_line_is_the_one_line(
    tmp_path: Path, line: str, title: str
) -> None:
    """Under a <title> that is the study's name, the one line above the body is the title
    only if set as a heading or shaped as a title: a short paragraph or a photo's caption
    stays the body's."""
    page = _read(tmp_path, "np0011.html", LOC.replace("<H3>The Shah Dynasty</H3>", line))
    assert page.title == title
    first = next(b.text for b in page.blocks if b.kind != "image")
    assert first.startswith("Prithvi") if title else first == line.split(">")[-1]


# countries*.tripod.com's page: the whole body in one <FONT>, its lines parted by <BR>s
TRIPOD = """<HTML><HEAD><TITLE>Nepal - Rana Rule</TITLE></HEAD>
<BODY BGCOLOR="#FFFFCC"><FONT FACE="Arial" SIZE=2>
<CENTER><A HREF="cNepal.htm">Nepal</A> | <A HREF="cNepal26.htm">Previous</A> | <A HREF="cNepal28.htm">Next</A></CENTER>
<BR>
<B>Rana Rule</B><BR><BR>
Jang Bahadur Rana took power in 1846 after the Kot Massacre, in which some thirty nobles were killed. He made the office of prime minister hereditary in his family.<BR><BR>
The Ranas kept Nepal closed to foreigners for a century. Only a few British residents were
allowed in Kathmandu; the rest of the country remained almost unknown to Europeans until 1950.<BR><BR>
Data as of September 1991<BR>
</FONT></BODY></HTML>"""


def test_a_title_in_a_font_parted_by_brs_is_told_at_its_own_line(tmp_path: Path) -> None:
    """--explain said "title on line 2" (the <FONT>'s) for a <B> title on line 5: each line
    a <BR> parts is at the line it starts on, the text after a block at that block's end."""
    page = _read(tmp_path, "cNepal27.htm", TRIPOD)
    assert page.title == "Rana Rule" and page.title_line == 5
    assert "title on line 5 (the heading its <title> names)" in page.reasons
    assert [(b.text[:12], b.line) for b in page.blocks] == [
        ("Jang Bahadur", 6),
        ("The Ranas ke", 7),
    ]


@pytest.mark.parametrize(
    "unread",
    [
        pytest.param("<!-- a comment\nover\nthree lines -->", id="comment"),
        pytest.param("<SCRIPT>\nvar x = 1;\n</SCRIPT>", id="script"),
    ],
)
def test_the_line_ends_of_what_is_not_read_are_counted(tmp_path: Path, unread: str) -> None:
    """A comment or a script over three lines, between a <BR> and the next line's words:
    the words are two lines further down than its start."""
    html = TRIPOD.replace("family.<BR><BR>\nThe Ranas", "family.<BR><BR>" + unread + "The Ranas")
    page = _read(tmp_path, "cNepal27.htm", html)
    assert [(b.text[:12], b.line) for b in page.blocks] == [
        ("Jang Bahadur", 6),
        ("The Ranas ke", 8),
    ]


def test_a_heading_with_a_colon_under_the_study_s_name_is_the_title(tmp_path: Path) -> None:
    """Its colon made `<H3>The Economy: An Overview</H3>` read as a profile's entry, the
    body's first line: the page had no title, the heading left in the body."""
    html = LOC.replace("<H3>The Shah Dynasty</H3>", "<H3>The Economy: An Overview</H3>")
    page = _read(tmp_path, "np0011.html", html)
    assert page.title == "The Economy: An Overview"
    assert not any(b.kind == "heading" for b in page.blocks)


def test_the_line_naming_the_whole_section_wins_over_the_chapter_s(tmp_path: Path) -> None:
    html = (
        "<HTML><HEAD><TITLE>Nepal - The Economy: An Overview</TITLE></HEAD><BODY>\n"
        "<H2>Nepal</H2>\n<H3>The Economy</H3>\n<H4>The Economy: An Overview</H4>\n"
        "<P>In 1991 the economy of Nepal was still run largely by the state and its farmers.\n"
        "<P>Data as of September 1991\n</BODY></HTML>"
    )
    page = _read(tmp_path, "np0042.html", html)
    assert page.title == "The Economy: An Overview" and page.title_line == 4
    assert [b.kind for b in page.blocks] == ["paragraph"]
