"""What octavo's Markdown rules share: the state of one parse, what it finds, and helpers on
markdown-it's tokens (octavo.render.blocks installs the rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import unquote

from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError

from octavo.render.allow_list import TRUSTED
from octavo.render.attributes import pandoc_attrs
from octavo.render.sanitize import clean_fragment

if TYPE_CHECKING:
    from octavo.render.markdown import Context

__all__ = [
    "CALLED_IN",
    "ID",
    "NOT_UNDERSTOOD",
    "SCHEME",
    "Caption",
    "HeadingUse",
    "ImageUse",
    "NoteUse",
    "Problem",
    "State",
    "attributes",
    "child_lines",
    "close",
    "given_id",
    "inline_html",
    "inline_of",
    "labelled",
    "link",
    "list_items",
    "new_id",
    "not_understood",
    "octavo_state",
    "own_span",
    "renderer",
    "text",
    "trust",
]

# pandoc's attributes at a line's end; a quoted value may hold braces (title="{0}")
TRAILING_ATTRS = re.compile(
    r'\s*(\{(?:[^{}"\u201c\u201d\u201e]|["\u201c\u201e][^"\u201c\u201d]*["\u201d])*\})\s*$'
)
NOT_UNDERSTOOD = 'write them as {#id .class key=value}; quote a value with spaces: alt="a b"'
ID = re.compile(r"[A-Za-z][\w:.-]*")
_UNNUMBERED = re.compile(r"(\"[^\"]*\")|(?<=[{\s])-(?=[\s}])")  # a quoted value kept
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


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
    percent: float = 0  # a figure's width in % of the text block (0: an inline image)
    inches: float = 0.0  # a figure's width on paper when given so (`2in`, `300px`)
    high: float = 0.0  # its height on paper when given so, and no width
    own: bool = False  # a figure given no size: its picture's own (96 px an inch), at most
    # the text block's width, as the EPUB sets it


@dataclass(frozen=True, slots=True)
class HeadingUse:
    id: str
    level: int
    title_html: str
    line: int
    listed: bool = True
    name: str = ""  # what `[Heading text]` calls it (octavo.render.heading_refs)


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
    lang: str  # the language at its call, where not its section's (octavo.model.Note)
    dir: str  # that language's direction, where it differs from the section's
    # 0-based lines of its definition and its first call (octavo.render.note_places); no
    # defaults: a section cache's entry of five fields, without them, is not read
    line: int
    call_line: int


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
    note_order: dict[int, int] = field(default_factory=dict)  # note's id -> place in the text
    marks: list[Any] = field(default_factory=list)  # octavo.render.index_marks.MarkUse
    math_lines: set[int] = field(default_factory=set)  # lines said to hold math (W504)
    grid_lines: set[int] = field(default_factory=set)  # grid tables said to be unread (W504)
    examples: list[str] = field(default_factory=list)  # each example's label, "" for none
    citations: list[Any] = field(default_factory=list)  # octavo.render.citation_syntax's
    note_links: list[tuple[str, int]] = field(default_factory=list)  # (href, line) in notes

    def note_number(self, ident: int) -> int:
        """Numbered after the chapter's notes so far, in the order the calls are printed."""
        return self.context.notes_before + self.note_order.get(ident, ident) + 1

    def problem(self, code: str, message: str, line: int, hint: str = "") -> None:
        self.problems.append(Problem(code, message, line, hint))

    def number(self, before: int, count: int) -> str:
        n = str(before + count + 1)
        chapter = self.context.chapter
        return f"{chapter}.{n}" if chapter is not None else n

    def number_id(self, before: int, count: int) -> str:
        """The number as an id writes it: ASCII ("A.1" of a Russian book's "А.1")."""
        n = str(before + count + 1)
        chapter = self.context.chapter_id or self.context.chapter
        return f"{chapter}.{n}" if chapter is not None else n


def octavo_state(env: object) -> State | None:
    """The State a parse of octavo's carries in markdown-it's env (`env["octavo"]`); None
    for a parse without one (markdown-it's own, a test's)."""
    found = env.get("octavo") if isinstance(env, dict) else None
    return found if isinstance(found, State) else None


def attributes(inline: Token, state: State | None = None, line: int = 0) -> dict[str, str]:
    """Pandoc's `{#id .class key=value}` at the end of a heading or caption: taken off; when
    they cannot be read, they stay as text, and `state` is told so (W504 at `line`)."""
    children = inline.children or []
    last = children[-1] if children else None
    if last is None or last.type != "text":
        return {}
    match = TRAILING_ATTRS.search(last.content)
    if not match:
        content = last.content.rstrip()
        if state is not None and content.endswith("}") and "{" in content:
            not_understood(state, content[content.rindex("{") :], line)
        return {}
    written = re.sub("[\u201c\u201d\u201e]", '"', match[1])
    written = _UNNUMBERED.sub(lambda m: m[1] or ".unnumbered", written)  # pandoc's `{-}`
    try:
        _, found = pandoc_attrs(written)
    except ParseError:
        if state is not None:
            not_understood(state, match[1], line)
        return {}
    last.content = last.content[: match.start()]
    inline.content = TRAILING_ATTRS.sub("", inline.content)
    return dict(found)


def not_understood(state: State, written: str, line: int) -> None:
    """W504: attributes `written` ({…}) that could not be read, left in the text."""
    state.problem(
        "W504", f"attributes {written} not understood; shown as text", line, NOT_UNDERSTOOD
    )


def given_id(state: State, attrs: dict[str, str], line: int) -> str:
    ident = attrs.get("id", "")
    if not ident:
        return ""
    if not ID.fullmatch(ident):
        state.problem(
            "W504",
            f"id '{ident}' is not usable; one was made instead",
            line,
            "an id starts with a letter, then letters, digits, '-', '_', ':' or '.'",
        )
        return ""
    if ident in {i for i, _ in state.ids}:
        state.problem(
            "E513", f"id '{ident}' is used twice in this section", line, "every id must differ"
        )
        return ""
    state.ids.append((ident, line))
    return ident


def new_id(state: State, stem: str) -> str:
    taken = {ident for ident, _ in state.ids}
    ident = f"{state.context.slug}-{stem}"
    n = 2
    while ident in taken:
        ident, n = f"{state.context.slug}-{stem}-{n}", n + 1
    state.ids.append((ident, -1))
    return ident


OWN = "octavo"  # in the meta of a span octavo makes (never of an author's: see own_span)
# a note call's meta: the language it stands in (inline_attributes.author_spans)
CALLED_IN = "called_in"
IN_HEADING = "in_heading"  # a note call's meta: it stands in a heading (octavo.render.blocks)


def own_span(attrs: dict[str, str]) -> Token:
    """The opening of a span octavo makes, with `attrs` (a task's mark its `role` and
    `aria-checked`): marked in its meta, which no source can write, so that the walk of
    the words (octavo.render.inline_attributes) keeps its attributes, and refuses them on
    an author's span."""
    opening = Token("span_open", "span", 1)
    opening.attrs = dict(attrs)
    opening.meta[OWN] = True
    return opening


def labelled(label: str, children: list[Token]) -> list[Token]:
    opening = own_span({"class": "caption-label"})
    text = Token("text", "", 0)
    text.content = label
    space = Token("text", "", 0)
    space.content = " "
    return [opening, text, close("span"), space, *children]


def list_items(tokens: list[Token], at: int) -> list[Token]:
    """The items of the list opened at tokens[at] (not those of lists inside them)."""
    level = tokens[at].level + 1
    found = []
    for token in tokens[at + 1 :]:
        if token.level < level:
            break
        if token.type == "list_item_open" and token.level == level:
            found.append(token)
    return found


def child_lines(inline: Token) -> dict[int, int]:
    """The 0-based line, within the Markdown, of each of `inline`'s children (by `id()`): the
    block's first line and the line breaks before it, so that a problem in a paragraph's
    third line is reported there, not at its first. A link or an image is placed on the line
    that holds its address (a newline inside an attribute block or before a link's address
    leaves no break token behind); a child the count cannot place is on an earlier line.
    Nothing for a block of one line (most of an imported study's): its first line is the
    callers' own, and the count cost 6 % of rendering the sections (10 ms of 150 at 81)."""
    if not inline.children or "\n" not in inline.content:
        return {}  # every child on the block's first line, where the callers start
    first = inline.map[0] if inline.map else 0
    lines = inline.content.split("\n")
    at = 0
    found: dict[int, int] = {}
    for child in inline.children or ():
        here = at
        target = child.attrGet("href") if child.type == "link_open" else child.attrGet("src")
        if child.type in ("link_open", "image") and target:
            # as markdown-it gives it (%-escaped), or as written: `café.md`, `<a b.md>`
            forms = {str(target), unquote(str(target))}
            here = next((n for n in range(at, len(lines)) if any(f in lines[n] for f in forms)), at)
        found[id(child)] = first + here
        if child.type in ("softbreak", "hardbreak"):
            at += 1
        elif child.type == "html_inline":
            at += child.content.count("\n")
    return found


def inline_of(children: list[Token]) -> Token:
    inline = Token("inline", "", 0)
    inline.children = children
    return inline


def close(tag: str) -> Token:
    """The closing token of `tag`, of markdown-it's type (`span_close`): a walker of the
    tokens (octavo.render.example_lists reads `span_close`) finds it."""
    return Token(f"{tag}_close", tag, -1)


def renderer(core: StateCore) -> RendererHTML:
    return cast(RendererHTML, core.md.renderer)


def trust(tokens: list[Token]) -> None:
    name, value = TRUSTED
    for token in tokens:
        if token.tag and not token.type.startswith("html"):
            token.attrs[name] = value  # (attrSet's own write, without its call)
        if token.children:
            trust(token.children)


_NOT_IN_A_LABEL = {"footnote_ref", "link_open", "link_close"}


def inline_html(core: StateCore, inline: Token, label: bool = False) -> str:
    """The inline's XHTML; `label`: without note calls and links, for a heading's or a
    caption's entry in the contents or a list of tables (a link may not hold a link)."""
    children = inline.children or []
    if label:
        children = [c for c in children if c.type not in _NOT_IN_A_LABEL]
    trust(children)
    html = renderer(core).renderInline(children, core.md.options, core.env)
    cleaned, _ = clean_fragment(html.strip())
    return cleaned


def text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def link(attrs: dict[str, str | int | float], content: str) -> list[Token]:
    """A link's tokens: its opening with `attrs`, `content` as its text, its closing."""
    opening = Token("link_open", "a", 1)
    opening.attrs = attrs
    return [opening, text(content), Token("link_close", "a", -1)]
