"""SVG images made safe to show: no scripts, no event handlers, nothing loaded from outside.

Both outputs use the cleaned SVG: the EPUB stores it, the print sandbox serves it to
WeasyPrint (octavo.render.url_sandbox). lxml parses it without entities or the network.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["SvgError", "clean_svg"]

_DROP = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler"}
_LINKS = {"href", "{http://www.w3.org/1999/xlink}href", "src"}
_EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?(?!#)", re.IGNORECASE)


class SvgError(ValueError):
    """Not an SVG document that can be read."""


def clean_svg(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The SVG without what could run or load, and what was removed ('<script>', …)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SvgError(str(exc)) from exc
    if root is None or etree.QName(root).localname != "svg":
        raise SvgError("the root element is not <svg>")
    removed: list[str] = []
    for element in list(root.iter(etree.Element)):
        name = etree.QName(element).localname
        if name in _DROP or (name == "style" and _EXTERNAL_CSS.search(element.text or "")):
            removed.append(f"<{name}>")
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for attribute in list(element.attrib):
            value = element.attrib[attribute].strip()
            local = etree.QName(attribute).localname
            external = attribute in _LINKS and not value.startswith(("#", "data:image/"))
            styled = local == "style" and _EXTERNAL_CSS.search(value)
            if local.lower().startswith("on") or external or styled:
                removed.append(f"{local}= on <{name}>")
                del element.attrib[attribute]
    for entity in list(root.iter(etree.Entity)):  # `&x;` of a DOCTYPE's, never resolved:
        removed.append(f"entity {entity.text}")  # written back it made the SVG not XML
        parent = entity.getparent()
        if parent is not None:
            _drop_keeping_tail(parent, entity)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8"), tuple(removed)


def _drop_keeping_tail(parent: etree._Element, node: etree._Element) -> None:
    """`node` out of `parent`, the text after it kept where it was."""
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)
