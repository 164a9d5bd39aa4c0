"""invoke bench: whole-process wall time and peak RSS, side by side in one run.

Each figure is the median of `runs` runs of a whole command (a fresh process, as a user
runs it). Commands compared with each other run in turns (`measure_alternating`: A, B, A,
B, …), not one block after another, so that a machine slowed for a while (another job, a
thermal limit) slows both sides of a ratio alike. Peak RSS is what wait4 reports for the
command: the largest resident set of any one process of its tree (the command or a
descendant it waited for), in MiB. For a command with worker processes that is the largest
worker, not the sum.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = [
    "QUIET",
    "Measured",
    "Report",
    "Row",
    "Timing",
    "busiest",
    "busy_note",
    "busy_share",
    "judged",
    "measure",
    "measure_alternating",
    "remove",
    "run_once",
    "watched_edits",
]


@dataclass(frozen=True, slots=True)
class Timing:
    seconds: float
    rss_mib: float


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    seconds: float  # median
    rss_mib: float  # median of peaks
    runs: tuple[float, ...]
    goal: str = ""
    ratio: float | None = None
    met: bool | None = None
    note: str = ""
    busy: float | None = None  # the CPUs' share in use by others before a round, at most


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def to_json(self) -> str:
        return json.dumps(
            {
                "rows": [asdict(r) for r in self.rows],
                "python": sys.version.split()[0],
                "cpus": os.cpu_count(),
                **self.context,
            },
            indent=2,
        )


QUIET = 0.10  # a machine busier than this between runs makes a row's figures unreliable
_SAMPLE = 0.25  # seconds the CPUs are watched before a round


def busy_share(seconds: float = _SAMPLE) -> float | None:
    """The share of the machine's CPU time spent working (neither idle nor waiting for a
    disk) over the next `seconds`, by /proc/stat; None where there is none (not Linux)."""

    def read() -> tuple[int, int] | None:
        try:
            fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        except OSError:
            return None
        ticks = [int(f) for f in fields[1:]]
        resting = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle, iowait
        return sum(ticks[:8]) - resting, sum(ticks[:8])

    before = read()
    time.sleep(seconds)
    after = read()
    if before is None or after is None or after[1] == before[1]:
        return None
    return (after[0] - before[0]) / (after[1] - before[1])


def busiest(shares: Sequence[float | None]) -> float | None:
    known = [s for s in shares if s is not None]
    return round(max(known), 3) if known else None


def busy_note(busy: float | None) -> str:
    """What a row says of the machine it was measured on ("" when quiet, or unknown)."""
    if busy is None or busy <= QUIET:
        return ""
    return f"the machine was {busy:.0%} busy with other work: not a quiet machine's figure"


def run_once(command: Sequence[str | Path], cwd: Path, env: dict[str, str] | None = None) -> Timing:
    """Run a command to completion; wall time and the peak RSS of its process tree. Its
    stderr goes to a file, read once it has ended: a pipe nobody read while waiting for
    the command held 64 KiB, and a command that said more waited for ever."""
    import tempfile

    with tempfile.TemporaryFile() as said:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(c) for c in command],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=said,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            said.seek(0)
            stderr = said.read().decode(errors="replace")
            raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{stderr[-2000:]}")
    return Timing(seconds, usage.ru_maxrss / 1024)


@dataclass(frozen=True, slots=True)
class Measured:
    """A command to time: `prepare` runs before each run, untimed."""

    name: str
    command: Sequence[str | Path]
    prepare: Callable[[], None] | None = None
    env: dict[str, str] | None = None


def measure(
    name: str,
    command: Sequence[str | Path],
    cwd: Path,
    runs: int,
    prepare: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> Row:
    return measure_alternating([Measured(name, command, prepare, env)], cwd, runs)[0]


def measure_alternating(commands: Sequence[Measured], cwd: Path, runs: int) -> list[Row]:
    """A row for each command, run in turns: the first run of each in order, then the
    second of each, and so on."""
    timings: list[list[Timing]] = [[] for _ in commands]
    shares: list[float | None] = []
    for _ in range(runs):
        shares.append(busy_share())
        for measured, times in zip(commands, timings, strict=True):
            if measured.prepare:
                measured.prepare()
            times.append(run_once(measured.command, cwd, measured.env))
    return [
        Row(
            measured.name,
            statistics.median(t.seconds for t in times),
            statistics.median(t.rss_mib for t in times),
            tuple(round(t.seconds, 3) for t in times),
            busy=busiest(shares),
        )
        for measured, times in zip(commands, timings, strict=True)
    ]


def watched_edits(
    name: str,
    command: Sequence[str | Path],
    cwd: Path,
    edit: Callable[[], None],
    runs: int,
    done: str = "watch: rebuilt",
    limit: float = 300.0,
) -> Row:
    """A long-running command that rebuilds on each save (`invoke watch`): once its first
    build is done (a stderr line starting `done`), each run is an edit and the wall time
    from the saved file to the next such line, as a user waits for it. Peak RSS: the
    command's tree over all the runs. A line not seen within `limit` seconds fails."""
    import queue
    import threading

    process = subprocess.Popen(
        [str(c) for c in command],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # a bench started in the background (`nohup invoke bench &`) ignores SIGINT, and so
        # would the watch it stops with one: it hung the run at the first watch row
        preexec_fn=_interruptible,
    )
    lines: queue.SimpleQueue[str] = queue.SimpleQueue()
    seen: list[str] = []

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)
        lines.put("")

    def rebuilt() -> None:
        deadline = time.monotonic() + limit
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = ""
            seen.append(line)
            if line.startswith(done):
                return
            if not line or "build failed" in line:
                raise RuntimeError(f"{name}: no '{done}' line:\n{''.join(seen)[-2000:]}")

    threading.Thread(target=read, daemon=True).start()
    times: list[float] = []
    shares: list[float | None] = []
    try:
        rebuilt()  # the first build
        for _ in range(runs):
            time.sleep(1.0 - _SAMPLE)  # the watch is waiting again
            shares.append(busy_share())
            start = time.perf_counter()
            edit()
            rebuilt()
            times.append(time.perf_counter() - start)
    finally:
        process.send_signal(signal.SIGINT)
        _, _, usage = os.wait4(process.pid, 0)
    return Row(
        name,
        statistics.median(times),
        usage.ru_maxrss / 1024,
        tuple(round(t, 3) for t in times),
        busy=busiest(shares),
    )


def _interruptible() -> None:
    """In the child before it runs: SIGINT back to its default, whatever the bench's (no
    import here: a forked child must not take the import lock)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def judged(row: Row, goal: str, ratio: float | None, limit: float, note: str = "") -> Row:
    value = ratio if ratio is not None else row.seconds
    return Row(
        row.name,
        row.seconds,
        row.rss_mib,
        row.runs,
        goal,
        round(ratio, 4) if ratio is not None else None,
        value <= limit,
        note,
        row.busy,
    )


def remove(*paths: Path) -> Callable[[], None]:
    def clean() -> None:
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    return clean
