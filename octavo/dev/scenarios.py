"""The scenarios of `invoke bench` (see octavo/dev/bench.py for how each is measured)."""

from __future__ import annotations

import shutil
import sys
from functools import partial
from pathlib import Path

from octavo.dev.bench import Report, Row, judged, measure, remove, table
from octavo.source.sections import load_book
from octavo.write import atomic_text

__all__ = ["run_bench"]


def _invoke(*args: str | Path) -> list[str | Path]:
    return [sys.executable, "-m", "invoke", *args]


def pandoc_markdown(book: Path, out: Path) -> Path:
    """The same text as one Markdown file for pandoc: headings, bodies, data dates as notes."""
    loaded, _ = load_book(book)
    parts = [f"% {loaded.config.title}\n"]
    for chapter in loaded.chapters:
        parts.append(f"# {chapter.title}\n")
        for section in chapter.sections:
            marks = "#" * min(section.depth + 1, 6)
            parts.append(
                f"{marks} {section.title}[^{section.slug}]\n\n{section.body}\n"
                f"[^{section.slug}]: {section.note_text}\n"
            )
    return atomic_text(out, "\n".join(parts))


def _study(root: Path, sections: int, seed: int = 1) -> Path:
    from octavo.dev.gen import generate_study

    folder = root / f"study-{sections}"
    if not (folder / "book.toml").exists():
        generate_study(folder, sections, seed=seed, constructs=True)
    return folder


def _edit(section: Path) -> None:
    text = section.read_text()
    section.write_text(
        text.replace("\n\n", "\n\nEdited. ", 1)
        if "Edited." not in text
        else text.replace("Edited. ", "", 1)
    )


def run_bench(
    root: Path, sizes: tuple[int, ...], runs: int, series: int, out_json: Path
) -> list[str]:
    project = Path.cwd()
    report = Report()
    for size in sizes:
        book = _study(root, size)
        out = root / f"out-{size}"
        out.mkdir(exist_ok=True)
        epub, pdf, html = out / "b.epub", out / "b.pdf", out / "b.html"
        cold = remove(
            out / "b.epub",
            out / "b.pdf",
            out / ".b.epub.key",
            out / ".b.pdf.key",
            out / ".octavo-cache",
        )
        source = pandoc_markdown(book, out / "pandoc.md")
        ours = measure(
            f"{size}: invoke epub, cold (no cache, cover drawn)",
            _invoke("epub", "--book", book, "--out", epub),
            project,
            runs,
            cold,
        )
        sections = sorted(book.glob("*.md"))
        warm = measure(
            f"{size}: invoke epub after editing one section",
            _invoke("epub", "--book", book, "--out", epub),
            project,
            runs,
            partial(_edit, sections[len(sections) // 2]),
        )
        if shutil.which("pandoc"):
            theirs = report.add(
                measure(
                    f"{size}: pandoc → EPUB",
                    ["pandoc", source, "-o", out / "pandoc.epub"],
                    project,
                    runs,
                )
            )
            for row in (ours, warm):
                report.add(judged(row, "≤ 0.33 × pandoc", row.seconds / theirs.seconds, 0.33))
        else:
            for row in (ours, warm):
                report.add(
                    Row(
                        row.name,
                        row.seconds,
                        row.rss_mib,
                        row.runs,
                        note="pandoc not installed (apt-get install pandoc)",
                    )
                )
        one = measure(
            f"{size}: invoke pdf cold, one process",
            _invoke("pdf", "--book", book, "--out", pdf, "--html", html, "--jobs", "1"),
            project,
            runs,
            cold,
        )
        alone = report.add(
            measure(
                f"{size}: WeasyPrint alone on octavo's --html",
                [sys.executable, "-m", "weasyprint", html, out / "wp.pdf"],
                project,
                runs,
            )
        )
        report.add(judged(one, "≤ 1.05 × WeasyPrint alone", one.seconds / alone.seconds, 1.05))
        if size <= 100:
            report.add(
                judged(
                    Row("  peak RSS ratio (one process vs WeasyPrint)", 0, one.rss_mib, ()),
                    "≤ 1.2",
                    one.rss_mib / alone.rss_mib,
                    1.2,
                )
            )
        both = measure(
            f"{size}: invoke pdf cold, both cores, no previous build",
            _invoke("pdf", "--book", book, "--out", pdf, "--jobs", "2"),
            project,
            runs,
            cold,
        )
        report.add(judged(both, "≤ 0.65 × WeasyPrint alone", both.seconds / alone.seconds, 0.65))
        edited = measure(
            f"{size}: invoke pdf --jobs 2 after editing one section",
            _invoke("pdf", "--book", book, "--out", pdf, "--jobs", "2"),
            project,
            runs,
            partial(_edit, sections[len(sections) // 2]),
        )
        report.add(judged(edited, "≤ 0.25 × cold build", edited.seconds / one.seconds, 0.25))
        noop = measure(
            f"{size}: no-op invoke pdf", _invoke("pdf", "--book", book, "--out", pdf), project, runs
        )
        report.add(judged(noop, "≤ 0.5 s", None, 0.5))
    if series:
        books = [_study(root / f"series-{i}", 81, seed=100 + i) for i in range(series)]
        outs = [root / f"series-out-{i}" for i in range(series)]
        clean = remove(*outs)

        def one_by_one() -> list[str | Path]:
            script = " && ".join(
                f"{sys.executable} -m invoke epub --book {b} --out {o}/b.epub && "
                f"{sys.executable} -m invoke pdf --book {b} --out {o}/b.pdf --jobs 1"
                for b, o in zip(books, outs, strict=True)
            )
            return ["bash", "-c", script]

        serial = report.add(
            measure(f"series of {series} studies, one by one", one_by_one(), project, runs, clean)
        )
        together = measure(
            f"series of {series} studies, invoke all",
            _invoke(
                "all", "--out", root / "series-all", *[a for b in books for a in ("--books", b)]
            ),
            project,
            runs,
            remove(root / "series-all"),
        )
        report.add(judged(together, "≤ 0.6 × one by one", together.seconds / serial.seconds, 0.6))
    atomic_text(out_json, report.to_json())
    return table(report.rows)
