"""`invoke epub` as a user runs it, and the real validators on what it writes.

Two books: the default book/ (one section) and a generated study of 81 sections (six
chapters, breadcrumb depths 2-4, titles with &, <, quotes, diacritics, a very long one),
each built once per session. EPUBCheck (with -u) and DAISY Ace run once per book.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from octavo import api
from octavo.dev.gen import generate_study
from octavo.model import Manuscript
from octavo.text import strip_tags
from tests.conftest import ROOT
from tests.support.cli import invoke
from tests.support.validators import (
    assert_ace_clean,
    assert_epubcheck_clean,
    assert_zip_layout,
    epub_members,
)

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@dataclass(frozen=True)
class Built:
    name: str
    book: Path
    epub: Path
    manuscript: Manuscript


def _build(name: str, book: Path, out: Path) -> Built:
    result = invoke("epub", "--book", book, "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(out)
    return Built(name, book, out, api.manuscript(book)[0])


@pytest.fixture(scope="session")
def default_book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build("default", ROOT / "book", tmp_path_factory.mktemp("epub") / "default.epub")


@pytest.fixture(scope="session")
def study(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = generate_study(tmp_path_factory.mktemp("study") / "book", 81)
    return _build("study81", folder, tmp_path_factory.mktemp("epub") / "study81.epub")


@pytest.fixture(params=["default_book", "study"])
def built(request: pytest.FixtureRequest) -> Built:
    book: Built = request.getfixturevalue(request.param)
    return book


# ---- the real validators --------------------------------------------------------------


def test_epubcheck_says_nothing(built: Built) -> None:
    assert_epubcheck_clean(built.epub)  # no fatal/error/warning, and no usage message either


def test_ace_finds_no_violation(built: Built) -> None:
    assert_ace_clean(built.epub)


def test_zip_layout_and_dates(built: Built) -> None:
    when = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC)
    assert_zip_layout(built.epub, when)


# ---- reading the EPUB back ------------------------------------------------------------


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def _opf(members: dict[str, bytes]) -> etree._Element:
    return _xml(members["EPUB/content.opf"])


def _spine_docs(members: dict[str, bytes]) -> list[str]:
    opf = _opf(members)
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:manifest/opf:item", NS)}
    return [f"EPUB/{hrefs[r.get('idref')]}" for r in opf.iterfind(".//opf:spine/opf:itemref", NS)]


def _chapter_files(members: dict[str, bytes]) -> list[str]:
    return [name for name in _spine_docs(members) if re.search(r"/ch\d+\.xhtml$", name)]


def _headings(doc: etree._Element) -> list[etree._Element]:
    found: list[etree._Element] = doc.xpath(
        "//x:h1|//x:h2|//x:h3|//x:h4|//x:h5|//x:h6", namespaces=NS
    )
    return found


def _text(element: etree._Element, skip_notes: bool = True) -> str:
    """The element's text, whitespace collapsed; note references left out unless asked."""
    element = copy.deepcopy(element)
    if skip_notes:
        for ref in element.xpath(".//x:a[@epub:type='noteref']", namespaces=NS):
            _drop(ref)
    return " ".join("".join(element.itertext()).split())


def _drop(node: etree._Element) -> None:
    parent, before = node.getparent(), node.getprevious()
    if before is not None:
        before.tail = (before.tail or "") + (node.tail or "")
    else:
        parent.text = (parent.text or "") + (node.tail or "")
    parent.remove(node)


def test_spine_order_is_section_order(built: Built) -> None:
    members = epub_members(built.epub)
    spine = _spine_docs(members)
    assert [n.rsplit("/", 1)[1] for n in spine[:3]] == [
        "cover.xhtml",
        "titlepage.xhtml",
        "nav.xhtml",
    ]
    assert [n.rsplit("/", 1)[1] for n in spine[-2:]] == ["data-currency.xhtml", "colophon.xhtml"]
    ids = []
    for name in _chapter_files(members):
        doc = _xml(members[name])
        for element in doc.iter():  # a section, or a chapter-level page opening its chapter
            if element.get("class") == "section":
                ids.append(element.get("aria-labelledby"))
            elif element.get("class") == "chapter-title" and element.get("id"):
                ids.append(element.get("id"))
    assert ids == [s.id for s in built.manuscript.sections]


def test_nav_entries_are_the_headings(built: Built) -> None:
    members = epub_members(built.epub)
    nav = _xml(members["EPUB/text/nav.xhtml"])
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    linked = {}
    for a in toc.iterfind(".//x:a", NS):
        file, _, fragment = a.get("href").partition("#")
        linked[(file, fragment)] = _text(a)
    headings = {}
    for name in _chapter_files(members):
        for h in _headings(_xml(members[name])):
            file = name.rsplit("/", 1)[1]
            key = (file, "") if h.tag.endswith("h1") else (file, h.get("id"))
            headings[key] = _text(h)
    in_nav = {k: v for k, v in linked.items() if k[0].startswith("ch")}
    assert in_nav == headings
    landmarks = nav.find(".//x:nav[@epub:type='landmarks']", NS)
    kinds = [a.get(EPUB_TYPE) for a in landmarks.iterfind(".//x:a", NS)]
    assert kinds == ["cover", "toc", "bodymatter", "backmatter"]
    assert nav.find(".//x:nav[@epub:type='page-list']", NS) is None


def test_ncx_mirrors_the_nav_to_its_depth(built: Built) -> None:
    """The NCX is the nav cut to book.toml's ncx_depth (2 by default: Kindle's limit)."""
    members = epub_members(built.epub)
    ncx = _xml(members["EPUB/toc.ncx"])
    nav = _xml(members["EPUB/text/nav.xhtml"]).find(".//x:nav[@epub:type='toc']", NS)
    depth = built.manuscript.book.config.ncx_depth
    ncx_srcs = [c.get("src").removeprefix("text/") for c in ncx.iterfind(".//ncx:content", NS)]
    nav_hrefs = [
        a.get("href")
        for a in nav.iterfind(".//x:a", NS)
        if len(a.xpath("ancestor::x:li", namespaces=NS)) <= depth
    ]
    assert ncx_srcs == nav_hrefs
    (meta,) = ncx.xpath("//ncx:meta[@name='dtb:depth']", namespaces=NS)
    points = ncx.xpath("//ncx:navPoint", namespaces=NS)
    assert int(meta.get("content")) == max(
        len(p.xpath("ancestor-or-self::ncx:navPoint", namespaces=NS)) for p in points
    )
    assert [int(p.get("playOrder")) for p in points] == list(range(1, len(points) + 1))


def test_one_note_per_section_in_the_file_of_its_reference(built: Built) -> None:
    members = epub_members(built.epub)
    notes: dict[str, tuple[str, str]] = {}
    for name in _chapter_files(members):
        doc = _xml(members[name])
        refs = doc.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
        for ref in refs:
            assert ref.get("role") == "doc-noteref"
            target = ref.get("href").removeprefix("#")
            (aside,) = doc.xpath(f"//x:aside[@id='{target}']", namespaces=NS)
            assert aside.get(EPUB_TYPE) == "footnote" and aside.get("role") == "doc-footnote"
            (back,) = aside.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
            assert back.get("href") == f"#{ref.get('id')}"
            heading = ref.getparent()
            assert re.fullmatch(r"\{.*\}h[1-6]", heading.tag)
            ident = heading.get("id")
            if heading.tag.endswith("h1"):  # a chapter-level page: its note is on the chapter
                ident = heading.find("x:span[@class='chapter-title']", NS).get("id")
            notes[ident] = (name, _text(aside).removeprefix(f"{ref.text}. "))
        assert len(doc.xpath("//x:aside", namespaces=NS)) == len(refs)
    expected = {s.id: built.manuscript.labels.note(s.section) for s in built.manuscript.sections}
    assert {k: v for k, (_, v) in notes.items()} == expected


def test_note_text_appears_only_in_the_note_and_the_date_line(built: Built) -> None:
    members = epub_members(built.epub)
    lines = []
    for name in _chapter_files(members):
        doc = _xml(members[name])
        for aside in doc.xpath("//x:aside", namespaces=NS):
            aside.getparent().remove(aside)
        for line in doc.xpath("//x:p[@class='data-date-line']", namespaces=NS):
            lines.append(_text(line))
            line.getparent().remove(line)
        assert "Data as of" not in _text(doc.getroottree().getroot(), skip_notes=False)
    assert lines == [built.manuscript.labels.note(s.section) for s in built.manuscript.sections]


def test_all_body_text_present(built: Built) -> None:
    members = epub_members(built.epub)
    text = " ".join(_text(_xml(members[n])) for n in _chapter_files(members))
    for rendered in built.manuscript.sections:
        body = " ".join(strip_tags(rendered.body_html).split())
        assert body in text, rendered.id
        assert rendered.title_text in text


def test_data_currency_lists_every_section(built: Built) -> None:
    doc = _xml(epub_members(built.epub)["EPUB/text/data-currency.xhtml"])
    rows = doc.xpath("//x:tbody/x:tr[x:td]", namespaces=NS)
    got = [(r[0][0].get("href").partition("#")[2], _text(r[1])) for r in rows]
    assert got == [
        (s.id, built.manuscript.labels.month_year(s.section.data_as_of))
        for s in built.manuscript.sections
        if s.section.data_as_of is not None
    ]


def test_cover_is_a_tall_png_on_a_linear_page(default_book: Built) -> None:
    members = epub_members(default_book.epub)
    opf = _opf(members)
    image = opf.find(".//opf:item[@properties='cover-image']", NS)
    png = members[f"EPUB/{image.get('href')}"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    height = int.from_bytes(png[20:24], "big")
    assert height >= 1600
    first = opf.find(".//opf:spine/opf:itemref", NS)
    assert first.get("idref") == "cover" and first.get("linear") is None


def test_metadata(default_book: Built) -> None:
    opf = _opf(epub_members(default_book.epub))
    meta = opf.find("opf:metadata", NS)
    dc = {e.tag.rpartition("}")[2] for e in meta if e.tag.startswith("{http://purl.org/dc/")}
    assert {
        "title",
        "language",
        "identifier",
        "creator",
        "publisher",
        "subject",
        "description",
        "date",
    } <= dc
    props = {e.get("property") for e in meta.iterfind("opf:meta", NS)}
    assert {
        "schema:accessMode",
        "schema:accessModeSufficient",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
    } <= props
    (modified,) = meta.xpath("opf:meta[@property='dcterms:modified']", namespaces=NS)
    when = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC)
    assert modified.text == when.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---- the task -------------------------------------------------------------------------


def _invoke_in(folder: Path, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`invoke` run from another folder (tasks found with -r), with extra environment."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), *map(str, args)]
    return subprocess.run(
        command, cwd=folder, env=environ, capture_output=True, text=True, timeout=900
    )


def test_default_output_path_and_reproducible_across_time_zones(tmp_path: Path) -> None:
    first = _invoke_in(tmp_path, "epub", "--book", ROOT / "book", TZ="Pacific/Kiritimati")
    assert first.returncode == 0, first.stderr
    out = tmp_path / "build" / "belarus-a-country-study.epub"
    assert first.stdout.strip().splitlines()[-1] == "build/belarus-a-country-study.epub"
    one = out.read_bytes()
    second = _invoke_in(tmp_path, "epub", "--book", ROOT / "book", TZ="America/Los_Angeles")
    assert second.returncode == 0, second.stderr
    assert out.read_bytes() == one, "two builds differ"


def test_study_is_reproducible(study: Built, tmp_path: Path) -> None:
    again = tmp_path / "again.epub"
    result = invoke("epub", "--book", study.book, "--out", again)
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == study.epub.read_bytes()


def test_failed_build_keeps_the_previous_epub(tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    for source in (ROOT / "book").iterdir():
        (book / source.name).write_bytes(source.read_bytes())
    out = tmp_path / "out" / "b.epub"
    out.parent.mkdir()  # an --out's folder exists (E133)
    assert invoke("epub", "--book", book, "--out", out).returncode == 0
    good = out.read_bytes()
    (section,) = book.glob("*.md")
    section.write_text(section.read_text().replace('"1995-06"', '"June 1995"', 1))
    failed = invoke("epub", "--book", book, "--out", out)
    assert failed.returncode == 1
    assert "E207" in failed.stderr and "Traceback" not in failed.stderr
    assert out.read_bytes() == good
    assert sorted(p.name for p in out.parent.iterdir() if not p.name.startswith(".")) == ["b.epub"]
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".part")]


def test_strict_fails_on_a_partial_book(tmp_path: Path) -> None:
    out = tmp_path / "b.epub"
    result = invoke("epub", "--book", ROOT / "book", "--out", out, "--strict")
    assert result.returncode == 1 and "W309" in result.stderr
    assert not out.exists()


def test_a_folder_in_the_way_is_E121(tmp_path: Path) -> None:
    """Refused before any work (it was E701 once the EPUB was built), and left alone."""
    out = tmp_path / "taken.epub"
    out.mkdir()
    result = invoke("epub", "--book", ROOT / "book", "--out", out)
    assert result.returncode == 1
    assert f"{out}: E121" in result.stderr and "Traceback" not in result.stderr
    assert out.is_dir() and not any(out.iterdir())
