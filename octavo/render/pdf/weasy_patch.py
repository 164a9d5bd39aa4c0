"""What octavo's patches of WeasyPrint's internals share (octavo.render.pdf.weasy_speed,
weasy_draw, weasy_pages, weasy_styles, weasy_text, weasy_lines, weasy_leaders, weasy_indent,
weasy_margins, weasy_carried;
docs/architecture.md lists them all): each patches one name of one module, only on the
version it was read against and only while the patched function's source still has the
shape read (`checked_source`, `checked_sources`), and puts its wrapper in place by `replace`
(weasy_imports, which changes a module's code as it is imported, excepted)."""

from __future__ import annotations

import ast
import inspect
import linecache
import sys
import textwrap
from collections.abc import Callable
from types import CodeType
from typing import Any

__all__ = [
    "checked_source",
    "checked_sources",
    "is_patched",
    "layout_methods",
    "layout_patched",
    "replace",
]


def checked_source(version: str, module: Any, name: str) -> str | None:
    """The source of `module.name` if this WeasyPrint's version starts with `version` and
    the source can be read; else None (the patch is then not made)."""
    import weasyprint

    if not str(weasyprint.__version__).startswith(version):
        return None
    try:
        found = inspect.unwrap(getattr(module, name))
        return _function_source(found) or inspect.getsource(found)
    except (OSError, TypeError, AttributeError, ValueError):
        return None  # no source to check the shape against


def checked_sources(version: str, *wanted: tuple[Any, str]) -> tuple[str, ...] | None:
    """The sources of each `(module, name)` of `wanted` (`checked_source`), in order; None
    if any of them cannot be read on this version (the patch is then not made)."""
    found = [checked_source(version, module, name) for module, name in wanted]
    return None if None in found else tuple(source for source in found if source is not None)


def replace(
    module: Any, name: str, wrap: Callable[[Any], Any], shipped_in: Any | None = None
) -> bool:
    """`module.name = wrap(module.name)`; True. With `shipped_in` (the module that defines
    the function, when `module` calls it by a name imported from there), only while
    `module.name` is still that very function; False and nothing replaced if not."""
    shipped = getattr(module, name)
    if shipped_in is not None and shipped is not getattr(shipped_in, name):
        return False
    setattr(module, name, wrap(shipped))
    return True


def _function_source(found: Any) -> str | None:
    """`inspect.getsource`'s text of a function, read without tokenizing its module
    (CPython 3.11's tokenizer is Python: 16 checks took ~45 ms of a worker's warm-up).
    Its lines run from its first (a decorator's) through its body, which begins at its
    first line of code (a signature may close at the left: `):`) and ends before a line
    indented no deeper than the first; at the end, blank lines and comments less deep than
    the body are left out, as `inspect` leaves them. None unless that text parses alone
    (a string or brackets reaching back to the left): the caller asks `inspect` then."""
    code = getattr(found, "__code__", None)
    if not isinstance(code, CodeType) or not code.co_filename.endswith(".py"):
        return None
    lines = linecache.getlines(code.co_filename)
    first = code.co_firstlineno - 1
    body = [n - 1 for _, _, n in code.co_lines() if n is not None and first < n - 1 < len(lines)]
    if not 0 <= first < len(lines) or not body:
        return None
    indent, deep = _indent(lines[first]), _indent(lines[min(body)])
    end = min(body) + 1
    while end < len(lines) and (_idle(lines[end]) or _indent(lines[end]) > indent):
        end += 1
    while end > first + 1 and _idle(last := lines[end - 1]):
        if last.strip() and _indent(last) >= deep:
            break  # a comment as deep as the body: the body's
        end -= 1
    text = "".join(lines[first:end])
    try:
        ast.parse(textwrap.dedent(text))
    except (SyntaxError, ValueError):
        return None
    return text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _idle(line: str) -> bool:
    """A blank line or a comment: neither ends a block nor belongs to its end."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def is_patched(module: str, name: str, marker: str) -> bool:
    """Whether `module.name` is octavo's patch, which carries the attribute `marker`."""
    found = sys.modules.get(module)
    return getattr(getattr(found, name, None), marker, False) is True


def layout_methods() -> tuple[tuple[Any, str], ...]:
    """The methods through which octavo has WeasyPrint lay out and draw a document
    (`HTML.render`, `Document.write_pdf`): what octavo.render.pdf.weasy_stack and
    weasy_gc wrap, each its own way, in either order."""
    import weasyprint
    from weasyprint.document import Document

    return ((weasyprint.HTML, "render"), (Document, "write_pdf"))


def layout_patched(marker: str) -> bool:
    """Whether every method of `layout_methods` is octavo's patch carrying `marker` (or
    wraps one: functools.wraps copies the attribute onto a wrapper over it)."""
    return all(getattr(getattr(c, n), marker, False) is True for c, n in layout_methods())
