"""The Jinja2 environment over a template search path (octavo.project.Project.env), sandboxed.

A book's templates are untrusted (docs/security.md): they run in Jinja's
ImmutableSandboxedEnvironment (no `__class__`, `__globals__`, no mutation of what they are
given), and `SandboxedLoader` reads a template only through octavo.sandbox: a template (or
an include) whose real path leaves the template folders, that is not a regular file, or that
is over the size limit is refused with a coded diagnostic before it is read.
"""

from __future__ import annotations

import contextlib
import json
import os
import posixpath
import sys
from collections.abc import Callable, MutableMapping
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, ClassVar, NoReturn

import yaml
from jinja2 import (
    BaseLoader,
    BytecodeCache,
    Environment,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.loaders import split_template_path

from octavo.errors import BuildError, error, template_diagnostic, template_failure
from octavo.render.budget import SPENT, BudgetedTemplate, size
from octavo.render.budget_env import BudgetedSandbox, computed
from octavo.render.signed import user_cache
from octavo.render.template_labels import label_read, reads_label
from octavo.sandbox import FileRefused, read_file
from octavo.shipped import TEMPLATES
from octavo.text import no_orphan

__all__ = ["SandboxedLoader", "ShippedBytecode", "compiled_folder", "environment", "yaml_scalar"]

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
        self.sizes: dict[str, int] = {}  # each template's length, as last read

    def load(
        self, environment: Environment, name: str, globals: MutableMapping[str, Any] | None = None
    ) -> Template:
        """The template, knowing its length: its literal text, which an include outputs
        each time (octavo.render.budget_env)."""
        template = super().load(environment, name, globals)
        if isinstance(template, BudgetedTemplate):
            template.source_size = self.sizes.get(name, 0)
        return template

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
        self.sizes[template] = len(contents)

        def uptodate() -> bool:
            """Unchanged, and not shadowed since by a new override (a long-running watch, or
            a new book at a path an earlier one had)."""
            try:
                same = os.lstat(candidate).st_mtime == mtime
            except OSError:
                return False
            return same and not any(os.path.lexists(p) for p in earlier)

        return contents, str(candidate), uptodate


# Whose methods a template may call: strings, lists and dicts, Markup, Jinja's own (macros,
# loops), dates, and octavo's data (the modules of octavo.model: pure functions of what
# they hold).
_CALLABLE_FROM = frozenset({"builtins", "markupsafe", "datetime"})


def _reachable(obj: Any, value: Any) -> bool:
    """Jinja's sandbox stops at private names and at mutation, not at a path's public
    methods: `ms.book.root.parent.joinpath('x').write_text(…)` wrote anywhere, and
    `project.style('../../x').read_text()` read anything. Nothing of a path or a project
    is read here, nor a method of anything but `_CALLABLE_FROM`'s; nor is a path or a
    project itself: `{{ ms.book.root }}` printed the builder's own folder
    (/home/<user>/…) into an EPUB they would then hand out."""
    from octavo.project import Project

    if isinstance(obj, (PurePath, Project)) or isinstance(value, (PurePath, Project)):
        return False
    if callable(value) and not isinstance(value, type):
        module = type(obj).__module__
        return module in _CALLABLE_FROM or module.startswith(("jinja2.", "octavo.model."))
    return True


class _Sandboxed(BudgetedSandbox):
    """The sandbox, its work counted (octavo.render.budget), whose template errors
    (compiling or rendering, for every output) are coded diagnostics where they happen,
    never a traceback."""

    # Jinja's answer for (type, attribute): its checks look at nothing else (isinstance of
    # function, method, type, code, generator, list, dict, set, deque, their ABCs; the
    # name); and whether the attribute is a property, whose value the budget spends
    _safe: ClassVar[dict[tuple[type, str], tuple[bool, bool]]] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's own check and octavo's (`_reachable`), made once for each type and
        attribute name: it is asked for every attribute a template reads, and its ABC
        checks were half of rendering a chapter. (An object whose __class__ is not its type
        is asked every time.) A property's value is spent at each read (budget_env)."""
        kind = type(obj)
        if obj.__class__ is not kind:
            return _reachable(obj, value) and bool(super().is_safe_attribute(obj, attr, value))
        known = self._safe.get((kind, attr))
        if known is None:
            safe = _reachable(obj, value) and bool(super().is_safe_attribute(obj, attr, value))
            self._safe[kind, attr] = (safe, computed(kind, attr))
            return safe
        if known[1]:
            SPENT.get().spend(size(value))
        return known[0]

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`labels.contents`: the label as the book prints it (octavo.render.template_labels)."""
        if reads_label(obj, attribute):
            found = label_read(obj, attribute)
            return self.undefined(obj=obj, name=attribute) if found is None else found
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """`labels["contents"]`, as `labels.contents`."""
        if reads_label(obj, argument, subscript=True):
            found = label_read(obj, argument)
            return self.undefined(obj=obj, name=argument) if found is None else found
        return super().getitem(obj, argument)

    def compile(
        self, source: Any, name: str | None = None, filename: str | None = None, *args: Any
    ) -> Any:
        """Jinja's compiler, whose own failures on a template (its constant folding of
        `10 ** 5000`, a number too long to write) are E702 at the template too."""
        try:
            return super().compile(source, name, filename, *args)
        except (TemplateError, BuildError):
            raise
        except Exception as exc:
            found = template_failure(exc, Path(filename) if filename else None)
            if found is None:
                raise
            raise BuildError([found]) from exc

    def handle_exception(self, source: str | None = None) -> NoReturn:
        try:
            super().handle_exception(source)  # re-raised with the template's own frames
        except TemplateError as exc:
            found = template_diagnostic(exc)
            if found is None:
                raise
            raise BuildError([found]) from exc
        except BuildError:
            raise
        except Exception as exc:  # a template's own mistake: `1/0`, recursion, `range(10**9)`
            found = template_failure(exc)
            if found is None:
                raise
            raise BuildError([found]) from exc


def compiled_folder() -> Path:
    """Where octavo's own templates are kept compiled: the user's cache folder
    ($XDG_CACHE_HOME, else ~/.cache), octavo/templates/."""
    return user_cache() / "templates"


class ShippedBytecode(BytecodeCache):
    """Jinja's compiled code of octavo's own templates, kept between runs as Python keeps
    its __pycache__: only for a template read from octavo's templates folder (`shipped`),
    never a book's (untrusted: compiled every time, run in the sandbox). An entry's name is
    the fingerprint of octavo's code, the libraries' versions (Jinja's among them), the
    Python version, the template's path and its source; Jinja checks the source's checksum
    again on loading. A folder that cannot be read or written only means compiling."""

    def __init__(self, folder: Path, shipped: Path = TEMPLATES):
        self.folder, self.shipped = folder, shipped

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        bucket = Bucket(environment, "", self.get_source_checksum(source))
        if filename is None or not Path(filename).is_relative_to(self.shipped):
            return bucket  # key "": never loaded, never kept
        from octavo.cache import fingerprint

        relative = Path(filename).relative_to(self.shipped).as_posix()
        bucket.key = fingerprint(sys.version, type(environment).__qualname__, relative, source)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = (self.folder / f"{bucket.key}.jinja").read_bytes()
        except OSError:
            return
        bucket.bytecode_from_string(data)  # a wrong magic or checksum leaves it empty

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not bucket.key:
            return
        from octavo.write import atomic_bytes

        with contextlib.suppress(OSError):
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_bytes(self.folder / f"{bucket.key}.jinja", bucket.bytecode_to_string())


@lru_cache(maxsize=8)
def environment(folders: tuple[Path, ...]) -> Environment:
    """One environment per template search path (compiled templates are cached in it, and
    octavo's own between runs: ShippedBytecode)."""
    env = _Sandboxed(
        loader=SandboxedLoader(folders),
        autoescape=select_autoescape(["html", "xhtml", "xml", "opf", "ncx"], default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        bytecode_cache=ShippedBytecode(compiled_folder()),
    )
    env.filters["yaml"] = yaml_scalar
    env.filters["toml"] = lambda v: json.dumps(str(v), ensure_ascii=False)
    env.filters["no_orphan"] = no_orphan  # a title page's title: its last two words on a line
    return env
