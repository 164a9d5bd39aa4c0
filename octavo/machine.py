"""What this machine gives a build: the cores it may run on."""

from __future__ import annotations

import os

__all__ = ["cores"]


def cores() -> int:
    """The cores this process may run on (a container's or `taskset`'s share, not the
    machine's: os.cpu_count() would count cores a CI runner never gives)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on Linux)
        return os.cpu_count() or 1
