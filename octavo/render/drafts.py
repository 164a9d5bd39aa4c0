"""Each section of the book rendered in its place: the numbers of the notes, tables,
figures and examples before it, the book's heading names it refers to (its `Context`), its
source's folder; its diagnostics. Its references are resolved later, once every section is
rendered (octavo.render.references)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from octavo.collector import paused
from octavo.errors import Diagnostic, error, warning
from octavo.model import (
    Block,
    Book,
    Chapter,
    IndexMark,
    Note,
    Numbered,
    RenderedSection,
    Section,
)
from octavo.render.float_numbers import float_id_prefix, float_prefix, numbered_apart
from octavo.render.heading_refs import book_heading_names, names_used
from octavo.render.markdown import Context, Fragment
from octavo.render.markdown_cache import SectionCache
from octavo.render.raw import RAW_HINT
from octavo.render.split import example_lines

__all__ = ["ChapterDraft", "Draft", "draft_chapters", "estimated_contexts"]


def draft_chapters(
    book: Book, cache: SectionCache, found: list[Diagnostic]
) -> tuple[tuple[ChapterDraft, ...], dict[str, str]]:
    """Every chapter's sections rendered through `cache`, in book order, and each numbered
    example's label -> its number (the last so labelled, as in pandoc)."""
    counts = _Counts()
    names = _heading_names(book)
    # The sections rendered with the cyclic garbage collector paused: markdown-it's tokens
    # and octavo's fragments make no reference cycles (a collection after rendering 81
    # sections, or 800, finds the same 152 objects), so its passes over the young tokens
    # only cost: 13-30 ms of a cold build at 81 sections, 120-155 ms at 800.
    with paused():
        drafts = tuple(_chapter(book, c, counts, found, cache, names) for c in book.chapters)
    return drafts, counts.labels


class _Counts:
    """Tables and figures so far: in the book, or in the chapter (numbering = "chapter");
    numbered examples (`(@)`) so far in the book, as pandoc numbers them, and the number of
    each label (the last so labelled, as in pandoc: octavo.render.xref resolves `@label` by
    them) with the section that gave it."""

    def __init__(self) -> None:
        self.tables = 0
        self.figures = 0
        self.examples = 0
        self.labels: dict[str, str] = {}
        self.given: dict[str, Path] = {}
        self.plain = True  # counting the divisions with no number (float_prefix None)
        self.other = (0, 0)  # the tables and figures of the other kind of division so far

    def enter(self, book: Book, chapter: Chapter) -> None:
        """Count on in `chapter`: from 1 in a division numbered apart; a Bibliography's or
        a Glossary's on after the front matter's (float_numbers), as both are unnumbered."""
        plain = book.config.numbering != "chapter" or float_prefix(book, chapter) is None
        if plain != self.plain:
            (self.tables, self.figures), self.other = self.other, (self.tables, self.figures)
            self.plain = plain
        if numbered_apart(book, chapter):
            self.tables = self.figures = 0


@dataclass(frozen=True, slots=True)
class Draft:
    """A section rendered, its references not yet resolved."""

    rendered: RenderedSection
    fragment: Fragment
    folder: str  # its source's folder inside the book, "" or "sub/"


@dataclass(frozen=True, slots=True)
class ChapterDraft:
    chapter: Chapter
    sections: tuple[Draft, ...]


def _folder(root: Path, section: Section, folders: dict[Path, str]) -> str:
    """The folder of `section`'s source inside the book folder `root` (resolved). The
    sections of a folder share its answer (`folders`), unless a source is a link."""
    path = section.path
    if path.is_symlink():
        return _inside(root, path.resolve().parent)
    found = folders.get(path.parent)
    if found is None:
        found = folders[path.parent] = _inside(root, path.parent.resolve())
    return found


def _inside(root: Path, real: Path) -> str:
    try:
        parent = real.relative_to(root)
    except ValueError:
        return ""
    text = parent.as_posix()
    return "" if text == "." else text + "/"


def _note_language(book: Book, section: Section) -> str:
    """The data date's words are the book's: in a section of another language, the book's
    language, which the note's element says with its direction (a screen reader's voice,
    the print's hyphenation and PDF tags; an English note in an Arabic section is set left
    to right, its number and full stop where English puts them); "" where they agree."""
    language = book.config.language
    if not section.dated or not section.lang or section.lang.lower() == language.lower():
        return ""
    return language


def _context(
    book: Book,
    chapter: Chapter,
    section: Section,
    notes: int,
    counts: _Counts,
    names: frozenset[str],
) -> Context:
    """What `section`'s body is rendered in: `notes` of its chapter before it (its own data
    note aside, where it has one), `counts` the tables and figures before it, the `names`
    of the book's headings (`_heading_names`) it refers to."""
    by_chapter = book.config.numbering == "chapter"
    return Context(
        slug=section.slug,
        # an opening is the chapter's
        # past 6 its body's headings are h6 saying their level (octavo.render.blocks)
        level=1 if section is chapter.opening else section.depth + 1,
        notes_before=notes + section.dated,
        tables_before=counts.tables,
        figures_before=counts.figures,
        chapter=float_prefix(book, chapter) if by_chapter else None,
        chapter_id=float_id_prefix(book, chapter) if by_chapter else None,
        toc_depth=book.config.toc_depth,
        table_word=book.labels.format("table"),
        figure_word=book.labels.format("figure"),
        index_terms=book.index_terms,
        heading_names=names_used(section.body, names),
        examples_before=counts.examples,
        examples_in_book=True,
        language=section.lang or book.config.language,
        quotes=book.quotes,
        citations=book.bibliography is not None,
    )


def _heading_names(book: Book) -> frozenset[str]:
    """What the book's headings are called (`[Climate]`): chapters, sections, body headings."""
    sections = [s for c in book.chapters for s in c.sections]
    titles = [*(c.title for c in book.chapters), *(s.title for s in sections)]
    return book_heading_names(titles, (s.body for s in sections))


def estimated_contexts(
    book: Book, counted: Callable[[str], tuple[int, int, int, int]]
) -> list[tuple[str, Context, str]]:
    """Each section's Markdown, context and folder, in the order render_manuscript renders
    them, with the numbers of the sections before it counted by `counted` (Markdown ->
    notes, tables, figures, examples) rather than rendered: the contexts render_manuscript
    makes wherever the counts are right (octavo.render.split)."""
    counts = _Counts()
    folders: dict[Path, str] = {}
    root = book.root.resolve()
    names = _heading_names(book)
    made = []
    for chapter in book.chapters:
        counts.enter(book, chapter)
        notes = 0
        for section in chapter.sections:
            context = _context(book, chapter, section, notes, counts, names)
            made.append((section.body, context, _folder(root, section, folders)))
            more_notes, tables, figures, examples = counted(section.body)
            notes += section.dated + more_notes
            counts.tables += tables
            counts.figures += figures
            counts.examples += examples
    return made


def _chapter(
    book: Book,
    chapter: Chapter,
    counts: _Counts,
    found: list[Diagnostic],
    cache: SectionCache,
    names: frozenset[str],
) -> ChapterDraft:
    counts.enter(book, chapter)
    notes = 0
    drafts = []
    book_language = book.config.language
    for section in chapter.sections:
        language = section.lang or book_language  # its title's and body's quotes
        level = min(section.depth + 1, 6)
        context = _context(book, chapter, section, notes, counts, names)
        folder = _folder(cache.root, section, cache.folders)
        fragment = cache.render(section.body, context, folder)
        found += _fragment_diagnostics(section, fragment)
        note_number = notes + 1  # its data-date note's, where it has one
        notes += section.dated + len(fragment.notes)
        counts.tables += len(fragment.tables)
        counts.figures += len(fragment.figures)
        found += _labelled(section, fragment.examples, counts)
        rendered = RenderedSection(
            section=section,
            id=section.slug,
            heading_level=level,
            title_html=cache.title(section.title, language, book.quotes),
            body_html=fragment.html,
            note_id=f"note-{section.slug}",
            note_number=note_number,
            note_html=escape(book.labels.note(section)),
            note_lang=_note_language(book, section),
            notes=tuple(
                Note(n.id, n.number, n.html, n.lang, n.dir, n.line, n.call_line)
                for n in fragment.notes
            ),
            headings=tuple(Block(h.id, h.level, h.title_html, h.listed) for h in fragment.headings),
            tables=tuple(
                Numbered(
                    "table",
                    t.number,
                    t.id,
                    t.caption_html,
                    section.slug,
                    book.labels.format("table"),
                )
                for t in fragment.tables
            ),
            figures=tuple(
                Numbered(
                    "figure",
                    f.number,
                    f.id,
                    f.caption_html,
                    section.slug,
                    book.labels.format("figure"),
                )
                for f in fragment.figures
            ),
            author_html=cache.title(section.author, language, book.quotes)
            if section.author
            else "",
            marks=tuple(IndexMark(m.id, m.path, m.see, m.see_also, m.text) for m in fragment.marks),
            parents_html=tuple(cache.title(p, book_language, book.quotes) for p in section.parents),
        )
        drafts.append(Draft(rendered, fragment, folder))
    return ChapterDraft(chapter, tuple(drafts))


def _fragment_diagnostics(section: Section, fragment: Fragment) -> list[Diagnostic]:
    found = []
    at = section.body_line
    if fragment.too_deep is not None:
        found.append(
            error(
                "E503",
                "lists or quotes nested too deep to render; text would be lost",
                section.path,
                at + fragment.too_deep,
                hint="nest at most 18 levels",
            )
        )
    for removal in fragment.removed:
        found.append(
            warning(
                "W502",
                f"raw HTML removed: {removal.what}",
                section.path,
                at + removal.line,
                hint=RAW_HINT,
            )
        )
    for problem in fragment.problems:
        make = error if problem.code.startswith("E") else warning
        found.append(
            make(problem.code, problem.message, section.path, at + problem.line, problem.hint)
        )
    return found


def _labelled(section: Section, examples: tuple[str, ...], counts: _Counts) -> list[Diagnostic]:
    """The section's examples counted and their labels numbered (the last so labelled
    wins, as in pandoc); W522 for a label given before, in the book or in this section."""
    found = []
    here: dict[str, int] = {}  # each label's examples so far in this section
    for number, label in enumerate(examples, start=counts.examples + 1):
        if not label:
            continue
        if label in counts.labels:
            before = counts.given[label]
            lines = [at for at, given in example_lines(section.body) if given == label]
            line = lines[min(here.get(label, 0), len(lines) - 1)] if lines else 0
            found.append(
                warning(
                    "W522",
                    f"example label '@{label}' is given again (before: "
                    f"{'this section' if before == section.path else before.name}): "
                    f"@{label} is this one, as in pandoc",
                    section.path,
                    section.body_line + line,
                    hint="give each example its own label",
                )
            )
        here[label] = here.get(label, 0) + 1
        counts.labels[label], counts.given[label] = str(number), section.path
    counts.examples += len(examples)
    return found
