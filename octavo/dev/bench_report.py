"""The bench's figures told: the terminal's table, the README's (between its markers,
`readme_with_table`: never typed by hand), and what the figures depend on (`context`).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from octavo.dev.bench import Row, busy_note

__all__ = ["BEGIN", "END", "context", "markdown_table", "readme_with_table", "shown_ratio", "table"]


def shown_ratio(ratio: float | None) -> str:
    """A ratio to two places, or three or four where the last is not 0 (0.45, 0.153,
    0.1504): two places showed 0.153 as 0.15 beside "≤ 0.15: not met", and three showed
    0.1504 so (session 49's edit row)."""
    if ratio is None:
        return ""
    text = f"{ratio:.4f}"
    while text.endswith("0") and len(text.split(".")[1]) > 2:
        text = text[:-1]
    return text


def table(rows: list[Row]) -> list[str]:
    lines = [f"{'measure':<58} {'median s':>9} {'peak MiB':>9} {'ratio':>7}  goal", "-" * 100]
    for r in rows:
        ratio = shown_ratio(r.ratio)
        verdict = "" if r.met is None else (" met" if r.met else " NOT MET")
        notes = " — ".join(n for n in (r.note, busy_note(r.busy)) if n)
        lines.append(
            f"{r.name:<58} {r.seconds:>9.2f} {r.rss_mib:>9.0f} {ratio:>7}  "
            f"{r.goal}{verdict}{(' — ' + notes) if notes else ''}"
        )
    return lines


def context() -> dict[str, str]:
    """What the figures depend on: the processor, the versions, the day."""
    from importlib.metadata import version

    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "unknown processor",
        )
        if Path("/proc/cpuinfo").exists()
        else "unknown processor"
    )
    pandoc = shutil.which("pandoc")
    pandoc_version = (
        subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        if pandoc
        else "pandoc not installed"
    )
    return {
        "processor": cpu,
        "weasyprint": version("weasyprint"),
        "pandoc": pandoc_version,
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }


def markdown_table(report: dict[str, object]) -> list[str]:
    """The README's table, from a bench.json (never typed by hand)."""
    rows = report["rows"]
    assert isinstance(rows, list)
    lines = [
        f"{report.get('cpus')} cores, {report.get('processor')}, Python {report.get('python')}, "
        f"WeasyPrint {report.get('weasyprint')}, {report.get('pandoc')} ({report.get('date')}); "
        "medians of each run's figures, and the fastest and slowest run:",
        "",
        "| measure | median | runs | peak RSS | ratio | goal |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        seconds = f"{row['seconds']:.2f} s" if row["seconds"] else ""
        runs = row["runs"]
        spread = f"{min(runs):.2f}–{max(runs):.2f}" if len(runs) > 1 else ""
        rss = f"{row['rss_mib']:.0f} MiB" if row["rss_mib"] else ""
        ratio = shown_ratio(row["ratio"])
        verdict = {None: "", True: ": met", False: ": **not met**"}[row["met"]]
        said = "; ".join(n for n in (row["note"], busy_note(row.get("busy"))) if n)
        note = f" ({said})" if said else ""
        goal = f"{row['goal']}{verdict}{note}"
        lines.append(f"| {row['name'].strip()} | {seconds} | {spread} | {rss} | {ratio} | {goal} |")
    return lines


BEGIN, END = "<!-- bench: begin (invoke bench-readme) -->", "<!-- bench: end -->"


def readme_with_table(readme: str, report: dict[str, object]) -> str:
    """README text with the part between the bench markers replaced by the report's table."""
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + BEGIN + "\n" + "\n".join(markdown_table(report)) + "\n" + END + tail
