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
  each `<text>` and `<names>` that printed a variable while it was rendered says so
  (`Text._variable` and `Names.process` are wrapped for that), as pandoc's citeproc marks
  each variable a substitute used. (Formatting the child again with a stand-in character
  in each variable, as this did first, took another branch where a condition reads the
  value: `is-numeric="edition"`.)
- **`Names.process`**: a suppressed name variable is printed as one the entry lacks (its
  names' own substitute then stands in, as CSL says).

The list and the citations print the same, each item's suppression its own (citeproc-py
starts each item's afresh)."""

from __future__ import annotations

import hashlib
import inspect
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from octavo.render.citeproc_patch import arguments, install_once

__all__ = ["in_place", "install", "installed", "shipped"]

# the source of `Substitute.render` read (sha-256, first 16 digits): replaced whole
RENDER = "32332cf4b31c2c1a"
NAMES_SHAPE = "if role in item.reference:"  # how `Names.process` reads an entry's names
TEXT_SHAPE = "if self.tag in repressed and variable in repressed[self.tag]:"  # `Text`'s
# the arguments of the methods wrapped, as read
NAMES_ARGUMENTS = ("self", "item", "names_context", "context", "kwargs")
TEXT_ARGUMENTS = ("self", "item", "context")
MARK = "octavo_substitute"
_SHIPPED: dict[str, Any] = {}  # citeproc-py's methods, as patched
# .printed: the substitutes being rendered, each's (tag, variable); .said: in_place's words
_heard = threading.local()


def install() -> bool:
    """Patch this process's citeproc-py if it is a version and shape checked here (once);
    True if the patch is in place."""
    return install_once(installed, _patch)


def _patch(model: Any) -> bool:
    """citeproc-py's three methods replaced (`install`), if their shape is as read."""
    if _SHIPPED.get("held") or not _checked(model):
        return False
    _SHIPPED.update(
        render=model.Substitute.render,
        process=model.Names.process,
        variable=model.Text._variable,
    )
    model.Substitute.render = _render
    model.Names.process = _names_process(model.Names.process)
    model.Text._variable = _text_variable(model.Text._variable)
    return True


@contextmanager
def shipped() -> Iterator[None]:
    """citeproc-py's own methods while inside (the duplicates it prints, for a test)."""
    from citeproc import model

    if not installed():
        yield
        return
    patched = model.Substitute.render, model.Names.process, model.Text._variable
    model.Substitute.render, model.Names.process, model.Text._variable = (
        _SHIPPED["render"],
        _SHIPPED["process"],
        _SHIPPED["variable"],
    )
    _SHIPPED["held"] = True  # not patched again inside
    try:
        yield
    finally:
        model.Substitute.render, model.Names.process, model.Text._variable = patched
        _SHIPPED["held"] = False


@contextmanager
def in_place() -> Iterator[list[str]]:
    """What each substitute printed in this thread while inside, in order (the words
    standing in the author's place: octavo.render.citation_substitute); nothing where
    the patch is not in place."""
    kept = getattr(_heard, "said", None)
    said: list[str] = []
    _heard.said = said
    try:
        yield said
    finally:
        _heard.said = kept


def installed() -> bool:
    from citeproc import model

    return getattr(model.Substitute.render, MARK, False) is True


def _checked(model: Any) -> bool:
    try:
        render = inspect.getsource(model.Substitute.render)
        names = inspect.getsource(model.Names.process)
        text = inspect.getsource(model.Text._variable)
    except (OSError, TypeError, AttributeError):
        return False
    digest = hashlib.sha256(render.encode()).hexdigest()[:16]
    read = (
        arguments(model.Names, "process") == NAMES_ARGUMENTS
        and arguments(model.Text, "_variable") == TEXT_ARGUMENTS
    )
    return digest == RENDER and NAMES_SHAPE in names and TEXT_SHAPE in text and read


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
        stack = _stack()
        stack.append([])
        try:
            text = child.render(item, **options)
        except VariableError:
            continue
        finally:
            printed = stack.pop()
        if text:
            if stack:  # a substitute within one: what it printed stood in there too
                stack[-1].extend(printed)
            elif (said := getattr(_heard, "said", None)) is not None:
                said.append(str(text))  # what stands in the author's place (in_place)
            self.add_to_repressed_list(child, context)
            repressed = context.get_layout().repressed
            for tag, variable in printed:
                if variable not in repressed.get(tag, []):
                    repressed.setdefault(tag, []).append(variable)
            break
    return text


def _stack() -> list[list[tuple[str, str]]]:
    """The substitutes being rendered in this thread, each with what printed in it."""
    found: list[list[tuple[str, str]]] | None = getattr(_heard, "printed", None)
    if found is None:
        found = _heard.printed = []
    return found


_render.octavo_substitute = True  # type: ignore[attr-defined]


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
            text = process(self, item, names_context=names_context, context=context, **kw)
        finally:
            reference.update(kept)
        stack = _stack()
        if stack and text:  # its names printed in a substitute's place
            roles = self.get("variable").split()
            stack[-1] += [(self.tag, r) for r in roles if r in reference and r not in hidden]
        return text

    patched.octavo_substitute = True  # type: ignore[attr-defined]
    return patched


def _text_variable(variable_of: Any) -> Any:
    """`Text._variable` telling the substitute being rendered the variable it printed."""

    def patched(self: Any, item: Any, context: Any) -> Any:
        text = variable_of(self, item, context)
        stack = _stack()
        if stack and text:
            stack[-1].append((self.tag, self.get("variable")))
        return text

    patched.octavo_substitute = True  # type: ignore[attr-defined]
    return patched
