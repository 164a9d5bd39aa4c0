"""What octavo's patches of citeproc-py share (octavo.render.citation_suppress,
citation_sort_names): the versions they were read against, a method's arguments as read,
and the one lock under which each is installed once."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["CHECKED", "arguments", "install_once"]

CHECKED = "0.11."  # the citeproc-py versions read (a prefix of citeproc.__version__)
_LOCK = threading.RLock()  # re-entrant: a patch may install another while it installs


def install_once(installed: Callable[[], bool], patch: Callable[[Any], bool]) -> bool:
    """True if `installed()`; else, on a citeproc-py version read here, `patch(model)`
    (citeproc.model), which checks the shape it reads and puts its methods in place, True
    if it did; all under one lock, so that two threads never patch twice."""
    import citeproc
    from citeproc import model

    with _LOCK:
        if installed():
            return True
        if not str(getattr(citeproc, "__version__", "")).startswith(CHECKED):
            return False
        return patch(model)


def arguments(owner: Any, name: str) -> tuple[str, ...]:
    """The names of the arguments of `owner`'s method `name`, as its signature gives them
    (() if it has none, or none to read: a version without the method refuses, never
    raises)."""
    try:
        return tuple(inspect.signature(getattr(owner, name)).parameters)
    except (AttributeError, TypeError, ValueError):
        return ()
