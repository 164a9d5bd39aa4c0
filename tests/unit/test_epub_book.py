"""The EPUB writer on small books: each ebooklib 0.20 trap and the E70x codes.

The traps (see octavo/render/epub/container.py and octavo/render/epub/book.py):
- fake page-list from every epub:type with an id       -> test_no_fake_page_list
- write errors swallowed / unparsable XHTML left empty -> test_broken_member_is_E704_and_writes_nothing
- zip entries stamped with the clock                   -> test_zip_entries_dated_from_source_date_epoch
- dcterms:modified in local time labelled Z            -> test_modified_is_utc_whatever_the_time_zone
- <head> of EpubHtml content dropped                   -> test_every_document_keeps_its_head
- a non-linear cover page                              -> test_cover_page_is_first_and_linear
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from octavo import api
from octavo.errors import BuildError
from tests.conftest import MakeBook, section_source
from tests.support.validators import assert_zip_layout

NS = {"x": "http://www.w3.org/1999/xhtml", "opf": "http://www.idpf.org/2007/opf"}


EPOCH = 1234567890  # 2009-02-13T23:31:30Z


@pytest.fixture
def book(make_book: MakeBook) -> Path:
    return make_book(
        {
            "001-a.md": section_source(1, "Trade & <Industry>", parents='["Economy"]'),
            "002-b.md": section_source(2, "'\"Special\" Ties'", extra='last_updated: "1996-01"\n'),
            "003-c.md": section_source(3, "Écoles", chapter=2),
        }
    )


@pytest.fixture
def zone() -> Iterator[None]:
    """Restore the process's time zone after a test changes TZ."""
    before = os.environ.get("TZ")
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def build(book: Path, tmp_path: Path) -> dict[str, bytes]:
    out, _ = api.build_epub(book, tmp_path / "out.epub")
    with zipfile.ZipFile(out) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def test_no_fake_page_list(book: Path, tmp_path: Path) -> None:
    members = build(book, tmp_path)
    assert all(b"page-list" not in data for data in members.values())


def test_broken_member_is_E704_and_writes_nothing(book: Path, tmp_path: Path) -> None:
    override = book / "templates" / "epub" / "colophon.xhtml"
    override.parent.mkdir(parents=True)
    override.write_text("<p>not closed\n")
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path / "out.epub")
    assert [d.code for d in caught.value.diagnostics] == ["E704"]
    assert not list(tmp_path.glob("out.epub*"))


def test_template_error_is_E702_with_file_and_line(book: Path, tmp_path: Path) -> None:
    override = book / "templates" / "epub" / "colophon.xhtml"
    override.parent.mkdir(parents=True)
    override.write_text("{% extends 'epub/page.xhtml' %}\n\n{% block body %}{% if %}\n")
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path / "out.epub")
    (found,) = caught.value.diagnostics
    assert (found.code, Path(str(found.file)).resolve(), found.line) == (
        "E702",
        override.resolve(),
        3,
    )


def test_zip_entries_dated_from_source_date_epoch(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    out, _ = api.build_epub(book, tmp_path / "out.epub")
    assert_zip_layout(out, datetime.fromtimestamp(EPOCH, UTC))


@pytest.mark.parametrize("tz", ["Asia/Kolkata", "America/Los_Angeles"])
def test_modified_is_utc_whatever_the_time_zone(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: None, tz: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.setenv("TZ", tz)
    time.tzset()
    opf = etree.fromstring(build(book, tmp_path)["EPUB/content.opf"])
    (modified,) = opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == "2009-02-13T23:31:30Z"
    assert opf.xpath("//*[local-name()='date']/text()") == ["2009-02-13"]


def test_every_document_keeps_its_head(book: Path, tmp_path: Path) -> None:
    members = build(book, tmp_path)
    documents = [n for n in members if n.endswith(".xhtml")]
    assert len(documents) == 7  # cover, title page, nav, 2 chapters, appendix, colophon
    for name in documents:
        doc = etree.fromstring(members[name])
        assert doc.get("{http://www.w3.org/XML/1998/namespace}lang") == "en", name
        assert doc.findtext("x:head/x:title", namespaces=NS), name
        sheets = doc.xpath("x:head/x:link[@rel='stylesheet']/@href", namespaces=NS)
        assert sheets == ["../css/base.css", "../css/book.css"], name


def test_cover_page_is_first_and_linear(book: Path, tmp_path: Path) -> None:
    opf = etree.fromstring(build(book, tmp_path)["EPUB/content.opf"])
    refs = opf.findall(".//opf:spine/opf:itemref", NS)
    assert [r.get("idref") for r in refs] == [
        "cover",
        "titlepage",
        "nav",
        "ch01",
        "ch02",
        "data-currency",
        "colophon",
    ]
    assert all(r.get("linear") is None for r in refs)
    (cover_meta,) = opf.xpath("//opf:meta[@name='cover']", namespaces=NS)
    image = opf.xpath(f"//opf:item[@id='{cover_meta.get('content')}']", namespaces=NS)[0]
    assert image.get("properties") == "cover-image"


def test_note_reads_data_date_and_update(book: Path, tmp_path: Path) -> None:
    chapter = build(book, tmp_path)["EPUB/text/ch01.xhtml"].decode()
    assert "Data as of June 1995.</p>" in chapter
    assert "Data as of June 1995. Last updated January 1996.</p>" in chapter


def test_a_heading_s_note_call_sits_against_its_last_word(book: Path, tmp_path: Path) -> None:
    """A user-tester's report: at 390 px "Le commerce ¹", the heading's no-break space
    before its data-date call a gap the body's calls and print do not have (the call's tap
    padding was already taken back by its margin). Then a reviewer's: without any space,
    a screen reader's name of "Population, 1994" with its call was "Population, 19941". The
    space is kept, in a span of no width (.call-space)."""
    built = build(book, tmp_path)
    chapter = built["EPUB/text/ch02.xhtml"].decode()
    assert 'Écoles<span class="call-space">&#160;</span><a class="noteref"' in chapter, chapter
    heading = etree.fromstring(built["EPUB/text/ch02.xhtml"]).xpath(
        "//*[local-name()='h2' or local-name()='h3'][.//*[@class='noteref']]"
    )[0]
    assert "".join(heading.itertext()).endswith("Écoles\u00a01")
    css = built["EPUB/css/book.css"].decode()
    assert ".call-space { font-size: 0; }" in css
    # a right-to-left heading ending in a year: the call's digits joined the year's run
    # and it was set between the word and the year (a reviewer's screenshot)
    noteref = css[css.index(".noteref {") :]
    assert "unicode-bidi: isolate;" in noteref[: noteref.index("}")]
