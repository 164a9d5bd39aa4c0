"""A Page -> its Markdown source (templates/import/section.md.j2) and its file name; the
book.toml an import creates, or gives the titles of chapters."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.importers.chapter_titles import imported_titles
from octavo.importers.grid_lines import grid_lines
from octavo.importers.page import Block, Page
from octavo.project import octavo_templates
from octavo.source.config import key_line
from octavo.source.files import TomlError, load_toml, read_utf8
from octavo.source.identity import book_identifier
from octavo.text import escape_block_start, slugify
from octavo.write import atomic_text

__all__ = [
    "HAND_WRITTEN",
    "PUBLISHER",
    "book_toml",
    "file_name",
    "new_book_leftovers",
    "render_section",
    "source_of",
]

HAND_WRITTEN = "written by hand"  # book.toml's source in a book `invoke new` made (templates/new)
PUBLISHER = "Federal Research Division, Library of Congress"  # the studies' publisher


def _markdown_blocks(page: Page) -> list[Block]:
    """Lines that could open a Markdown construct get it escaped. A signature's lines become
    a pandoc line block ('| ' before each line), which keeps its lines in both outputs. A
    table kept with its spans is drawn as a grid table (octavo.importers.grid_lines)."""
    starts = {"paragraph", "credit"}
    return [
        replace(b, markdown=escape_block_start(b.markdown))
        if b.kind in starts
        else replace(b, items=tuple(escape_block_start(i) for i in b.items))
        if b.kind == "lines"
        else replace(b, grid=grid_lines(b))  # drawn last: its cells' links are rewritten
        if b.kind == "table" and b.spans is not None
        else b
        for b in page.blocks
    ]


def with_credits(blocks: list[Block]) -> list[Block]:
    """A credit under a photo's caption or image given to it (as its `label`): under a
    caption whose photo is gone it stays with the caption, set apart from the text (it read
    as a sentence of the body: 'Courtesy Harvey Follender'); under an image it is the
    figure's `credit="…"`, unless its words hold a quote or backslash an attribute would
    have to escape, when it stays a paragraph of its own, as before."""
    out: list[Block] = []
    for block in blocks:
        before = out[-1] if out else None
        if block.kind == "credit" and before is not None and not before.label:
            if before.kind == "caption":
                out[-1] = replace(before, label=block.markdown)
                continue
            if before.kind == "image" and not set(block.text) & {'"', "\\"}:
                out[-1] = replace(before, label=block.text)
                continue
        out.append(block)
    return out


def shared_quotations(blocks: list[Block]) -> list[int]:
    """How many quotations each block shares with the block before it (none for the
    first): the blank line between them is inside those, so a quotation's paragraphs stay
    one quotation and two quotations side by side stay two."""
    shared = [0]
    for before, block in itertools.pairwise(blocks):
        depth = 0
        for outer, inner in zip(before.quote, block.quote, strict=False):
            if outer != inner:
                break
            depth += 1
        shared.append(depth)
    return shared[: len(blocks)]


def render_section(page: Page, source: str, supplied: tuple[str, ...] = ()) -> str:
    template = octavo_templates().get_template("import/section.md.j2")
    blocks = with_credits(_markdown_blocks(page))
    return template.render(
        page=page,
        blocks=blocks,
        shared=shared_quotations(blocks),
        source=source,
        supplied=list(supplied),
    )


def file_name(page: Page) -> str:
    width = max(3, len(str(page.total or page.sequence)))
    return f"{page.sequence:0{width}d}-{slugify(page.title, 40) or 'section'}.md"


def book_toml(book: Path, pages: list[Page], imported: bool, titles: dict[int, str]) -> Path | None:
    """Create book.toml from the first page (`imported`: some page was written); give it the
    titles of chapters whose chapter-level page was imported, and those the manifest names."""
    chapters = imported_titles(pages, titles)
    target = book / "book.toml"
    if not imported and not target.exists():
        return None
    if target.exists():
        return _add_chapters(target, chapters)
    first = pages[0]
    research = Counter(p.data_as_of for p in pages if p.data_as_of).most_common(1)
    # in the order their parts are set: by their first section's number
    by_number = sorted(pages, key=lambda p: p.sequence or 0)
    countries = list(dict.fromkeys(p.country for p in by_number if p.country))
    if len(countries) > 1:  # pages of several studies: one volume of parts, as LoC bound them
        country = " and ".join([", ".join(countries[:-1]), countries[-1]])
        title = f"{country}: Country Studies"
    else:
        country = first.country or ""
        title = f"{country}: A Country Study"
    # the book's own identifier, from what it starts with (octavo.source.identity); fixed
    # from now on, so the book keeps it as it grows
    sections = [(p.sequence or 0, p.title) for p in pages]
    total = max((p.total or 0 for p in pages), default=0)
    text = (
        octavo_templates()
        .get_template("import/book.toml.j2")
        .render(
            title=title,
            country=country,
            identifier=book_identifier(title, country, sections, total),
            source=source_of(pages),
            publisher=PUBLISHER,
            research=research[0][0] if research else None,
            chapters=sorted(chapters.items()),
        )
    )
    return atomic_text(target, text)


def source_of(pages: list[Page]) -> str:
    """What the colophon and the imprint name as the text's source: the study, and the sites
    whose pages were imported (never the folder they were saved in)."""
    sites = sorted({p.profile for p in pages if p.profile and p.profile != "generic"})
    where = f", as published at {', '.join(sites)}" if sites else ""
    return f"Library of Congress Country Studies{where}"


def new_book_leftovers(book: Path, pages: list[Page]) -> list[Diagnostic]:
    """What `invoke new` wrote and the book still holds, now that pages were imported into
    it: said, not changed (book.toml and the sections are the user's).

    - W416: its source is still "written by hand": the imprint and the colophon would
      credit the Library of Congress's text to nobody;
    - W421: it names no author, editor or publisher: the EPUB would have no dc:creator,
      which reading systems show as "Unknown" (calibre, Apple Books); the country studies'
      corporate author, their publisher, is the line to put there (octavo.render.metadata
      credits a book with no people to its publisher);
    - W422: the example section is still there (octavo.importers.section._example_left)."""
    target = book / "book.toml"
    text, _ = read_utf8(target, root=book, kind="config")
    if text is None:
        return []
    try:
        config = load_toml(text)
    except TomlError:
        return []  # the build says what is wrong with it
    found = []
    if config.get("source") == HAND_WRITTEN:
        found.append(
            warning(
                "W416",
                f"book.toml's source is still {HAND_WRITTEN!r}, as `invoke new` wrote it: the "
                "imprint and colophon would credit the imported pages to it",
                target,
                key_line(text, "source"),
                hint=f"set source = {json.dumps(source_of(pages), ensure_ascii=False)}",
            )
        )
    found += _example_left(book)
    if not any(config.get(key) for key in ("authors", "editors", "publisher")):
        found.append(
            warning(
                "W421",
                "book.toml names no author, editor or publisher: reading systems would show "
                "the imported study's author as 'Unknown'",
                target,
                key_line(text, "publisher") or key_line(text, "authors"),
                hint=f"set publisher = {json.dumps(PUBLISHER)} (the studies' corporate author)",
            )
        )
    return found


def _example_left(book: Path) -> list[Diagnostic]:
    """W422 at the example section `invoke new` wrote, still in a book that now has pages
    of its own: the build stops at it (E313: `new`'s boilerplate in a book of pages), which the
    import, which reported success, had not said. Said, not deleted: it is the user's."""
    from octavo.source.assemble import EXAMPLE_SOURCE
    from octavo.source.frontmatter import FrontMatterError, split_front_matter

    found = []
    for path in sorted(book.glob("*.md")):
        text, _ = read_utf8(path, root=book, kind="section")
        try:
            meta = split_front_matter(text).data if text is not None else {}
        except FrontMatterError:
            continue  # the build says what is wrong with it
        if meta.get("source") == EXAMPLE_SOURCE:
            found.append(
                warning(
                    "W422",
                    "the example section `invoke new` wrote is still in the book: the build "
                    "stops at it (E313) now that the book has pages of its own",
                    path,
                    hint=f"delete {path.name}",
                )
            )
    return found


def _add_chapters(target: Path, chapters: dict[int, str]) -> Path | None:
    """Add the chapter titles book.toml lacks to its [chapters] table; change nothing else."""
    text, _ = read_utf8(target, root=target.parent, kind="config")  # the sandbox's rules
    if text is None:
        return None  # not ours to change: a link out, a FIFO, too big, not UTF-8
    try:
        have = load_toml(text).get("chapters", {})
    except TomlError:
        return None
    missing = {n: t for n, t in sorted(chapters.items()) if str(n) not in have}
    if not missing:
        return None
    lines = [f"{n} = {json.dumps(t, ensure_ascii=False)}" for n, t in missing.items()]
    if re.search(r"(?m)^\[chapters\]\s*$", text):
        added = "[chapters]\n" + "\n".join(lines)  # as written: a title's "\\" is no escape
        text = re.sub(r"(?m)^\[chapters\]\s*$", lambda _: added, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n[chapters]\n" + "\n".join(lines) + "\n"
    return atomic_text(target, text)
