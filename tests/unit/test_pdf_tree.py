"""The print HTML tree: serializer and index paths."""

from __future__ import annotations

from typing import Any

import pytest
import tinyhtml5

from octavo.render.pdf.tree import element_at, path_of, serialize


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('<p class="a">x &amp; &lt;y&gt; “q”<br>z</p>', id="escapes-and-void"),
        pytest.param('<h2 id="h" data-octavo-fix="keep">T<span>n</span></h2>', id="attributes"),
        pytest.param('<p title="a &quot;b&quot;">c</p>', id="quoted-attribute"),
    ],
)
def test_serialize_round_trips(source: str) -> None:
    page = f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body>{source}</body></html>"
    parsed = tinyhtml5.parse(page)
    once = serialize(parsed)
    assert _shape(tinyhtml5.parse(once)) == _shape(parsed)  # no element, attribute or text lost
    assert serialize(tinyhtml5.parse(once)) == once


def _shape(element: Any) -> tuple[object, ...]:
    """Everything the serializer must keep: tag, attributes, text, children, tail."""
    return (
        element.tag,
        sorted(element.attrib.items()),
        element.text or "",
        [_shape(child) for child in element],
        element.tail or "",
    )


def test_index_paths_find_the_element_again() -> None:
    tree = tinyhtml5.parse("<html><body><div><p>a</p><p id=x>b</p></div></body></html>")
    target = tree.find(".//*[@id='x']")
    assert element_at(tree, path_of(tree, target)) is target
