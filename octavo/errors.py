"""Diagnostics with stable codes and file:line, collected and raised at once."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BuildError", "Diagnostic", "Severity", "format_diagnostics", "raise_if_errors"]


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

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(diagnostics)
        super().__init__(format_diagnostics(self.diagnostics))


def format_diagnostics(diagnostics: Iterable[Diagnostic]) -> str:
    return "\n".join(str(d) for d in diagnostics)


def raise_if_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> None:
    """Raise BuildError when any diagnostic is an error (or any at all, if strict)."""
    found = tuple(diagnostics)
    if any(d.severity is Severity.ERROR or strict for d in found):
        raise BuildError(found)
