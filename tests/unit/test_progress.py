"""Progress on stderr: plain timed lines off a terminal, nothing when quiet."""

from __future__ import annotations

import io

from octavo.cli.progress import progress


def test_progress_is_plain_and_timed_off_a_terminal() -> None:
    out = io.StringIO()
    reporter = progress(stream=out)
    with reporter.step("reading book"):
        pass
    (line,) = out.getvalue().splitlines()
    assert line.startswith("octavo: reading book (") and line.endswith(" s)")


def test_quiet_progress_says_nothing() -> None:
    out = io.StringIO()
    reporter = progress(quiet=True, stream=out)
    with reporter.step("x"):
        pass
    assert out.getvalue() == ""
