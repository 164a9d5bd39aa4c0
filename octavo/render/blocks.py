"""What octavo adds to markdown-it's token stream, as core rules after parsing.

- headings of a body go below the section's own heading, with ids (`{#id}` or generated);
- a `Table: …` (or `: …`) paragraph next to a table becomes its numbered caption;
- a paragraph holding only an image becomes a numbered figure (pandoc's implicit figure);
- footnotes (`[^label]`) become note calls, their texts kept apart (octavo.model.Note);
- `@tbl:label` and `@fig:label` become references, filled in by octavo.render.xref;
- what octavo does not render (math, a `{…}` it cannot read, an undefined note) is reported.

Every element made here is marked trusted (octavo.render.sanitize.TRUSTED), so that the
cleaner lets its ids and classes through while raw HTML stays on the plain allow-list.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError, parse

from octavo.render.sanitize import TRUSTED, clean_fragment
from octavo.text import slugify

if TYPE_CHECKING:
    from octavo.render.markdown import Context

__all__ = ["Caption", "HeadingUse", "ImageUse", "NoteUse", "Problem", "State", "install"]

_TRAILING_ATTRS = re.compile(r"\s*(\{[^{}]*\})\s*$")
_CAPTION = re.compile(r"^(?:Table)?:\s+")
_CROSSREF = re.compile(r"(?<![\w@])@((?:tbl|fig|sec):[\w:.-]*\w)")
_MATH = re.compile(r"(?<![\\$\w])\$(?=\S)[^$\n]*?\S\$(?!\d)|\$\$[^$]+\$\$")
_UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_ID = re.compile(r"[A-Za-z][\w:.-]*")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    line: int  # 0-based, within the Markdown
    hint: str = ""


@dataclass(frozen=True, slots=True)
class ImageUse:
    path: str  # relative to the book folder, normalised ("" when refused)
    source: str  # as written
    line: int
    figure: bool
    percent: int = 0  # a figure's width in % of the text block (0: an inline image)


@dataclass(frozen=True, slots=True)
class HeadingUse:
    id: str
    level: int
    title_html: str
    line: int
    listed: bool = True


@dataclass(frozen=True, slots=True)
class Caption:
    id: str
    number: str
    caption_html: str
    line: int


@dataclass(frozen=True, slots=True)
class NoteUse:
    id: str
    number: int
    html: str


@dataclass
class State:
    """What one parse finds (mutable while markdown-it runs, frozen into a Fragment)."""

    context: Context
    folder: str = ""  # the section's folder inside the book, "/"-terminated or ""
    images: list[ImageUse] = field(default_factory=list)
    headings: list[HeadingUse] = field(default_factory=list)
    tables: list[Caption] = field(default_factory=list)
    figures: list[Caption] = field(default_factory=list)
    notes: list[NoteUse] = field(default_factory=list)
    ids: list[tuple[str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    note_lines: dict[str, int] = field(default_factory=dict)

    def problem(self, code: str, message: str, line: int, hint: str = "") -> None:
        self.problems.append(Problem(code, message, line, hint))

    def number(self, before: int, count: int) -> str:
        n = str(before + count + 1)
        chapter = self.context.chapter
        return f"{chapter}.{n}" if chapter is not None else n


def install(md: MarkdownIt) -> None:
    md.core.ruler.before("footnote_tail", "octavo_note_lines", _note_lines)
    md.core.ruler.push("octavo_blocks", _blocks)
    md.add_render_rule("footnote_ref", _render_note_ref)
    for name in ("footnote_block_open", "footnote_block_close"):
        md.add_render_rule(name, lambda *args: "")


def _state(core: StateCore) -> State | None:
    found = core.env.get("octavo") if isinstance(core.env, dict) else None
    return found if isinstance(found, State) else None


def _note_lines(core: StateCore) -> None:
    state = _state(core)
    if state is None:
        return
    for token in core.tokens:
        if token.type == "footnote_reference_open" and token.map:
            state.note_lines[token.meta["label"]] = token.map[0]


def _blocks(core: StateCore) -> None:
    state = _state(core)
    if state is None:
        return
    tokens = core.tokens
    notes = _take_notes(tokens)
    _unused_notes(core, state)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            _heading(core, state, tokens, i)
        elif token.type == "table_open":
            i = _table(core, state, tokens, i)
        elif token.type == "paragraph_open" and _lone_image(tokens, i):
            _figure(core, state, tokens, i)
            i += 1  # its image is done
        elif token.type == "inline":
            _inline(core, state, token)
        i += 1
    _trust(tokens)
    for note_tokens, ident in notes:
        _trust(note_tokens)
        number = state.context.notes_before + ident + 1
        html = _note_html(core, note_tokens)
        state.notes.append(NoteUse(_note_id(state, ident), number, html))


# ---- headings ----------------------------------------------------------------------------


def _attributes(inline: Token) -> dict[str, str]:
    """Pandoc's `{#id .class key=value}` at the end of a heading or caption: taken off."""
    children = inline.children or []
    last = children[-1] if children else None
    if last is None or last.type != "text":
        return {}
    match = _TRAILING_ATTRS.search(last.content)
    if not match:
        return {}
    written = re.sub("[\u201c\u201d\u201e]", '"', match[1])
    try:
        _, found = parse(written)
    except ParseError:
        return {}
    last.content = last.content[: match.start()]
    inline.content = _TRAILING_ATTRS.sub("", inline.content)
    return dict(found)


def _heading(core: StateCore, state: State, tokens: list[Token], i: int) -> None:
    opening, inline, closing = tokens[i], tokens[i + 1], tokens[i + 2]
    attrs = _attributes(inline)
    line = opening.map[0] if opening.map else 0
    level = min(state.context.level + int(opening.tag[1]), 6)
    opening.tag = closing.tag = f"h{level}"
    ident = _given_id(state, attrs, line) or _new_id(state, slugify(inline.content) or "heading")
    opening.attrSet("id", ident)
    classes = ["body-heading", *attrs.get("class", "").split()]
    if level > state.context.toc_depth:
        classes.append("unlisted")
    opening.attrSet("class", " ".join(dict.fromkeys(classes)))
    listed = "unlisted" not in classes
    state.headings.append(HeadingUse(ident, level, _inline_html(core, inline), line, listed))


def _given_id(state: State, attrs: dict[str, str], line: int) -> str:
    ident = attrs.get("id", "")
    if not ident:
        return ""
    if not _ID.fullmatch(ident):
        state.problem(
            "W504",
            f"id '{ident}' is not usable; one was made instead",
            line,
            "an id starts with a letter, then letters, digits, '-', '_', ':' or '.'",
        )
        return ""
    state.ids.append((ident, line))
    return ident


def _new_id(state: State, stem: str) -> str:
    taken = {ident for ident, _ in state.ids}
    ident = f"{state.context.slug}-{stem}"
    n = 2
    while ident in taken:
        ident, n = f"{state.context.slug}-{stem}-{n}", n + 1
    state.ids.append((ident, -1))
    return ident


# ---- tables ------------------------------------------------------------------------------


def _caption_at(tokens: list[Token], i: int) -> bool:
    return (
        0 <= i < len(tokens) - 2
        and tokens[i].type == "paragraph_open"
        and bool(_CAPTION.match(tokens[i + 1].content))
    )


def _table(core: StateCore, state: State, tokens: list[Token], i: int) -> int:
    end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
    where = tokens[i].map
    line = where[0] if where else 0
    caption: list[Token] | None = None
    if _caption_at(tokens, end + 1):
        caption = tokens[end + 1 : end + 4]
        del tokens[end + 1 : end + 4]
    elif _caption_at(tokens, i - 3):
        caption = tokens[i - 3 : i]
        del tokens[i - 3 : i]
        i, end = i - 3, end - 3
    columns = 0
    in_head = False
    for token in tokens[i:end]:
        in_head = (in_head or token.type == "thead_open") and token.type != "thead_close"
        align = str(token.attrGet("style") or "").removeprefix("text-align:")
        if token.type in ("th_open", "td_open"):
            token.attrs.pop("style", None)
            if align:
                token.attrSet("class", f"align-{align}")
            if token.type == "th_open" and in_head:
                token.attrSet("scope", "col")
                columns += 1
    tokens[i].attrSet("class", "table wide" if columns >= 6 else "table")
    if caption is None:
        return end
    inline = caption[1]
    attrs = _attributes(inline)
    number = state.number(state.context.tables_before, len(state.tables))
    ident = _given_id(state, attrs, line) or _new_id(state, f"table-{number}")
    tokens[i].attrSet("id", ident)
    children = inline.children or []
    if children and children[0].type == "text":
        children[0].content = _CAPTION.sub("", children[0].content, count=1)
    html = _inline_html(core, inline)
    state.tables.append(Caption(ident, number, html, line))
    label = _labelled(f"Table {number}.", children)
    caption_tokens = [Token("caption_open", "caption", 1), _inline_of(label), _close("caption")]
    tokens[i + 1 : i + 1] = caption_tokens
    return end + len(caption_tokens)


def _labelled(label: str, children: list[Token]) -> list[Token]:
    opening = Token("span_open", "span", 1)
    opening.attrSet("class", "caption-label")
    text = Token("text", "", 0)
    text.content = label
    space = Token("text", "", 0)
    space.content = " "
    return [opening, text, _close("span"), space, *children]


def _inline_of(children: list[Token]) -> Token:
    inline = Token("inline", "", 0)
    inline.children = children
    return inline


def _close(tag: str) -> Token:
    return Token(f"{tag}_close", tag, -1)


# ---- figures and images ------------------------------------------------------------------


def _lone_image(tokens: list[Token], i: int) -> bool:
    children = [
        c
        for c in tokens[i + 1].children or []
        if not (c.type == "softbreak" or (c.type == "text" and not c.content.strip()))
    ]
    return len(children) == 1 and children[0].type == "image"


def _figure(core: StateCore, state: State, tokens: list[Token], i: int) -> None:
    opening, inline, closing = tokens[i], tokens[i + 1], tokens[i + 2]
    image = next(c for c in inline.children or [] if c.type == "image")
    line = opening.map[0] if opening.map else 0
    attrs = {str(k): str(v) for k, v in image.attrs.items()}
    number = state.number(state.context.figures_before, len(state.figures))
    ident = _given_id(state, attrs, line) or _new_id(state, f"figure-{number}")
    caption = list(image.children or [])
    caption_html = _inline_html(core, _inline_of(caption))
    alt = attrs.get("fig-alt") or _renderer(core).renderInlineAsText(
        caption, core.md.options, core.env
    )
    if not alt.strip():
        state.problem(
            "W509", "figure without a caption or alt text", line, 'add fig-alt="…" or a caption'
        )
    width = attrs.get("width", "")
    percent = int(width[:-1]) if re.fullmatch(r"\d{1,3}%", width) else 100
    percent = percent if 0 < percent <= 100 else 100
    shown = _image(state, image, alt, line, figure=True, percent=percent)
    opening.type, opening.tag = "figure_open", "figure"
    closing.type, closing.tag = "figure_close", "figure"
    opening.attrs = {"id": ident, "class": " ".join(["figure", attrs.get("class", "")]).strip()}
    if percent != 100:
        opening.attrSet("style", f"width: {percent}%")
    label = _labelled(f"Figure {number}.", caption)
    credit: list[Token] = []
    if attrs.get("credit"):
        credit_open = Token("span_open", "span", 1)
        credit_open.attrSet("class", "credit")
        text = Token("text", "", 0)
        text.content = attrs["credit"]
        credit = [credit_open, text, _close("span")]
    figcaption = [Token("figcaption_open", "figcaption", 1), *label, *credit]
    inline.children = [*shown, *figcaption, _close("figcaption")]
    state.figures.append(Caption(ident, number, caption_html, line))


def _image(
    state: State, image: Token, alt: str, line: int, figure: bool, percent: int = 0
) -> list[Token]:
    """The image checked and its path made relative to the book; refused: nothing."""
    source = str(image.attrGet("src") or "")
    path = posixpath.normpath(state.folder + source) if source else ""
    if not source or _SCHEME.match(source) or source.startswith("/") or path.startswith("../"):
        state.problem(
            "E506",
            f"image '{source}' is not a file inside the book folder; not read",
            line,
            "copy the image into the book folder (e.g. images/) and refer to it from there",
        )
        return []
    text = Token("text", "", 0)
    text.content = alt
    image.children = [text]
    image.attrs = {"src": path, "alt": alt}
    state.images.append(ImageUse(path, source, line, figure, percent))
    return [image]


# ---- text: references, undefined notes, what is not rendered ------------------------------


def _inline(core: StateCore, state: State, inline: Token) -> None:
    line = inline.map[0] if inline.map else 0
    children = inline.children or []
    out: list[Token] = []
    previous: Token | None = None
    for child in children:
        if child.type == "image":
            alt = _renderer(core).renderInlineAsText(child.children or [], core.md.options, {})
            if not alt.strip():
                state.problem("W509", "image without alt text", line, "write ![alt text](path)")
            out += _image(state, child, alt, line, figure=False)
            previous = child
            continue
        if child.type == "link_open":
            _link(child)
        elif child.type == "span_open" and child.attrGet("id"):
            _given_id(state, {"id": str(child.attrGet("id"))}, line)
        if child.type == "text":
            _text_problems(state, child, previous, line)
            out += _crossrefs(child)
        else:
            out.append(child)
        previous = child
    inline.children = out


def _link(token: Token) -> None:
    href = str(token.attrGet("href") or "")
    if _SCHEME.match(href):
        return
    classes = ["xref", *str(token.attrGet("class") or "").split()]
    token.attrSet("class", " ".join(dict.fromkeys(classes)))


def _text_problems(state: State, token: Token, previous: Token | None, line: int) -> None:
    text = token.content
    after = previous is not None and previous.type in ("image", "link_close", "span_close")
    if after and text.startswith("{") and "}" in text:
        state.problem(
            "W504",
            f"attributes {text[: text.index('}') + 1]} not understood; shown as text",
            line,
            'quote values that are not plain words: width="80%"',
        )
    for match in _UNDEFINED_NOTE.finditer(text):
        state.problem(
            "W510",
            f"footnote [^{match[1]}] is called but not defined",
            line,
            f"add a line '[^{match[1]}]: the note' after the paragraph",
        )
    if _MATH.search(text):
        state.problem(
            "W504",
            "math is not rendered; its TeX source is shown as text",
            line,
            "write it in words or Unicode (x², ≤), or escape the dollar signs (\\$)",
        )


def _crossrefs(token: Token) -> list[Token]:
    """`@tbl:label` -> a link filled in with 'Table 3' once every table is numbered."""
    parts = _CROSSREF.split(token.content)
    if len(parts) == 1:
        return [token]
    out: list[Token] = []
    for n, part in enumerate(parts):
        if n % 2 == 0:
            if part:
                text = Token("text", "", 0)
                text.content = part
                out.append(text)
            continue
        opening = Token("link_open", "a", 1)
        opening.attrs = {"href": f"#{part}", "class": "xref auto"}
        text = Token("text", "", 0)
        text.content = f"@{part}"
        out += [opening, text, Token("link_close", "a", -1)]
    return out


# ---- footnotes ---------------------------------------------------------------------------


def _take_notes(tokens: list[Token]) -> list[tuple[list[Token], int]]:
    """Take the footnote texts out of the stream: (their tokens, the note's id)."""
    notes: list[tuple[list[Token], int]] = []
    start = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), None)
    if start is None:
        return notes
    current: list[Token] = []
    ident = 0
    for token in tokens[start + 1 :]:
        if token.type == "footnote_open":
            current, ident = [], int(token.meta["id"])
        elif token.type == "footnote_close":
            notes.append((current, ident))
        elif token.type != "footnote_anchor":
            current.append(token)
    del tokens[start:]
    return notes


def _unused_notes(core: StateCore, state: State) -> None:
    footnotes = core.env.get("footnotes", {}) if isinstance(core.env, dict) else {}
    for key, ident in footnotes.get("refs", {}).items():
        if ident == -1:
            label = key.removeprefix(":")
            state.problem(
                "W511",
                f"footnote [^{label}] is defined but never called",
                state.note_lines.get(label, 0),
                f"call it with [^{label}] in the text, or remove it",
            )


def _note_id(state: State, ident: int) -> str:
    return f"fn-{state.context.slug}-{ident + 1}"


def _note_html(core: StateCore, tokens: list[Token]) -> str:
    paragraphs = [_inline_html(core, t) for t in tokens if t.type == "inline"]
    return "<br/>".join(p for p in paragraphs if p)


def _render_note_ref(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    state = env.get("octavo") if isinstance(env, dict) else None
    if not isinstance(state, State):
        return ""
    token = tokens[idx]
    ident = int(token.meta["id"])
    note = _note_id(state, ident)
    number = state.context.notes_before + ident + 1
    first = int(token.meta.get("subId", 0)) == 0
    call = f' id="ref-{note}" epub:type="noteref" role="doc-noteref"' if first else ""
    trust = f'{TRUSTED[0]}="{TRUSTED[1]}"'
    return f'<a {trust} class="noteref" href="#{note}"{call}>{number}</a>'


# ---- shared ------------------------------------------------------------------------------


def _renderer(core: StateCore) -> RendererHTML:
    return cast(RendererHTML, core.md.renderer)


def _trust(tokens: list[Token]) -> None:
    for token in tokens:
        if token.tag and not token.type.startswith("html"):
            token.attrSet(*TRUSTED)
        if token.children:
            _trust(token.children)


def _inline_html(core: StateCore, inline: Token) -> str:
    _trust(inline.children or [])
    html = _renderer(core).renderInline(inline.children or [], core.md.options, core.env)
    cleaned, _ = clean_fragment(html.strip())
    return cleaned
