"""A label read in a template as the book prints it.

A template is given the book's `Labels` (octavo.model.labels). octavo's own templates print
a label through `labels.format("contents")`; a book's own template that read it as
`labels.contents` or `labels["contents"]` got Jinja's fallback, the catalogue's text as
written (`Con{{t}}ents`, `Chapter {number}`). Here such a read gives the label formatted,
in the book's language; one whose fields need values is a template error (E702) that
names the call to make. Nothing more of the Labels is reached than `format` reaches: its
methods and fields stay as the sandbox gives them.
"""

from __future__ import annotations

import string

from jinja2 import TemplateRuntimeError

from octavo.model import Labels

__all__ = ["label_read", "reads_label"]


def reads_label(obj: object, name: object, subscript: bool = False) -> bool:
    """Is `obj[name]` (`subscript`) or `obj.name` a label read: `labels["updated"]` is;
    `labels.updated` only where no method or field of Labels has that name (there it is
    the method: `labels.updated(section)`)."""
    if not isinstance(obj, Labels) or not isinstance(name, str):
        return False
    return subscript or not hasattr(Labels, name)


def label_read(labels: Labels, key: str) -> str | None:
    """The label `key` as the book prints it; None for no such label (the template's
    undefined). A label with fields is refused, naming them."""
    try:
        written = labels[key]
    except KeyError:
        return None
    fields = sorted({f for _, f, _, _ in string.Formatter().parse(written) if f is not None})
    if fields:
        values = ", ".join(f"{name}=…" for name in fields)
        raise TemplateRuntimeError(
            f"label {key!r} has fields to fill ({written!r}): "
            f"write labels.format({key!r}, {values})"
        )
    return labels.format(key)
