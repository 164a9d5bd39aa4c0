"""A book with a bibliography, built: EPUBCheck and DAISY Ace clean, the PDF read back
(each citation's words, its entry, the link between them), a rebuild after editing the
bibliography, and the same references formatted by pandoc's citeproc with the same style
(when pandoc is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest
from pypdf import PdfReader

from octavo import api
from octavo.render.citations import DEFAULT_STYLE
from tests.conftest import DATA
from tests.support.citation_styles import NUMERIC
from tests.support.validators import assert_ace_clean, assert_epubcheck_clean
from tests.support.weasyprint_log import quietly

BOOK = DATA / "citations"
STYLE = files("citeproc") / f"data/styles/{DEFAULT_STYLE}.csl"


def _book(tmp_path: Path) -> Path:
    book = tmp_path / "book"
    shutil.copytree(BOOK, book, ignore=shutil.ignore_patterns("refs.bib"))
    return book


def test_the_epub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    book = _book(tmp_path)
    epub, found = api.build_epub(book, tmp_path / "c.epub")
    assert [str(d) for d in found] == []
    with zipfile.ZipFile(epub) as archive:
        chapter = archive.read("EPUB/text/ch01.xhtml").decode()
        listed = archive.read("EPUB/text/bibliography.xhtml").decode()
        dates = archive.read("EPUB/text/data-currency.xhtml").decode()
    assert '<a href="bibliography.xhtml#ref-doe99" role="doc-biblioref">Doe, 1999, pp.' in chapter
    # the list octavo makes has no data date: no note, no row of the Data Currency
    assert "data-date" not in listed and "noteref" not in listed
    assert "bibliography.xhtml" not in dates and "All 2 sections" in dates
    assert "As example 1 shows, Table 1 is" in re.sub(r"<[^>]+>", "", chapter)
    assert 'epub:type="bibliography" role="doc-bibliography"' in listed
    entries = re.findall(r'id="(ref-[^"]+)" class="csl-entry"', listed)
    assert entries == ["ref-adams1990", "ref-doe99", "ref-smith2001"]
    assert_epubcheck_clean(epub)
    assert_ace_clean(epub)


def test_an_edited_bibliography_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    book = _book(tmp_path)
    first, _ = api.build_epub(book, tmp_path / "c.epub")
    before = first.read_bytes()
    refs = book / "refs.json"
    refs.write_text(refs.read_text().replace("Minsk Press", "Polatsk Press"))
    again, _ = api.build_epub(book, tmp_path / "c.epub")
    with zipfile.ZipFile(again) as archive:
        listed = archive.read("EPUB/text/bibliography.xhtml").decode()
    assert again.read_bytes() != before and "Polatsk Press" in listed


def test_the_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    book = _book(tmp_path)
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "c.pdf"))
    assert [str(d) for d in found] == [] and logged == []
    reader = PdfReader(pdf)
    texts = [" ".join((p.extract_text() or "").replace("\u2060", "").split()) for p in reader.pages]
    cited = next(i for i, t in enumerate(texts) if "The economy grew" in t)
    assert "(see Doe, 1999, pp. 33–35; Smith, 2001)" in texts[cited]
    assert "Adams (1990, p. 4)" in texts[cited]
    listed = next(i for i, t in enumerate(texts) if "Doe, J. (1999) The Economy of Belarus" in t)
    assert listed > cited
    assert "Data as of" not in texts[listed]  # the list octavo makes has no data date
    currency = next(t for t in texts if t.startswith("Data Currency"))
    assert "Trade June 1995" in currency and "Bibliography" not in currency
    # the citation's link goes to the page of its entry
    targets = set()
    for annotation in reader.pages[cited].get("/Annots") or []:
        link = annotation.get_object()
        destination = link.get("/Dest")
        if destination is None and "/A" in link:
            destination = link["/A"].get("/D")
        if destination is not None:
            name = str(destination)
            page = (
                reader.named_destinations.get(name) if not isinstance(destination, list) else None
            )
            if page is not None:
                targets.add(reader.get_destination_page_number(page))
            elif isinstance(destination, list):
                targets.add(reader.get_page_number(destination[0].get_object()))
    assert listed in targets


def _pandoc() -> str | None:
    return shutil.which("pandoc")


@pytest.mark.skipif(_pandoc() is None, reason="pandoc is not installed")
def test_the_same_as_pandoc_s_citeproc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """octavo's words against pandoc's, with the same style and references: the
    differences known are listed in the CHANGELOG."""
    monkeypatch.chdir(tmp_path)
    book = _book(tmp_path)
    style = tmp_path / "style.csl"
    style.write_bytes(STYLE.read_bytes())
    source = (
        "[@doe99, p. 33]\n\n[see @doe99, pp. 33-35; @smith2001]\n\n[-@smith2001]\n\n@adams1990\n"
    )
    done = subprocess.run(
        [
            "pandoc",
            "--citeproc",
            "--csl",
            str(style),
            "--bibliography",
            str(book / "refs.json"),
            "-t",
            "plain",
            "--wrap=none",
        ],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = [line for line in done.stdout.splitlines() if line.strip()]
    for name in ("001-economy.md", "002-more.md"):
        (book / name).unlink()
    (book / "001-c.md").write_text(
        (BOOK / "002-more.md")
        .read_text()
        .replace("total: 2", "total: 1")
        .replace("sequence: 2", "sequence: 1")
        .split("---\n\n")[0]
        + "---\n\n"
        + source
    )
    epub, _ = api.build_epub(book, tmp_path / "c.epub")
    with zipfile.ZipFile(epub) as archive:
        ours_html = (
            archive.read("EPUB/text/ch01.xhtml").decode()
            + archive.read("EPUB/text/bibliography.xhtml").decode()
        )
    ours = [
        re.sub(r"<[^>]+>", "", m).replace("\u2060", "").strip()
        for m in re.findall(r"<p>(.*?)</p>|<div id=\"ref-[^\"]+\"[^>]*>(.*?)</div>", ours_html)
        for m in m
        if m
    ]
    ours = [line for line in ours if "Data as of" not in line]
    assert ours == theirs  # the citations and the entries: the same words


@pytest.mark.parametrize("by", ["section", "chapter"])
def test_a_handout_ends_with_what_it_cites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by: str
) -> None:
    """Each handout that cites ends with the book's entries it cites, in the list's order,
    under the list's title, its citations linked to them; the generated list is no handout."""
    monkeypatch.chdir(tmp_path)
    book = _book(tmp_path)
    made, logged = quietly(lambda: api.build_handouts(book, tmp_path / "h", by=by))
    assert [str(d) for d in made.found] == [] and logged == []
    names = [p.name for p in made.written]
    assert not any("references" in n for n in names)
    cited = {
        "1-s001-economy.pdf": ["Adams, A. (1990)", "Doe, J. (1999)", "Smith, J. (2001)"],
        "2-s002-trade.pdf": ["Doe, J. (1999)", "Smith, J. (2001)"],
        "1-ch01.pdf": ["Adams, A. (1990)", "Doe, J. (1999)", "Smith, J. (2001)"],
    }
    assert sorted(names) == sorted(n for n in cited if n.endswith("ch01.pdf") == (by != "section"))
    for path in made.written:
        reader = PdfReader(path)
        text = " ".join(
            " ".join((p.extract_text() or "").replace("\u2060", "").split()) for p in reader.pages
        )
        listed = text[text.rindex("Bibliography") :]
        entries = cited[path.name]
        assert [listed.find(e) for e in entries] == sorted(listed.find(e) for e in entries)
        assert all(e in listed for e in entries) and "(octavo)" not in text
        assert ("Adams" in listed) == ("Adams, A. (1990)" in entries)
        ids = {"Adams": "ref-adams1990", "Doe": "ref-doe99", "Smith": "ref-smith2001"}
        wanted = {ids[e.split(",")[0]] for e in entries}
        named = set(reader.named_destinations)
        linked = {
            str(a.get_object().get("/Dest"))
            for page in reader.pages
            for a in page.get("/Annots") or []
            if str(a.get_object().get("/Dest", "")).startswith("ref-")
        }
        assert linked == wanted and wanted <= named


def test_a_volume_s_list_is_a_section_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a volume whose Bibliography is "Belarus" and "Moldova", the list is its own
    section, "Works Cited", after them (it was the end of Moldova's): EPUB and PDF."""
    monkeypatch.chdir(tmp_path)
    book = tmp_path / "volume"
    shutil.copytree(DATA / "volume", book)
    shutil.copy(BOOK / "refs.json", book)
    toml = book / "book.toml"
    toml.write_text('bibliography = "refs.json"\n' + toml.read_text())
    for name, words in (("014-agriculture.md", "[@doe99]"), ("026-agriculture.md", "@smith2001")):
        source = book / name
        source.write_text(source.read_text() + f"\nAs cited {words}.\n")
    epub, found = api.build_epub(book, tmp_path / "v.epub")
    assert [str(d) for d in found] == []
    with zipfile.ZipFile(epub) as archive:
        listed = archive.read("EPUB/text/bibliography.xhtml").decode()
    text = re.sub(r"<[^>]+>", "", listed)
    assert text.index("Moldova") < text.index("King, Charles") < text.index("Works Cited")
    assert text.index("Works Cited") < text.index("Doe, J. (1999)") < text.index("Smith, J.")
    assert_epubcheck_clean(epub)
    assert_ace_clean(epub)
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "v.pdf"))
    assert [str(d) for d in found] == [] and logged == []
    texts = [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]
    last = next(t for t in texts if "Doe, J. (1999)" in t)
    assert last.index("Works Cited") < last.index("Doe, J. (1999)")


GROUPING = """\
[@doe99; @doe2003]

[@doe99; @smith2001; @doe2003]

[@doe99, p. 4; @doe2003]

[@doe99; @doe2003, p. 4]

[see @doe99; also @doe2003]

[see @doe99; @doe2003; @smith2001]

[@doe99; @doe99]

[-@doe99; @doe2003]

[@smith2001; @adams1990]

@doe99 [-@doe2003]

@doe99 [p. 33; -@smith2001]

@doe99 [@smith2001]

@doe99 [-@smith2001, p. 4]

@doe99 [-@doe2003; @smith2001]
"""


def _ours_and_pandoc_s(
    tmp_path: Path,
    source: str,
    style: bytes,
    refs: str = "",
    toml: str = "",
    yaml: str = "",
    tags: bool = False,
) -> tuple[list[str], list[str]]:
    """`source`'s paragraphs and entries as octavo prints them (rendered, not built) and
    as `pandoc --citeproc -t plain` does, with the same style and references; `tags`:
    ours are each citation's HTML, in its span."""
    from octavo.render.manuscript import render_manuscript
    from octavo.source.sections import read_book

    book = _book(tmp_path)
    (book / "style.csl").write_bytes(style)
    if refs:
        (book / "refs.json").write_text(refs)
    config = book / "book.toml"
    config.write_text(
        config.read_text().replace("\n[chapters]", f'csl = "style.csl"\n{toml}\n[chapters]')
    )
    head = (BOOK / "002-more.md").read_text().split("---\n\n")[0] + "---\n\n"
    for name in ("001-economy.md", "002-more.md"):
        (book / name).unlink()
    (book / "001-c.md").write_text(
        head.replace("total: 2", "total: 1").replace("sequence: 2", "sequence: 1") + source
    )
    read, found = read_book(book)
    assert read is not None, found
    manuscript, more = render_manuscript(read)
    assert [str(d) for d in [*found, *more]] == []
    html = "\n".join(s.body_html for c in manuscript.chapters for s in c.sections)
    if tags:
        html = html.replace("\u2060", "")
        return re.findall(r'<span class="citation">(.*?)</span>', html), []
    ours = [
        re.sub(r"<[^>]+>", "", m).replace("\u2060", "").strip()
        for m in re.findall(
            r"<p>(.*?)</p>|<div id=\"ref-[^\"]+\"[^>]*>(.*?)</div>", html, re.DOTALL
        )
        for m in m
        if m and "Data as of" not in m
    ]
    done = subprocess.run(
        ["pandoc", "--citeproc", "--csl", str(book / "style.csl"), "--bibliography",
         str(book / "refs.json"), "-t", "plain", "--wrap=none"],
        input=(f"---\n{yaml}\n---\n\n" if yaml else "") + source,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return ours, [line for line in done.stdout.splitlines() if line.strip()]


def _refs_with_doe2003() -> str:
    import json

    more = {
        "id": "doe2003", "type": "book", "title": "Later Roads", "issued": {"date-parts": [[2003]]},
        "author": [{"family": "Doe", "given": "Jane"}], "publisher": "Minsk Press",
    }  # fmt: skip
    return json.dumps([*json.loads((BOOK / "refs.json").read_text()), more])


@pytest.mark.skipif(_pandoc() is None, reason="pandoc is not installed")
@pytest.mark.parametrize(
    "options",
    ['collapse="year"', 'cite-group-delimiter=" | "', 'collapse="year" after-collapse-delimiter=" || "', ""],
    ids=["collapse-year", "groups", "after-collapse", "none"],
)  # fmt: skip
def test_one_author_s_items_as_pandoc_s_citeproc_groups_them(tmp_path: Path, options: str) -> None:
    """A citation's items sorted, grouped and collapsed, and `@doe99 [-@smith2001]`, as
    `pandoc --citeproc` prints them with the same style set four ways."""
    style = STYLE.read_bytes().replace(b'collapse="year"', options.encode())
    assert options == "" or options.encode() in style
    ours, theirs = _ours_and_pandoc_s(tmp_path, GROUPING, style, _refs_with_doe2003())
    assert ours[:14] == theirs[:14]


@pytest.mark.skipif(_pandoc() is None, reason="pandoc is not installed")
@pytest.mark.parametrize(
    ("toml", "yaml"),
    [('nocite = "@unused"', 'nocite: "@unused"'), ('nocite = "@*"', 'nocite: "@*"')],
    ids=["a-key", "all"],
)
def test_nocite_as_pandoc_s(tmp_path: Path, toml: str, yaml: str) -> None:
    ours, theirs = _ours_and_pandoc_s(
        tmp_path, "[@doe99]\n", STYLE.read_bytes(), toml=toml, yaml=yaml
    )
    assert ours == theirs


@pytest.mark.skipif(_pandoc() is None, reason="pandoc is not installed")
def test_a_prefix_and_a_suffix_as_pandoc_s(tmp_path: Path) -> None:
    """A prefix's and a suffix's Markdown as `pandoc --citeproc -t html` sets it."""
    source = (
        "[see *Ibid.* @doe99, p. 4 and **note**]\n\n@doe99 [p. 4, *passim*]\n\n"
        "[*see* -@doe99]\n\n[@doe99 *and elsewhere*]\n\n[see `code` @doe99]\n"
    )
    ours, _ = _ours_and_pandoc_s(tmp_path, source, STYLE.read_bytes(), tags=True)
    done = subprocess.run(
        ["pandoc", "--citeproc", "--csl", str(tmp_path / "book" / "style.csl"),
         "--bibliography", str(BOOK / "refs.json"), "-t", "html", "--wrap=none"],
        input=source, capture_output=True, text=True, check=True,
    )  # fmt: skip
    theirs = re.findall(r'<span class="citation"[^>]*>(.*?)</span>', done.stdout)
    assert len(theirs) == 5
    assert [re.sub(r"</?a\b[^>]*>", "", o) for o in ours] == theirs  # pandoc links none


def _refs_with_suffixes() -> str:
    """The book's references, and two works of Jane Doe's of 2003 and two undated ones."""
    import json

    def book(key: str, family: str, given: str, title: str, year: int = 0) -> dict[str, object]:
        entry: dict[str, object] = {
            "id": key, "type": "book", "title": title, "publisher": "Minsk Press",
            "author": [{"family": family, "given": given}],
        }  # fmt: skip
        return {**entry, "issued": {"date-parts": [[year]]}} if year else entry

    more = [
        book("doeroads", "Doe", "Jane", "Roads of Belarus", 2003),
        book("doeair", "Doe", "Jane", "Airports of Belarus", 2003),
        book("leeb", "Lee", "Kim", "Undated B"),
        book("leea", "Lee", "Kim", "Undated A"),
    ]
    return json.dumps([*json.loads((BOOK / "refs.json").read_text()), *more])


SUFFIXED = """\
[@doeroads]

[@doeair, p. 4]

[@doeroads; @doeair; @doe99]

@doeroads [-@doeair]

[@leeb; @leea]
"""


@pytest.mark.skipif(_pandoc() is None, reason="pandoc is not installed")
@pytest.mark.parametrize("style", ["shipped", "pandoc-s-default"])
def test_year_suffixes_as_pandoc_s(tmp_path: Path, style: str) -> None:
    """Two works of one author and year, "(Doe, 2003a)" and "(Doe, 2003b)", in the text
    and the list as `pandoc --citeproc` prints them, with the style octavo ships and with
    pandoc's default, Chicago author-date, which never prints `year-suffix` itself (CSL
    puts it after the year, "n.d.a"), its repeated author "———" as pandoc writes it (the
    entries were compared after their author: octavo wrote every author's names)."""
    if style == "shipped":
        csl = STYLE.read_bytes()
    else:
        csl = subprocess.run(
            ["pandoc", "--print-default-data-file=default.csl"], capture_output=True, check=True
        ).stdout
    ours, theirs = _ours_and_pandoc_s(tmp_path, SUFFIXED, csl, _refs_with_suffixes())
    assert len(ours) == len(theirs) == 5 + 5  # the paragraphs, the entries
    assert ours == theirs
    assert any("2003b" in line for line in ours) and any("2003a" in line for line in ours)


@pytest.mark.skipif(_pandoc() is None, reason="pandoc is not installed")
def test_a_numeric_style_s_ranges_as_pandoc_s(tmp_path: Path) -> None:
    """`collapse="citation-number"`'s ranges, "[1–3]", as `pandoc --citeproc` prints them."""
    source = (
        "[@doe99; @smith2001; @adams1990]\n\n[@adams1990; @doe99, 4; @smith2001]\n\n"
        "[@doe99; @smith2001]\n\n[@unused; @doe99; @adams1990; @smith2001]\n"
    )
    ours, theirs = _ours_and_pandoc_s(tmp_path, source, NUMERIC.encode())
    assert ours == theirs
    assert ours[:4] == ["[1–3]", "[1, 4, 2, 3]", "[1, 2]", "[1–4]"]


PEOPLE = """\
[@jsmith99; @rsmith99]. [@jasmith05]. [@leesmith07]. @rsmith99 says. [@jsmith99; @rsmith01].

[@doe99; @doe99b; @doe2003]. [@anon90; @anon95; @smith2001].
"""


def _refs_with_smiths() -> str:
    """The book's references, and works of three Smiths (two of one initial), more of Jane
    Doe's and two anonymous ones."""
    import json

    def book(key: str, title: str, year: int, *people: tuple[str, str]) -> dict[str, object]:
        entry: dict[str, object] = {
            "id": key, "type": "book", "title": title, "issued": {"date-parts": [[year]]},
            "publisher": "Minsk Press", "publisher-place": "Minsk",
        }  # fmt: skip
        if people:  # none: no "author" (citeproc-py reads [] as an author printing nothing)
            entry["author"] = [{"family": family, "given": given} for family, given in people]
        return entry

    more = [
        book("jsmith99", "Forests", 1999, ("Smith", "John")),
        book("rsmith99", "Lakes", 1999, ("Smith", "Robert")),
        book("rsmith01", "Rivers", 2001, ("Smith", "Robert")),
        book("jasmith05", "Fields", 2005, ("Smith", "Jane")),
        book("leesmith07", "Roads", 2007, ("Lee", "Kim"), ("Smith", "Robert")),
        book("doe99b", "Canals", 1999, ("Doe", "Jane")),
        book("doe2003", "Docks", 2003, ("Doe", "Jane")),
        book("anon90", "Anonymous", 1990),
        book("anon95", "Anonymous", 1995),
    ]
    return json.dumps([*json.loads((BOOK / "refs.json").read_text()), *more])


@pytest.mark.skipif(_pandoc() is None, reason="pandoc is not installed")
@pytest.mark.parametrize("style", ["shipped", "pandoc-s-default"])
def test_people_told_apart_as_pandoc_s(tmp_path: Path, style: str) -> None:
    """Given names telling people of one family name apart (Harvard's by-cite, Chicago
    author-date's primary-name), one author's works grouped, and Chicago's "———", as
    `pandoc --citeproc` prints them, the anonymous works' title printed once, in the
    author's place ("Anonymous (1990). Minsk: Minsk Press."), and Chicago's "———" for the
    second anonymous work's title too."""
    if style == "shipped":
        csl = STYLE.read_bytes()
    else:
        csl = subprocess.run(
            ["pandoc", "--print-default-data-file=default.csl"], capture_output=True, check=True
        ).stdout
    ours, theirs = _ours_and_pandoc_s(tmp_path, PEOPLE, csl, _refs_with_smiths())
    assert ours == theirs
    # cited (grouped), listed (Chicago's second "———")
    assert sum(line.count("Anonymous") for line in ours) == (3 if style == "shipped" else 2)
    assert any("R. Smith" in line for line in ours)
