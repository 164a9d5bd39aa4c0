"""pandoc's example_lists: items marked `(@)` or `(@label)` are numbered one after another
through the body, whatever lies between their lists, and `(@label)` in the text is the
number of the example so labelled (pandoc's HTML: `<ol class="example">`, `start` where a
list goes on from the one before). octavo.render.fancy_lists reads the markers.
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore

from octavo.render.tokens import list_items

__all__ = ["number", "refer"]

_REFERENCE = re.compile(r"(?<![\w@])@([\w-]+)")  # not an address's "office@vela"
_LABELS = "octavo_examples"  # env: each example's label -> its number


def number(state: StateCore, lists: list[int]) -> None:
    """The example lists opened at those tokens numbered on from each other; their labels
    kept for `refer`."""
    tokens = state.tokens
    examples = 0
    labels: dict[str, int] = {}
    for at in lists:
        opening = tokens[at]
        others = {k: v for k, v in opening.attrs.items() if k != "start"}
        # `start` first, as markdown-it writes it (octavo.render.pdf.html reads it there)
        opening.attrs = {"start": examples + 1, **others} if examples else others
        for item in list_items(tokens, at):
            examples += 1
            label = item.info.removeprefix("(").removeprefix("@")
            if label and label not in labels:
                labels[label] = examples
    state.env[_LABELS] = labels


def refer(state: StateCore) -> None:
    """`(@good)` in the text: the number of the example labelled `good`."""
    labels = state.env.get(_LABELS) if isinstance(state.env, dict) else None
    if not labels:
        return
    for block in state.tokens:
        for child in block.children or ():
            if child.type == "text" and "@" in child.content:
                child.content = _REFERENCE.sub(
                    lambda m: str(labels[m[1]]) if m[1] in labels else m[0], child.content
                )
