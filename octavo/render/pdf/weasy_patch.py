"""What octavo's patches of WeasyPrint's internals share (octavo.render.pdf.weasy_speed,
weasy_draw, weasy_pages, weasy_styles, weasy_text; docs/architecture.md lists them all):
each patches one name of one module, only on the version it was read against and only while
the patched function's source still has the shape read."""

from __future__ import annotations

import inspect
import sys
from typing import Any

__all__ = ["checked_source", "is_patched", "layout_methods", "layout_patched"]


def checked_source(version: str, module: Any, name: str) -> str | None:
    """The source of `module.name` if this WeasyPrint's version starts with `version` and
    the source can be read; else None (the patch is then not made)."""
    import weasyprint

    if not str(weasyprint.__version__).startswith(version):
        return None
    try:
        return inspect.getsource(getattr(module, name))
    except (OSError, TypeError, AttributeError):
        return None  # no source to check the shape against


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
