"""The `octavo` command: octavo's tasks (octavo.cli.tasks) run by invoke's Program, so
`octavo epub --book DIR` is `invoke epub --book DIR` without a tasks.py.

A mistake on the command line is E132 with the nearest option or task (octavo.cli.options),
not invoke's "No idea what '--jbos' is!"; `octavo --help` lists octavo's tasks and the few
options of the command itself, not invoke's options for running shell commands (no octavo
task runs one). A reader that stops reading (`octavo --list | head -1`) ends the command
quietly (octavo.cli.running.closed_pipe).

A stop while invoke and the tasks are imported ends the command quietly, exit 1
(octavo.cli.stops.before_start: a Ctrl-C there printed invoke's import's traceback)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from octavo.cli import stops

if TYPE_CHECKING:
    from invoke.program import Program

__all__ = ["main", "program"]

# invoke's core options that mean something to octavo's tasks (the rest configure c.run)
SHOWN = ("help", "list", "version", "debug", "complete", "print-completion-script")


def program() -> Program:
    """invoke's Program for the `octavo` command."""
    from invoke.program import Program

    from octavo import __version__
    from octavo.cli.ending import ended
    from octavo.cli.options import coded
    from octavo.cli.tasks import namespace

    class Octavo(Program):
        parse_tasks = coded(Program.parse_tasks, "octavo")
        parse_cleanup = coded(Program.parse_cleanup, "octavo")
        execute = ended(Program.execute)

        def print_help(self) -> None:
            print(f"Usage: {self.binary} TASK [--options] [TASK [--options]] ...")
            print(f"       {self.binary} --help TASK   (a task's options)")
            self.list_tasks()
            print("Options:")
            print("")
            rows = self.initial_context.help_tuples()
            shown = re.compile(r"--(" + "|".join(SHOWN) + r")(\[|=|$)")
            self.print_columns([row for row in rows if shown.search(row[0])])

    return Octavo(namespace=namespace, name="octavo", binary="octavo", version=__version__)


def main(argv: list[str] | None = None) -> Any:
    """The console entry point (pyproject's [project.scripts])."""
    stops.before_start()
    from octavo.cli.running import closed_pipe

    with closed_pipe():
        return program().run(argv)
