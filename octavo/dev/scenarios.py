"""The scenarios of `invoke bench` (see octavo/dev/bench.py for how each is measured)."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from octavo.dev.bench import (
    Measured,
    Report,
    Row,
    busiest,
    judged,
    measure,
    measure_alternating,
    remove,
    watched_edits,
)
from octavo.dev.bench_report import context, table
from octavo.source.sections import load_book
from octavo.write import atomic_text

__all__ = [
    "pandoc_markdown",
    "run_bench",
]

NO_PANDOC = "pandoc not installed (apt-get install pandoc)"


def _invoke(*args: str | Path) -> list[str | Path]:
    return [sys.executable, "-m", "invoke", *args]


def pandoc_markdown(book: Path, out: Path) -> Path:
    """The same text as one Markdown file for pandoc: headings, bodies, data dates as notes."""
    loaded, _ = load_book(book)
    parts = [f"% {loaded.config.title}\n"]
    for chapter in loaded.chapters:
        parts.append(f"# {chapter.heading(loaded.labels)}\n")
        for section in chapter.sections:
            marks = "#" * min(section.depth + 1, 6)
            if not section.dated:  # the reference list octavo makes: no data date
                parts.append(f"{marks} {section.title}\n\n{section.body}\n")
                continue
            parts.append(
                f"{marks} {section.title}[^{section.slug}]\n\n{section.body}\n"
                f"[^{section.slug}]: {loaded.labels.note(section)}\n"
            )
    return atomic_text(out, "\n".join(parts))


def _compiled() -> str:
    """octavo's modules byte-compiled, as a wheel install leaves them: with
    PYTHONDONTWRITEBYTECODE set (as here) a checkout would otherwise compile every module in
    every measured command, a cost no installed octavo pays."""
    import compileall

    from octavo.shipped import PACKAGE

    compileall.compile_dir(PACKAGE, quiet=1)
    return "octavo byte-compiled before the runs (compileall), as pip leaves an install"


def _study(root: Path, sections: int, seed: int = 1, rich: bool = True) -> Path:
    """The generated study of `sections`, made again when the generator changed since an
    earlier bench made it (its source's digest kept beside it): a study made before the
    broadside tables would measure a book without them."""
    import octavo.dev.gen as gen
    import octavo.dev.gen_grid as gen_grid
    import octavo.dev.prose as prose
    from octavo.cache import fingerprint

    folder = root / f"study-{sections}"
    stamp = root / f".study-{sections}.gen"
    files = (gen.__file__, gen_grid.__file__, prose.__file__)
    sources = (Path(file).read_bytes() for file in files)
    made = fingerprint(*sources, str(seed), str(rich))
    if not stamp.is_file() or stamp.read_text() != made or not (folder / "book.toml").exists():
        shutil.rmtree(folder, ignore_errors=True)
        gen.generate_study(folder, sections, seed=seed, constructs=rich, matter=rich)
        atomic_text(stamp, made)
    return folder


def _edit(section: Path) -> None:
    """A new edit each time (a numbered sentence after the first paragraph): an edit undone
    or repeated would find its old layout in the cache and measure nothing."""
    text = section.read_text()
    found = re.search(r"Edit number (\d+)\. ", text)
    if found:
        text = text.replace(found.group(0), f"Edit number {int(found.group(1)) + 1}. ", 1)
    else:
        text = text.replace("\n\n", "\n\nEdit number 1. ", 1)
    section.write_text(text)


def run_bench(
    root: Path, sizes: tuple[int, ...], runs: int, series: int, out_json: Path
) -> list[str]:
    """Every measure of `invoke bench`, side by side; the report is also written as JSON."""
    project = Path.cwd()
    report = Report(context={**context(), "bytecode": _compiled()})
    for size in sizes:
        _size(report, root, project, size, runs)
        atomic_text(out_json, report.to_json())  # a later failure keeps the rows measured
    if series:
        _series(report, root, project, series, runs)
    atomic_text(out_json, report.to_json())
    return table(report.rows)


def _size(report: Report, root: Path, project: Path, size: int, runs: int) -> None:
    """The EPUB's and the PDF's rows for a study of `size` sections; what a ratio compares
    runs in turns (octavo.dev.bench.measure_alternating)."""
    book = _study(root, size)
    out = root / f"out-{size}"
    out.mkdir(exist_ok=True)
    epub, pdf, one_pdf, html = out / "b.epub", out / "b.pdf", out / "one.pdf", out / "b.html"
    state = project / "build" / ".octavo"
    source = pandoc_markdown(book, out / "pandoc.md")
    edit = partial(_edit, sorted(book.glob("*.md"))[size // 2])
    pandoc = shutil.which("pandoc")
    _epub(report, project, runs, size, (book, epub, state, edit), pandoc, source, out)
    pdfs = [
        Measured(
            f"{size}: invoke pdf cold, one process",
            _invoke("pdf", "--book", book, "--out", one_pdf, "--html", html, "--jobs", "1"),
            remove(one_pdf, state),
        ),
        Measured(
            f"{size}: WeasyPrint alone on octavo's --html",
            [sys.executable, "-m", "weasyprint", html, out / "wp.pdf"],
        ),
        Measured(
            f"{size}: invoke pdf cold, default jobs",
            _invoke("pdf", "--book", book, "--out", pdf),
            remove(pdf, state),
        ),
        Measured(
            f"{size}: invoke pdf after editing one section",
            _invoke("pdf", "--book", book, "--out", pdf),
            edit,
        ),
        Measured(f"{size}: no-op invoke pdf", _invoke("pdf", "--book", book, "--out", pdf)),
    ]
    if pandoc:
        pdfs.append(
            Measured(
                f"{size}: pandoc → HTML → WeasyPrint",
                [
                    "bash",
                    "-c",
                    f"{pandoc} {source} -s --toc -o {out}/p.html && "
                    f"{sys.executable} -m weasyprint --base-url {book}/ {out}/p.html {out}/p.pdf",
                ],
            )
        )
    one, alone, both, edited, noop, *plain = measure_alternating(pdfs, project, runs)
    report.add(alone)
    report.add(judged(one, "≤ 1.05 × WeasyPrint alone", one.seconds / alone.seconds, 1.05))
    report.add(judged(both, "≤ 0.55 × WeasyPrint alone", both.seconds / alone.seconds, 0.55))
    for theirs in plain:
        report.add(theirs)
        report.add(
            Row(
                f"  {size}: invoke pdf cold, default jobs, vs pandoc → WeasyPrint",
                both.seconds,
                both.rss_mib,
                both.runs,
                "≤ 0.60 × pandoc → WeasyPrint",
                round(both.seconds / theirs.seconds, 3),
                both.seconds / theirs.seconds <= 0.60,
                busy=busiest((both.busy, theirs.busy)),
            )
        )
    report.add(
        judged(
            Row(
                f"  {size}: peak RSS, default jobs vs one process",
                0,
                both.rss_mib,
                (),
                busy=both.busy,
            ),
            "≤ 1.2",
            both.rss_mib / one.rss_mib,
            1.2,
        )
    )
    report.add(
        judged(
            Row(f"  {size}: PDF size, default jobs vs one process", 0, 0, ()),
            "≤ 1.10",
            pdf.stat().st_size / one_pdf.stat().st_size,
            1.10,
            f"{pdf.stat().st_size / 1e6:.2f} MB vs {one_pdf.stat().st_size / 1e6:.2f} MB",
        )
    )
    report.add(judged(edited, "≤ 0.15 × cold, default jobs", edited.seconds / both.seconds, 0.15))
    report.add(judged(noop, "≤ 0.30 s", None, 0.30))
    watched = _watched(root, project, book, size, runs)
    report.add(replace(watched, ratio=round(watched.seconds / both.seconds, 3)))


def _watched(root: Path, project: Path, book: Path, size: int, runs: int) -> Row:
    """`invoke watch` on a copy of the study: from saving an edited section to the line
    saying the EPUB and the PDF were rebuilt (its workers kept warm between rebuilds). Its
    ratio is to the cold PDF's, as the edited `invoke pdf`'s; no goal of its own."""
    folder = (root / f"watch-{size}").resolve()  # the watch runs in it: no relative paths
    shutil.rmtree(folder, ignore_errors=True)
    copy = folder / "study"
    shutil.copytree(book, copy)
    command = _invoke("--search-root", project, "watch", "--book", copy)
    section = sorted(copy.glob("*.md"))[size // 2]
    row = watched_edits(
        f"{size}: invoke watch, EPUB and PDF after editing one section",
        command,
        folder,
        partial(_edit, section),
        runs,
    )
    return replace(row, note="from the save to watch's line; the EPUB included")


def _epub(
    report: Report,
    project: Path,
    runs: int,
    size: int,
    study: tuple[Path, Path, Path, Callable[[], None]],
    pandoc: str | None,
    source: Path,
    out: Path,
) -> None:
    """The cold EPUB, pandoc's and the EPUB after an edit, in turns."""
    book, epub, state, edit = study
    ours = [
        Measured(
            f"{size}: invoke epub, cold",
            _invoke("epub", "--book", book, "--out", epub),
            remove(epub, state),
        ),
        Measured(
            f"{size}: invoke epub after editing one section",
            _invoke("epub", "--book", book, "--out", epub),
            edit,
        ),
    ]
    if not pandoc:
        for row in measure_alternating(ours, project, runs):
            report.add(replace(row, note=NO_PANDOC))
        return
    theirs = Measured(
        f"{size}: pandoc → EPUB",
        [pandoc, source, "--toc", "--resource-path", book, "-o", out / "pandoc.epub"],
    )
    cold, warm, plain = measure_alternating([*ours, theirs], project, runs)
    report.add(plain)
    for row in (cold, warm):
        report.add(judged(row, "≤ 0.33 × pandoc → EPUB", row.seconds / plain.seconds, 0.33))


def _series(report: Report, root: Path, project: Path, series: int, runs: int) -> None:
    books = [_study(root / f"series-{i}", 81, seed=100 + i) for i in range(series)]
    outs = [root / f"series-out-{i}" for i in range(series)]
    clean = remove(*outs, project / "build" / ".octavo")

    serial = report.add(
        measure(
            f"series of {series} studies, one by one", one_by_one(books, outs), project, runs, clean
        )
    )
    together = measure(
        f"series of {series} studies, invoke all",
        _invoke("all", "--out", root / "series-all", *[a for b in books for a in ("--books", b)]),
        project,
        runs,
        remove(root / "series-all", project / "build" / ".octavo"),
    )
    report.add(judged(together, "≤ 0.6 × one by one", together.seconds / serial.seconds, 0.6))


def one_by_one(books: list[Path], outs: list[Path]) -> list[str | Path]:
    """The series built as a user would without `invoke all`: each study's EPUB, then its
    PDF in one process, into its own output folder (made first: `--out` into a folder
    that does not exist is E133, and the bench removes the folders between runs)."""
    script = " && ".join(
        f"mkdir -p {o} && {sys.executable} -m invoke epub --book {b} --out {o}/b.epub && "
        f"{sys.executable} -m invoke pdf --book {b} --out {o}/b.pdf --jobs 1"
        for b, o in zip(books, outs, strict=True)
    )
    return ["bash", "-c", script]
