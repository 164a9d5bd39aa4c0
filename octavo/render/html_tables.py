"""A raw HTML `<table>` made a table as a pipe table is (octavo.render.floats.table).

The README's table kinds are a pipe table or a raw HTML `<table>`, each captioned by a
`Table: …` paragraph next to it (or, for the HTML one, its own `<caption>`): numbered,
listed, styled (`class="table"`, "wide" from six columns), its header cells `scope="col"`
for the EPUB and one of figures ("1960") `class="figures"`, kept whole on a phone, its
cells aligned as the page aligns them (align-right, align-center). What the author's HTML
holds is still cleaned as any raw HTML is (octavo.render.sanitize); only the table
element, its caption and label and the cells given a class, which octavo writes, are
marked trusted. A block holding more than one table, or more than a table, is left as it
is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render.allow_list import TRUSTED, kept_attribute
from octavo.render.digit_groups import join_elements
from octavo.render.floats import WIDE_COLUMNS, figures, take_caption
from octavo.render.sanitize import clean_fragment
from octavo.render.table_calls import in_order, marked, without_calls
from octavo.render.table_length import long_table
from octavo.render.tokens import (
    Caption,
    State,
    attributes,
    given_id,
    inline_html,
    labelled,
    new_id,
    renderer,
    trust,
)
from octavo.text import TEXT_ALIGN, alignment, drop_table_number, strip_tags

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["html_table", "one_table"]

_ONE_TABLE = re.compile(r"\s*<table\b.*</table>\s*\Z", re.IGNORECASE | re.DOTALL)


def html_table(
    core: StateCore, state: State, tokens: list[Token], i: int, walk: Callable[[Token], None]
) -> int:
    """The html_block at `i`, if it is one table, made a table (see above); the index of
    that block after (a caption paragraph before it is taken out). `walk`: what every
    inline goes through (references, index marks, words for one output), given the
    caption's words, which are rendered here."""
    block = tokens[i]
    if not one_table(block.content):
        return i
    from lxml import etree
    from lxml import html as lxml_html

    try:
        table = lxml_html.fragment_fromstring(block.content.strip())
    except (etree.ParserError, ValueError):
        return i
    if table.tag != "table":
        return i
    own = table.find("caption")
    if own is not None:
        table.remove(own)
        if not strip_tags(without_calls(_own_words(own))).strip():
            own = None  # no words, or the page's own number alone ("<b>Table 3.</b>")
    caption: list[Token] | None = None
    if own is None:  # else a Table: beside it is the next table's
        caption, moved = take_caption(tokens, i, i)
        i -= moved
    head = _head(table)
    columns = _header(table, head)
    from_cells = _classed(table, head)
    join_elements(table, state.context.language)
    # the element is trusted for octavo's class and id: the author's other attributes are
    # kept only where a plain table may have them (lang, title), the rest reported removed
    removed = [n for n, v in table.attrib.items() if not kept_attribute("table", n, v)]
    for name in removed:
        del table.attrib[name]
    block.meta["removed"] = tuple(
        f"attribute {n} on <table>" for n in removed if n not in ("id", "class")
    ) + tuple(from_cells)
    table.set("class", "table wide" if columns >= WIDE_COLUMNS else "table")
    groups = table.findall("tbody")
    rows = [
        [(len(c.text_content().strip()), _span(c)) for c in row if c.tag in ("td", "th")]
        for row in table.findall("tbody/tr")
    ]
    if long_table(len(groups), rows):
        groups[0].set("class", "long")
        groups[0].set(*TRUSTED)  # octavo's class, not the page's
    table.set(*TRUSTED)
    shown = _caption(core, state, caption, own, block, walk)
    if shown is not None:
        table.set("id", shown[0])
    written = etree.tostring(table, method="html", encoding="unicode").strip()
    if shown is not None:  # right after the opening tag, as the first child
        at = written.index(">") + 1
        written = written[:at] + shown[1] + written[at:]
    block.content = written + "\n"
    in_order(block)  # the caption's calls before the cells'
    return i


def one_table(content: str) -> bool:
    """Whether an html_block's `content` is one table, and nothing else."""
    return bool(_ONE_TABLE.match(content)) and content.lower().count("<table") == 1


def _own_words(own: etree._Element) -> str:
    """A <caption>'s HTML without the page's own number ("Table 12.")."""
    from lxml import etree

    inner = (own.text or "") + "".join(
        etree.tostring(c, method="html", encoding="unicode") for c in own
    )
    return drop_table_number(inner.strip(), "html")


def _head(table: etree._Element) -> list[etree._Element]:
    """The header rows: the thead's, else a first row of th alone."""
    rows = table.findall(".//tr")
    head = [r for r in rows if r.getparent() is not None and r.getparent().tag == "thead"]
    if not head and rows and all(c.tag == "th" for c in rows[0]):
        head = rows[:1]
    return head


def _header(table: etree._Element, head: list[etree._Element]) -> int:
    """The header rows' cells made scope="col"; the number of columns (the widest row,
    colspans counted)."""
    for row in head:
        for cell in row:
            if cell.tag == "th" and not cell.get("scope"):
                cell.set("scope", "col")
    widths = [sum(_span(c) for c in r if c.tag in ("th", "td")) for r in table.findall(".//tr")]
    return max(widths, default=0)


def _classed(table: etree._Element, head: list[etree._Element]) -> list[str]:
    """A pipe table's classes given to the cells (octavo.render.floats.table): each cell's
    own alignment (`align="right"`, `style="text-align: center"`) made align-right or
    align-center (the cleaner keeps neither attribute, and a column of figures lost its
    alignment silently), and a header cell whose words are figures ("1960", as the cleaner
    leaves them) `figures`. Such a cell is octavo's, trusted for those classes: of the
    author's attributes it keeps only what the cleaner lets any cell keep; what else it had
    is returned, as removed."""
    removed: list[str] = []
    heads = {cell for row in head for cell in row if cell.tag == "th"}
    for cell in table.iter("th", "td"):
        style = cell.get("style", "")
        how = alignment(style, cell.get("align"))
        aligned = how in ("right", "center")
        classes = [f"align-{how}"] if aligned else []
        if cell in heads and figures(_cleaned_words(cell)):
            classes.append("figures")
        if not classes:
            continue
        said = set()  # the alignment itself is kept, as the class
        if aligned:
            said = {"align"} | ({"style"} if not TEXT_ALIGN.sub("", style).strip(" ;") else set())
        attributes = dict(cell.attrib)
        cell.attrib.clear()
        for name, value in attributes.items():
            if kept_attribute(cell.tag, name, value):
                cell.set(name, value)
            elif name not in said:
                removed.append(f"attribute {name} on <{cell.tag}>")
        cell.set("class", " ".join(classes))
        cell.set(*TRUSTED)
    return removed


def _cleaned_words(cell: etree._Element) -> str:
    """A cell's words as the cleaner leaves them (a script's text dropped)."""
    from lxml import etree

    inner = (cell.text or "") + "".join(
        etree.tostring(c, method="html", encoding="unicode") for c in cell
    )
    return strip_tags(without_calls(clean_fragment(inner)[0])).strip()


def _span(cell: etree._Element) -> int:
    value = cell.get("colspan", "1")
    return int(value) if kept_attribute(cell.tag, "colspan", value) else 1


def _caption(
    core: StateCore,
    state: State,
    paragraph: list[Token] | None,
    own: etree._Element | None,
    block: Token,
    walk: Callable[[Token], None],
) -> tuple[str, str] | None:
    """(id, the <caption> element's HTML) of the table `block`, numbered and listed; None
    when it has no caption (as a pipe table without one: not numbered). A `Table: …`
    caption's note calls are the block's (octavo.render.table_calls.marked)."""
    line = block.map[0] if block.map else 0
    attrs: dict[str, str] = {}
    if paragraph is not None:
        inline = paragraph[1]
        attrs = attributes(inline, state, line)
        walk(inline)  # as a pipe table's caption is, in the token stream
        listed = inline_html(core, inline, label=True)
        words = marked(block, inline.children or [])
    elif own is not None:  # its calls in the table (octavo.render.table_calls), not listed
        shown, _ = clean_fragment(_own_words(own))
        listed = without_calls(shown)
        words = [Token("html_inline", "", 0)]
        words[0].content = shown
    else:
        return None
    number = state.number(state.context.tables_before, len(state.tables))
    stem = "table-" + state.number_id(state.context.tables_before, len(state.tables))  # ASCII
    ident = given_id(state, attrs, line) or new_id(state, stem)
    state.tables.append(Caption(ident, number, listed, line))
    label = labelled(f"{state.context.table_word}\u00a0{number}.", words)
    trust(label)
    body = renderer(core).renderInline(label, core.md.options, core.env)
    marker = f'{TRUSTED[0]}="{TRUSTED[1]}"'
    return ident, f"<caption {marker}>{body}</caption>"
