"""Generated studies made richer for the parallel build's tests: front- and back-matter
divisions (tests/e2e/test_pdf_parallel_matter.py, test_pdf_parallel_index.py), tables set
on landscape pages (test_pdf_parallel_landscape.py), parts of countries
(test_pdf_parallel_parts.py)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from octavo import api
from octavo.dev.gen import generate_study
from octavo.model import Manuscript
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.build import ParallelResult, render_pdf_parallel
from tests.support.weasyprint_log import quietly

__all__ = [
    "LONG_APPENDIX",
    "PARAGRAPH",
    "SECTIONS",
    "Builds",
    "Edited",
    "add_appendices",
    "add_divisions",
    "add_landscape_tables",
    "add_parts",
    "built_both_ways",
    "edited",
]

SECTIONS = 24

PARAGRAPH = (
    "The study was prepared by the research staff of a national library, who drew on "
    "official statistics, scholarly monographs and the press of the period; its chapters "
    "follow one plan, so that readers may compare one country with another. "
)


def _front_matter(title: str, kind: str, sequence: int) -> str:
    return (
        f'---\ntitle: "{title}"\ncountry: Belarus\nchapter: 0\nparents: []\n'
        f'sequence: {sequence}\ntotal: {SECTIONS + 2}\ndata_as_of: "1995-06"\n'
        f"kind: {kind}\n---\n\n"
    )


def add_divisions(book: Path) -> None:
    """A Preface (two pages and more, a footnote, a table for the list of tables, a link
    into the body) and a Glossary (three pages and more), written as section files."""
    for path in book.glob("*.md"):  # every section says how many there are
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"total: {SECTIONS}\n", f"total: {SECTIONS + 2}\n"))
    body = sorted(book.glob("0*.md"))[5].name
    preface = _front_matter("Preface", "preface", SECTIONS + 1) + "\n\n".join(
        [PARAGRAPH * 4] * 9
        + [
            "The figures are the latest available.[^p1]\n\n[^p1]: Some are estimates.",
            f"See [the chapters that follow]({body}).",
            "| Year | Census |\n|:--|--:|\n| 1989 | 10,151,806 |\n| 1999 | 10,045,237 |\n\n"
            "Table: Population at the censuses {#tbl:preface-census}",
        ]
    )
    (book / f"{SECTIONS + 1:03d}-preface.md").write_text(preface + "\n", encoding="utf-8")
    terms = [f"**Term {n}**: {PARAGRAPH}" for n in range(60)]
    glossary = _front_matter("Glossary", "glossary", SECTIONS + 2) + "\n\n".join(terms)
    (book / f"{SECTIONS + 2:03d}-glossary.md").write_text(glossary + "\n", encoding="utf-8")


# the title of `add_appendices`'s second appendix: its running head, "Appendix B: " before
# it, is longer than the head's line (cut after a whole word)
LONG_APPENDIX = (
    "Principal Exports and Imports by Commodity Group, Trading Partner, Means of Transport "
    "and Year of Record, with the Shares of the Republic\u2019s Neighbours, 1990\u20131994"
)


def add_appendices(book: Path) -> None:
    """Two appendices of three pages and more: one titled "Appendix C: Cities" by its
    author (a label octavo's "Appendix A" replaces: Chapter._own_title), one whose title
    is LONG_APPENDIX, each a page file of its own (a lone section, its division's
    opening)."""
    for path in book.glob("*.md"):  # every section says how many there are
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"total: {SECTIONS}\n", f"total: {SECTIONS + 2}\n"))
    text = "\n\n".join([PARAGRAPH * 4] * 12)
    for at, title in enumerate(("Appendix C: Cities", LONG_APPENDIX), SECTIONS + 1):
        page = _front_matter(title, "appendix", at) + text
        (book / f"{at:03d}-appendix.md").write_text(page + "\n", encoding="utf-8")


def _wide_table(ident: str) -> str:
    """The 14-column table of tests/data/landscape (too wide for the text block even in
    small type: landscape pages), with the id `ident`."""
    source = Path(__file__).parents[1] / "data" / "landscape" / "001-accounts.md"
    lines = source.read_text(encoding="utf-8").splitlines()
    table = [line for line in lines if line.startswith("|")]
    caption = next(line for line in lines if line.startswith("Table:"))
    return "\n".join(table) + "\n\n" + caption.replace("tbl:accounts", ident)


def add_landscape_tables(book: Path) -> None:
    """A wide table on landscape pages at the end of the first chapter, after five
    paragraphs more (so that it ends on a right-hand page, and the next chapter's blank
    page follows a landscape one), and one in the Glossary (`add_divisions`), between its
    terms."""
    sections = sorted(book.glob("0*.md"))
    first = [p for p in sections if "\nchapter: 1\n" in p.read_text(encoding="utf-8")]
    last = first[-1]
    text = last.read_text(encoding="utf-8").rstrip("\n")
    more = "\n\n".join([PARAGRAPH * 4] * 5)
    table = _wide_table("tbl:body-wide")
    last.write_text(f"{text}\n\n{more}\n\n{table}\n", encoding="utf-8")
    glossary = book / f"{SECTIONS + 2:03d}-glossary.md"
    text = glossary.read_text(encoding="utf-8").rstrip("\n")
    middle = "\n\n" + _wide_table("tbl:glossary-wide") + "\n\n"
    terms = text.split("\n\n")
    half = len(terms) // 2
    glossary.write_text(
        "\n\n".join(terms[:half]) + middle + "\n\n".join(terms[half:]) + "\n",
        encoding="utf-8",
    )


def add_parts(book: Path) -> None:
    """Two parts of countries: the body's later chapters (the upper half of their numbers)
    become Moldova's, the others stay Belarus's (book.toml's `parts`)."""
    found = {
        p: re.search(r"^chapter: (\d+)$", p.read_text(encoding="utf-8"), re.M)
        for p in book.glob("*.md")
    }
    numbers = sorted({int(m[1]) for m in found.values() if m and int(m[1])})
    later = set(numbers[(len(numbers) + 1) // 2 :])
    for path, match in found.items():
        if match and int(match[1]) in later:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("\ncountry: Belarus\n", "\ncountry: Moldova\n"))
    config = book / "book.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('paper = "letter"\n', 'paper = "letter"\nparts = ["Belarus", "Moldova"]\n')
    )


@dataclass(frozen=True)
class Builds:
    root: Path
    manuscript: Manuscript
    one: Path  # jobs=1
    cold: ParallelResult  # jobs=2, empty cache
    cold_pdf: Path
    cache: Path
    warnings: tuple[str, ...]


def built_both_ways(
    folder: Path, *richer: Callable[[Path], None], book: Path | None = None
) -> Builds:
    """A generated study (SECTIONS, constructs), or a copy of `book`, made `richer`, built
    in one process and in parts (an empty cache), with what WeasyPrint logged."""
    if book is None:
        root = generate_study(folder / "book", SECTIONS, constructs=True)
    else:
        root = shutil.copytree(book, folder / "book")
    for make in richer:
        make(root)
    manuscript, _ = api.manuscript(root)
    cache = folder / "cache"
    (one, _), first = quietly(lambda: api.build_pdf(root, folder / "one" / "study.pdf"))
    cold, second = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, cache))
    cold_pdf = folder / "cold.pdf"
    cold_pdf.write_bytes(cold.pdf)
    return Builds(root, manuscript, one, cold, cold_pdf, cache, (*first, *second))


@dataclass(frozen=True)
class Edited:
    manuscript: Manuscript  # of the edited copy
    result: ParallelResult  # laid out in parts with the cache of `Builds`
    pdf: Path  # its PDF, written
    warnings: list[str]
    cold: bytes  # the edited copy laid out in parts with no cache


def edited(builds: Builds, folder: Path, name: str, addition: str) -> Edited:
    """A copy of the study in `folder` whose section file `name` ends with `addition`, laid
    out in parts again with the cache of the builds before, and cold."""
    book = shutil.copytree(builds.root, folder / "book")
    source = book / name
    text = source.read_text(encoding="utf-8").rstrip("\n")
    source.write_text(text + addition, encoding="utf-8")
    manuscript, _ = api.manuscript(book)
    result, warnings = quietly(
        lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, builds.cache)
    )
    out = folder / "edited.pdf"
    out.write_bytes(result.pdf)
    cold, _ = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, None))
    return Edited(manuscript, result, out, warnings, cold.pdf)
