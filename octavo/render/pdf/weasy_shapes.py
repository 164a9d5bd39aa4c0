"""How two of WeasyPrint's modules are changed as they are imported
(octavo.render.pdf.weasy_imports, which finds, compiles, keeps and runs them; its FFI's
change is octavo.render.pdf.weasy_ffi's): each a `shape` of the module's tree and a `give`
of the names the changed module runs with.

- weasyprint.pdf.fonts: its fontTools imports made when used (`shape_fonts`, `give_fonts`);
- weasyprint.html: its presentational hints' stylesheet made when used, its user agent's
  taken from what an earlier process kept (`shape_html`, `give_html`).
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable
from typing import Any

from octavo.cache import Store

__all__ = [
    "DEFERRED",
    "LATER",
    "USER_AGENT",
    "give_fonts",
    "give_html",
    "shape_fonts",
    "shape_html",
]


# the top-level `from fontTools... import name` of weasyprint.pdf.fonts imported when used
DEFERRED = (("fontTools", "subset"), ("fontTools.varLib.instancer", "instantiateVariableFont"))
# the stylesheet weasyprint.html makes at its top level (a call of its CSS class) and a
# document uses only when it asks for presentational hints, made when used: not the forms'
# (~1 ms), made with the counter styles every document copies before it reads a sheet
LATER = ("PH_STYLESHEET",)
USER_AGENT = "UA_STYLESHEET"  # the one it always uses: kept between processes
_LATER = "_octavo_later"  # the name `_Later` is handed in as
_KEPT = "_octavo_user_agent"  # the name weasy_sheets.user_agent_sheet is handed in as


class _Deferred:
    """A name of a module imported the first time it is used: a module's attribute read
    (`subset.Options`) or a function called (`instantiateVariableFont(...)`)."""

    def __init__(self, module: str, name: str):
        self._module, self._name = module, name

    def _found(self) -> Any:
        module = importlib.import_module(self._module)
        try:
            return getattr(module, self._name)
        except AttributeError:  # a submodule not imported yet (`from fontTools import subset`)
            return importlib.import_module(f"{self._module}.{self._name}")

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._found(), attribute)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._found()(*args, **kwargs)


def shape_fonts(tree: ast.Module) -> tuple[()] | None:
    """weasyprint.pdf.fonts (`tree`, changed in place) without its top-level imports of
    DEFERRED (`give_fonts` gives each name as a `_Deferred`); None (`tree` as it was)
    unless each is imported exactly once, alone in its statement, by its own name."""
    found: dict[tuple[str, str], ast.stmt] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and len(node.names) == 1:
            alias = node.names[0]
            key = (node.module or "", alias.name)
            if key in DEFERRED and alias.asname is None:
                if key in found:
                    return None
                found[key] = node
    if len(found) != len(DEFERRED):
        return None
    for node in found.values():
        tree.body.remove(node)
    return ()


def give_fonts(read: tuple[Any, ...], store: Store) -> dict[str, Any]:
    return {name: _Deferred(module, name) for module, name in DEFERRED}


class _Later:
    """A module's value made the first time it is used (an attribute of it read)."""

    def __init__(self, make: Callable[[], Any]):
        self._make: Callable[[], Any] | None = make
        self._made: Any = None

    def __getattr__(self, attribute: str) -> Any:
        if self._make is not None:
            self._made, self._make = self._make(), None
        return getattr(self._made, attribute)


def shape_html(tree: ast.Module) -> tuple[()] | None:
    """weasyprint.html (`tree`, changed in place) with each stylesheet of LATER (a top-level
    assignment of a call of CSS, given no counter styles: a deferred one could not add to
    those a document copies first) made when used, the call wrapped in a lambda handed to
    `_Later`, and its user-agent stylesheet (USER_AGENT, a call of CSS with the names of
    its text and of its counter styles) taken from what an earlier process kept
    (octavo.render.pdf.weasy_sheets.user_agent_sheet). None (`tree` as it was) unless each
    is assigned exactly once at the top level, alone, from such a call of `CSS`."""
    found: dict[str, ast.Assign] = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else ()
        names = [_name(t) for t in targets]
        if not any(n in (*LATER, USER_AGENT) for n in names):
            continue
        if len(names) != 1 or names[0] in found or not isinstance(node, ast.Assign):
            return None
        if not (isinstance(node.value, ast.Call) and _name(node.value.func) == "CSS"):
            return None
        found[names[0]] = node
    if len(found) != len(LATER) + 1:
        return None
    calls = {name: node.value for name, node in found.items() if isinstance(node.value, ast.Call)}
    if any(k.arg == "counter_style" for name in LATER for k in calls[name].keywords):
        return None
    made = calls[USER_AGENT]
    given = {k.arg: _name(k.value) for k in made.keywords}
    if made.args or set(given) != {"string", "counter_style"} or not all(given.values()):
        return None
    empty = ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[])
    for name, node in found.items():
        make = ast.Lambda(empty, node.value)
        if name == USER_AGENT:
            text, counters = (ast.Name(given[k], ast.Load()) for k in ("string", "counter_style"))
            call = ast.Call(ast.Name(_KEPT, ast.Load()), [make, text, counters], [])
        else:
            call = ast.Call(ast.Name(_LATER, ast.Load()), [make], [])
        node.value = ast.copy_location(call, node.value)
    ast.fix_missing_locations(tree)
    return ()


def give_html(read: tuple[Any, ...], store: Store) -> dict[str, Any]:
    from octavo.render.pdf.weasy_sheets import user_agent_sheet

    return {_LATER: _Later, _KEPT: user_agent_sheet}


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else ""
