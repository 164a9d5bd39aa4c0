"""The tokens octavo makes by hand are of markdown-it's types (octavo.render.tokens)."""

from __future__ import annotations

from octavo.render.tokens import close, link


def test_a_closing_token_is_of_markdown_its_type() -> None:
    """`span_close`, as markdown-it names it: octavo's walkers (index.toml's terms in
    index_marks.auto_mark, the examples' spans) count spans by it; "spanclose" left a
    figure credit's span open to them."""
    for tag in ("span", "caption", "figcaption"):
        token = close(tag)
        assert (token.type, token.tag, token.nesting) == (f"{tag}_close", tag, -1)
    assert [t.type for t in link({"href": "#x"}, "x")] == ["link_open", "text", "link_close"]
