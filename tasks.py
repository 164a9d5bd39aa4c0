"""octavo's tasks: `invoke --list`.

The book tasks (epub, pdf, import-pages, …, new) are defined once, in octavo/cli/tasks.py:
the `octavo` command runs the same. The development tasks of this repository (bench, lint,
typecheck, test) are defined here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from invoke.collection import Collection
from invoke.context import Context
from invoke.tasks import task

from octavo.cli.options import checked
from octavo.cli.tasks import namespace as book_tasks


@task(
    help={
        "sizes": "Study sizes, comma-separated (default 81,800).",
        "runs": "Runs a measure; the median is reported (default 3).",
        "series": "Studies in the series measure (default 10; 0 skips it).",
        "out": "The JSON report (default build/bench.json).",
    }
)
def bench(
    c: Context,
    sizes: str = "81,800",
    runs: int = 3,
    series: int = 10,
    out: str = "build/bench.json",
) -> None:
    """Benchmark octavo against pandoc and WeasyPrint alone; prints a table."""
    from octavo.dev.scenarios import run_bench

    numbers = tuple(int(s) for s in sizes.split(",") if s.strip())
    lines = run_bench(Path("build/bench"), numbers, runs, series, Path(out))
    print("\n".join(lines))
    print(out)


@task(help={"report": "The bench JSON (default build/bench.json).", "readme": "README.md"})
def bench_readme(c: Context, report: str = "build/bench.json", readme: str = "README.md") -> None:
    """Rewrite the README's speed table from a bench report (never typed by hand)."""
    import json

    from octavo.dev.bench_report import readme_with_table
    from octavo.write import atomic_text

    path = Path(readme)
    text = readme_with_table(path.read_text(encoding="utf-8"), json.loads(Path(report).read_text()))
    print(atomic_text(path, text))


@task
def lint(c: Context) -> None:
    """ruff: lint rules and formatting (checks only; `ruff format` rewrites)."""
    c.run(f"{sys.executable} -m ruff check")
    c.run(f"{sys.executable} -m ruff format --check")


@task
def typecheck(c: Context) -> None:
    """mypy, strict, on octavo, tasks.py and the tests."""
    c.run(f"{sys.executable} -m mypy")


@task(help={"quick": 'Skip the tests marked slow (pytest -m "not slow").'})
def test(c: Context, quick: bool = False) -> None:
    """Run the tests (all of them, validators included, unless --quick)."""
    c.run(f"{sys.executable} -m pytest" + (' -m "not slow"' if quick else ""), pty=False)


ns = checked(Collection(*book_tasks.tasks.values(), bench, bench_readme, lint, typecheck, test))
