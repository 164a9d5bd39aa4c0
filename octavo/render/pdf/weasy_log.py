"""WeasyPrint's warnings, heard while something is laid out or drawn: a part's, to log them
again in the build's process (octavo.render.pdf.parallel), and the characters it drew as
empty boxes (octavo.render.pdf.missing_glyphs, W651)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["warnings_logged"]


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def warnings_logged() -> Iterator[list[str]]:
    """The warnings WeasyPrint logs meanwhile, as they are logged (they go on to its other
    handlers too)."""
    recorder = _Recorder()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(recorder)
    try:
        yield recorder.messages
    finally:
        logger.removeHandler(recorder)
