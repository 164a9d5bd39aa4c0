"""What can go wrong building an EPUB, as diagnostics E701-E706 (never a traceback)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from jinja2 import TemplateError

from octavo.errors import BuildError, error
from octavo.render.epub.container import EpubWriteError
from octavo.render.epub.css import StyleError
from octavo.render.templates import template_diagnostic

__all__ = ["epub_errors", "write_errors"]

T = TypeVar("T")


@contextmanager
def epub_errors() -> Iterator[None]:
    """Turn what a book's own templates or styles can break into diagnostics."""
    try:
        yield
    except TemplateError as exc:
        raise BuildError([template_diagnostic(exc)]) from exc
    except EpubWriteError as exc:
        raise BuildError(
            [
                error(
                    "E704",
                    f"an EPUB member is not well-formed XHTML: {exc}",
                    hint="check the book's own templates/epub/",
                )
            ]
        ) from exc
    except StyleError as exc:
        raise BuildError(
            [
                error(
                    "E706",
                    f"stylesheet: {exc.message}",
                    exc.path,
                    exc.line,
                    hint="define it in :root { … } of styles/base.css, or give var() a fallback",
                )
            ]
        ) from exc
    except FileNotFoundError as exc:
        raise BuildError([error("E703", f"a file the EPUB needs is missing: {exc}")]) from exc


def write_errors(path: Path, write: Callable[[], T]) -> T:
    """Run `write`; an OS error (a folder in the way, no permission) becomes E701."""
    try:
        return write()
    except OSError as exc:
        raise BuildError(
            [
                error(
                    "E701",
                    f"cannot write the EPUB: {exc.strerror or exc}",
                    path,
                    hint="choose another --out, or check the folder",
                )
            ]
        ) from exc
