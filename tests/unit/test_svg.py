"""octavo.render.svg: what could run or load is taken out of an SVG."""

from __future__ import annotations

import pytest

from octavo.render.svg import SvgError, clean_svg

SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<script>alert(1)</script>
<rect width="10" height="10" onclick="x()" style="fill: url(http://evil/p)"/>
<image xlink:href="http://example.org/x.png"/><use href="#a"/>
<style>@import url(http://evil/s.css);</style>
<foreignObject><p>html</p></foreignObject>
</svg>"""


def test_scripts_handlers_and_outside_references_are_removed() -> None:
    cleaned, removed = clean_svg(SVG)
    text = cleaned.decode()
    for gone in ("<script", "onclick", "http://evil", "example.org", "foreignObject", "@import"):
        assert gone not in text
    assert 'href="#a"' in text and "<rect" in text
    assert set(removed) >= {"<script>", "onclick= on <rect>", "<style>", "<foreignObject>"}


def test_entities_are_never_expanded() -> None:
    bomb = b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>'
    assert b"aaaaaaaaaa" not in clean_svg(bomb)[0]


@pytest.mark.parametrize("data", [b"not xml", b"<html/>"])
def test_not_an_svg(data: bytes) -> None:
    with pytest.raises(SvgError):
        clean_svg(data)


def test_an_entity_of_its_own_doctype_is_removed_and_told() -> None:
    """`<!ENTITY x SYSTEM "file:///…">` then `&x;`: never resolved, but written back as
    `&x;` it made the SVG not XML (E704 in the EPUB, the image silently left out of the
    PDF); it is removed, the words around it kept, and W514 says so."""
    data = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>before &x; after</text></svg>'
    )
    cleaned, removed = clean_svg(data)
    assert b"&x;" not in cleaned and b"before  after" in cleaned and removed == ("entity &x;",)
