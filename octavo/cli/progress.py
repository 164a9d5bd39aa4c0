"""What a build is doing, on stderr: a live status on a terminal, plain lines elsewhere.

Plain lines when stderr is not a TTY or CI is set; nothing but errors with quiet. WeasyPrint's
own steps (its `weasyprint.progress` logger: parsing, CSS, layout page by page, PDF) are
shown as the detail of the current step.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

__all__ = ["Progress", "progress"]


@dataclass
class Progress:
    quiet: bool = False
    live: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    _status: object = None

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time a step; show it while it runs."""
        start = time.perf_counter()
        with self._showing(name):
            yield
        elapsed = time.perf_counter() - start
        if not self.quiet:
            print(f"octavo: {name} ({elapsed:.2f} s)", file=self.stream)

    @contextlib.contextmanager
    def _showing(self, name: str) -> Iterator[None]:
        if self.quiet or not self.live:
            yield
            return
        from rich.console import Console

        console = Console(file=self.stream)
        with console.status(f"{name}…") as status, _weasyprint_detail(status, name):
            yield


class _StatusHandler(logging.Handler):
    def __init__(self, status: object, name: str) -> None:
        super().__init__(logging.INFO)
        self.status, self.name = status, name

    def emit(self, record: logging.LogRecord) -> None:
        self.status.update(f"{self.name}… {record.getMessage()}")  # type: ignore[attr-defined]


@contextlib.contextmanager
def _weasyprint_detail(status: object, name: str) -> Iterator[None]:
    logger = logging.getLogger("weasyprint.progress")
    handler = _StatusHandler(status, name)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def progress(quiet: bool = False, stream: TextIO | None = None) -> Progress:
    """A reporter: live on an interactive terminal unless CI is set."""
    out = stream or sys.stderr
    live = out.isatty() and not os.environ.get("CI")
    return Progress(quiet=quiet, live=live, stream=out)
