"""A wide table framed for a phone (octavo.render.epub.wide_tables): its caption and id the
frame's, a table short enough for a page in a box that scrolls, every other table as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from octavo import api
from octavo.render.epub.wide_tables import SCROLLED_ROWS, Frame, framed
from tests.conftest import BOOK_TOML, section_source

XHTML = "http://www.w3.org/1999/xhtml"


def _table(
    rows: int, wide: bool = True, caption: str = "Table 1. Trade", ident: str = "tbl:t"
) -> str:
    """A table as octavo's Markdown makes one: `rows` rows, its head's one of them."""
    kind = "table wide" if wide else "table"
    named = f' id="{ident}"' if ident else ""
    said = f"\n<caption>{caption}</caption>" if caption else ""
    body = "".join(f"<tr><td>{n}</td></tr>" for n in range(rows - 1))
    return f'<table class="{kind}"{named}>{said}\n<thead><tr><th>Y</th></tr></thead><tbody>{body}</tbody></table>'


def _pipe(rows: int, columns: int = 6, caption: str = "") -> str:
    """A pipe table of `rows` rows (its head's one of them) and `columns` columns (six
    make it wide), `caption` its `Table:` line."""
    head = "| " + " | ".join(f"Y{c}" for c in range(columns)) + " |\n" + "|---" * columns + "|\n"
    body = "".join(
        "| " + " | ".join(str(r * columns + c) for c in range(columns)) + " |\n"
        for r in range(rows - 1)
    )
    return head + body + (f"\nTable: {caption}\n" if caption else "")


@pytest.fixture(scope="module")
def chapter(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, ElementTree.Element]:
    """The EPUB's chapter (its XHTML, parsed too) of a book with wide tables captioned
    and not, of 12, SCROLLED_ROWS, SCROLLED_ROWS + 1 and 46 rows, and a narrow one."""
    body = "\n\n".join(
        [
            "Before.",
            _pipe(12, caption="Trade & aid {#tbl:t}"),
            "After.",
            _pipe(SCROLLED_ROWS, caption="Short {#tbl:short}"),
            _pipe(SCROLLED_ROWS + 1, caption="Taller {#tbl:taller}"),
            _pipe(46, caption="Tall {#tbl:tall}"),
            _pipe(5, columns=5, caption="Narrow {#tbl:narrow}"),
            "Uncaptioned:",
            _pipe(4),
        ]
    )
    book = tmp_path_factory.mktemp("wide") / "book"
    book.mkdir()
    (book / "book.toml").write_text(BOOK_TOML, encoding="utf-8")
    (book / "001.md").write_text(section_source(1, total=1, body=body), encoding="utf-8")
    epub, _ = api.build_epub(book, book.parent / "wide.epub")
    with zipfile.ZipFile(epub) as archive:
        xhtml = archive.read("EPUB/text/ch01.xhtml").decode("utf-8")
    return xhtml, ElementTree.fromstring(xhtml)


def _by_id(root: ElementTree.Element, ident: str) -> ElementTree.Element:
    (found,) = [e for e in root.iter() if e.get("id") == ident]
    return found


def _local(element: ElementTree.Element) -> list[str]:
    """The names of `element`'s children, without their namespace."""
    return [child.tag.rpartition("}")[2] for child in element]


def _rows(element: ElementTree.Element) -> int:
    return sum(1 for e in element.iter() if e.tag == f"{{{XHTML}}}tr")


def test_a_captioned_wide_table_gives_its_caption_and_id_to_its_frame(
    chapter: tuple[str, ElementTree.Element],
) -> None:
    xhtml, root = chapter
    frame = _by_id(root, "tbl:t")
    assert frame.tag == f"{{{XHTML}}}figure" and frame.get("class") == "table-frame"
    assert _local(frame) == ["figcaption", "div"]
    caption = "".join(frame[0].itertext())
    assert caption == "Table\u00a01. Trade & aid"
    (table,) = frame[1]
    assert table.get("class") == "table wide" and table.get("id") is None
    assert "caption" not in _local(table) and _rows(table) == 12
    assert xhtml.count('id="tbl:t"') == 1
    assert xhtml.index("<p>After.</p>") > xhtml.index("</figure>") > xhtml.index("<p>Before.</p>")


@pytest.mark.parametrize(
    ("ident", "rows", "scrolls"),
    [
        ("tbl:short", SCROLLED_ROWS, True),
        ("tbl:taller", SCROLLED_ROWS + 1, False),
        ("tbl:tall", 46, False),
    ],
)
def test_only_a_table_short_enough_for_a_page_scrolls(
    chapter: tuple[str, ElementTree.Element], ident: str, rows: int, scrolls: bool
) -> None:
    """A box that scrolls is never split across pages: a paginated reader cut a 46-row
    table at its page's foot. A taller table keeps its frame's caption, not the box."""
    _, root = chapter
    frame = _by_id(root, ident)
    assert _local(frame) == ["figcaption", "div" if scrolls else "table"]
    if scrolls:
        assert frame[1].get("class") == "table-scroll"
    (table,) = frame[1] if scrolls else [frame[1]]
    assert _rows(table) == rows and "caption" not in _local(table)


def test_a_narrow_table_is_left_as_it_is(chapter: tuple[str, ElementTree.Element]) -> None:
    """Its caption and id its own: no frame, no box."""
    xhtml, root = chapter
    table = _by_id(root, "tbl:narrow")
    assert table.tag == f"{{{XHTML}}}table" and table.get("class") == "table"
    assert _local(table)[0] == "caption" and "Narrow" in "".join(table[0].itertext())
    parents = {child: parent for parent in root.iter() for child in parent}
    assert parents[table].get("class") == "section"
    assert xhtml.count('class="table-frame"') == 4  # the four captioned wide tables


def test_a_wide_table_without_a_caption_scrolls_in_a_box_of_no_frame(
    chapter: tuple[str, ElementTree.Element],
) -> None:
    """No figure without a caption, and a box no caption names (a screen reader landed on
    an unnamed region)."""
    _, root = chapter
    parents = {child: parent for parent in root.iter() for child in parent}
    wide = [t for t in root.iter(f"{{{XHTML}}}table") if t.get("class") == "table wide"]
    figure = f"{{{XHTML}}}figure"
    (alone,) = [t for t in wide if figure not in (parents[t].tag, parents[parents[t]].tag)]
    box = parents[alone]
    assert box.get("class") == "table-scroll" and box.get("role") is None
    assert parents[box].get("class") == "section" and _rows(alone) == 4


def test_a_table_inside_a_wide_table_is_framed_with_it_and_the_next_table_after() -> None:
    """octavo's Markdown nests no table (a raw HTML block holding two is left as written,
    not made a wide table), but a book's own template may: `framed` with the shipped frame."""
    inner = '<table class="table"><tbody><tr><td>in</td></tr></tbody></table>'
    outer = _table(3).replace("<td>0</td>", f"<td>{inner}</td>")
    html = outer + "<p>Between.</p>" + _table(3, ident="tbl:u")
    out = framed(html, _shipped_frame())
    assert out.count("<figure") == 2 and inner in out
    assert out.index(inner) < out.index("</figure>") < out.index("<p>Between.</p>")
    ElementTree.fromstring(f"<body>{out}</body>")


def _shipped_frame() -> Frame:
    """templates/epub/table-frame.xhtml, as octavo's EPUB renderer calls it."""
    from octavo.project import open_project

    project, _ = open_project(Path(__file__).parents[2] / "book")
    assert project is not None
    template = project.env().get_template("epub/table-frame.xhtml")

    def frame(table: str, said: str, named: str, boxed: bool) -> str:
        return str(template.render(table=table, caption=said, ident=named, scrolls=boxed))

    return frame


@pytest.mark.parametrize(
    ("caption", "ident", "scrolls"),
    [("Table 1. Trade &amp; aid", "tbl:t&amp;1", True), ("", "", True), ("Table 2.", "t2", False)],
)
def test_the_shipped_frame_is_xhtml_its_box_named_by_the_caption(
    caption: str, ident: str, scrolls: bool
) -> None:
    """The real template (templates/epub/table-frame.xhtml) through `framed`: well-formed,
    the table's id once, unescaped before the template escapes it again (an `&` in an id
    came out `&amp;amp;`), the scroll box a region its caption names (a screen reader
    landed on an unnamed stop), and no figure without a caption."""
    table = _table(12 if scrolls else SCROLLED_ROWS + 5, caption=caption, ident=ident)
    if not caption:
        table = table.replace(' id=""', "")
    made = framed(table, _shipped_frame())
    root = ElementTree.fromstring(f"<div>{made}</div>")
    boxes = root.findall(".//div[@class='table-scroll']")
    figure = root.find("figure")
    if not caption:
        assert figure is None and boxes and boxes[0].get("role") is None
        return
    assert figure is not None and figure.get("id") == ident.replace("&amp;", "&")
    assert made.count(f'id="{ident}"') == 1
    figcaption = figure.find("figcaption")
    assert figcaption is not None
    if scrolls:
        (box,) = boxes
        assert box.get("role") == "region" and box.get("tabindex") == "0"
        assert box.get("aria-labelledby") == figcaption.get("id")
    else:
        assert not boxes
