"""Issue 16 item 12: kill -9 of a parallel `invoke pdf` leaves no worker behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from octavo import api
from tests.conftest import MakeBook, section_source
from tests.support.cli import command, invoke


def _descendants(pid: int) -> set[int]:
    """The processes `pid` forked, and theirs (the workers are forked by a zygote)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    grown = True
    while grown:
        more = {child for child, parent in parents.items() if parent in found | {pid}}
        grown = not more <= found
        found |= more
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_9_of_a_parallel_build_leaves_no_worker(tmp_path: Path) -> None:
    made = invoke("gen-study", "--sections", "24", "--out", tmp_path / "study")
    assert made.returncode == 0, made.stderr
    process = subprocess.Popen(
        command(
            "pdf",
            "--book",
            str(tmp_path / "study"),
            "--out",
            str(tmp_path / "b.pdf"),
            "--jobs",
            "2",
        ),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = _descendants(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build never started its workers"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [w for w in workers if _alive(w)]
    for pid in survivors:  # clean up after a failure
        os.kill(pid, signal.SIGKILL)
    assert survivors == []


def test_a_parallel_pdf_is_within_10_percent_of_the_one_process_pdf(tmp_path: Path) -> None:
    """Issue 16 item 13: each part embedded its own copy of every font (3.8 MB, not 0.49)."""
    from octavo import api
    from octavo.dev.gen import generate_study

    study = generate_study(tmp_path / "study", 24, words=120)
    one, _ = api.build_pdf(study, tmp_path / "one" / "b.pdf", jobs=1)
    parallel, _ = api.build_pdf(study, tmp_path / "par" / "b.pdf", jobs=2)
    sizes = one.stat().st_size, parallel.stat().st_size
    assert sizes[1] <= sizes[0] * 1.10, sizes
    pixels = [_pages(pdf, tmp_path / pdf.parent.name) for pdf in (one, parallel)]
    assert pixels[0] == pixels[1]  # the shared fonts draw every glyph as before


def _pages(pdf: Path, folder: Path) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", "30", "-png", pdf, folder / "p"], check=True)
    return [p.read_bytes() for p in sorted(folder.glob("p-*.png"))]


def test_more_jobs_than_sections_starts_no_more_workers(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """`invoke pdf --jobs 99999` of a book of one section forked a worker a job, until the
    system had no file left to open: E703 "a file the PDF needs cannot be read: Too many
    open files" (and `invoke all --jobs 99999` of one book, 99,999 forks: it hung). A
    build starts no more workers than it has sections (books, for `all`) to give them."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    built, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=99_999)
    assert built.stat().st_size > 0
    written, _ = api.build_all([book], tmp_path / "all", jobs=99_999)
    assert sorted(p.suffix for p in written) == [".epub", ".pdf"]
