"""How deep each heading of a section's body is set: its rank below the section's heading.

A body's headings are an outline under the section's own heading, and a reader (and DAISY
Ace, `heading-order`) wants it without a gap: an h2 followed by an h4 is a level skipped.
A body is often written in `##` alone, its page's title being the front matter's (as on
GitHub): set as written (`#` one level below the section's heading), such a body left
that level out, and the EPUB failed Ace. So the body's shallowest heading is the first
level below the section's heading, whatever its number of `#`, and each heading is one
level below the nearest heading before it that is written shallower: `#` then `###` sets
the `###` one level deeper, not two, and tells it (W528), so both outputs keep an outline
without gaps.
"""

from __future__ import annotations

from markdown_it.token import Token

from octavo.render.tokens import State

__all__ = ["heading_ranks"]


def heading_ranks(state: State, tokens: list[Token]) -> dict[int, int]:
    """The rank of each `heading_open` among `tokens` (by index): 1 just below the section's
    heading; a level skipped is W528 at its line."""
    written = [(i, int(t.tag[1])) for i, t in enumerate(tokens) if t.type == "heading_open"]
    if not written:
        return {}
    top = min(level for _, level in written)
    ranks: dict[int, int] = {}
    above: list[int] = []  # the written levels of the headings this one is under
    for i, level in written:
        while above and above[-1] >= level:
            above.pop()
        allowed = (above[-1] if above else top - 1) + 1
        if level > allowed:
            opening = tokens[i]
            after = "#" * (allowed - 1) or "the section's title"
            state.problem(
                "W528",
                f"heading {'#' * level} skips a level (after {after}): set one level below it",
                opening.map[0] if opening.map else 0,
                f"write it {'#' * allowed}, or give the heading above it the level meant",
            )
        ranks[i] = len(above) + 1
        above.append(level)
    return ranks
