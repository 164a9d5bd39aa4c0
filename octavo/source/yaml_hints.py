"""The hint for a front matter field that YAML read as no text (ut47 bug 22): YAML 1.1
reads an unquoted `No`, `Off`, `False` as false, `Yes`, `On`, `True` as true and `1995` as
a number, so `title: No` was told "'title' must be a non-empty string" with no hint at a
title the user did write. pandoc prints such a value as its text; octavo asks for quotes,
as E207 does for a date, naming the word as written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["yaml_hint"]

TEXTS = ("title", "country", "source", "chapter_title", "author", "kind", "lang", "parents")


def yaml_hint(text: str, lines: dict[str, int]) -> Callable[[str, Any], str]:
    """The hint for a field YAML read as no text: a title `No`, `On` or `1995` is false,
    true or a number to YAML 1.1 (pandoc prints such a value as its text; octavo asks for
    quotes, as E207 does for a date)."""

    def hint(key: str, value: Any) -> str:
        if key not in TEXTS:
            return ""
        values = value if isinstance(value, list) else [value]
        odd = [v for v in values if isinstance(v, bool | int | float)]
        if not odd:
            return ""
        at = lines.get(key, 0)
        line = text.splitlines()[at - 1] if 0 < at <= text.count("\n") + 1 else ""
        written = line.split(":", 1)[1].split(" #")[0].strip() if ":" in line else ""
        kinds = sorted(
            {"false" if v is False else "true" if v is True else "a number" for v in odd}
        )
        if isinstance(value, list):
            words = (
                [w.strip() for w in written.strip("[]").split(",")] if written[:1] == "[" else []
            )
            quoted = ", ".join(f'"{w.strip(chr(34) + chr(39))}"' for w in words if w)
            example = f"{key}: [{quoted}]" if quoted else f'{key}: ["…"]'
            return (
                f"YAML reads an unquoted title there as {' or '.join(kinds)}: quote each, {example}"
            )
        word = written or str(value)
        return f'YAML reads {word} as {kinds[0]}: quote it, {key}: "{word}"'

    return hint
