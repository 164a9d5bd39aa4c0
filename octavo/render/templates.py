"""The Jinja2 environment over a template search path (octavo.project.Project.env), sandboxed.

A book's templates are untrusted (docs/security.md): they run in Jinja's
ImmutableSandboxedEnvironment (no `__class__`, `__globals__`, no mutation of what they are
given), and `SandboxedLoader` reads a template only through octavo.sandbox: a template (or
an include) whose real path leaves the template folders, that is not a regular file, or that
is over the size limit is refused with a coded diagnostic before it is read.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NoReturn

import yaml
from jinja2 import (
    BaseLoader,
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from octavo.errors import BuildError, error, template_diagnostic
from octavo.sandbox import FileRefused, read_file

__all__ = ["SandboxedLoader", "environment", "yaml_scalar"]

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


class SandboxedLoader(BaseLoader):
    """Templates from `search` (first found wins), read only if their real path lies under
    one of those folders (octavo.sandbox rules; a refusal is a BuildError with its code)."""

    def __init__(self, search: tuple[Path, ...]):
        self.search = search

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        earlier: list[Path] = []  # where an override would shadow the template found
        for folder in self.search:
            candidate = Path(posixpath.join(folder, *pieces))
            if os.path.lexists(candidate):
                break
            earlier.append(candidate)
        else:
            raise TemplateNotFound(template)
        try:
            data = read_file(candidate, self.search, "template")
        except FileRefused as refused:
            raise BuildError([refused.diagnostic]) from refused
        try:
            contents = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BuildError(
                [error("E002", f"not UTF-8 (byte 0x{data[exc.start]:02x})", candidate)]
            ) from exc
        mtime = os.lstat(candidate).st_mtime

        def uptodate() -> bool:
            """Unchanged, and not shadowed since by a new override (a long-running watch, or
            a new book at a path an earlier one had)."""
            try:
                same = os.lstat(candidate).st_mtime == mtime
            except OSError:
                return False
            return same and not any(os.path.lexists(p) for p in earlier)

        return contents, str(candidate), uptodate


class _Sandboxed(ImmutableSandboxedEnvironment):
    """The sandbox, whose template errors (compiling or rendering, for every output) are
    coded diagnostics where they happen, never a traceback."""

    def handle_exception(self, source: str | None = None) -> NoReturn:
        try:
            super().handle_exception(source)  # re-raised with the template's own frames
        except TemplateError as exc:
            found = template_diagnostic(exc)
            if found is None:
                raise
            raise BuildError([found]) from exc


@lru_cache(maxsize=8)
def environment(folders: tuple[Path, ...]) -> Environment:
    """One environment per template search path (compiled templates are cached in it)."""
    env = _Sandboxed(
        loader=SandboxedLoader(folders),
        autoescape=select_autoescape(["html", "xhtml", "xml", "opf", "ncx"], default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["yaml"] = yaml_scalar
    env.filters["toml"] = lambda v: json.dumps(str(v), ensure_ascii=False)
    return env
