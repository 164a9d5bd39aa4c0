"""octavo.workers: pools whose workers die with their parent."""

from __future__ import annotations

import multiprocessing
import sys

from octavo.workers import pool


def test_a_plain_pool_starts_nothing_until_given_work() -> None:
    with pool(2, multiprocessing.get_context("fork")) as workers:
        assert len(workers._processes) == 0


def test_the_parent_of_a_parallel_build_does_not_import_weasyprint() -> None:
    """Its workers' zygote imports it (octavo.render.pdf.parallel.start.WARM) while it reads
    the book."""
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


def test_a_parallel_build_forks_its_workers_before_the_templates_are_imported() -> None:
    """The workers start ~0.1 s sooner: the module that starts them and what their zygote
    imports to lay out a part (its WARM list) import no templates and no renderer."""
    import subprocess

    from octavo.render.pdf.parallel.start import WARM

    ours = [m for m in WARM if m.startswith("octavo.")]
    modules = ("octavo.render.pdf.parallel.start", *ours)
    heavy = ("jinja2", "markdown_it", "octavo.render.pdf.html", "octavo.render.manuscript")
    code = f"import sys; import {', '.join(modules)}; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
