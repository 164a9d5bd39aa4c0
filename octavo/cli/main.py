"""The `octavo` command: octavo's tasks (octavo.cli.tasks) run by invoke's Program, so
`octavo epub --book DIR` is `invoke epub --book DIR` without a tasks.py.

A stop while invoke and the tasks are imported ends the command quietly, exit 1
(octavo.cli.stops.before_start: a Ctrl-C there printed invoke's import's traceback)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from octavo.cli import stops

if TYPE_CHECKING:
    from invoke.program import Program

__all__ = ["main", "program"]


def program() -> Program:
    """invoke's Program for the `octavo` command."""
    from invoke.program import Program

    from octavo import __version__
    from octavo.cli.tasks import namespace

    return Program(namespace=namespace, name="octavo", binary="octavo", version=__version__)


def main(argv: list[str] | None = None) -> Any:
    """The console entry point (pyproject's [project.scripts])."""
    stops.before_start()
    return program().run(argv)
