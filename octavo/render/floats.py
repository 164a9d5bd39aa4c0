"""Tables and figures: a `Table: …` paragraph next to a table becomes its numbered caption, a
paragraph holding only an image a numbered figure (pandoc's implicit figure)."""

from __future__ import annotations

import copy
import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.model.quotes import ENGLISH, Marks
from octavo.render.conditional import mark
from octavo.render.digit_groups import join_cells
from octavo.render.image_places import place_image
from octavo.render.image_sizes import Size, read_size, unread_attributes
from octavo.render.quotes import MARKS
from octavo.render.table_length import Cell, long_table
from octavo.render.tokens import (
    Caption,
    State,
    attributes,
    close,
    given_id,
    inline_html,
    inline_of,
    labelled,
    new_id,
    own_span,
    renderer,
)

__all__ = [
    "BY_HEIGHT",
    "CAPTION",
    "OWN_SIZE",
    "WIDE_COLUMNS",
    "figure",
    "figures",
    "lone_image",
    "table",
    "take_caption",
]

BY_HEIGHT = "by-height"  # the class of a figure given a height and no width
OWN_SIZE = "own-size"  # of a raster figure given no size: its picture's own size in print

CAPTION = re.compile(r"^(?:Table)?:\s+")
# A column's head that is a year or a figure ("1960", "1990-94", "1,600", "+3.5%"): a reader
# takes it cut ("196" over "0", as a phone's narrow column cut it) for two numbers; class
# `figures` keeps it whole in the EPUB (styles/epub/book.css)
_ABOUT_FIGURES = re.compile("[-\\d\\s.,:/%()\u00a0\u202f\u2013\u2014+]+")  # and a digit


def figures(words: str) -> bool:
    """A head of figures: digits, separators, dashes and signs alone, one digit at least
    (one class and a test apart: `[…]*\\d[…]*` took seconds on a long cell)."""
    return bool(_ABOUT_FIGURES.fullmatch(words)) and any(c.isdigit() for c in words)


WIDE_COLUMNS = 6  # a table of as many columns or more is `wide`: set smaller
_CROSSREF = re.compile(r"@(?:[Tt]bl|[Ff]ig|[Ss]ec):")  # a reference, a link once resolved


def _caption_at(tokens: list[Token], i: int) -> bool:
    return (
        0 <= i < len(tokens) - 2
        and tokens[i].type == "paragraph_open"
        and bool(CAPTION.match(tokens[i + 1].content))
    )


def take_caption(tokens: list[Token], i: int, end: int) -> tuple[list[Token] | None, int]:
    """The `Table: …` paragraph's three tokens beside the table at tokens[i:end + 1] (after
    it first, as pandoc reads it), taken out of `tokens`, its words without the `Table:`
    mark; and how far the table moved back (3 when the caption was before it)."""
    if _caption_at(tokens, end + 1):
        at, moved = end + 1, 0
    elif _caption_at(tokens, i - 3):
        at, moved = i - 3, 3
    else:
        return None, 0
    caption = tokens[at : at + 3]
    del tokens[at : at + 3]
    words = caption[1].children or []
    if words and words[0].type == "text":
        words[0].content = CAPTION.sub("", words[0].content, count=1)
    return caption, moved


def table(core: StateCore, state: State, tokens: list[Token], i: int) -> int:
    """Number the table at `i` and give it its caption; the index of its table_open after
    (a caption before it is taken out), so that its cells are walked next."""
    end, columns, first, rows = _cells(tokens, i)
    join_cells(tokens, i, end, state.context.language)
    tokens[i].attrSet("class", "table wide" if columns >= WIDE_COLUMNS else "table")
    if long_table(len(first), rows):
        tokens[first[0]].attrSet("class", "long")
    where = tokens[i].map
    line = where[0] if where else 0
    caption, moved = take_caption(tokens, i, end)
    i -= moved
    if caption is None:
        return i
    inline = caption[1]
    attrs = attributes(inline, state, line)
    number = state.number(state.context.tables_before, len(state.tables))
    stem = "table-" + state.number_id(state.context.tables_before, len(state.tables))  # ASCII
    ident = given_id(state, attrs, line) or new_id(state, stem)
    tokens[i].attrSet("id", ident)
    children = inline.children or []
    html = inline_html(core, inline_of(_marked(children)), label=True)
    state.tables.append(Caption(ident, number, html, line))
    label = labelled(f"{state.context.table_word}\u00a0{number}.", children)
    caption_tokens = [Token("caption_open", "caption", 1), inline_of(label), close("caption")]
    tokens[i + 1 : i + 1] = caption_tokens
    return i


def _printed(inline: Token) -> int:
    """The characters a cell prints: its words, not its source's markup (a link's address,
    an index mark's attributes, a note's label count for nothing; a call, its number)."""
    if inline.children is None:
        return len(inline.content)
    size = 0
    for child in inline.children:
        if child.type == "footnote_ref":
            size += 2
        elif child.type in ("softbreak", "hardbreak"):
            size += 1
        elif not child.type.endswith(("_open", "_close")):
            size += len(child.content)
    return size


def _cells(tokens: list[Token], i: int) -> tuple[int, int, list[int], list[list[Cell]]]:
    """The cells of the table at `i` given their classes and head cells scope="col" (a
    grid's column group has its own); the index of its table_close, the widest head
    row's columns (a grid's spans counted), where its row groups open and their rows' cells
    (octavo.render.table_length). Of ~700 tokens, only cells' and rows' openings matter."""
    columns = row = 0
    groups: list[int] = []
    rows: list[list[Cell]] = []
    in_head = in_body = False
    for at in range(i + 1, len(tokens)):
        token = tokens[at]
        kind = token.type
        if kind != "th_open" and kind != "td_open":
            if kind == "tr_open":
                row = 0
                if in_body:
                    rows.append([])
            elif kind == "thead_open" or kind == "thead_close":
                in_head = kind == "thead_open"
            elif kind == "tbody_open" or kind == "tbody_close":
                in_body = kind == "tbody_open"
                if in_body:
                    groups.append(at)
            elif kind == "table_close":
                return at, columns, groups, rows
            continue
        align = str(token.attrs.pop("style", None) or "").removeprefix("text-align:")
        head = in_head and kind == "th_open"
        classes = [f"align-{align}"] if align else []
        if head and figures(tokens[at + 1].content.strip()):
            classes.append("figures")
        if classes:
            token.attrs["class"] = " ".join(classes)
        if in_body:
            rows[-1].append((_printed(tokens[at + 1]), int(token.attrGet("colspan") or 1)))
        if head:
            token.attrs.setdefault("scope", "col")  # a grid's column group has its own
            row += int(token.attrGet("colspan") or 1)
            columns = max(columns, row)
    raise ValueError("a table_open without its table_close")


def lone_image(tokens: list[Token], i: int) -> bool:
    """An image alone in its paragraph, with a caption (or an id or fig-alt of its own):
    pandoc's implicit figure (a bare image without words is an image, not an empty
    numbered "Figure 3.")."""
    children = [
        c
        for c in tokens[i + 1].children or []
        if not (c.type == "softbreak" or (c.type == "text" and not c.content.strip()))
    ]
    if len(children) != 1 or children[0].type != "image":
        return False
    image = children[0]
    worded = any(c.content.strip() or c.type != "text" for c in image.children or [])
    # an image the author named or described (`{#fig:map}`, fig-alt) is meant as a figure
    return worded or any(image.attrGet(a) for a in ("id", "fig-alt"))


def figure(core: StateCore, state: State, tokens: list[Token], i: int) -> None:
    opening, inline, closing = tokens[i], tokens[i + 1], tokens[i + 2]
    image = next(c for c in inline.children or [] if c.type == "image")
    line = opening.map[0] if opening.map else 0
    attrs = {str(k): str(v) for k, v in image.attrs.items()}
    number = state.number(state.context.figures_before, len(state.figures))
    stem = "figure-" + state.number_id(state.context.figures_before, len(state.figures))  # ASCII
    ident = given_id(state, attrs, line) or new_id(state, stem)
    caption = list(image.children or [])
    if core.md.options.get("typographer"):  # the caption is the image's words, which no
        # rule of the text reaches: "old" and -- were left straight
        from octavo.render.markdown import typeset_tokens  # (it imports this module)

        typeset_tokens(core, caption, inline.meta.get(MARKS, ENGLISH))
    marked = _marked(caption)
    caption_html = inline_html(core, inline_of(marked), label=True)
    alt = attrs.get("fig-alt") or renderer(core).renderInlineAsText(
        _in_both(marked), core.md.options, core.env
    )
    if not alt.strip():
        state.problem(
            "W509", "figure without a caption or alt text", line, 'add fig-alt="…" or a caption'
        )
    size = read_size(state, attrs, line, figure=True)
    unread_attributes(state, attrs, line, figure=True)
    width = size.width  # as given (`width=100%` too: the text's width); none: no style
    # W508's measure (octavo.render.images): the share of the text block, or the width or
    # height on paper, as given (none for em, nor for a share of a height); given no size,
    # the picture's own (print's CSS: 96 px an inch, at most the text's width)
    percent = float(width.number) if width and width.unit == "%" else 0
    inches = width.inches if width else 0.0
    high = size.height.inches if size.height and not width else 0.0
    own = "width" not in attrs and "height" not in attrs  # a size unread (W504): the text's
    shown = place_image(state, image, alt, line, True, (percent, inches, high, own))
    opening.type, opening.tag = "figure_open", "figure"
    closing.type, closing.tag = "figure_close", "figure"
    # a figure given its height alone is as wide as its picture, its caption too (print's
    # CSS; the EPUB's figures are all so): its caption ran the text's width under it
    by_height = BY_HEIGHT if size.height and not width else ""
    # given no size, a raster picture is its own size, at most the text's width (print's
    # CSS); an SVG, drawn to any size, the text's width (one with a viewBox alone has none)
    vector = str(image.attrGet("src") or "").lower().endswith(".svg")
    own_size = OWN_SIZE if own and not vector else ""
    classes = ["figure", by_height, own_size, attrs.get("class", "")]
    opening.attrs = {"id": ident, "class": " ".join(c for c in classes if c)}
    if width:  # the figure's width, its caption's too; the image fills it (styles/)
        opening.attrSet("style", f"width: {width.css}")
    for name, value in Size(height=size.height).attributes().items():
        image.attrSet(name, value)  # a height is the image's, as pandoc writes it
    label = labelled(f"{state.context.figure_word}\u00a0{number}.", caption)
    # the space too: one run of text with the words in print
    if _said_twice(caption, attrs, marked):
        label = [*label[:3], *_hidden(label[3:])]
    credit: list[Token] = []
    if attrs.get("credit"):
        credit_open = own_span({"class": "credit"})
        text = Token("text", "", 0)
        text.content = _typographic(core, attrs["credit"], inline.meta.get(MARKS, ENGLISH))
        space = Token("text", "", 0)  # the credit a word apart where styles are not read
        space.content = " "
        credit = [space, credit_open, text, close("span")]
    figcaption = [Token("figcaption_open", "figcaption", 1), *label, *credit]
    inline.children = [*shown, *figcaption, close("figcaption")]
    state.figures.append(Caption(ident, number, caption_html, line))


def _typographic(core: StateCore, words: str, marks: Marks) -> str:
    """An attribute's words shown as text (a figure's credit) set as the text is
    (octavo.render.markdown.typeset_words), in the marks of the language in force at the
    figure: "Carte de l'auteur" kept a straight apostrophe beside the caption's curled
    ones."""
    if not core.md.options.get("typographer"):
        return words
    from octavo.render.markdown import typeset_words  # (it imports this module)

    return typeset_words(core, words, marks)


def _marked(caption: list[Token]) -> list[Token]:
    """A copy of a caption's words with its words for one output marked for that output,
    as the text's are: what the lists of tables and figures and the alt text are made of,
    where the lists showed both outputs' words (the text's own walk, later, reports what
    it finds)."""
    return mark(copy.deepcopy(caption), lambda _held, _span: None)


def _in_both(marked: list[Token]) -> list[Token]:
    """A marked caption's words that both outputs show (an image's alt text is the same in
    both: words for one output were read out in the other)."""
    kept: list[Token] = []
    depth = 0  # inside a span for one output
    for token in marked:
        if depth or (token.type == "span_open" and "only-" in str(token.attrGet("class"))):
            depth += {"span_open": 1, "span_close": -1}.get(token.type, 0)
            continue
        kept.append(token)
    return kept


def _said_twice(caption: list[Token], attrs: dict[str, str], marked: list[Token]) -> bool:
    """Whether the caption's words are the image's alt text too (no `fig-alt`): a screen
    reader would read them twice, as the image and again as its caption, so they are
    hidden from it in the caption (as pandoc hides such a figcaption); the label and the
    credit stay said. Not a caption with a link, a note's call or a reference: nothing
    focusable may be hidden; nor one with words for one output (`marked`: its words so
    marked), which the alt text, the same in both, does not say."""
    return (
        bool(caption)
        and not attrs.get("fig-alt")
        and all(t.type not in ("link_open", "footnote_ref") for t in caption)
        and not any(t.type == "text" and _CROSSREF.search(t.content) for t in caption)
        and len(_in_both(marked)) == len(marked)
    )


def _hidden(tokens: list[Token]) -> list[Token]:
    opening = own_span({"aria-hidden": "true"})
    return [opening, *tokens, close("span")]
