"""Synthetic country studies, as raw pages in the seed's layout, for tests and benchmarks."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from octavo.dev.gen_grid import grid_table
from octavo.dev.prose import WORDS, paragraph
from octavo.project import octavo_templates
from octavo.write import atomic_text

__all__ = [
    "StudyPage",
    "enrich",
    "furnish",
    "generate_pages",
    "generate_study",
    "write_pages",
]

_CHAPTERS = (
    "Historical Setting",
    "The Society and Its Environment",
    "The Economy",
    "Government and Politics",
    "National Security",
    "Foreign Relations",
)
_TITLES = (
    "Early History",
    "Trade & Industry",
    'The "Special Relationship"',
    "Kyivan Rus' and Polatsk",
    "Minsk <Capital>",
    "Écoles et Universités",
    "Agriculture",
    "Energy",
    "Transportation",
    "The Armed Forces",
    "Religion",
    "Health and Welfare",
    "Local Government",
    "The Judiciary",
    "Relations with Poland",
    "Relations with Lithuania",
    "Education",
    "Banking and Finance",
    "Ethnic Minorities",
    "The Constitution of 1994 and the Long Road from Soviet Institutions to the "
    "Independent State, with Its Many Unfinished Reforms and Open Questions",
)
_MONTHS = ("January", "March", "June", "September", "December")


@dataclass(frozen=True, slots=True)
class StudyPage:
    name: str  # file name, e.g. "058.txt"
    country: str
    title: str
    breadcrumb: tuple[str, ...]
    sequence: int
    total: int
    data_as_of: str  # "June 1995"
    paragraphs: tuple[str, ...]


def generate_pages(
    sections: int, country: str = "Belarus", seed: int = 1, words: int = 600
) -> tuple[StudyPage, ...]:
    """`sections` pages in several chapters, breadcrumb depths 2–4, varied lengths and dates."""
    rng = random.Random(seed)
    chapters = max(2, min(len(_CHAPTERS) * 4, sections // 12 or 1))
    per_chapter = -(-sections // chapters)
    pages = []
    for index in range(sections):
        sequence = index + 1
        chapter = index // per_chapter + 1
        chapter_name = _CHAPTERS[(chapter - 1) % len(_CHAPTERS)]
        position = index % per_chapter
        head = f"Topic {chapter}.{(position - 1) // 4 + 1}"
        kind = (position - 1) % 4
        parents: tuple[str, ...]
        if position == 0:
            title, parents = chapter_name, ()
        elif kind == 0:
            title, parents = head, ()
        else:
            title = f"{rng.choice(_TITLES)} {sequence}"
            deep = kind == 3 and rng.random() < 0.4
            parents = (head, f"{head} Details") if deep else (head,)
        crumbs = ("Country Study", f"Chapter {chapter}", *((*parents, title) if position else ()))
        size = rng.choice((40, 120, words, words, words, 2 * words))
        count = max(1, size // 90)
        paragraphs = tuple(paragraph(rng, max(5, size // count)) for _ in range(count))
        date = f"{rng.choice(_MONTHS)} {rng.choice((1994, 1995, 1995, 1996))}"
        pages.append(
            StudyPage(
                f"{sequence:04d}.txt", country, title, crumbs, sequence, sections, date, paragraphs
            )
        )
    return tuple(pages)


def write_pages(pages: tuple[StudyPage, ...], folder: Path) -> tuple[Path, ...]:
    """Write pages as scraped text in the seed's layout (template import/raw-page.txt.j2)."""
    template = octavo_templates().get_template("import/raw-page.txt.j2")
    return tuple(atomic_text(folder / page.name, template.render(page=page)) for page in pages)


def generate_study(
    out: Path,
    sections: int,
    seed: int = 1,
    words: int = 600,
    constructs: bool = False,
    matter: bool = False,
) -> Path:
    """Raw pages into OUT/pages, imported into the book folder OUT.

    `constructs`: then give some sections what a real study holds besides prose (`enrich`);
    `matter`: and the pages around the chapters and an index's marks (`furnish`)."""
    from octavo.errors import raise_if_errors
    from octavo.importers.batch import import_pages

    paths = write_pages(generate_pages(sections, seed=seed, words=words), out / "pages")
    result = import_pages(list(paths), out, force=True)
    raise_if_errors(result.diagnostics)
    if constructs:
        enrich(out, seed)
    if matter:
        furnish(out, seed)
    return out


def enrich(book: Path, seed: int = 1) -> None:
    """What a country study holds besides prose, for the benchmark and the parallel
    layout's tests: every 6th section a numbered table (7 columns; every 12th 9 columns by 45
    rows, spanning pages; every 24th 15 columns by 30 rows, a broadside), the 8th and every
    20th after it a grid table with spans and a foot (octavo.dev.gen_grid), every 9th a figure
    (one shared PNG, drawn here), every 4th a footnote, every 10th a reference to a section
    half the book away."""
    from PIL import Image as Pil

    rng = random.Random(seed)
    files = sorted(p for p in book.glob("*.md"))
    (book / "images").mkdir(exist_ok=True)
    picture = Pil.new("RGB", (1200, 800), (205, 190, 160))
    picture.save(book / "images" / "figure.png", optimize=True)
    for number, path in enumerate(files, start=1):
        extra = []
        if number % 4 == 0:
            extra.append(
                f"The figures are estimates.[^n{number}]\n\n[^n{number}]: {paragraph(rng, 12)}"
            )
        if number % 6 == 0:
            extra.append(_table(rng, number))
        if number % 20 == 8:  # column groups, a region over its two rows, a foot of totals
            own = random.Random(seed * 1000 + number)  # the other sections' words unchanged
            extra.append(grid_table(own, number, regions=3 if number < 20 else 12))
        if number % 9 == 0:
            extra.append(f"![{paragraph(rng, 6)}](images/figure.png){{#fig:f{number}}}")
        if number % 10 == 0:  # half the book away: in another chapter, before or after
            other = files[(number - 1 + len(files) // 2) % len(files)]
            extra.append(f"See also [a section further off]({other.name}).")
        if extra:
            text = path.read_text(encoding="utf-8")
            atomic_text(path, text.rstrip("\n") + "\n\n" + "\n\n".join(extra) + "\n")


def furnish(book: Path, seed: int = 1) -> None:
    """What a country study holds around its chapters, for the benchmark: a Preface (with a
    footnote), a Bibliography and a Glossary, each a section file of its own kind, and index
    marks (pandoc's span syntax) in every 3rd section, some as subentries, some of one term
    in several chapters, so the book ends with an index of ranges and page lists."""
    rng = random.Random(seed)
    files = sorted(p for p in book.glob("*.md"))
    total = len(files) + 3
    for number, path in enumerate(files, start=1):  # every section says how many there are
        text = path.read_text(encoding="utf-8")
        text = text.replace(f"\ntotal: {len(files)}\n", f"\ntotal: {total}\n", 1)
        atomic_text(path, _marked(text, number))
    preface = [paragraph(rng, 110) for _ in range(5)]
    preface[1] += "[^preface]\n\n[^preface]: " + paragraph(rng, 14)
    entries = [
        f"{paragraph(rng, 3)[:-1].title()}. *{paragraph(rng, 7)[:-1].title()}*. "
        f"{rng.choice(('Minsk', 'Moscow', 'Washington', 'London'))}: {1960 + n % 36}."
        for n in range(80)
    ]
    terms = sorted({rng.choice(_TERMS).title() + " " + rng.choice(_TERMS) for _ in range(60)})
    glossary = [f"**{term}**: {paragraph(rng, 30)}" for term in terms]
    for offset, (title, kind, paragraphs) in enumerate(
        (
            ("Preface", "preface", preface),
            ("Bibliography", "bibliography", entries),
            ("Glossary", "glossary", glossary),
        ),
        start=len(files) + 1,
    ):
        head = (
            f'---\ntitle: "{title}"\ncountry: Belarus\nchapter: 0\nparents: []\n'
            f'sequence: {offset}\ntotal: {total}\ndata_as_of: "1995-06"\nkind: {kind}\n---\n\n'
        )
        atomic_text(book / f"{offset:03d}-{kind}.md", head + "\n\n".join(paragraphs) + "\n")


_MARKS = (
    ("railway", '{index="Railways"}'),
    ("river", '{index="Rivers!navigation"}'),
    ("parliament", "{.index}"),
    ("currency", '{index="Currency!reform"}'),
    ("energy", '{index="Energy"}'),
    ("forest", "{.index}"),
)


_TERMS = tuple(w for w in WORDS[1:40] if w not in {m[0] for m in _MARKS})  # no "the"


def _marked(text: str, number: int) -> str:
    """Every 3rd section: the first use of two of `_MARKS`' words and of two more words made
    index marks (entries of their own), where the section uses them."""
    if number % 3:
        return text
    words = [
        (_MARKS[number % 6][0], _MARKS[number % 6][1]),
        (_MARKS[(number // 3) % 6][0], _MARKS[(number // 3) % 6][1]),
        *((_TERMS[(number * k) % len(_TERMS)], "{.index}") for k in (5, 11)),
    ]
    body = text.find("\n---\n") + 5  # after the front matter
    for word, mark in words:
        at = text.find(f" {word} ", body)
        if at >= 0:
            text = f"{text[: at + 1]}[{word}]{mark}{text[at + 1 + len(word) :]}"
    return text


def _table(rng: random.Random, number: int) -> str:
    """Seven columns by 12 rows; every other one nine columns by 45 rows, so it is wide and
    spans pages (its header row repeats), as a country study's statistical tables do; every
    fourth 15 columns by 30 rows, too wide for the text block: a broadside table, on pages
    turned (octavo.render.pdf.landscape)."""
    if number % 24 == 0:
        columns, years = 14, 30
    elif number % 12 == 0:
        columns, years = 8, 45
    else:
        columns, years = 6, 12
    head = "| Year | " + " | ".join(rng.sample(WORDS, columns)).title() + " |"
    rows = [
        f"| {1950 + year} | "
        + " | ".join(f"{rng.randint(10, 9999):,}" for _ in range(columns))
        + " |"
        for year in range(years)
    ]
    caption = f"Table: {paragraph(rng, 8)} {{#tbl:t{number}}}"
    return "\n".join([head, "|:--|" + "--:|" * columns, *rows]) + "\n\n" + caption
