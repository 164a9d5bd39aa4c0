"""octavo.workers: pools whose workers die with their parent, started early when asked."""

from __future__ import annotations

import multiprocessing
import sys

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
