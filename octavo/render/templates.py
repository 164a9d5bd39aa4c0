"""The Jinja2 environment over templates/ (a book's own templates/ first)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from octavo.paths import template_dirs

__all__ = ["environment", "yaml_scalar"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_scalar(value: object) -> str:
    """A YAML value on one line: plain when it reads back the same, else double-quoted."""
    if isinstance(value, (list, tuple)):
        items = [yaml_scalar(v) for v in value]
        flow = "[" + ", ".join(items) + "]"
        return (
            flow
            if yaml.load(f"k: {flow}", Loader=_LOADER) == {"k": list(value)}
            else json.dumps(list(value), ensure_ascii=False)
        )
    text = str(value)
    plain_ok = text and text == text.strip() and not any(c in text for c in ",[]{}#&*!|>'\"%@`")
    if plain_ok:
        try:
            if yaml.load(f"k: {text}", Loader=_LOADER) == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


@lru_cache(maxsize=8)
def environment(book: Path | None = None) -> Environment:
    """One environment per template search path (compiled templates are cached in it)."""
    env = Environment(
        loader=FileSystemLoader([str(p) for p in template_dirs(book)]),
        autoescape=select_autoescape(["html", "xhtml", "xml", "opf", "ncx"], default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["yaml"] = yaml_scalar
    env.filters["toml"] = lambda v: json.dumps(str(v), ensure_ascii=False)
    return env
