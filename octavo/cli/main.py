"""The `octavo` command: octavo's tasks (octavo.cli.tasks) run by invoke's Program, so
`octavo epub --book DIR` is `invoke epub --book DIR` without a tasks.py."""

from __future__ import annotations

from invoke.program import Program

from octavo import __version__
from octavo.cli.tasks import namespace

__all__ = ["main", "program"]

program = Program(namespace=namespace, name="octavo", binary="octavo", version=__version__)


def main() -> None:
    """The console entry point (pyproject's [project.scripts])."""
    program.run()
