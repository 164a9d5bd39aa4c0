"""The bench's report: goals judged, and the README's table written from the JSON."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from octavo.dev.bench import Report, Row, judged, watched_edits
from octavo.dev.bench_report import BEGIN, END, markdown_table, readme_with_table


def _report() -> dict[str, object]:
    report = Report(
        context={"processor": "Test CPU", "date": "2026-12-01", "pandoc": "pandoc 2.17"}
    )
    base = report.add(Row("81: pandoc → EPUB", 1.6, 132.0, (1.6,)))
    ours = Row("81: invoke epub, cold", 0.8, 70.0, (0.9, 0.8, 0.75))
    report.add(judged(ours, "≤ 0.33 × pandoc → EPUB", ours.seconds / base.seconds, 0.33))
    report.add(judged(Row("81: no-op invoke pdf", 0.25, 40.0, (0.25,)), "≤ 0.30 s", None, 0.30))
    return dict(json.loads(report.to_json()))


def test_goals_are_judged_met_or_not() -> None:
    rows = _report()["rows"]
    assert isinstance(rows, list)
    assert [r["met"] for r in rows] == [None, False, True]
    assert rows[1]["ratio"] == 0.5


def test_the_readme_table_comes_from_the_report() -> None:
    lines = markdown_table(_report())
    assert "Test CPU" in lines[0] and "pandoc 2.17" in lines[0] and "2026-12-01" in lines[0]
    assert (
        "| 81: invoke epub, cold | 0.80 s | 0.75–0.90 | 70 MiB | 0.50 "
        "| ≤ 0.33 × pandoc → EPUB: **not met** |" in lines
    )
    assert "| 81: no-op invoke pdf | 0.25 s |  | 40 MiB |  | ≤ 0.30 s: met |" in lines


def test_only_the_part_between_the_markers_is_rewritten() -> None:
    readme = f"# octavo\n\nbefore\n{BEGIN}\nold table\n{END}\nafter\n"
    rewritten = readme_with_table(readme, _report())
    assert rewritten.startswith("# octavo\n\nbefore\n" + BEGIN + "\n")
    assert rewritten.endswith(END + "\nafter\n")
    assert "old table" not in rewritten and "| 81: pandoc → EPUB | 1.60 s |" in rewritten
    assert readme_with_table(rewritten, _report()) == rewritten  # idempotent


def test_compared_commands_run_in_turns(tmp_path: Path) -> None:
    """A ratio's two sides run A, B, A, B, … (each after its own preparation), so a machine
    slowed for a while slows both alike; each row is the median of its own runs."""
    from octavo.dev.bench import Measured, measure_alternating

    log = tmp_path / "log"
    order: list[str] = []

    def command(name: str) -> list[str | Path]:
        return ["sh", "-c", f"echo {name} >> {log}"]

    rows = measure_alternating(
        [
            Measured("a", command("a"), lambda: order.append("prepare a")),
            Measured("b", command("b")),
        ],
        tmp_path,
        3,
    )
    assert log.read_text().split() == ["a", "b"] * 3
    assert order == ["prepare a"] * 3
    assert [r.name for r in rows] == ["a", "b"] and all(len(r.runs) == 3 for r in rows)


WATCHER = """
import os, sys, time
source = sys.argv[1]
print("watch: rebuilt (first build)", file=sys.stderr, flush=True)
seen = os.stat(source).st_mtime_ns
try:
    while True:
        time.sleep(0.02)
        now = os.stat(source).st_mtime_ns
        if now != seen:
            seen = now
            text = open(source).read()
            word = "build failed" if "broken" in text else "rebuilt"
            print(f"watch: {word} ({text})", file=sys.stderr, flush=True)
except KeyboardInterrupt:
    pass
"""


def _save(source: Path, text: str) -> None:
    source.write_text(text)
    os.utime(source, ns=(0, time.time_ns()))  # a new mtime, however coarse the clock


def test_a_watched_edit_is_timed_from_the_save_to_the_rebuilt_line(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("0")
    edits = iter(range(1, 10))

    def edit() -> None:
        _save(source, str(next(edits)))

    command: list[str | Path] = [sys.executable, "-c", WATCHER, source]
    row = watched_edits("watch", command, tmp_path, edit, 2)
    assert len(row.runs) == 2 and 0 < row.seconds < 5 and row.rss_mib > 0

    def breaks() -> None:
        source.write_text("broken")

    with pytest.raises(RuntimeError, match="build failed"):
        watched_edits("watch", command, tmp_path, breaks, 1)


def test_a_bench_started_in_the_background_still_stops_its_watch(tmp_path: Path) -> None:
    """`nohup invoke bench &` ignores SIGINT; the watch it stops with one must not."""
    source = tmp_path / "a.md"
    source.write_text("0")

    def edit() -> None:
        _save(source, "1")

    command: list[str | Path] = [sys.executable, "-c", WATCHER, source]

    def hung(*_: object) -> None:
        raise TimeoutError("the watch ignored SIGINT: the bench waits for it for ever")

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    alarm = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        row = watched_edits("watch", command, tmp_path, edit, 1)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, alarm)
        signal.signal(signal.SIGINT, before)
    assert len(row.runs) == 1


def test_a_command_that_says_much_on_stderr_is_timed(tmp_path: Path) -> None:
    """A command writing more on stderr than a pipe holds (64 KiB: WeasyPrint's warnings
    on a whole study, a traceback) is timed, and its failure told: the bench waited for it
    to end while it waited for the bench to read, for ever."""
    from octavo.dev.bench import run_once

    def hung(*_: object) -> None:
        raise TimeoutError("the command's stderr filled its pipe: the bench waits for ever")

    loud = "import sys; sys.stderr.write('warning: ' * 40000); sys.exit({})"
    alarm = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        timing = run_once([sys.executable, "-c", loud.format(0)], tmp_path)
        with pytest.raises(RuntimeError, match="warning: warning: "):
            run_once([sys.executable, "-c", loud.format(3)], tmp_path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, alarm)
    assert timing.seconds < 60 and timing.rss_mib > 0


def test_a_ratio_shows_the_place_that_decides_its_goal() -> None:
    from octavo.dev.bench_report import shown_ratio

    assert [shown_ratio(r) for r in (0.153, 0.5, 0.45, 1.05, 0.1504, None)] == [
        "0.153",
        "0.50",
        "0.45",
        "1.05",
        "0.1504",  # over a goal of 0.15, where three places showed "0.15: not met"
        "",
    ]


def test_a_row_measured_on_a_busy_machine_says_so() -> None:
    """Another job's processes take the cores a parallel build counts on: a goal then reads
    as not met that a quiet machine meets. The row says so, in the printed table and in
    the README's; a quiet machine's (or one of no /proc/stat) says nothing."""
    from octavo.dev.bench_report import table

    busy = judged(Row("81: invoke epub, cold", 0.8, 70.0, (0.8,), busy=0.62), "≤ 1", 0.5, 1)
    quiet = judged(Row("81: no-op invoke pdf", 0.2, 40.0, (0.2,), busy=0.04), "≤ 0.30 s", None, 0.3)
    unknown = Row("81: pandoc → EPUB", 1.6, 132.0, (1.6,))
    report = Report(rows=[unknown, busy, quiet])
    printed = table(report.rows)
    assert printed[3].endswith(
        "met — the machine was 62% busy with other work: not a quiet machine's figure"
    )
    assert printed[4].endswith("≤ 0.30 s met") and printed[2].endswith("  ")
    readme = markdown_table(json.loads(report.to_json()))
    assert readme[-2].endswith(
        ": met (the machine was 62% busy with other work: not a quiet machine's figure) |"
    )
    assert readme[-1].endswith("≤ 0.30 s: met |")


def test_the_machine_is_watched_before_each_round(tmp_path: Path) -> None:
    from octavo.dev.bench import Measured, busy_share, measure_alternating

    if not Path("/proc/stat").exists():
        pytest.skip("no /proc/stat")
    share = busy_share(0.05)
    assert share is not None and 0.0 <= share <= 1.0
    rows = measure_alternating([Measured("true", ["true"])], tmp_path, 2)
    assert rows[0].busy is not None and 0.0 <= rows[0].busy <= 1.0
