"""Diagnostics with stable codes and file:line, collected and raised at once; and the one
boundary (`boundary`) that turns what else a build can raise into such a diagnostic."""

from __future__ import annotations

import contextlib
import enum
import errno
import sys
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "BuildError",
    "Diagnostic",
    "Failure",
    "Severity",
    "boundary",
    "diagnose",
    "error",
    "format_diagnostics",
    "has_errors",
    "raise_if_errors",
    "template_diagnostic",
    "template_failure",
    "warning",
]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str  # stable, e.g. "E102"
    severity: Severity
    message: str
    file: Path | None = None
    line: int | None = None
    hint: str = ""

    @property
    def location(self) -> str:
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else str(self.file)

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.code} {self.severity.value}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


def error(
    code: str, message: str, file: Path | None = None, line: int | None = None, hint: str = ""
) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, file, line, hint)


def warning(
    code: str, message: str, file: Path | None = None, line: int | None = None, hint: str = ""
) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, file, line, hint)


class BuildError(Exception):
    """A user's mistake: one or more diagnostics. Never shown as a traceback."""

    def __init__(self, diagnostics: Iterable[Diagnostic], written: Iterable[Path] = ()):
        self.diagnostics = tuple(diagnostics)
        self.written = tuple(written)  # what a command of several outputs did write
        super().__init__(format_diagnostics(self.diagnostics))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (from a layout worker) as its diagnostics: the default, its message,
        was read back as diagnostics, one a character."""
        return (type(self), (self.diagnostics, self.written))


def format_diagnostics(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(str(d) for d in diagnostics)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any of the diagnostics is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def raise_if_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> None:
    """Raise BuildError when any diagnostic is an error (or any at all, if strict)."""
    found = tuple(diagnostics)
    if any(d.severity is Severity.ERROR or strict for d in found):
        raise BuildError(found)


class Failure(Exception):
    """An exception a renderer raises that knows its own diagnostic (EPUB members that are
    not XML, stylesheets that cannot be resolved); `boundary` reports it."""

    def diagnostic(self) -> Diagnostic:
        raise NotImplementedError


@contextlib.contextmanager
def boundary(output: str) -> Iterator[None]:
    """The one boundary from exception to coded diagnostic, around every command that makes
    an output (octavo.api): what `diagnose` knows becomes a BuildError; anything else is a
    bug in octavo and keeps its traceback. `output` names the output in messages."""
    try:
        yield
    except BuildError:
        raise
    except Exception as exc:
        found = diagnose(exc, output)
        if found is None:
            raise
        raise BuildError([found]) from exc


def diagnose(exc: BaseException, output: str = "the output") -> Diagnostic | None:
    """The diagnostic of an exception a user's book or command line can cause, or None.

    - a write that failed (octavo.write.WriteFailed): E701 naming the file;
    - a template that does not parse, is missing, or fails while rendering: E702 with the
      template's file and line;
    - a file the output needs that is missing or cannot be read: E703 naming it;
    - an exception that carries its own diagnostic (Failure, the URL sandbox's refusals)."""
    from octavo.write import WriteFailed

    if isinstance(exc, Failure):
        return exc.diagnostic()
    carried = getattr(exc, "diagnostic", None)
    if isinstance(carried, Diagnostic):
        return carried
    if isinstance(exc, WriteFailed):
        full = exc.errno == errno.ENOSPC
        what = output
        if exc.target.suffix.lower() in (".html", ".htm") and "HTML" not in output:
            what = f"the HTML of {output}"  # `pdf --html`: it said "the PDF" of the HTML
        return error(
            "E701",
            f"cannot write {what}: {exc.strerror}",
            exc.target,
            hint="free some disk space" if full else "check the folder, or write elsewhere",
        )
    found = template_diagnostic(exc)
    if found is not None:
        return found
    if isinstance(exc, OSError) and exc.errno in _FULL:
        # a write octavo does not make itself failed: a temporary file (WeasyPrint's copy
        # of a font in $TMPDIR) on a full disk; never "cannot be read … restore the file"
        return error(
            "E701",
            f"cannot write a file {output} needs: {exc.strerror or exc}",
            Path(exc.filename) if isinstance(exc.filename, str) else None,
            hint="free some disk space: the output's folder and the temporary folder "
            "($TMPDIR, else /tmp)",
        )
    if isinstance(exc, OSError):
        where = Path(exc.filename) if isinstance(exc.filename, str) else None
        why = "is missing" if isinstance(exc, FileNotFoundError) else "cannot be read"
        return error(
            "E703",
            f"a file {output} needs {why}: {exc.strerror or exc}",
            where,
            hint="restore the file (a book's styles/ and templates/ override octavo's)",
        )
    return None


# a disk, a quota or a size limit that is full: what no file a user can restore helps
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def template_diagnostic(exc: BaseException) -> Diagnostic | None:
    """E702 for what a template can get wrong (syntax, a missing include, an undefined name,
    an attempt the sandbox refused), at the template's file and line; None for anything
    else."""
    if "jinja2" not in sys.modules:
        return None
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    if not isinstance(exc, TemplateError):
        return None
    if isinstance(exc, TemplateSyntaxError):
        where = Path(exc.filename) if exc.filename else None
        return error("E702", f"template: {exc.message}", where, exc.lineno)
    file, line = _template_frame(exc)
    if isinstance(exc, TemplateNotFound):
        return error(
            "E702",
            f"template '{exc.name}' not found",
            file,
            line,
            hint="a book's templates/ may override octavo's, not remove them",
        )
    return error("E702", f"template: {exc}", file, line, hint="check the book's own templates/")


def template_failure(exc: BaseException, compiling: Path | None = None) -> Diagnostic | None:
    """E702 for an error a template's own code raised (a division by zero, a macro calling
    itself, a number too big to print), at the template's file and line; None if no
    template frame is in its traceback (octavo's own error, reported as one). `compiling`:
    the template Jinja's compiler failed on (its own frames are Python's), named instead."""
    file, line = _template_frame(exc)
    if file is None:
        file = compiling
    if file is None:
        return None
    told = " ".join(str(exc).split())[:200] or "no message"
    return error(
        "E702",
        f"template: {type(exc).__name__}: {told}",
        file,
        line,
        hint="check the book's own templates/",
    )


def _template_frame(exc: BaseException) -> tuple[Path | None, int | None]:
    """The innermost template (not Python) frame of a traceback: Jinja gives a template's
    code its file name and line numbers."""
    found: tuple[Path | None, int | None] = (None, None)
    for frame, line in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if not name.endswith(".py") and not name.startswith("<") and Path(name).is_file():
            found = Path(name), line
    return found
