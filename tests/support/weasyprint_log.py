"""Shared by the PDF end-to-end tests: a build that records WeasyPrint's warnings (or
another logger's records)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class Recorder(logging.Handler):
    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def logged(name: str, level: int = logging.WARNING) -> Iterator[list[str]]:
    """Collect the records of logger `name` from `level` up, the logger set to let them
    through meanwhile (for builds in module fixtures, where `caplog` is not at hand)."""
    recorder, logger = Recorder(level), logging.getLogger(name)
    before = logger.level
    logger.addHandler(recorder)
    if level < logger.getEffectiveLevel():
        logger.setLevel(level)
    try:
        yield recorder.messages
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(before)


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint warnings (for builds in session fixtures, outside any test)."""
    with logged("weasyprint") as messages:
        yield messages


def quietly(build: Callable[[], T]) -> tuple[T, list[str]]:
    with weasyprint_warnings() as messages:
        result = build()
    return result, list(messages)


@contextmanager
def expected_warnings() -> Iterator[list[str]]:
    """The WeasyPrint warnings a test means to cause (W651's empty boxes): collected, and
    kept meanwhile from the check that fails a test on any (tests/conftest.py)."""
    logger = logging.getLogger("weasyprint")
    failing = [h for h in logger.handlers if type(h).__name__ == "_FailOnWarning"]
    for handler in failing:
        logger.removeHandler(handler)
    try:
        with weasyprint_warnings() as messages:
            yield messages
    finally:
        for handler in failing:
            logger.addHandler(handler)
