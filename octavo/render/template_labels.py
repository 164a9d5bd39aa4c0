"""A label read in a template as the book prints it.

A template is given the book's `Labels` (octavo.model.labels). octavo's own templates print
a label through `labels.format("contents")`; a book's own template that read it as
`labels.contents` or `labels["contents"]` got Jinja's fallback, the catalogue's text as
written (`Con{{t}}ents`, `Chapter {number}`). Here such a read gives the label formatted,
in the book's language; one whose fields need values is a `Fielded` label: defined and
true (`labels.page_of is defined`, `labels.page_of | default(…)` and `{% if %}` test it
as any label), a template error (E702) naming the call to make only where it is printed.
Nothing more of the Labels is reached than `format` reaches: its methods and fields stay
as the sandbox gives them.
"""

from __future__ import annotations

import string

from jinja2 import TemplateRuntimeError

from octavo.model import Labels

__all__ = ["Fielded", "label_read", "reads_label"]


def reads_label(obj: object, name: object, subscript: bool = False) -> bool:
    """Is `obj[name]` (`subscript`) or `obj.name` a label read: `labels["updated"]` is;
    `labels.updated` only where no method or field of Labels has that name (there it is
    the method: `labels.updated(section)`)."""
    if not isinstance(obj, Labels) or not isinstance(name, str):
        return False
    return subscript or not hasattr(Labels, name)


def label_read(labels: Labels, key: str) -> str | Fielded | None:
    """The label `key` as the book prints it; None for no such label (the template's
    undefined); a label with fields `Fielded`, refused where it is printed."""
    try:
        written = labels[key]
    except KeyError:
        return None
    fields = sorted({f for _, f, _, _ in string.Formatter().parse(written) if f is not None})
    if fields:
        return Fielded(key, written, tuple(fields))
    return labels.format(key)


class Fielded:
    """A label whose fields need values, read unfilled (`labels.chapter_label`): a value
    a template may test (defined, true), never print: printed (or made text, `~`), it is
    E702 naming the call that fills its fields. No attribute of it is reachable (the
    sandbox refuses names that begin with '_')."""

    __slots__ = ("_fields", "_key", "_written")

    def __init__(self, key: str, written: str, fields: tuple[str, ...]) -> None:
        self._key, self._written, self._fields = key, written, fields

    def __str__(self) -> str:
        values = ", ".join(f"{name}=…" for name in self._fields)
        raise TemplateRuntimeError(
            f"label {self._key!r} has fields to fill ({self._written!r}): "
            f"write labels.format({self._key!r}, {values})"
        )

    def __html__(self) -> str:  # printed where the template escapes
        return str(self)

    def __bool__(self) -> bool:
        return True
