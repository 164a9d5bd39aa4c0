"""A wide table framed for a phone (octavo.render.epub.wide_tables): its caption and id the
frame's, a table short enough for a page in a box that scrolls, a taller one in parts that
do (octavo.render.epub.table_parts), every other table as it was."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from octavo import api
from octavo.render.epub.rendering import frame_context
from octavo.render.epub.wide_tables import SCROLLED_ROWS, Wide, framed
from tests.conftest import BOOK_TOML, section_source

XHTML = "http://www.w3.org/1999/xhtml"


def _frame(wide: Wide) -> str:
    """The shape of templates/epub/table-frame.xhtml, spelt out."""
    boxed = wide.boxed
    held = "".join(f'<div class="scroll">{t}</div>' if boxed else t for t in wide.tables)
    return f'<figure id="{wide.ident}"><figcaption>{wide.caption}</figcaption>{held}</figure>'


def _table(
    rows: int, wide: bool = True, caption: str = "Table 1. Trade", ident: str = "tbl:t"
) -> str:
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


def _shipped(source: str | None = None) -> Callable[[Wide], str]:
    """The frame octavo renders (templates/epub/table-frame.xhtml), or one of `source` (a
    book's own copy), in the sandbox a book's templates get, with the English labels."""
    from octavo.project import open_project
    from octavo.source.labels import load_labels

    project, _ = open_project(Path(__file__).parents[2] / "book")
    assert project is not None
    env = project.env()
    template = (
        env.get_template("epub/table-frame.xhtml") if source is None else env.from_string(source)
    )
    labels, _ = load_labels(project.config, project.template_dirs)
    return lambda wide: str(template.render(**frame_context(wide, labels)))


def test_a_captioned_wide_table_gives_its_caption_and_id_to_its_frame() -> None:
    html = f"<p>Before.</p>\n{_table(12)}\n<p>After.</p>"
    out = framed(html, _frame)
    assert out.startswith('<p>Before.</p>\n<figure id="tbl:t"><figcaption>Table 1. Trade')
    assert '<div class="scroll"><table class="table wide">\n<thead>' in out  # no caption, no id
    assert out.endswith("</tbody></table></div></figure>\n<p>After.</p>")
    ElementTree.fromstring(f"<body>{out}</body>")  # still XML


@pytest.mark.parametrize(
    ("rows", "boxes"), [(SCROLLED_ROWS, 1), (SCROLLED_ROWS + 1, 2), (46, 3)], ids=str
)
def test_a_table_taller_than_a_page_scrolls_in_parts_of_a_page(rows: int, boxes: int) -> None:
    """A box that scrolls is never split across pages: a paginated reader cut a 46-row
    table at its page's foot. A taller table is in parts, its head in each, a box each."""
    out = framed(_table(rows), _frame)
    assert out.count('<div class="scroll">') == boxes == out.count("<thead>")
    assert all(b.count("<tr>") <= SCROLLED_ROWS for b in out.split('<div class="scroll">'))
    assert out.count("<figcaption>Table 1. Trade</figcaption>") == 1 and "<caption>" not in out
    ElementTree.fromstring(f"<body>{out}</body>")


def test_a_tall_table_that_cannot_be_cut_keeps_its_caption_out_of_a_box() -> None:
    """A table inside it: not cut, and so not in a box (it fits the screen as it can)."""
    inner = '<table class="table"><tbody><tr><td>in</td></tr></tbody></table>'
    out = framed(_table(30).replace("<td>0</td>", f"<td>{inner}</td>"), _frame)
    assert '<div class="scroll">' not in out and out.count("<thead>") == 1
    assert "<figcaption>Table 1. Trade</figcaption>" in out


def test_a_narrow_table_and_a_text_without_tables_are_left_as_they_are() -> None:
    narrow = _table(5, wide=False)
    assert framed(narrow, _frame) == narrow
    assert framed("<p>No table.</p>", _frame) == "<p>No table.</p>"


def test_a_wide_table_without_a_caption_keeps_its_id() -> None:
    out = framed(_table(4, caption=""), _frame)
    assert out.startswith('<figure id=""><figcaption></figcaption><div class="scroll">')
    assert '<table class="table wide" id="tbl:t">' in out


def test_a_table_inside_a_wide_table_is_framed_with_it_and_the_next_table_after() -> None:
    inner = '<table class="table"><tbody><tr><td>in</td></tr></tbody></table>'
    outer = _table(3).replace("<td>0</td>", f"<td>{inner}</td>")
    html = outer + "<p>Between.</p>" + _table(3, ident="tbl:u")
    out = framed(html, _frame)
    assert out.count("<figure") == 2 and inner in out
    assert out.index(inner) < out.index("</figure>") < out.index("<p>Between.</p>")
    ElementTree.fromstring(f"<body>{out}</body>")


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
    frame = _shipped()

    table = _table(12 if scrolls else SCROLLED_ROWS + 5, caption=caption, ident=ident)
    if not scrolls:  # a table inside it: the tall table is not cut, nor boxed
        table = table.replace("<td>0</td>", "<td><table><tr><td>in</td></tr></table></td>")
    if not caption:
        table = table.replace(' id=""', "")
    made = framed(table, frame)
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


def test_the_shipped_frame_boxes_each_part_of_a_tall_table_and_names_it_again() -> None:
    """46 rows: three boxes in the one frame, the first a region its caption names, the
    others named again as print names a table on its next pages ("Table 1 (continued)"),
    groups that line names, no regions (Ace: a landmark's name must be its own); the id
    the frame's alone."""
    frame = _shipped()

    caption = '<span class="caption-label">Table 1.</span> Trade &amp; aid'
    made = framed(_table(46, caption=caption), frame)
    root = ElementTree.fromstring(f"<div>{made}</div>")
    boxes = root.findall("figure/div[@class='table-scroll']")
    assert len(boxes) == 3 and made.count('id="tbl:t"') == 1
    names = ["tbl:t-caption", "tbl:t-caption-2", "tbl:t-caption-3"]
    assert [b.get("aria-labelledby") for b in boxes] == names
    assert [b.get("role") for b in boxes] == ["region", "group", "group"]
    assert [b.get("tabindex") for b in boxes] == ["0", "0", "0"]
    assert [len(b.findall(".//tr")) for b in boxes] == [16, 16, 16]  # 45 rows, 15 a part
    again = root.findall("figure/p[@class='table-continued']")
    assert ["".join(p.itertext()) for p in again] == ["Table 1 (continued)"] * 2
    assert [p.get("id") for p in again] == names[1:]
    assert made.count('<span class="caption-label">Table 1</span> (continued)') == 2


# The frame of session 43, as a book may hold a copy of it: one table, boxed if `scrolls`.
_EARLIER = """{%- set named = ident ~ "-caption" if caption and ident else "" -%}
{%- macro held() -%}
{%- if scrolls -%}
<div class="table-scroll" tabindex="0"{% if named %} role="region" aria-labelledby="{{ named }}"{% endif %}>{{ table | safe }}</div>
{%- else -%}
{{ table | safe }}
{%- endif -%}
{%- endmacro -%}
{%- if caption -%}
<figure class="table-frame"{% if ident %} id="{{ ident }}"{% endif %}>
<figcaption class="table-caption"{% if named %} id="{{ named }}"{% endif %}>{{ caption | safe }}</figcaption>
{{ held() }}
</figure>
{%- else -%}
{{ held() }}
{%- endif -%}"""


@pytest.mark.parametrize(("rows", "boxes"), [(12, 1), (46, 0)], ids=str)
def test_a_book_s_own_copy_of_the_earlier_frame_frames_as_it_did(rows: int, boxes: int) -> None:
    """Its `table` whole, in a box if short enough for a page (`scrolls`), as before: it
    knows no parts (a copy calling an undefined name fails every build)."""
    made = framed(_table(rows), _shipped(_EARLIER))
    root = ElementTree.fromstring(f"<div>{made}</div>")
    assert len(root.findall("figure/div[@class='table-scroll']")) == boxes
    assert made.count("<table") == made.count("<thead>") == 1 and made.count("<tr>") == rows


def test_in_a_built_epub_a_captioned_wide_table_gives_its_caption_and_id_to_its_frame(
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
    ("ident", "rows", "parts"),
    [
        ("tbl:short", SCROLLED_ROWS, [20]),  # a page's rows: one box
        ("tbl:taller", SCROLLED_ROWS + 1, [11, 11]),  # cut as evenly as it can be
        ("tbl:tall", 46, [16, 16, 16]),  # each part with the head's row
    ],
)
def test_in_a_built_epub_a_tall_table_scrolls_in_boxes_of_a_page_s_rows(
    chapter: tuple[str, ElementTree.Element], ident: str, rows: int, parts: list[int]
) -> None:
    """What the renderer makes of a book's wide tables (octavo.render.epub.table_parts):
    each box holds at most a page's rows (a paginated reader cut a 46-row table at its
    page's foot), its head repeated, and every body row is in one box, once."""
    _, root = chapter
    frame = _by_id(root, ident)
    boxes = [e for e in frame.iter(f"{{{XHTML}}}div") if e.get("class") == "table-scroll"]
    tables = [t for box in boxes for t in box.iter(f"{{{XHTML}}}table")]
    assert len(boxes) == len(tables) and [_rows(t) for t in tables] == parts
    body = [
        "".join(tr.itertext())
        for t in tables
        for tbody in t.iter(f"{{{XHTML}}}tbody")
        for tr in tbody.iter(f"{{{XHTML}}}tr")
    ]
    assert len(body) == rows - 1 == len(set(body))  # each body row once, in some box


def test_in_a_built_epub_a_narrow_table_is_left_as_it_is(
    chapter: tuple[str, ElementTree.Element],
) -> None:
    """Its caption and id its own: no frame, no box."""
    xhtml, root = chapter
    table = _by_id(root, "tbl:narrow")
    assert table.tag == f"{{{XHTML}}}table" and table.get("class") == "table"
    assert _local(table)[0] == "caption" and "Narrow" in "".join(table[0].itertext())
    parents = {child: parent for parent in root.iter() for child in parent}
    assert parents[table].get("class") == "section"
    assert xhtml.count('class="table-frame"') == 4  # the four captioned wide tables


def test_in_a_built_epub_a_wide_table_without_a_caption_scrolls_in_a_box_of_no_frame(
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
