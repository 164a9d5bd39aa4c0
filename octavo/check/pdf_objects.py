"""A PDF's objects read as the types PDF gives them (for the PDF/X-1a read-back,
octavo.check.paint): a dictionary, a stream, a number, a resource of a page or form, a
page's inherited entry; any other type is `Malformed`, whose message tells what was found
(`shape`: 'the number 3', 'a name (/X)').
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pikepdf

__all__ = ["Malformed", "dictionary", "inherited", "number", "resource", "shape", "stream_of"]


class Malformed(ValueError):
    """An object of another type than PDF gives it; the message says which and what."""


def resource(resources: Any, kind: str, name: Any) -> Any:
    """The resource `name` of `kind` (/XObject, /Pattern…): a dictionary (or a stream's),
    a colour space (a name or an array), or None."""
    if not isinstance(name, pikepdf.Name):
        raise Malformed(f"an operand naming a {kind[1:]} resource is {shape(name)}")
    if resources is None:
        return None
    listed = dictionary(resources.get(kind), f"the resources' {kind}")
    found = listed.get(str(name)) if listed is not None else None
    return found if kind == "/ColorSpace" else dictionary(found, f"{kind[1:]} {name}")


def inherited(page: Any, key: str) -> Any:
    """A page's entry, or the nearest of its /Pages parents' (/Resources is inherited)."""
    node, depth = page, 0
    while isinstance(node, pikepdf.Dictionary) and depth < 32:
        if key in node:
            return node[key]
        node, depth = node.get("/Parent"), depth + 1
    return None


def stream_of(owner: Any, what: str) -> None:
    if not isinstance(owner, pikepdf.Stream):
        raise Malformed(f"{what} is {shape(owner)}, not a stream")


def dictionary(value: Any, what: str) -> Any:
    """`value` if a dictionary (or a stream's) or absent (None); else Malformed."""
    if value is None or isinstance(value, pikepdf.Dictionary | pikepdf.Stream):
        return value
    raise Malformed(f"{what} is {shape(value)}, not a dictionary")


def number(value: Any, what: str) -> float:
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return float(value)
    raise Malformed(f"{what} is {shape(value)}, not a number")


def shape(value: Any) -> str:
    """What a PDF object is, told: 'the number 3', 'a name (/X)', 'a stream'."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | Decimal):
        return f"the number {value}"
    if isinstance(value, pikepdf.Name):
        return f"a name ({value})"
    if isinstance(value, pikepdf.String):
        return "a string"
    if isinstance(value, pikepdf.Array):
        return "an array"
    if isinstance(value, pikepdf.Stream):
        return "a stream"
    return "a dictionary" if isinstance(value, pikepdf.Dictionary) else "null"
