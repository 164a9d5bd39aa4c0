"""Shared by the PDF end-to-end tests: a build that records WeasyPrint's warnings."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint warnings (for builds in session fixtures, outside any test)."""
    recorder = Recorder()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(recorder)
    try:
        yield recorder.messages
    finally:
        logger.removeHandler(recorder)


def quietly(build: Callable[[], T]) -> tuple[T, list[str]]:
    with weasyprint_warnings() as messages:
        result = build()
    return result, list(messages)
