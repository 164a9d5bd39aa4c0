"""A variable printed in the author's place is printed there alone: CSL 1.0.2's
`cs:substitute` ("Substituted variables are suppressed in the rest of the output to
prevent duplication"), as pandoc's citeproc prints it. An entry naming nobody whose title
stands for its author is "Anonymous (1990)." in Harvard, where citeproc-py 0.11 printed
"Anonymous (1990) Anonymous."; a magazine's article "The Economist (1995) “Belarus votes,”
4 March.", without ", The Economist" again; an edited book "Doe, J. (ed.) (2001) Title.",
without "Edited by J. Doe".

citeproc-py suppresses a substitute's variable only where a `<text>` or `<names>` naming
it is a child of `<substitute>` itself, and a `<names>` never: Harvard's and Chicago's
title stands in from a `<choose>` or a macro there, and their editors are printed by
`<names>`. Two of its methods are patched (`install`), on citeproc-py 0.11 whose source
has the shape read, else left as shipped (the duplicates then print, as before):

- **`Substitute.render`**: as citeproc-py's, and the variables the child that stands in
  printed are suppressed too, wherever in it they are (a `<choose>`'s branch, a macro):
  those of its `<text>` and `<names>` the entry has, each found by formatting the child
  again with a stand-in in its place (a private-use character: no entry prints one).
- **`Names.process`**: a suppressed name variable is printed as one the entry lacks (its
  names' own substitute then stands in, as CSL says).

The list and the citations print the same, each item's suppression its own (citeproc-py
starts each item's afresh)."""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["install", "installed", "shipped"]

CHECKED = "0.11."  # the citeproc-py versions read (a prefix of citeproc.__version__)
# the source of `Substitute.render` read (sha-256, first 16 digits): replaced whole
RENDER = "32332cf4b31c2c1a"
NAMES_SHAPE = "if role in item.reference:"  # how `Names.process` reads an entry's names
TEXT_SHAPE = "if self.tag in repressed and variable in repressed[self.tag]:"  # `Text`'s
MARK = "octavo_substitute"
_STAND_IN = 0xE100  # private-use characters, one a variable (citation_substitute's: E000…)
_SHIPPED: dict[str, Any] = {}  # citeproc-py's methods, as patched


def install() -> bool:
    """Patch this process's citeproc-py if it is a version and shape checked here (once);
    True if the patch is in place."""
    from citeproc import model

    if installed():
        return True
    if _SHIPPED.get("held") or not _checked(model):
        return False
    _SHIPPED.update(render=model.Substitute.render, process=model.Names.process)
    model.Substitute.render = _render
    model.Names.process = _names_process(model.Names.process)
    return True


@contextmanager
def shipped() -> Iterator[None]:
    """citeproc-py's own methods while inside (the duplicates it prints, for a test)."""
    from citeproc import model

    if not installed():
        yield
        return
    patched = model.Substitute.render, model.Names.process
    model.Substitute.render, model.Names.process = _SHIPPED["render"], _SHIPPED["process"]
    _SHIPPED["held"] = True  # not patched again inside
    try:
        yield
    finally:
        model.Substitute.render, model.Names.process = patched
        _SHIPPED["held"] = False


def installed() -> bool:
    from citeproc import model

    return getattr(model.Substitute.render, MARK, False) is True


def _checked(model: Any) -> bool:
    import citeproc

    if not str(getattr(citeproc, "__version__", "")).startswith(CHECKED):
        return False
    try:
        render = inspect.getsource(model.Substitute.render)
        names = inspect.getsource(model.Names.process)
        text = inspect.getsource(model.Text._variable)
    except (OSError, TypeError, AttributeError):
        return False
    digest = hashlib.sha256(render.encode()).hexdigest()[:16]
    return digest == RENDER and NAMES_SHAPE in names and TEXT_SHAPE in text


def _render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """citeproc-py's `Substitute.render`, each variable the child standing in printed
    suppressed in the rest of the item's output."""
    from citeproc.model import Names
    from citeproc.source import VariableError

    text = None
    for child in self.getchildren():
        if isinstance(child, Names) and child.name is None:
            names = self.xpath_search("./parent::cs:names[1]")[0]
            options = {"names_context": names, "context": context, **kwargs}
        else:
            options = {"context": context, **kwargs}
        try:
            text = child.render(item, **options)
        except VariableError:
            continue
        if text:
            printed = _printed(child, item, options)
            self.add_to_repressed_list(child, context)
            repressed = context.get_layout().repressed
            for tag, variable in printed:
                if variable not in repressed.get(tag, []):
                    repressed.setdefault(tag, []).append(variable)
            break
    return text


_render.octavo_substitute = True  # type: ignore[attr-defined]


def _printed(child: Any, item: Any, options: dict[str, Any]) -> list[tuple[str, str]]:
    """The (tag, variable) of each `<text>` and `<names>` variable under `child` (through
    its macros) that the entry has and `child` prints: formatted again, each with a stand-in."""
    from citeproc.source import Name, VariableError
    from citeproc.string import String

    reference = item.reference
    found = [(tag, v) for tag, v in dict.fromkeys(_variables(child)) if _key(v) in reference]
    if not found:
        return []
    kept: dict[str, Any] = {}
    marks: list[str] = []
    try:
        for at, (tag, variable) in enumerate(found):
            mark = chr(_STAND_IN + at)
            marks.append(mark)
            keys = [_key(variable)]
            if tag == _tag("text") and _key(variable + "-short") in reference:
                keys.append(_key(variable + "-short"))  # what `form="short"` prints
            for key in keys:
                kept.setdefault(key, reference[key])
                reference[key] = [Name(literal=mark)] if tag == _tag("names") else String(mark)
        try:
            stood = str(child.render(item, **options) or "")
        except VariableError:
            stood = ""
    finally:
        reference.update(kept)
    return [pair for pair, mark in zip(found, marks, strict=True) if mark in stood]


def _variables(element: Any, seen: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(tag, variable) of each `<text>` and `<names>` printing a variable in `element`,
    its branches and the macros it calls (each macro once a path)."""
    for node in element.iter():
        if node.tag == _tag("text") and node.get("variable"):
            yield node.tag, node.get("variable")
        elif node.tag == _tag("names") and node.get("variable"):
            for variable in node.get("variable").split():
                yield node.tag, variable
        if node.tag == _tag("text") and node.get("macro") and node.get("macro") not in seen:
            macro = node.get_macro(node.get("macro"))
            yield from _variables(macro, seen | {node.get("macro")})


def _key(variable: str) -> str:
    return variable.replace("-", "_")  # citeproc-py's name of a CSL variable


def _tag(name: str) -> str:
    return "{http://purl.org/net/xbiblio/csl}" + name


def _names_process(process: Any) -> Any:
    """`Names.process` printing a suppressed name variable as one the entry lacks."""

    def patched(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kw: Any
    ) -> Any:
        repressed = (context if context is not None else self).get_layout().repressed
        hidden = [
            role
            for role in self.get("variable").split()
            if role in repressed.get(self.tag, ()) and role in item.reference
        ]
        reference = item.reference
        kept = {role: reference.pop(role) for role in hidden}
        try:
            return process(self, item, names_context=names_context, context=context, **kw)
        finally:
            reference.update(kept)

    patched.octavo_substitute = True  # type: ignore[attr-defined]
    return patched
