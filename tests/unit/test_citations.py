"""A book's citations formatted (octavo.render.citations) and its bibliography read
(octavo.source.bibliography): links, the list, where it goes, and the diagnostics."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from octavo.errors import Diagnostic
from octavo.model import Manuscript
from octavo.model.bibliography import Bibliography
from octavo.render.citation_syntax import CitationUse, parse_bracket
from octavo.render.citeproc_book import CiteprocBook
from octavo.render.manuscript import render_manuscript
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, DATA, MakeBook, section_source
from tests.support.citation_styles import NUMERIC

REFS = (DATA / "citations" / "refs.json").read_text(encoding="utf-8")
CITED = BOOK_TOML + 'bibliography = "refs.json"\n'
BODY = (
    "Growth [see @doe99, pp. 33-35; @smith2001]. @adams1990 [p. 4] agrees,\n"
    "and so does the year alone [-@doe99]; @doe99 too.\n"
)


def _built(
    make_book: MakeBook, files: Mapping[str, str | bytes], toml: str = CITED
) -> tuple[Manuscript, list[Diagnostic]]:
    root = make_book({"refs.json": REFS, **files}, toml)
    book, found = read_book(root)
    assert book is not None, found
    manuscript, more = render_manuscript(book)
    return manuscript, [*found, *more]


def _html(manuscript: Manuscript) -> str:
    return "\n".join(s.body_html for c in manuscript.chapters for s in c.sections)


def test_citations_link_to_their_entries(make_book: MakeBook) -> None:
    manuscript, found = _built(make_book, {"001-a.md": section_source(1, body=BODY, total=1)})
    assert not found
    html = _html(manuscript)
    text = re.sub(r"<[^>]+>", "", html).replace("\u2060", "")
    assert "Growth (see Doe, 1999, pp. 33–35; Smith, 2001)." in text
    assert "Adams (1990, p. 4) agrees" in text
    assert "the year alone (1999); Doe (1999) too." in text
    assert html.count('role="doc-biblioref"') == 5
    assert '<a href="#ref-doe99" role="doc-biblioref">' in html
    entries = re.findall(r'<div id="(ref-[^"]+)" class="csl-entry" role="listitem">', html)
    assert entries == ["ref-adams1990", "ref-doe99", "ref-smith2001"]  # cited only, sorted
    division = manuscript.chapters[-1]
    assert (division.chapter.kind, division.chapter.title) == ("bibliography", "Bibliography")
    assert ("ref-doe99", division.chapter.slug) in manuscript.anchors


def test_the_list_goes_in_the_refs_div(make_book: MakeBook) -> None:
    body = BODY + "\n## References\n\n::: {#refs}\n:::\n\nAfter.\n"
    manuscript, found = _built(make_book, {"001-a.md": section_source(1, body=body, total=1)})
    assert not found
    assert [c.chapter.kind for c in manuscript.chapters] == ["section"]
    html = _html(manuscript)
    assert re.search(
        r'<div id="refs" class="references csl-bib-body" epub:type="bibliography"'
        r' role="doc-bibliography">\s*<div role="list">',
        html,
    )
    assert html.index("ref-smith2001") < html.index("After.")


def test_the_list_ends_the_book_s_bibliography(make_book: MakeBook) -> None:
    bibliography = section_source(
        2, "Sources", chapter=0, total=2, extra="kind: bibliography\n", body="Older works.\n"
    )
    files = {"001-a.md": section_source(1, body=BODY, total=2), "002-b.md": bibliography}
    manuscript, _ = _built(make_book, files)
    last = manuscript.chapters[-1].sections[-1]
    assert last.title_text == "Sources"
    assert last.body_html.index("Older works.") < last.body_html.index('id="ref-doe99"')
    # ut46: still the division's opening, set under its one heading, not "Sources" over
    # "Sources" (the section given the list was no longer the one the division opened with)
    assert manuscript.chapters[-1].opening is last
    assert manuscript.chapters[-1].toc == ()


def test_a_volume_s_bibliographies_and_the_list_of_its_own(make_book: MakeBook) -> None:
    """A Bibliography of several sections (a volume's "Belarus" and "Moldova"): the list is
    a section of its own after them, "Works Cited", not the end of Moldova's."""

    def of(country: str, text: str) -> str:
        return text.replace("country: Testland", f"country: {country}")

    def listing(n: int, country: str) -> str:
        extra = "kind: bibliography\n"
        return of(country, section_source(n, country, chapter=0, total=4, extra=extra))

    files = {
        "001-a.md": of("Belarus", section_source(1, body="Seen [@doe99].\n", total=4)),
        "002-b.md": of("Moldova", section_source(2, body="Also @smith2001.\n", total=4)),
        "003-c.md": listing(3, "Belarus"),
        "004-d.md": listing(4, "Moldova"),
    }
    toml = CITED + 'parts = ["Belarus", "Moldova"]\n'
    manuscript, found = _built(make_book, files, toml)
    assert not found
    division = manuscript.chapters[-1]
    assert [s.title_text for s in division.sections] == ["Belarus", "Moldova", "Works Cited"]
    moldova, listed = division.sections[1:]
    assert "csl-entry" not in moldova.body_html
    entries = re.findall(r'<div id="(ref-[^"]+)" class="csl-entry"', listed.body_html)
    assert entries == ["ref-doe99", "ref-smith2001"]
    assert ("ref-doe99", division.chapter.slug) in manuscript.anchors


def test_an_entry_s_url_and_doi_are_links(make_book: MakeBook) -> None:
    """As pandoc links them: http(s) only, each breakable where an address breaks."""
    more = [
        {"id": "web", "type": "webpage", "title": "Potash", "URL": "https://a.example/x_y?b=1&c=2"},
        {"id": "art", "type": "article-journal", "title": "Gauges", "DOI": "10.1234/t.5-long"},
        {"id": "bad", "type": "webpage", "title": "Bad", "URL": "javascript:alert(1)"},
    ]
    refs = json.dumps([*json.loads(REFS), *more])
    body = "See @web, @art and @bad.\n"
    root = make_book({"refs.json": refs, "001-a.md": section_source(1, body=body, total=1)}, CITED)
    book, found = read_book(root)
    assert book is not None, found
    manuscript, _ = render_manuscript(book)
    html = _html(manuscript)
    entry = re.compile(r'<div id="ref-(\w+)" class="csl-entry" role="listitem">(.*?)</div>')
    entries = dict(entry.findall(html))
    assert (
        '<a href="https://a.example/x_y?b=1&amp;c=2" class="uri"><span class="address">'
        in (entries["web"])
    )
    assert "https://<wbr />a<wbr />.example<wbr />/x<wbr />_y<wbr />?b" in entries["web"]
    assert '<a href="https://doi.org/10.1234/t.5-long" class="uri">' in entries["art"]
    assert "javascript:alert(1)" in entries["bad"] and "<a " not in entries["bad"]


def test_a_key_not_in_the_bibliography(make_book: MakeBook) -> None:
    body = "One.\n\nAs [@doe99; @doe1999] says.\n"
    manuscript, found = _built(make_book, {"001-a.md": section_source(1, body=body, total=1)})
    assert [(d.code, d.file.name if d.file else "", d.line) for d in found] == [
        ("W527", "001-a.md", 13)
    ]
    assert "did you mean 'doe99'?" in found[0].hint
    assert "<strong>doe1999?</strong>" in _html(manuscript)


def test_an_example_label_is_its_number(make_book: MakeBook) -> None:
    body = "(@good) An example.\n\nAs @good shows, and @doe99.\n"
    manuscript, found = _built(make_book, {"001-a.md": section_source(1, body=body, total=1)})
    assert not found
    assert "As 1 shows, and" in re.sub(r"<[^>]+>", "", _html(manuscript))


def test_bibtex(make_book: MakeBook) -> None:
    bib = (DATA / "citations" / "refs.bib").read_text(encoding="utf-8")
    toml = BOOK_TOML + 'bibliography = "refs.bib"\n'
    files: dict[str, str | bytes] = {
        "refs.bib": bib,
        "001-a.md": section_source(1, body=BODY, total=1),
    }
    manuscript, found = _built(make_book, files, toml)
    assert [d.code for d in found] == ["W527", "W527"]  # smith2001, adams1990
    assert "Doe, J. (1999) <i>The Economy of Belarus</i>. Minsk: Minsk Press." in _html(manuscript)


def test_a_bibtex_field_citeproc_does_not_read_is_w152_not_python_s_warning(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    """citeproc-py's BibTeX reader leaves `url` out and said so as a UserWarning, a line
    of Python on stderr with no file or code."""
    bib = (DATA / "citations" / "refs.bib").read_text(encoding="utf-8")
    bib = bib.replace("  year = {1999}", "  year = {1999},\n  URL = {https://e.org/doe}", 1)
    assert "URL" in bib
    toml = BOOK_TOML + 'bibliography = "refs.bib"\n'
    files: dict[str, str | bytes] = {"refs.bib": bib, "001-a.md": section_source(1, total=1)}
    files["001-a.md"] = section_source(1, body="As [@doe99] says.\n", total=1)
    _, found = _built(make_book, files, toml)
    [told] = [d for d in found if d.code == "W152"]
    line = bib[: bib.index("URL")].count("\n") + 1
    assert told.file is not None and (told.file.name, told.line) == ("refs.bib", line)
    assert "'url'" in told.message
    assert "Warning" not in capsys.readouterr().err


def _problems(
    make_book: MakeBook, files: dict[str, str | bytes], toml: str
) -> list[tuple[str, str, int | None]]:
    root = make_book(files, toml)
    _, found = read_book(root)
    return [(d.code, d.file.name if d.file else "", d.line) for d in found]


@pytest.mark.parametrize(
    ("files", "toml", "expected"),
    [
        pytest.param({}, CITED, [("E150", "book.toml", 6)], id="missing"),
        pytest.param(
            {},
            BOOK_TOML + 'bibliography = "../refs.json"\n',
            [("E150", "book.toml", 6)],
            id="outside",
        ),
        pytest.param(
            {"refs.json": '[\n{"id": "a",\n "title": }\n]'},
            CITED,
            [("E150", "refs.json", 3)],
            id="malformed-json",
        ),
        pytest.param(
            {"refs.json": '{"id": "a"}'}, CITED, [("E150", "refs.json", 1)], id="not-a-list"
        ),
        pytest.param(
            {"refs.json": "[" * 100_000 + "]" * 100_000},
            CITED,
            [("E150", "refs.json", 1)],
            id="nested-too-deep",
        ),
        pytest.param(
            {"refs.json": '[{"id": "a"},\n {"id": "b"},\n {"id": "A"}]'},
            CITED,
            [("W151", "refs.json", 3)],
            id="duplicate-key",
        ),
        pytest.param(
            {"refs.json": REFS},
            CITED + 'csl = "style.csl"\n',
            [("E150", "book.toml", 7)],
            id="style-missing",
        ),
        pytest.param(
            {"refs.json": REFS, "style.csl": "<style>\n<citation>\n</style>"},
            CITED + 'csl = "style.csl"\n',
            [("E150", "style.csl", 3)],
            id="style-malformed",
        ),
        pytest.param(
            {"refs.json": REFS, "style.csl": "<style/>"},
            CITED + 'csl = "style.csl"\n',
            [("E150", "style.csl", 1)],
            id="not-a-style",
        ),
    ],
)
def test_bibliography_problems(
    make_book: MakeBook,
    files: dict[str, str | bytes],
    toml: str,
    expected: list[tuple[str, str, int | None]],
) -> None:
    files = {"001-a.md": section_source(1, total=1), **files}
    assert _problems(make_book, files, toml) == expected


def test_a_style_s_entities_are_never_read(make_book: MakeBook, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    style = (
        f'<?xml version="1.0"?>\n<!DOCTYPE style [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        '<citation><layout><text value="&x;"/></layout></citation></style>'
    )
    files: dict[str, str | bytes] = {
        "refs.json": REFS,
        "style.csl": style,
        "001-a.md": section_source(1, total=1),
    }
    root = make_book(files, CITED + 'csl = "style.csl"\n')
    _, found = read_book(root)
    assert [(d.code, d.file.name if d.file else "") for d in found] == [("E150", "style.csl")]
    assert "TOP SECRET" not in str(found[0])


def test_a_book_s_own_style(make_book: MakeBook) -> None:
    style = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        '<citation><layout prefix="[" suffix="]" delimiter=", ">'
        '<text variable="citation-number"/></layout></citation>'
        '<bibliography><layout><text variable="title"/></layout></bibliography></style>'
    )
    files: dict[str, str | bytes] = {
        "style.csl": style,
        "001-a.md": section_source(1, body="A [@smith2001; @doe99].", total=1),
    }
    manuscript, found = _built(make_book, files, CITED + 'csl = "style.csl"\n')
    assert not found
    assert "A [1, 2]." in re.sub(r"<[^>]+>", "", _html(manuscript))


def test_a_numeric_style_s_ranges_as_pandoc_prints_them(make_book: MakeBook) -> None:
    """`collapse="citation-number"`: three numbers or more in a row are a range, its first
    and last linked, as `pandoc --citeproc -t html -M link-citations` (2.17, 3.9) prints
    them; it printed "[1, 2, 3]". An item with a locator is none of a range."""
    body = (
        "A [@doe99; @smith2001; @adams1990]. B [@adams1990; @doe99, 4; @smith2001]."
        " C [@doe99; @smith2001]. D [@unused; @doe99; @adams1990; @smith2001].\n"
    )
    files = {"style.csl": NUMERIC, "001-a.md": section_source(1, body=body, total=1)}
    manuscript, found = _built(make_book, files, CITED + 'csl = "style.csl"\n')
    assert not found

    def cited(key: str, words: str) -> str:
        return f'<a href="#ref-{key}" role="doc-biblioref">{words}</a>'

    expected = [
        f"[{cited('doe99', '1')}–{cited('adams1990', '3')}]",
        f"[{cited('doe99', '1, 4')}, {cited('smith2001', '2')}, {cited('adams1990', '3')}]",
        f"[{cited('doe99', '1')}, {cited('smith2001', '2')}]",
        f"[{cited('doe99', '1')}–{cited('unused', '4')}]",
    ]
    html = _html(manuscript).replace("\u2060", "")
    assert re.findall(r'<span class="citation">(.*?)</span>', html) == expected


def test_an_entry_s_fields_are_cleaned_as_raw_html(make_book: MakeBook) -> None:
    """citeproc-py writes fields as the file has them: a Zotero title's <i> is kept, a URL's
    & escaped, a <script> or an <img> never reaches the book (the EPUB was not XML)."""
    refs = (
        '[{"id": "doe99", "type": "article-journal", "container-title": "Review",'
        ' "title": "Rail in <i>Belarus</i> <script>alert(1)</script><img src=\\"http://x.example/a.png\\"/>",'
        ' "author": [{"family": "Doe</a><b>", "given": "Jane"}], "issued": {"date-parts": [[1999]]},'
        ' "URL": "https://example.org/?a=1&b=2"}]'
    )  # fmt: skip
    files: dict[str, str | bytes] = {
        "refs.json": refs,
        "001-a.md": section_source(1, body="Rail [@doe99].", total=1),
    }
    manuscript, found = _built(make_book, files)
    assert not found
    html = _html(manuscript)
    assert "<i>Belarus</i>" in html
    assert "https://example.org/?a=1&amp;b=2" in html
    for gone in ("<script", "alert(1)", "<img", "x.example", "</a><b>"):
        assert gone not in html
    from lxml import etree

    for section in manuscript.chapters[-1].sections:
        etree.fromstring(f"<div>{section.body_html}</div>".encode())  # well-formed


def test_an_entry_citeproc_cannot_format_is_e150(make_book: MakeBook) -> None:
    """A name's part given as a number passes citeproc-py's reader and fails its
    formatting: E150 at the bibliography, naming the entry, never a traceback."""
    refs = '[{"id": "ok", "type": "book", "title": "T"},\n {"id": "doe99", "author": [{"literal": 5}]}]'
    files: dict[str, str | bytes] = {
        "refs.json": refs,
        "001-a.md": section_source(1, body="Rail [@doe99].", total=1),
    }
    _, found = _built(make_book, files)
    where = [(d.code, d.file.name if d.file else "", d.line) for d in found]
    assert where == [("E150", "refs.json", 2)]
    assert "entry 'doe99'" in found[0].message


def test_an_in_text_citation_s_suffix_as_pandoc_sets_it(make_book: MakeBook) -> None:
    """pandoc --citeproc with the same style: "Doe (1999, and more)", "Doe (1999, p. 33 and
    more)"; the words were run on: "Doe (1999and more)"."""
    body = "A @doe99 [and more]. B @doe99 [p. 33 and more]. C @doe99 [, or not].\n"
    manuscript, found = _built(make_book, {"001-a.md": section_source(1, body=body, total=1)})
    assert not found
    text = re.sub(r"<[^>]+>", "", _html(manuscript))
    assert "A Doe (1999, and more). B Doe (1999, p. 33 and more). C Doe (1999, or not)." in text


def test_a_heading_s_and_a_caption_s_citation_in_the_contents(make_book: MakeBook) -> None:
    """The contents, the list of tables and the PDF's bookmarks (the heading's data-label)
    showed `[@doe99]` as typed; they show the citation, without its link."""
    body = "## Roads [@doe99]\n\nText.\n\nTable: Output [@smith2001, p. 3]\n\n| a |\n|---|\n| 1 |\n"
    manuscript, found = _built(make_book, {"001-a.md": section_source(1, body=body, total=1)})
    assert not found
    rs = manuscript.chapters[0].sections[0]
    assert [h.title_html for h in rs.headings] == [
        'Roads <span class="citation">(Doe, 1999)</span>'
    ]
    caption = rs.tables[0].caption_html
    assert caption == 'Output <span class="citation">(Smith, 2001, p. 3)</span>'
    assert 'data-label="Roads (Doe, 1999)"' in rs.body_html
    assert "[@" not in rs.body_html


def test_a_heading_s_bookmark_is_its_own_not_one_of_the_same_words(make_book: MakeBook) -> None:
    """The heading whose citation is formatted gets the new `data-label` (the PDF's
    bookmark), found by its id: the label was replaced where its words were first found,
    which was an earlier heading's whose code shows the same words."""
    body = "## Roads `[@doe99]`\n\nText.\n\n## Roads [@doe99]\n\nMore.\n"
    manuscript, found = _built(make_book, {"001-a.md": section_source(1, body=body, total=1)})
    assert not found
    html = manuscript.chapters[0].sections[0].body_html
    labels = re.findall(r'<h\d id="([^"]+)"[^>]* data-label="([^"]*)"', html)
    assert [label for _, label in labels] == ["Roads [@doe99]", "Roads (Doe, 1999)"]


def test_a_citation_s_range_is_joined_by_the_text_s_rule(make_book: MakeBook) -> None:
    """One rule for a range's en dash (octavo.text.joined_ranges): a range of short numbers
    stays on one line in the text, a citation and an entry alike ("pp. 33–35", a word
    joiner each side of its dash);
    one of longer numbers may break after its dash in all three, as pandoc lets every range
    break (a citation's and an entry's were joined whatever their length)."""
    body = "Pages 33--35 and 1234567--1234590 [@doe99, pp. 33-35; @smith2001, 1234567-1234590].\n"
    manuscript, found = _built(make_book, {"001-a.md": section_source(1, body=body, total=1)})
    assert not found
    html = _html(manuscript)
    assert html.count("33\u2060–\u206035") == 2 and "33\u2060–\u206050" in html  # the entry's
    assert html.count("1234567–1234590") == 2 and "1234567\u2060" not in html


def test_an_entry_s_apostrophe_is_curled(make_book: MakeBook) -> None:
    """The text's typography and pandoc's citeproc print "St. Martin’s Press"; the entry
    printed a typewriter apostrophe beside the text's curled ones."""
    refs = (
        '[{"id": "doe99", "type": "book", "title": "Minsk\'s Roads",'
        ' "publisher": "St. Martin\'s Press", "issued": {"date-parts": [[1999]]}}]'
    )
    files: dict[str, str | bytes] = {
        "refs.json": refs,
        "001-a.md": section_source(1, body="Rail [@doe99].", total=1),
    }
    manuscript, found = _built(make_book, files)
    assert not found
    html = _html(manuscript)
    assert "Minsk\u2019s Roads" in html and "St. Martin\u2019s Press" in html
    assert "'" not in re.sub(r"<[^>]+>", "", html)


def _citer(refs: str = REFS) -> tuple[CiteprocBook, list[CitationUse]]:
    """citeproc-py's bibliography of `refs` with three citations registered and sorted:
    `@doe99 [p. 4]` (in the text), `[@smith2001; @doe99]`, `[-@doe99]`; each use's
    `written` is its bracket's words."""
    bib = Bibliography(Path("refs.json"), refs.encode(), False, ("doe99", "smith2001"), None, b"")
    citer = CiteprocBook(bib)
    written = [("@doe99, p. 4", True), ("@smith2001; @doe99", False), ("-@doe99", False)]
    uses = []
    for line, (words, in_text) in enumerate(written):
        cites = parse_bracket(words)
        assert cites is not None
        uses.append(CitationUse(cites, in_text, words, line))
        assert citer.register(uses[-1]) == []
    citer.sort()
    return citer, uses


def _asked(citer: CiteprocBook, uses: list[CitationUse], order: list[str]) -> dict[str, str]:
    """What the citer says of each item, asked in `order` of its questions."""
    found: dict[str, str] = {}
    for question in order:
        for use in uses:
            for at in range(len(use.cites)):
                citation = citer.citation(use, at)
                found[f"{use.written} {at} {question}"] = getattr(citer, question)(citation)
    return found


def test_an_item_s_words_are_the_same_whatever_was_asked_before() -> None:
    """The citer keeps only what it reads again: an item's words and its names are the
    same asked in any order, on a citer that has formatted other items first or not (what
    a citation prints never depends on what was printed before it). Who an item names,
    for grouping, is read from these (octavo.render.citation_words)."""
    questions = ["format", "without_names", "names"]
    first = _asked(*_citer(), questions)
    assert first == _asked(*_citer(), questions[::-1])
    citer, uses = _citer()
    _asked(citer, uses, ["format"])
    assert _asked(citer, uses, questions[::-1]) == first
    assert first["@doe99, p. 4 0 names"] == "Doe, "
    assert first["@smith2001; @doe99 0 format"] == "Smith, 2001"
    assert first["-@doe99 0 without_names"] == "1999"


def test_each_item_is_formatted_once_whole_and_once_without_its_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """citeproc-py runs at most twice for an item, whatever asks for its words or its
    names (an in-text item ran five times: names() and authors(), since gone, each
    formatted it whole and without its names, then its words once more)."""
    from citeproc import CitationStylesBibliography

    runs: list[str] = []
    cite = CitationStylesBibliography.cite

    def counted(self: CitationStylesBibliography, citation: Any, callback: Any) -> Any:
        runs.append(citation.cites[0].key)
        return cite(self, citation, callback)

    citer, uses = _citer()
    monkeypatch.setattr(CitationStylesBibliography, "cite", counted)
    _asked(citer, uses, ["names", "without_names", "format"])
    assert len(runs) == 2 * sum(len(use.cites) for use in uses)


def _entries(manuscript: Manuscript) -> list[str]:
    return re.findall(r'<div id="(ref-[^"]+)" class="csl-entry"', _html(manuscript))


@pytest.mark.parametrize(
    ("nocite", "expected"),
    [
        pytest.param('"@unused"', ["ref-doe99", "ref-unused"], id="string"),
        pytest.param('["@unused", "@adams1990"]', ["ref-adams1990", "ref-doe99", "ref-unused"], id="list"),
        pytest.param(
            '"@*"', ["ref-adams1990", "ref-doe99", "ref-smith2001", "ref-unused"], id="all"
        ),
    ],
)  # fmt: skip
def test_nocite_lists_entries_never_cited(
    make_book: MakeBook, nocite: str, expected: list[str]
) -> None:
    """pandoc's `nocite` (`nocite: "@item1, @item2"`, `@*` for all), in book.toml: the
    entries it names are in the list, among the cited, in the style's order."""
    files = {"001-a.md": section_source(1, body="Rail [@doe99].\n", total=1)}
    manuscript, found = _built(make_book, files, CITED + f"nocite = {nocite}\n")
    assert not found
    assert _entries(manuscript) == expected
    assert ("ref-unused", manuscript.chapters[-1].chapter.slug) in manuscript.anchors


@pytest.mark.parametrize(
    ("nocite", "line"),
    [
        pytest.param('"@unused, @nokey"', 7, id="string"),
        pytest.param('[\n  "@unused",\n  "@nokey",\n]', 9, id="a-line-each"),
    ],
)
def test_a_nocite_key_not_in_the_bibliography_is_w527_at_its_line(
    make_book: MakeBook, nocite: str, line: int
) -> None:
    files = {"001-a.md": section_source(1, body="Rail [@doe99].\n", total=1)}
    manuscript, found = _built(make_book, files, CITED + f"nocite = {nocite}\n")
    assert [(d.code, d.file.name if d.file else "", d.line) for d in found] == [
        ("W527", "book.toml", line)
    ]
    assert _entries(manuscript) == ["ref-doe99", "ref-unused"]


DOE2003 = {
    "id": "doe2003", "type": "book", "title": "Later Roads", "issued": {"date-parts": [[2003]]},
    "author": [{"family": "Doe", "given": "Jane"}], "publisher": "Minsk Press",
}  # fmt: skip


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("[@doe99; @doe2003]", "(Doe, 1999, 2003)"),
        ("[@doe99; @smith2001; @doe2003]", "(Doe, 1999, 2003; Smith, 2001)"),
        ("[@doe99, p. 4; @doe2003]", "(Doe, 1999, p. 4; 2003)"),
        ("[@doe99; @doe2003, p. 4]", "(Doe, 1999; 2003, p. 4)"),
        ("[see @doe99; also @doe2003]", "(see Doe, 1999; also Doe, 2003)"),
        ("[see @doe99; @doe2003; @smith2001]", "(see Doe, 1999, 2003; Smith, 2001)"),
        ("[@doe99; @doe99]", "(Doe, 1999, 1999)"),
        ("[-@doe99; @doe2003]", "(1999, 2003)"),
        ("[@smith2001; @adams1990]", "(Adams, 1990; Smith, 2001)"),
        ("[@adams1990; @doe99, and more; @doe2003]", "(Adams, 1990; Doe, 1999, and more; Doe, 2003)"),
        ("@doe99 [-@doe2003]", "Doe (1999, 2003)"),
        ("@doe99 [p. 33; -@smith2001]", "Doe (1999, p. 33; 2001)"),
        ("@doe99 [@smith2001]", "Doe (1999; Smith, 2001)"),
        ("@doe99 [-@smith2001, p. 4]", "Doe (1999; 2001, p. 4)"),
        ("@doe99 [-@doe2003; @smith2001]", "Doe (1999, 2003; Smith, 2001)"),
    ],
)  # fmt: skip
def test_one_author_s_items_grouped_as_pandoc_groups_them(
    make_book: MakeBook, written: str, printed: str
) -> None:
    """What `pandoc --citeproc` 2.17 prints with the same style (collapse="year"): a
    citation's items sorted by the style, one author's grouped and their names said once;
    `@doe99 [-@smith2001]` is one citation (it was "Doe (1999) (2001)", or left as typed)."""
    refs = json.dumps([*json.loads(REFS), DOE2003])
    files = {"refs.json": refs, "001-a.md": section_source(1, body=f"A {written}.\n", total=1)}
    manuscript, found = _built(make_book, files)
    assert not found
    assert (
        re.sub(r"<[^>]+>", "", _html(manuscript)).replace("\u2060", "").count(f"A {printed}.") == 1
    )


@pytest.mark.parametrize(
    ("written", "html"),
    [
        pytest.param(
            "[see *Ibid.* @doe99, p. 4 and **note**]",
            '(see <em>Ibid.</em> <a href="#ref-doe99" role="doc-biblioref">Doe, 1999, p. 4 and'
            " <strong>note</strong></a>)",
            id="emphasis-strong",
        ),
        pytest.param(
            "@doe99 [p. 4, *passim*]",
            '<a href="#ref-doe99" role="doc-biblioref">Doe (1999, p. 4, <em>passim</em>)</a>',
            id="in-text",
        ),
        pytest.param(
            "[see `@x; y` @doe99]",
            '(see <code>@x; y</code> <a href="#ref-doe99" role="doc-biblioref">Doe, 1999</a>)',
            id="code-holds-an-at-and-a-semicolon",
        ),
        pytest.param(
            '[@doe99, "quoted" -- and more]',
            '(<a href="#ref-doe99" role="doc-biblioref">Doe, 1999, \u201cquoted\u201d'
            " \u2013 and more</a>)",
            id="typography",
        ),
        pytest.param(
            "[see [the map](https://x.example/a;b) @doe99, and [its key](https://x.example/k)]",
            '(see <a href="https://x.example/a;b">the map</a> <a href="#ref-doe99"'
            ' role="doc-biblioref">Doe, 1999</a>, and <a href="https://x.example/k">its'
            " key</a>)",
            id="links-never-inside-the-entry-s",
        ),
        pytest.param(
            "[see [it](javascript:void) @doe99]",
            '(see [it](javascript:void) <a href="#ref-doe99" role="doc-biblioref">Doe, 1999</a>)',
            id="a-link-the-allow-list-refuses",
        ),
    ],
)
def test_a_prefix_and_a_suffix_are_markdown(make_book: MakeBook, written: str, html: str) -> None:
    """As pandoc reads them: `[see *Ibid.* @doe99, p. 4 and **note**]` printed its
    asterisks as typed."""
    files = {"001-a.md": section_source(1, body=f"A {written}.\n", total=1)}
    manuscript, found = _built(make_book, files)
    assert not found
    body = _html(manuscript).replace("\u2060", "")
    assert f'A <span class="citation">{html}</span>.' in body
    from lxml import etree

    etree.fromstring(f"<div>{body}</div>".encode())  # well-formed: no link in a link


def test_a_prefix_s_link_is_resolved_and_told_at_its_line(make_book: MakeBook) -> None:
    body = "One.\n\nA [see [x](#nowhere) @doe99].\n\n## Roads {#roads}\n\nB [see [it](#roads) @doe99].\n"
    manuscript, found = _built(make_book, {"001-a.md": section_source(1, body=body, total=1)})
    assert [(d.code, d.line) for d in found] == [("W512", 13)]
    assert '(see <a href="#roads" class="xref">it</a> <a href="#ref-doe99"' in _html(manuscript)


@pytest.mark.parametrize(
    ("language", "title"), [("en", "“Roads and rail,”"), ("en-GB", "‘Roads and rail’,")]
)
def test_the_locale_s_comma_inside_the_quote(
    make_book: MakeBook, language: str, title: str
) -> None:
    """American English sets a comma inside a closing quote (`punctuation-in-quote`), as
    pandoc prints the entry; British English does not (‘Roads and rail’, as pandoc with
    `lang: en-GB`). citeproc-py set it outside in both."""
    files = {"001-a.md": section_source(1, body="Rail [@smith2001].\n", total=1)}
    toml = CITED.replace('language = "en"', f'language = "{language}"')
    manuscript, found = _built(make_book, files, toml)
    assert not found
    assert f"Smith, J. (2001) {title} <i>Transport Review</i>" in _html(manuscript)


def test_an_entry_s_line_is_found_once_and_exactly(make_book: MakeBook) -> None:
    """The entries' lines are found when the file is read (the Bibliography keeps them):
    E150 was at the first line that a search for the key found again, `doe-2`'s for `doe`;
    W151 had no line where an "id" of another object stood among the entries'."""
    refs = (
        '[{"id": "doe-2", "type": "book", "title": "T"},\n'
        ' {"id": "x", "type": "book", "title": "U", "author": [{"family": "A", "id": "in"}]},\n'
        ' {"id": "doe", "author": [{"literal": 5}]},\n'
        ' {"id": "x", "type": "book", "title": "V"}]'
    )
    files: dict[str, str | bytes] = {
        "refs.json": refs,
        "001-a.md": section_source(1, body="Rail [@doe].", total=1),
    }
    _, found = _built(make_book, files)
    where = [(d.code, d.file.name if d.file else "", d.line) for d in found]
    # (and W152: citeproc-py reads no name's "id")
    assert where == [
        ("W151", "refs.json", 4),
        ("E150", "refs.json", 3),
        ("W152", "refs.json", None),
    ]


def test_the_generated_list_has_no_data_date(make_book: MakeBook) -> None:
    """The Bibliography octavo makes has no data of its own: no data-date note and no row of
    the Data Currency appendix (it carried the book's newest date, as if a page of the
    study)."""
    from octavo.render.epub.documents import currency

    files = {"001-a.md": section_source(1, body="Rail [@doe99].\n", total=1)}
    manuscript, found = _built(make_book, files)
    assert not found
    listed = manuscript.chapters[-1].sections[0]
    assert (listed.section.dated, listed.note_html) == (False, "")
    assert [s.section.dated for s in manuscript.sections] == [True, False]
    assert currency(manuscript).count == 1
    assert manuscript.labels.note(listed.section) == ""


def test_a_book_citing_nothing_has_no_bibliography_of_its_own(make_book: MakeBook) -> None:
    """pandoc prints no list where nothing is cited: a book that names a bibliography but
    cites none of its entries (nor lists one by `nocite`) gets no empty Bibliography
    division, heading over nothing; one citing only a key the file lacks neither (W527)."""
    plain = {"001-a.md": section_source(1, body="Rail, and mail to a@doe99.org.\n", total=1)}
    manuscript, found = _built(make_book, plain)
    assert not found
    assert [c.chapter.kind for c in manuscript.chapters] == ["section"]
    missing = {"001-a.md": section_source(1, body="Rail [@doe1999].\n", total=1)}
    manuscript, found = _built(make_book, missing)
    assert [d.code for d in found] == ["W527"]
    assert [c.chapter.kind for c in manuscript.chapters] == ["section"]
    listed, _ = _built(make_book, plain, CITED + 'nocite = "@doe99"\n')
    assert [c.chapter.kind for c in listed.chapters] == ["section", "bibliography"]
    cased, _ = _built(make_book, {"001-a.md": section_source(1, body="@DOE99 says.\n", total=1)})
    assert [c.chapter.kind for c in cased.chapters] == ["section", "bibliography"]


def test_a_key_s_case_is_read_by_one_rule(make_book: MakeBook) -> None:
    """A key is read without its case as citeproc-py reads it (model.bibliography.folded),
    everywhere: the reference list's check folded it its own way (casefold), so `@Straße`
    counted as citing `strasse`, an entry citeproc-py does not find there (W527): the book
    got a Bibliography heading over nothing. `@DOE99` still cites `doe99`."""
    refs = json.dumps([{**json.loads(REFS)[0], "id": "strasse"}, json.loads(REFS)[0]])
    files = {"refs.json": refs, "001-a.md": section_source(1, body="Rail [@Straße].\n", total=1)}
    manuscript, found = _built(make_book, files)
    assert [d.code for d in found] == ["W527"]
    assert [c.chapter.kind for c in manuscript.chapters] == ["section"]
    files["001-a.md"] = section_source(1, body="Rail [@DOE99; @STRASSE].\n", total=1)
    manuscript, found = _built(make_book, files)
    assert not found
    # two entries alike: a tie, listed in the file's order, as pandoc lists them
    assert _entries(manuscript) == ["ref-strasse", "ref-doe99"]


def test_a_heading_without_a_data_label_is_given_one() -> None:
    """A heading whose citation was filled took its new data-label only where it had one:
    one without was left so, silently."""
    from octavo.render.citations import _labelled

    body = '<h2 id="roads" class="body-heading">Roads (Doe 1999)</h2>'
    assert _labelled(body, "roads", "Roads (Doe 1999)") == (
        '<h2 id="roads" class="body-heading" data-label="Roads (Doe 1999)">Roads (Doe 1999)</h2>'
    )
    labelled = '<h2 id="roads" data-label="Roads [@doe]" class="x">Roads</h2>'
    assert _labelled(labelled, "roads", "Roads (Doe)") == (
        '<h2 id="roads" data-label="Roads (Doe)" class="x">Roads</h2>'
    )


@pytest.mark.slow  # two fresh processes a case, ~4 s
@pytest.mark.parametrize(
    ("cited", "loaded"),
    [
        pytest.param(False, {"citeproc": False, "icu": False}, id="no-citations"),
        pytest.param(True, {"citeproc": True, "icu": True}, id="citations"),
    ],
)
def test_a_book_without_citations_imports_neither_citeproc_nor_icu(
    make_book: MakeBook, tmp_path: Path, cited: bool, loaded: dict[str, bool]
) -> None:
    """The process building a book's EPUB (a fresh one, as `invoke epub` is) imports
    citeproc-py and ICU only for a book with a bibliography: each costs a cold build's
    import time, and ICU's data its memory. What the install is made of is known already
    (octavo.install.versions, kept in the user's cache folder: finding it out once an
    install loads ICU's libraries, to name their folder). The book with citations says the
    check sees them where they are imported. Pillow is the writer's process's too."""
    import os
    import subprocess
    import sys

    files: dict[str, str | bytes] = {"001-a.md": section_source(1, total=1)}
    if cited:
        files |= {"001-a.md": section_source(1, body=BODY, total=1), "refs.json": REFS}
    root = make_book(files, CITED if cited else BOOK_TOML)
    env = os.environ | {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    code = (
        "import json, sys\nfrom pathlib import Path\nfrom octavo import api\n"
        "import octavo.render.manuscript as made\n"
        "real, seen = made.render_manuscript, []\n"
        "def spy(*args, **kwargs):\n"
        "    seen.append(1)\n"
        "    return real(*args, **kwargs)\n"
        "made.render_manuscript = spy\n"
        f"api.build_epub(Path({str(root)!r}), Path(sys.argv[1]))\n"
        "print(json.dumps([bool(seen), {m: m in sys.modules for m in ('citeproc', 'icu')},"
        " 'PIL' in sys.modules]))\n"
    )
    # -P: the working folder (tmp_path, written just now) not on the import path, as it
    # is not for `invoke epub`; the install's knowledge and the cover kept by the first
    for output in ("warm.epub", "b.epub"):
        done = subprocess.run(
            [sys.executable, "-P", "-c", code, str(tmp_path / output)], cwd=tmp_path,
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
    # nor Pillow: the writer's process draws the cover and measures the images (W658's check
    # of a Latin book's cover loaded Pillow and ICU here, a reviewer's find)
    assert json.loads(done.stdout.splitlines()[-1]) == [True, loaded, False]


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        pytest.param("Stra{\\ss}en", "Straßen", id="ss-braced"),
        pytest.param("Stra\\ss{}en", "Straßen", id="ss-empty-group"),
        pytest.param("Stra\\ss en", "Straßen", id="ss-space"),
        pytest.param("{\\O}rsted {\\o} {\\aa}{\\AA}", "Ørsted ø åÅ", id="o-aa"),
        pytest.param("{\\ae}{\\AE}{\\oe}{\\OE}", "æÆœŒ", id="ae-oe"),
        pytest.param("{\\l}{\\L}ód{\\'\\i}", "łŁódí", id="l-i-accent"),
    ],
)
def test_bibtex_letter_macros_are_read(make_book: MakeBook, written: str, printed: str) -> None:
    """ut47 bug 7: `{\\ss}` (ß as Zotero, JabRef and BibDesk export it) stopped citeproc-py
    ("generator raised StopIteration"), the whole bibliography E150 with no place."""
    bib = f"@book{{mueller99, author = {{X, Y}}, title = {{{written}}}, year = {{1999}}}}\n"
    toml = BOOK_TOML + 'bibliography = "refs.bib"\n'
    files = {"refs.bib": bib, "001-a.md": section_source(1, body="As @mueller99.\n", total=1)}
    manuscript, found = _built(make_book, files, toml)
    assert not found
    assert printed in _html(manuscript)


def test_an_unreadable_bibtex_macro_names_its_entry(make_book: MakeBook) -> None:
    bib = "@book{a, author={A, B}, title={Fine}, year={2000}}\n\n"
    bib += "@book{bad9,\n  author = {X, Y},\n  title = {A \\textit{word}},\n  year = {1999}}\n"
    toml = BOOK_TOML + 'bibliography = "refs.bib"\n'
    files = {"refs.bib": bib, "001-a.md": section_source(1, body="As @a.\n", total=1)}
    _, found = _built(make_book, files, toml)
    [told] = found
    assert (told.code, told.file and told.file.name, told.line) == ("E150", "refs.bib", 3)
    assert "'bad9'" in told.message and "\\textit" in told.message
