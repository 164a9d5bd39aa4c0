"""A wide table framed for a phone (octavo.render.epub.wide_tables): its caption and id the
frame's, a table short enough for a page in a box that scrolls, every other table as it was."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from octavo.render.epub.wide_tables import SCROLLED_ROWS, framed


def _frame(table: str, caption: str, ident: str, scrolls: bool) -> str:
    """The shape of templates/epub/table-frame.xhtml, spelt out."""
    held = f'<div class="scroll">{table}</div>' if scrolls else table
    return f'<figure id="{ident}"><figcaption>{caption}</figcaption>{held}</figure>'


def _table(
    rows: int, wide: bool = True, caption: str = "Table 1. Trade", ident: str = "tbl:t"
) -> str:
    kind = "table wide" if wide else "table"
    named = f' id="{ident}"' if ident else ""
    said = f"\n<caption>{caption}</caption>" if caption else ""
    body = "".join(f"<tr><td>{n}</td></tr>" for n in range(rows - 1))
    return f'<table class="{kind}"{named}>{said}\n<thead><tr><th>Y</th></tr></thead><tbody>{body}</tbody></table>'


def test_a_captioned_wide_table_gives_its_caption_and_id_to_its_frame() -> None:
    html = f"<p>Before.</p>\n{_table(12)}\n<p>After.</p>"
    out = framed(html, _frame)
    assert out.startswith('<p>Before.</p>\n<figure id="tbl:t"><figcaption>Table 1. Trade')
    assert '<div class="scroll"><table class="table wide">\n<thead>' in out  # no caption, no id
    assert out.endswith("</tbody></table></div></figure>\n<p>After.</p>")
    ElementTree.fromstring(f"<body>{out}</body>")  # still XML


@pytest.mark.parametrize(
    ("rows", "scrolls"), [(SCROLLED_ROWS, True), (SCROLLED_ROWS + 1, False), (46, False)], ids=str
)
def test_only_a_table_short_enough_for_a_page_scrolls(rows: int, scrolls: bool) -> None:
    """A box that scrolls is never split across pages: a paginated reader cut a 46-row
    table at its page's foot. A taller table keeps its frame's caption, not the box."""
    out = framed(_table(rows), _frame)
    assert ('<div class="scroll">' in out) is scrolls
    assert "<figcaption>Table 1. Trade</figcaption>" in out and "<caption>" not in out


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
    from octavo.project import open_project

    project, _ = open_project(Path(__file__).parents[2] / "book")
    assert project is not None
    template = project.env().get_template("epub/table-frame.xhtml")

    def frame(table: str, said: str, named: str, boxed: bool) -> str:
        return str(template.render(table=table, caption=said, ident=named, scrolls=boxed))

    table = _table(12 if scrolls else SCROLLED_ROWS + 5, caption=caption, ident=ident)
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
