"""The NCX for Kindle-class readers (depth from book.toml, dtb:depth, playOrder), the OPF
guide, and the data-date line: what EPUB 2-era engines read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from octavo import api
from octavo.render.epub.ncx import ncx_tree
from octavo.render.epub.plan import NavEntry
from octavo.source.config import load_config
from tests.conftest import BOOK_TOML, MakeBook, section_source

NS = {
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "opf": "http://www.idpf.org/2007/opf",
    "x": "http://www.w3.org/1999/xhtml",
}


def _entry(href: str, *children: NavEntry) -> NavEntry:
    return NavEntry(href.upper(), href, children)


def test_tree_cut_to_depth_with_play_order_per_target() -> None:
    deep = _entry("c.xhtml", _entry("c.xhtml#a", _entry("c.xhtml#a1")), _entry("c.xhtml"))
    entries = [("Title", _entry("t.xhtml")), ("Chapter 1", deep)]
    full = ncx_tree(entries, 6, "urn:uuid:x", "T", "en")
    assert full.depth == 3
    assert [(p.label, p.play_order) for p in full.walk()] == [
        ("Title", 1),
        ("Chapter 1", 2),
        ("C.XHTML#A", 3),
        ("C.XHTML#A1", 4),
        ("C.XHTML", 2),  # the same target as its chapter: the same play order
    ]
    assert len({p.id for p in full.walk()}) == 5
    assert ncx_tree(entries, 2, "u", "T", "en").depth == 2
    assert [p.label for p in ncx_tree(entries, 1, "u", "T", "en").walk()] == ["Title", "Chapter 1"]


@pytest.fixture
def book(make_book: MakeBook) -> Path:
    return make_book(
        {
            "001-a.md": section_source(1, "Trade", parents='["Economy", "Sectors"]'),
            "002-b.md": section_source(2, "Ties", extra='last_updated: "1996-01"\n'),
            "003-c.md": section_source(3, "Schools", chapter=2),
        }
    )


def _members(book: Path, tmp_path: Path, toml: str = "") -> dict[str, etree._Element]:
    if toml:
        (book / "book.toml").write_text(BOOK_TOML + toml, encoding="utf-8")
    out, _ = api.build_epub(book, tmp_path / "out.epub")
    with zipfile.ZipFile(out) as archive:
        return {
            n: etree.fromstring(archive.read(n))
            for n in archive.namelist()
            if n.endswith((".ncx", ".opf", ".xhtml"))
        }


@pytest.mark.parametrize(
    ("setting", "depth"), [("", 2), ("ncx_depth = 4\n", 4), ("ncx_depth = 1\n", 1)]
)
def test_ncx_depth_and_play_order(book: Path, tmp_path: Path, setting: str, depth: int) -> None:
    ncx = _members(book, tmp_path, setting)["EPUB/toc.ncx"]
    (meta,) = ncx.xpath("//ncx:meta[@name='dtb:depth']", namespaces=NS)
    assert meta.get("content") == str(depth)
    points = ncx.xpath("//ncx:navPoint", namespaces=NS)
    deepest = max(len(p.xpath("ancestor::ncx:navPoint", namespaces=NS)) + 1 for p in points)
    assert deepest == depth
    orders = [int(p.get("playOrder")) for p in points]
    assert orders == list(range(1, len(orders) + 1))  # every target distinct here
    opf = _members(book, tmp_path)["EPUB/content.opf"]
    assert opf.find(".//opf:spine", NS).get("toc") == "ncx"


def test_guide_names_cover_contents_and_start(book: Path, tmp_path: Path) -> None:
    opf = _members(book, tmp_path)["EPUB/content.opf"]
    guide = [(r.get("type"), r.get("href")) for r in opf.iterfind(".//opf:guide/opf:reference", NS)]
    assert guide == [
        ("cover", "text/cover.xhtml"),
        ("toc", "text/nav.xhtml#toc"),
        ("text", "text/ch01.xhtml"),
    ]


@pytest.mark.parametrize(
    ("setting", "lines"),
    [
        ("", 2),
        ("data_date_line = false\n", 0),
        # the last [labels] line's number stood for the setting (a name bound twice)
        ('data_date_line = false\n[labels]\nchapter_label = "Ch. {number}"\n', 0),
    ],
)
def test_data_date_line(book: Path, tmp_path: Path, setting: str, lines: int) -> None:
    chapter = _members(book, tmp_path, setting)["EPUB/text/ch01.xhtml"]
    found = chapter.xpath("//x:p[@class='data-date-line']", namespaces=NS)
    assert len(found) == lines
    if lines:
        assert "".join(found[1].itertext()) == "Data as of June 1995. Last updated January 1996."


@pytest.mark.parametrize(
    "setting",
    [
        "ncx_depth = 0",
        "ncx_depth = 7",
        'ncx_depth = "2"',
        "ncx_depth = true",
        'data_date_line = "no"',
    ],
)
def test_bad_reader_settings_are_E114_or_E105(make_book: MakeBook, setting: str) -> None:
    book = make_book({}, BOOK_TOML + setting + "\n")
    config, found = load_config(book)
    assert config is None and [(d.code, d.line) for d in found] == [
        ("E114" if "ncx" in setting else "E105", BOOK_TOML.count("\n") + 1)
    ]
