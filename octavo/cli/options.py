"""A mistake on the command line is a coded message with a hint (E132), as every other
mistake is: invoke's parser says "No idea what '--jbos' is!", with no code and no word of
the option meant.

`octavo` (octavo.cli.main) turns invoke's ParseError into E132 itself. Under `invoke`, the
tasks.py that invoke loads gives its namespace to `checked` (the repository's and `octavo new`'s):
invoke's own parse of the tasks' words then turns a mistake (a word it does not know, a
value missing) into E132, exit 1, nothing run."""

from __future__ import annotations

import ast
import difflib
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from invoke.collection import Collection
from invoke.exceptions import ParseError
from invoke.parser.context import ParserContext

from octavo.errors import error

__all__ = ["checked", "coded", "is_coded", "refuse_unknown", "told"]

_UNKNOWN = re.compile(r"^No idea what (.+) is!$")
_CODED = re.compile(r"^E\d{3} ")
_LISTS = "`BINARY --help TASK` lists a task's options"
_NEEDS = re.compile(r"^Flag <Argument: ([\w-]+)[ >].*needed value")


def is_coded(exc: ParseError) -> bool:
    """A ParseError octavo raised itself, already coded (E126)."""
    return bool(_CODED.match(str(exc)))


def unknown_word(exc: ParseError) -> str | None:
    """The word invoke's parser did not know, or None for a mistake of another kind."""
    found = _UNKNOWN.match(str(exc))
    if not found:
        return None
    word = ast.literal_eval(found.group(1))
    return word if isinstance(word, str) else None


def _swapped(word: str, name: str) -> bool:
    """`word` is `name` with two of its letters swapped, side by side or apart ("ebup" for
    "epub"): difflib's ratio scores such a swap of letters apart too low to be near."""
    if len(word) != len(name):
        return False
    apart = [i for i, (a, b) in enumerate(zip(word, name, strict=True)) if a != b]
    if len(apart) != 2:
        return False
    first, second = apart
    return word[first] == name[second] and word[second] == name[first]


def _nearest(word: str, names: Iterable[str]) -> str | None:
    """The name nearest `word` by difflib's ratio, else the one it is with two letters
    swapped."""
    known = sorted(set(names))
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if close:
        return close[0]
    return next((name for name in known if _swapped(word, name)), None)


def told(
    exc: ParseError, contexts: Sequence[ParserContext], initial: ParserContext, binary: str
) -> str:
    """invoke's ParseError as octavo's E132 line: the word not known and the nearest option
    of the task (or the nearest task), else where the options are listed."""
    word = unknown_word(exc)
    task = exc.context.name if exc.context is not None else None
    if word is None:
        needs = _NEEDS.match(str(exc))
        text = f"--{needs.group(1)} needs a value" if needs else str(exc).rstrip("!")
        helps = f"`{binary} --help {task}` lists its options" if task else _LISTS
        return str(error("E132", text, hint=helps.replace("BINARY", binary)))
    if word.startswith("-"):
        where = [c for c in contexts if c.name == task]
        flags = [*initial.flags, *(f for c in where for f in (*c.flags, *c.inverse_flags))]
        near = _nearest(word, (f for f in flags if f.startswith("--") == word.startswith("--")))
        whose = f"of task '{task}'" if task else f"of {binary}"
        helps = f"`{binary} --help {task}`" if task else f"`{binary} --help`"
        hint = f"did you mean {near}? " if near else ""
        return str(
            error("E132", f"{word}: no such option {whose}", hint=f"{hint}{helps} lists them")
        )
    names = [n for c in contexts for n in (c.name, *c.aliases) if n]
    near = _nearest(word, names)
    hint = f"did you mean {near}? " if near else ""
    after = f" (after task '{task}', which takes no more words)" if task else ""
    return str(
        error("E132", f"'{word}' is no task{after}", hint=f"{hint}`{binary} --list` lists them")
    )


def _run_by_invoke(argv: Sequence[str]) -> bool:
    """The command is invoke's own (`invoke`, `inv`, `python -m invoke`)."""
    if not argv or not argv[0]:
        return False
    path = Path(argv[0])
    return path.name in ("invoke", "inv") or (
        path.name == "__main__.py" and path.parent.name == "invoke"
    )


def refuse_unknown() -> None:
    """Under `invoke`: a mistake of the command line (a word invoke's parser does not know,
    a value missing) ends the command with E132 on stderr, exit 1, before any task runs,
    as under `octavo`. invoke's --complete is left to invoke, and so is every command that
    is not invoke's.

    invoke's own parse of the tasks' words (`Program.parse_tasks`, which runs after it
    loaded the tasks.py that calls this, and `parse_cleanup`, which reads `--help TASK`)
    is wrapped (`coded`), as the `octavo` command's subclass wraps it: a command line
    without a mistake costs nothing more (parsing it a second time beforehand, as this did
    first, was 5 ms of every command's start)."""
    if not _run_by_invoke(sys.argv):
        return
    from invoke.program import Program

    for name in ("parse_tasks", "parse_cleanup"):  # the tasks' words; `--help TASK`'s
        method = getattr(Program, name)
        if not getattr(method, "octavo_coded", False):
            setattr(Program, name, coded(method, "invoke"))


def coded(parse: Callable[[Any], None], binary: str) -> Callable[[Any], None]:
    """invoke's Program method `parse` (parse_tasks, parse_cleanup), with a ParseError of
    the tasks' words told as E132 (`told`), as `binary` words the command; invoke's
    --complete and octavo's own coded errors (E126) are raised as they are."""
    from invoke.exceptions import Exit

    def parsed(program: Any) -> None:
        try:
            parse(program)
        except ParseError as exc:
            if program.args.complete.value or is_coded(exc):
                raise
            contexts = list(program.parser.contexts.values())  # as invoke read them
            raise Exit(told(exc, contexts, program.initial_context, binary), 1) from None

    parsed.octavo_coded = True  # type: ignore[attr-defined]
    return parsed


def checked(namespace: Collection) -> Collection:
    """A tasks.py's namespace, for invoke: a word of the command line that invoke does not
    know is E132 (`refuse_unknown`), and a reader that stops reading (`invoke --list |
    head -1`) ends the command quietly (octavo.cli.running.quiet_when_closed); once its
    tasks ran, the command ends without the interpreter's teardown (octavo.cli.ending)."""
    from octavo.cli.running import quiet_when_closed

    if _run_by_invoke(sys.argv):
        from invoke.program import Program

        from octavo.cli.ending import ended

        quiet_when_closed()
        Program.execute = ended(Program.execute)  # type: ignore[method-assign,assignment]
    refuse_unknown()
    return namespace
