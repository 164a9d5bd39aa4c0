"""A test that would hang fails instead: `within(seconds)`."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["TooLong", "within"]


class TooLong(Exception):
    """The block ran past its time (not an OSError, which octavo may suppress)."""


@contextmanager
def within(seconds: int) -> Iterator[None]:
    """Raise TooLong in the block once `seconds` have passed (SIGALRM: the main thread)."""

    def stop(*_: object) -> None:
        raise TooLong

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
