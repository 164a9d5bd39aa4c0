"""pandoc's example_lists: items marked `(@)` or `(@label)` are numbered one after another
through the text, whatever lies between their lists, and `@label` in the text is the
number of the example so labelled (pandoc's HTML: `<ol class="example">`, `start` where a
list goes on from the one before). octavo.render.fancy_lists reads the markers.

pandoc's text is the whole book: a section's examples go on from those of the sections
before it (Context.examples_before), and `@label` may name an example of another section,
before or after it. A body rendered for the book (Context.examples_in_book) turns a label
it does not hold into a link octavo.render.xref resolves once every section is rendered:
the example's number, or the text as written where the book has no such label (pandoc's
`@label` then stays as it is too).
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render.tokens import State, list_items
from octavo.render.xref import EXAMPLE_REF, EXAMPLE_TARGET

__all__ = ["number", "refer"]

# not an address's "office@vela", nor a table's, figure's or section's `@tbl:label`
# (octavo.render.inlines, which runs later)
_REFERENCE = re.compile(r"(?<![\w@])@(?!(?:tbl|fig|sec):)([\w-]+)")
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
            if label and label not in labels:
                labels[label] = examples
    state.env[_LABELS] = labels


def refer(state: StateCore) -> None:
    """`@good` in the text: the number of the example labelled `good`, or, for the book, a
    reference to resolve (`EXAMPLE_REF`)."""
    env = state.env if isinstance(state.env, dict) else {}
    labels = env.get(_LABELS) or {}
    found = _state(state)
    in_book = found is not None and found.context.examples_in_book
    if not labels and not in_book:
        return
    for block in state.tokens:
        if not block.children or not any(
            c.type == "text" and "@" in c.content for c in block.children
        ):
            continue
        children: list[Token] = []
        links = 0  # a link's text holds no link of its own
        for child in block.children:
            links += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type != "text" or "@" not in child.content:
                children.append(child)
                continue
            child.content = _REFERENCE.sub(
                lambda m: str(labels[m[1]]) if m[1] in labels else m[0], child.content
            )
            children += _left_for_the_book(child) if in_book and not links else [child]
        block.children = children


def _left_for_the_book(token: Token) -> list[Token]:
    """`token` with each `@label` it still holds made a link for octavo.render.xref."""
    parts = _REFERENCE.split(token.content)
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
        opening.attrs = {"href": f"#{EXAMPLE_TARGET}{part}", "class": f"xref {EXAMPLE_REF}"}
        text = Token("text", "", 0)
        text.content = f"@{part}"
        out += [opening, text, Token("link_close", "a", -1)]
    return out


def _state(state: StateCore) -> State | None:
    found = state.env.get("octavo") if isinstance(state.env, dict) else None
    return found if isinstance(found, State) else None
