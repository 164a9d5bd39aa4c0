from __future__ import annotations

from octavo.render.epub.scrolls import OPEN, scrolling_tables


def test_each_outermost_table_gets_a_scrolling_box() -> None:
    html = '<p>a</p><table class="table" id="t1"><tr><td>1</td></tr></table><p>b</p><table><tr><td>2</td></tr></table>'
    assert scrolling_tables(html) == (
        f'<p>a</p>{OPEN}<table class="table" id="t1"><tr><td>1</td></tr></table></div>'
        f"<p>b</p>{OPEN}<table><tr><td>2</td></tr></table></div>"
    )


def test_a_table_in_a_cell_stays_in_its_table_s_box() -> None:
    inner = "<table><tr><td>x</td></tr></table>"
    html = f"<table><tr><td>{inner}</td></tr></table>"
    assert scrolling_tables(html) == f"{OPEN}{html}</div>"


def test_text_without_tables_or_with_unpaired_tags_is_left_alone() -> None:
    assert scrolling_tables("<p>no tables, &lt;table&gt; in words</p>") == (
        "<p>no tables, &lt;table&gt; in words</p>"
    )
    assert scrolling_tables("<table><tr><td>x</td></tr>") == "<table><tr><td>x</td></tr>"
    assert scrolling_tables("</table><table>") == "</table><table>"
    assert scrolling_tables("<tablet/><tbody/>") == "<tablet/><tbody/>"
