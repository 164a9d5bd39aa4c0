"""octavo.workers: pools whose workers die with their parent, started early when asked."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from octavo import workers
from octavo.workers import pool


def _imported(name: str) -> bool:
    return name in sys.modules


def test_a_warm_pool_starts_its_workers_at_once_with_the_modules_imported() -> None:
    module = "tabnanny"  # imported by nothing else in the tests' parent
    assert not _imported(module)
    with pool(2, multiprocessing.get_context("fork"), (module,)) as workers:
        assert len(workers._processes) == 2  # made before any task of the caller's
        assert workers.submit(_imported, module).result()
    assert not _imported(module)


def test_a_plain_pool_starts_nothing_until_given_work() -> None:
    with pool(2, multiprocessing.get_context("fork")) as workers:
        assert len(workers._processes) == 0


def test_the_parent_of_a_parallel_build_does_not_import_weasyprint() -> None:
    """Its workers import it (octavo.render.pdf.parallel.build.WARM) while it reads the book."""
    import subprocess

    modules = (
        "octavo.api",
        "octavo.render.pdf.build",
        "octavo.render.pdf.parallel.build",
        "octavo.render.pdf.parallel.merge",
    )
    code = f"import sys; import {', '.join(modules)}; print('weasyprint' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _import_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, machine_cores: int) -> list[str]:
    """The start and end of each import of a slow module by the 2 workers of a warm pool."""
    log = tmp_path / "imports.log"
    (tmp_path / "slow_to_import.py").write_text(
        "import os, time\n"
        f"with open({str(log)!r}, 'a') as f: f.write(f'start {{os.getpid()}}\\n')\n"
        "time.sleep(0.2)\n"
        f"with open({str(log)!r}, 'a') as f: f.write(f'end {{os.getpid()}}\\n')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(workers, "cores", lambda: machine_cores)
    with pool(2, multiprocessing.get_context("fork"), ("slow_to_import",)) as started:
        for _ in range(4):
            started.submit(os.getpid).result()
    return log.read_text().split()


def test_on_two_cores_the_workers_of_a_warm_pool_import_one_after_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Side by side they shared the cores with the caller and were all late; in turn, the
    first is ready as soon as one core allows."""
    events = _import_log(tmp_path, monkeypatch, 2)
    assert len(events) == 8  # start and end of each of the two workers, not interleaved
    assert events[0::4] == ["start", "start"] and events[2::4] == ["end", "end"]
    assert events[1] == events[3] and events[5] == events[7] and events[1] != events[5]


def test_with_more_cores_the_workers_import_side_by_side(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = _import_log(tmp_path, monkeypatch, 3)  # one core for the caller, two for them
    assert events[0::2] == ["start", "start", "end", "end"]


def test_a_parallel_build_forks_its_workers_before_the_templates_are_imported() -> None:
    """The workers start ~0.1 s sooner: the module that starts them and what a worker
    imports to lay out a part (its WARM list) import no templates and no renderer."""
    import subprocess

    from octavo.render.pdf.parallel.start import WARM

    ours = [m for m in WARM if m.startswith("octavo.")]
    modules = ("octavo.render.pdf.parallel.start", *ours)
    heavy = ("jinja2", "markdown_it", "octavo.render.pdf.html", "octavo.render.manuscript")
    code = f"import sys; import {', '.join(modules)}; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
