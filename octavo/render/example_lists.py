"""pandoc's example_lists: items marked `(@)` or `(@label)` are numbered one after another
through the text, whatever lies between their lists, and `@label` in the text is the
number of the example so labelled (the last, if two are, as in pandoc; its HTML:
`<ol class="example">`, `start` where a list goes on from the one before).
octavo.render.fancy_lists reads the markers.

pandoc's text is the whole book: a section's examples go on from those of the sections
before it (Context.examples_before), and `@label` may name an example of another section,
before or after it. A body rendered for the book (Context.examples_in_book) turns a label
it does not hold into a link octavo.render.xref resolves once every section is rendered:
the example's number (the last so labelled in the book), or the text as written where the
book has no such label (pandoc's `@label` then stays as it is too). A label given twice
is a warning (W522, octavo.render.drafts).
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render.floats import CAPTION
from octavo.render.inlines import CITATION, IN_TEXT
from octavo.render.tokens import State, link, list_items, octavo_state, text
from octavo.render.xref import EXAMPLE_REF, EXAMPLE_TARGET

__all__ = ["number", "refer"]

# not an address's "office@vela", nor within a web address (".../@name"), nor a table's,
# figure's or section's `@tbl:label` (octavo.render.inlines, which runs later)
_REFERENCE = re.compile(r"(?<![\w@/.:=?&#%~+-])@(?!(?:[Tt]bl|[Ff]ig|[Ss]ec):)([\w-]+)")
_RAW_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
_RAW_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_LABELS = "octavo_examples"  # env: each example's label -> its number


def number(state: StateCore, lists: list[int]) -> None:
    """The example lists opened at those tokens numbered on from each other (and from the
    examples before this body); their labels kept for `refer`."""
    tokens = state.tokens
    found = _state(state)
    examples = found.context.examples_before if found is not None else 0
    labels: dict[str, int] = {}
    for at in lists:
        opening = tokens[at]
        others = {k: v for k, v in opening.attrs.items() if k != "start"}
        # `start` first, as markdown-it writes it (octavo.render.pdf.html reads it there)
        opening.attrs = {"start": examples + 1, **others} if examples else others
        for item in list_items(tokens, at):
            examples += 1
            label = item.info.removeprefix("(").removeprefix("@")
            if found is not None:
                found.examples.append(label)
            if label:
                labels[label] = examples  # a label given twice: the last, as pandoc's
    state.env[_LABELS] = labels


def refer(state: StateCore) -> None:
    """`@good` in the text: the number of the example labelled `good`, or, for the book, a
    reference to resolve (`EXAMPLE_REF`) where one may stand (`_left_for_the_book`)."""
    env = state.env if isinstance(state.env, dict) else {}
    labels = env.get(_LABELS) or {}
    found = _state(state)
    in_book = found is not None and found.context.examples_in_book
    if not labels and not in_book:
        return
    tokens = state.tokens
    for at, block in enumerate(tokens):
        if not block.children or "@" not in block.content:
            continue
        # a heading's or caption's words are also a label (the contents, bookmarks, the
        # list of tables), made from its text alone: no link may stand in them
        labelled = (at > 0 and tokens[at - 1].type == "heading_open") or bool(
            CAPTION.match(block.content)
        )
        children: list[Token] = []
        links = 0  # a link's text holds no link of its own
        spans: list[bool] = []  # open spans, each an index mark's (its words are a term)
        for child in block.children:
            links += _link_depth(child)
            if child.type == "span_open":
                spans.append(
                    "index" in str(child.attrGet("class") or "").split()
                    or child.attrGet("index") is not None
                )
            elif child.type == "span_close" and spans:
                spans.pop()
            if child.type != "text" or "@" not in child.content:
                children.append(child)
                continue
            child.content = _REFERENCE.sub(
                lambda m: str(labels[m[1]]) if m[1] in labels else m[0], child.content
            )
            left = in_book and not (labelled or links or any(spans))
            children += _left_for_the_book(child) if left else [child]
        block.children = children


def _link_depth(token: Token) -> int:
    """+1 where `token` opens a link (Markdown's or raw HTML's), -1 where it closes one."""
    if token.type in ("link_open", "link_close"):
        return 1 if token.type == "link_open" else -1
    if token.type == "html_inline":
        return 1 if _RAW_OPEN.match(token.content) else -1 if _RAW_CLOSE.match(token.content) else 0
    return 0


def _left_for_the_book(token: Token) -> list[Token]:
    """`token` with each `@label` it still holds made a link for octavo.render.xref, but
    for those a reader of pandoc's Markdown would take for a citation (`[@doe]`, an
    author-year `@smith1990`: octavo.render.inlines warns of them as they are written)."""
    words = token.content
    cited = [m.span() for m in CITATION.finditer(words)] if "[" in words else []
    out: list[Token] = []
    done = 0
    for match in _REFERENCE.finditer(words):
        at = match.start()
        if any(a <= at < b for a, b in cited) or IN_TEXT.match(words, at):
            continue
        if at > done:
            out.append(text(words[done:at]))
        href = f"#{EXAMPLE_TARGET}{match[1]}"
        out += link({"href": href, "class": f"xref {EXAMPLE_REF}"}, match[0])
        done = match.end()
    if not out:
        return [token]
    return [*out, text(words[done:])] if done < len(words) else out


def _state(state: StateCore) -> State | None:
    return octavo_state(state.env)
