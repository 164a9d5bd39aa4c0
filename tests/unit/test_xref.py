"""octavo.render.xref: references resolved against every id and section file of the book."""

from __future__ import annotations

import re
from typing import Any

import pytest

from octavo import api
from octavo.render.xref import Targets, resolve_links
from tests.conftest import BOOK_TOML, MakeBook, section_source

TARGETS = Targets(
    labels={"tbl:gdp": "Table 3", "s058-russia": "Russia", "trade": "Trade"},
    files={"058-russia.md": "s058-russia", "sub/010-a.md": "s010-a"},
    numbers={"tbl:gdp": "3"},
)


@pytest.mark.parametrize(
    ("html", "folder", "expected"),
    [
        pytest.param(
            '<a href="#trade" class="xref">t</a>',
            "",
            '<a href="#trade" class="xref">t</a>',
            id="id",
        ),
        pytest.param(
            '<a href="058-russia.md" class="xref">R</a>',
            "",
            '<a href="#s058-russia" class="xref">R</a>',
            id="file",
        ),
        pytest.param(
            '<a href="058-russia.md#trade" class="xref">R</a>',
            "",
            '<a href="#trade" class="xref">R</a>',
            id="file-anchor",
        ),
        pytest.param(
            '<a href="../058-russia.md" class="xref">R</a>',
            "sub/",
            '<a href="#s058-russia" class="xref">R</a>',
            id="relative",
        ),
        pytest.param(
            '<a href="#tbl:gdp" class="xref auto">@tbl:gdp</a>',
            "",
            '<a href="#tbl:gdp" class="xref">Table 3</a>',
            id="auto",
        ),
        pytest.param(
            'Tables <a href="#tbl:gdp" class="xref auto-number">[-@tbl:gdp]</a>\u20134',
            "",
            'Tables <a href="#tbl:gdp" class="xref">3</a>\u20134',
            id="number-alone",  # pandoc-crossref's [-@tbl:gdp]
        ),
        pytest.param(
            '<a href="#trade" class="xref auto-number">[-@tbl:trade]</a>',
            "",
            '<a href="#trade" class="xref">Trade</a>',
            id="number-alone-of-no-number",  # its name, as @sec: prints
        ),
        pytest.param(
            '<a href="#tbl:gdp" class="xref page"></a>',
            "",
            '<a href="#tbl:gdp" class="xref page"><span class="ref-label">Table 3</span></a>',
            id="page",
        ),
        pytest.param(
            'on page <a href="#tbl:gdp" class="xref page"></a>, see <a href="#tbl:gdp" class'
            '="xref">it</a>',
            "",
            'on page\u00a0<a href="#tbl:gdp" class="xref page"><span class="ref-label">Table 3'
            '</span></a>, see <a href="#tbl:gdp" class="xref">it</a>',
            id="page-kept-with-its-word",  # a line never ends between "page" and its number
        ),
        pytest.param(
            'see page\n<a href="#tbl:gdp" class="xref page"></a>',
            "",
            'see page\u00a0<a href="#tbl:gdp" class="xref page"><span class="ref-label">Table 3'
            "</span></a>",
            id="page-at-a-source-line-s-end",  # hard-wrapped source (found in review)
        ),
        pytest.param(
            'page \t\n\t <a href="#tbl:gdp" class="xref page"></a>',
            "",
            'page\u00a0<a href="#tbl:gdp" class="xref page"><span class="ref-label">Table 3'
            "</span></a>",
            id="page-blanks-either-side-of-a-line-s-end",
        ),
        pytest.param(
            'page\n\n <a href="#tbl:gdp" class="xref page"></a>',
            "",
            'page\n\u00a0<a href="#tbl:gdp" class="xref page"><span class="ref-label">Table 3'
            "</span></a>",
            id="page-after-a-blank-line-keeps-one-line-s-end",
        ),
        pytest.param(
            '<a href="#trade" class="xref">a</a> <a href="#tbl:gdp" class="xref page"></a>'
            ' <a href="#trade" class="xref">b</a>',
            "",
            '<a href="#trade" class="xref">a</a>\u00a0<a href="#tbl:gdp" class="xref page">'
            '<span class="ref-label">Table 3</span></a> <a href="#trade" class="xref">b</a>',
            id="links-side-by-side",
        ),
        pytest.param(
            '<a href="https://x.org/">x</a>',
            "",
            '<a href="https://x.org/">x</a>',
            id="external-untouched",
        ),
    ],
)
def test_resolves(html: str, folder: str, expected: str) -> None:
    assert resolve_links(html, folder, TARGETS) == (expected, ())


@pytest.mark.parametrize(
    "href", ["#nowhere", "004-economy.md", "058-russia.md#nowhere", "notes.pdf"]
)
def test_unresolved_keeps_its_words(href: str) -> None:
    html, missed = resolve_links(
        f'<a href="{href}" class="xref">the <em>words</em></a>', "", TARGETS
    )
    assert html == "the <em>words</em>"
    kept, _ = resolve_links(f'on page <a href="{href}" class="xref page"></a>', "", TARGETS)
    assert kept == "on page "  # unresolved: its space as written
    assert [m.href for m in missed] == [href]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            '<a href="#trade" id="back" lang="fr" dir="ltr" title="t" class="xref c">t</a>',
            '<a href="#trade" class="xref c" id="back" lang="fr" dir="ltr" title="t">t</a>',
            id="resolved",
        ),
        pytest.param(
            '<a href="#tbl:gdp" id="p" class="xref page"></a>',
            '<a href="#tbl:gdp" class="xref page" id="p"><span class="ref-label">Table 3'
            "</span></a>",
            id="page-its-class-after-its-href",  # as PAGE_REF finds it
        ),
        pytest.param(
            '<a href="#nowhere" id="back" lang="fr" class="xref">les mots</a>',
            '<span id="back" lang="fr">les mots</span>',
            id="unresolved-its-words-keep-them",
        ),
    ],
)
def test_a_link_keeps_its_author_s_id_and_language(html: str, expected: str) -> None:
    """A reference was written anew with its href, class and title alone: an author's
    `{#back lang=fr}` left both outputs, and a link to #back pointed at nothing."""
    assert resolve_links(html, "", TARGETS)[0] == expected


def test_a_reference_in_brackets_prints_as_pandoc_crossref_prints_it(
    make_book: MakeBook,
) -> None:
    """`[see @tbl:gdp]` printed "[see Table 1]": pandoc-crossref prints the prefix for the
    word, "see 1", and no brackets (its manual: `[Prefix @fig:1]` is "Prefix 1")."""
    body = (
        "Output [see @tbl:gdp], the map [see @fig:map], the coast [as in @sec:coast];\n"
        "[@tbl:gdp] and [-@fig:map] and [@fig:map, left].\n\n"
        "| Year | GDP |\n|------|-----|\n| 1990 | 3 |\n\n: GDP {#tbl:gdp}\n\n"
        "![The map](map.png){#fig:map}\n\n## The coast {#sec:coast}\n\nSand.\n"
    )
    from PIL import Image

    book = make_book({"001-a.md": section_source(1, "Land", total=1, body=body)})
    Image.new("RGB", (1600, 800), "white").save(book / "map.png")
    manuscript, problems = api.manuscript(book)
    words = re.sub(r"<[^>]+>", "", manuscript.sections[0].body_html).split("\n")[0]
    assert words == "Output see\u00a01, the map see\u00a01, the coast as in\u00a0The coast;"
    second = re.sub(r"<[^>]+>", "", manuscript.sections[0].body_html).split("\n")[1]
    assert second == "Table\u00a01 and 1 and Figure\u00a01, left."  # octavo's labels
    assert problems == ()


_CAPITALS = (
    "@Tbl:gdp gives it. @Fig:map shows it. @Sec:coast, sand; @tbl:gdp, [@Tbl:gdp] and\n"
    "[-@Tbl:gdp].\n\n@Tbl:nothing here.\n\n"
    "| Year | GDP |\n|------|-----|\n| 1990 | 3 |\n\n: GDP {#tbl:gdp}\n\n"
    "![The map](map.png){#fig:map}\n\n## the coast {#sec:coast}\n\nSand.\n"
)


@pytest.mark.parametrize(
    ("language", "labels", "first"),
    [
        pytest.param(
            "en",
            "",
            "Table\u00a01 gives it. Figure\u00a01 shows it. the coast, sand; Table\u00a01, "
            "Table\u00a01 and",
            id="en",
        ),
        pytest.param(
            "fr",
            '[labels]\ntable = "tableau"\n',
            "Tableau\u00a01 gives it. Figure\u00a01 shows it. the coast, sand; "
            "tableau\u00a01, Tableau\u00a01 and",
            id="fr-own-lowercase-word",
        ),
    ],
)
def test_a_capitalised_reference_resolves_with_its_word_capitalised(
    make_book: MakeBook, language: str, labels: str, first: str
) -> None:
    """`@Tbl:gdp`, pandoc-crossref's reference at a sentence's start, printed as written and
    told nothing, even for an id the book lacks: it links to `tbl:gdp` as `@tbl:gdp` does,
    its word capitalised (a book's own lowercase `table = "tableau"`: "tableau 1" mid
    sentence, "Tableau 1" at its start); an unknown id is W512, as for lowercase.
    `@Sec:coast` prints its heading's title as written (review52d: "eBay and de Gaulle"
    was printed "EBay"): pandoc-crossref capitalises its word "Sec.", never a title."""
    from PIL import Image

    body = section_source(1, "Land", total=1, body=_CAPITALS)
    book = make_book({"001-a.md": body}, BOOK_TOML.replace('"en"', f'"{language}"') + labels)
    Image.new("RGB", (1600, 800), "white").save(book / "map.png")
    manuscript, problems = api.manuscript(book)
    lines = re.sub(r"<[^>]+>", "", manuscript.sections[0].body_html).split("\n")
    assert lines[0] == first
    assert lines[1] == "1."
    assert "auto-capital" not in manuscript.sections[0].body_html
    assert [(p.code, p.line) for p in problems] == [("W512", 14)]
    assert "tbl:nothing" in problems[0].message


_LINKING = (
    "Some text.\n\nMore text, on\npage [](002-b.md){.page} the section,\n"
    "on page [](002-b.md#tbl:b){.page} its table,\nand page [](#fig:c){.page}.\n"
)


def _linking_book(make_book: MakeBook, body: str) -> tuple[Any, list[str]]:
    """A book whose first section's `body` refers to the second's section, table and figure;
    its manuscript and the first file's lines."""
    table = "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Trade {#tbl:b}\n\n![C](c.svg){#fig:c}\n"
    one = section_source(1, "A", total=2, body=body)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    two = section_source(2, "B", total=2, body=table)
    manuscript, _ = api.manuscript(make_book({"001-a.md": one, "002-b.md": two, "c.svg": svg}))
    return manuscript, one.split("\n")


def test_w517_points_at_the_line_of_a_page_reference_written_as_a_file_link(
    make_book: MakeBook,
) -> None:
    """W517 (the EPUB's and a handout's) for `[](002-b.md){.page}` or `[](002-b.md#tbl:b)
    {.page}` pointed at the body's first line: the line was looked for as `(#id)` only."""
    from octavo.render.epub.page_refs import unprinted_page_refs
    from octavo.render.pdf.handout_refs import outside_page_refs

    manuscript, lines = _linking_book(make_book, _LINKING)
    wanted = [
        ("s002-b", lines.index("page [](002-b.md){.page} the section,") + 1),
        ("tbl:b", lines.index("on page [](002-b.md#tbl:b){.page} its table,") + 1),
        ("fig:c", lines.index("and page [](#fig:c){.page}.") + 1),
    ]
    for found in (unprinted_page_refs(manuscript), outside_page_refs(manuscript, "section")):
        told = sorted((d.message.split("#")[1].split(" ")[0], d.line) for d in found)
        assert told == sorted(wanted), found


@pytest.mark.parametrize(
    ("written", "ident"),
    [
        ("[](../001-a.md){.page}", "s001-a"),
        ("[](%2E%2E/001-a.md){.page}", "s001-a"),  # as markdown-it's %-escapes may write it
        ("[](../001-a.md#tbl:b){.page}", "tbl:b"),
        ("[](#tbl:b){.page}", "tbl:b"),
    ],
    ids=["section-file", "escaped", "file-and-id", "id"],
)
def test_the_line_of_a_page_reference_as_written(written: str, ident: str) -> None:
    from pathlib import Path

    from octavo.render.xref import reference_line

    body = f"Text [](001-a.md) not a page reference.\n\nSee page {written}.\n"
    here, there = Path("/book/sub/010-x.md"), Path("/book/001-a.md")
    assert reference_line(body, ident, here, there if ident == "s001-a" else None) == 2
    assert reference_line(body, "elsewhere", here, None) == 0


def test_w517_shows_a_worded_reference_on_one_line(make_book: MakeBook) -> None:
    """Words of a page reference written over two lines were quoted in W517 with the line
    break in them (W529 joins them: a reviewer's find)."""
    from octavo.render.epub.page_refs import unprinted_page_refs

    body = "See [the trade\ntable](#tbl:t){.page}.\n\n| a |\n|---|\n| 1 |\n\n: Trade {#tbl:t}\n"
    root = make_book({"001-a.md": section_source(1, "A", total=1, body=body)})
    manuscript, _ = api.manuscript(root)
    (found,) = unprinted_page_refs(manuscript)
    assert "shows 'the trade table' in the EPUB" in found.message, found.message


_BY_REFERENCE = (
    "Some text.\n\nMore text, on\npage [][b]{.page} the section,\n"
    "on page [][T]{.page} its table,\nand [the map][fig]{.page}.\n\n"
    "[b]: 002-b.md\n[t]: 002-b.md#tbl:b\n[fig]: #fig:c\n"
)


def test_w517_and_w529_point_at_the_line_of_a_reference_style_page_reference(
    make_book: MakeBook,
) -> None:
    """`[x][r]{.page}` with `[r]: 002-b.md` defined below was told at the body's first
    line (W517 of the EPUB and a handout, W529 of words of its own): only inline links'
    destinations were read."""
    from octavo.render.epub.page_refs import unprinted_page_refs
    from octavo.render.pdf.handout_refs import outside_page_refs
    from octavo.render.worded_refs import unshown_words

    manuscript, lines = _linking_book(make_book, _BY_REFERENCE)
    wanted = [
        ("s002-b", lines.index("page [][b]{.page} the section,") + 1),
        ("tbl:b", lines.index("on page [][T]{.page} its table,") + 1),
        ("fig:c", lines.index("and [the map][fig]{.page}.") + 1),
    ]
    for found in (unprinted_page_refs(manuscript), outside_page_refs(manuscript, "section")):
        told = sorted((d.message.split("#")[1].split(" ")[0], d.line) for d in found)
        assert told == sorted(wanted), found
    worded = [(d.code, d.line) for d in unshown_words(manuscript)]
    assert worded == [("W529", lines.index("and [the map][fig]{.page}.") + 1)], worded


@pytest.mark.parametrize(
    "written",
    ["[page][r]{.page}", "[page][ R ]{.page}", "[r][]{.page}", "[r]{.page}"],
    ids=["full", "label-case-and-spaces", "collapsed", "shortcut"],
)
def test_the_line_of_a_page_reference_by_reference(written: str) -> None:
    from pathlib import Path

    from octavo.render.xref import reference_line

    body = (
        "Text [r](001-a.md#x) and [r]: not it.\n\n"
        f"See {written}.\n\n[r]: ../001-a.md#tbl:b\n[s]: #tbl:c\n"
    )
    here = Path("/book/sub/010-x.md")
    assert reference_line(body, "tbl:b", here, None) == 2
    assert reference_line(body, "tbl:c", here, None) == 0  # defined, never used


@pytest.mark.parametrize(
    "before",
    [
        "Write `[](#tbl:b){.page}` for a page reference.",
        "Write ``[x](#tbl:b){.page}`` or `` `[](#tbl:b)` ``.",
        "A code span over two lines: `[](#tbl:b){.page}\nis` no link.",
        "```\n[](#tbl:b){.page}\n```",
        "~~~~ markdown\n[page][r]{.page}\n~~~\n~~~~",
        "Write `[r]: #tbl:c` and `[x][r]{.page}`.",
    ],
    ids=["code-span", "double-backticks", "over-two-lines", "fenced", "tildes", "reference"],
)
def test_a_link_in_code_is_not_the_line_of_a_reference(before: str) -> None:
    """A link written in a code span (or a fenced code block) is no link: the reference's
    line is the real one's, after it (review47b #5: the code span's line won)."""
    from octavo.render.xref import reference_line

    body = f"{before}\n\nSee page [](#tbl:b){{.page}}.\n\n[r]: #tbl:b\n"
    line = body.split("\n").index("See page [](#tbl:b){.page}.")
    assert reference_line(body, "tbl:b", None, None) == line


def test_a_backslash_escaped_backtick_opens_no_code_span() -> None:
    from octavo.render.xref import reference_line

    body = "A \\` tick, then [](#tbl:b){.page} and a ` tick.\n"
    assert reference_line(body, "tbl:b", None, None) == 0
    body = "Text.\n\nA \\`[](#tbl:b){.page}` here.\n"
    assert reference_line(body, "tbl:b", None, None) == 2
