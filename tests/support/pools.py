"""A pool that records what a parallel build submits to it, and runs nothing."""

from __future__ import annotations

from concurrent.futures import Executor, Future
from typing import Any


class Recording(Executor):
    """Records the name of each part submitted, in order; runs nothing."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.names.append(args[0].name)
        return Future()
