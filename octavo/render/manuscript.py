"""Book -> Manuscript: every section rendered once, for both the EPUB and the PDF."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any

from octavo.errors import Diagnostic, error, warning
from octavo.model import (
    Block,
    Book,
    Chapter,
    Image,
    IndexEntry,
    IndexGroup,
    IndexMark,
    Labels,
    Manuscript,
    Note,
    Numbered,
    RenderedChapter,
    RenderedPart,
    RenderedSection,
    Section,
    TocNode,
)
from octavo.render.heading_refs import PLACEHOLDER, book_heading_names, heading_name, names_used
from octavo.render.images import (
    ImageProblem,
    image_diagnostics,
    probe_image,
    refused,
    svg_removals,
    text_width_in,
)
from octavo.render.index import build_index
from octavo.render.index_marks import typeset
from octavo.render.markdown import Context, Fragment
from octavo.render.markdown_cache import SectionCache
from octavo.render.split import example_lines
from octavo.render.titles import title_html
from octavo.render.xref import Targets, resolve_links

__all__ = ["estimated_contexts", "render_manuscript", "toc_tree"]


Measure = Callable[[bytes], tuple[str, int, int] | str]  # octavo.render.images.raster_size


def render_manuscript(
    book: Book, cache: Path | SectionCache | None = None
) -> tuple[Manuscript, tuple[Diagnostic, ...]]:
    """`cache`: the cache store's folder, where each section's rendering is kept between
    builds (octavo.render.markdown_cache), saved here; or that cache opened by the caller,
    who saves it (when it suits: octavo.api saves it while the EPUB is written); None
    renders every section."""
    found: list[Diagnostic] = []
    counts = _Counts()
    given = isinstance(cache, SectionCache)
    sections = cache if isinstance(cache, SectionCache) else SectionCache.of_book(cache, book.root)
    names = _heading_names(book)
    with _no_cycle_collection():
        drafts = tuple(_chapter(book, c, counts, found, sections, names) for c in book.chapters)
    targets, anchors = _targets(drafts, found, counts.labels)
    chapters = tuple(_resolved(c, targets, book.labels, found) for c in drafts)
    images = _images(book, drafts, found, sections.raster)
    cover = _cover(book, found, sections.raster)
    if not given:
        sections.save()
    config = book.config
    labels = book.labels
    parts = tuple(
        RenderedPart(
            p,
            p.slug,
            labels.part(p.number),
            title_html(p.title),
            labels.format("part_heading", label=labels.part(p.number), title=p.title),
            labels.format(
                "part_heading", label=escape(labels.part(p.number)), title=title_html(p.title)
            ),
        )
        for p in book.parts
    )
    index = build_index((m for c in chapters for s in c.sections for m in s.marks), config.language)
    found += _dead_ends(chapters, index)
    manuscript = Manuscript(
        book,
        chapters,
        title_html(config.title),
        title_html(config.subtitle) if config.subtitle else "",
        anchors,
        images,
        cover,
        parts,
        index,
    )
    return manuscript, tuple(found)


def _nearest(href: str, targets: Targets) -> str:
    """'did you mean …?' for a reference that does not resolve, when one id or section file
    of the book is close to it ("" when none is)."""
    import difflib

    path, _, fragment = href.partition("#")
    if fragment:
        close = difflib.get_close_matches(fragment, list(targets.labels), n=1, cutoff=0.75)
        shown = f"{path}#{close[0]}" if close else ""
    else:
        names = {Path(f).name: f for f in targets.files}
        close = difflib.get_close_matches(Path(path).name, list(names), n=1, cutoff=0.75)
        shown = close[0] if close else ""
    return f"did you mean '{shown}'?" if shown else ""


def _dead_ends(
    chapters: tuple[RenderedChapter, ...], index: tuple[IndexGroup, ...]
) -> list[Diagnostic]:
    """W519 for each `see=`/`seealso=` naming no entry of the index: the index would print
    "Hanseatic League, see Hanse" with no Hanse to find."""
    entries: set[tuple[str, ...]] = set()

    def walk(found: tuple[IndexEntry, ...], above: tuple[str, ...]) -> None:
        for entry in found:
            entries.add((*above, entry.term))
            walk(entry.children, (*above, entry.term))

    for group in index:
        walk(group.entries, ())
    dead: list[Diagnostic] = []
    for chapter in chapters:
        for rs in chapter.sections:
            named = {t for m in rs.marks for t in (m.see, m.see_also) if t}
            for target in sorted(named):
                path = tuple(part.strip() for part in target.split("!"))
                if path in entries:
                    continue
                lines = rs.section.body.split("\n")
                quoted = (f'see="{target}"', f'seealso="{target}"')
                at = next(
                    (i for i, line in enumerate(lines) if any(q in typeset(line) for q in quoted)),
                    0,
                )
                dead.append(
                    warning(
                        "W519",
                        f"index cross-reference to '{target}' names no entry of the index",
                        rs.section.path,
                        rs.section.body_line + at,
                        'mark that entry somewhere ([words]{index="Entry"}), or name one '
                        "the index has (Entry!sub-entry for a sub-entry)",
                    )
                )
    return dead


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The sections rendered with the cyclic garbage collector paused: markdown-it's tokens
    and octavo's fragments make no reference cycles (a collection after rendering 81
    sections, or 800, finds the same 152 objects), so its passes over the young tokens
    only cost: 13-30 ms of a cold build at 81 sections, 120-155 ms at 800. Reference
    counting frees everything as before; the collector is resumed (if it ran) after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


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


@dataclass(frozen=True, slots=True)
class _Draft:
    """A section rendered, its references not yet resolved."""

    rendered: RenderedSection
    fragment: Fragment
    folder: str  # its source's folder inside the book, "" or "sub/"


@dataclass(frozen=True, slots=True)
class _ChapterDraft:
    chapter: Chapter
    sections: tuple[_Draft, ...]


def _folder(root: Path, section: Section, resolved: dict[Path, Path]) -> str:
    """The folder of `section`'s source inside the book folder `root` (resolved). The
    sections of a folder share its resolving (`resolved`), unless a source is a link."""
    path = section.path
    if path.is_symlink():
        real = path.resolve().parent
    else:
        real = resolved.get(path.parent) or resolved.setdefault(path.parent, path.parent.resolve())
    try:
        parent = real.relative_to(root)
    except ValueError:
        return ""
    text = parent.as_posix()
    return "" if text == "." else text + "/"


def _in_book_language(note_html: str, book: Book, section: Section) -> str:
    """The data date's words are the book's: in a section of another language they are
    marked so (a screen reader's voice, the print's hyphenation and PDF tags)."""
    language = book.config.language
    if not section.lang or section.lang.lower() == language.lower():
        return note_html
    code = escape(language, quote=True)
    return f'<span lang="{code}" xml:lang="{code}">{note_html}</span>'


def _context(
    book: Book,
    chapter: Chapter,
    section: Section,
    notes: int,
    counts: _Counts,
    names: frozenset[str],
) -> Context:
    """What `section`'s body is rendered in: `notes` of its chapter before it (its own data
    note aside), `counts` the tables and figures before it, the `names` of the book's
    headings (`_heading_names`) it refers to."""
    by_chapter = book.config.numbering == "chapter"
    return Context(
        slug=section.slug,
        # an opening is the chapter's
        level=1 if section is chapter.opening else min(section.depth + 1, 6),
        notes_before=notes + 1,
        tables_before=counts.tables,
        figures_before=counts.figures,
        chapter=chapter.number if by_chapter else None,
        toc_depth=book.config.toc_depth,
        table_word=book.labels["table"],
        figure_word=book.labels["figure"],
        index_terms=book.index_terms,
        heading_names=names_used(section.body, names),
        examples_before=counts.examples,
        examples_in_book=True,
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
    resolved: dict[Path, Path] = {}
    root = book.root.resolve()
    names = _heading_names(book)
    made = []
    for chapter in book.chapters:
        if book.config.numbering == "chapter":
            counts.tables = counts.figures = 0
        notes = 0
        for section in chapter.sections:
            context = _context(book, chapter, section, notes, counts, names)
            made.append((section.body, context, _folder(root, section, resolved)))
            more_notes, tables, figures, examples = counted(section.body)
            notes += 1 + more_notes
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
) -> _ChapterDraft:
    if book.config.numbering == "chapter":
        counts.tables = counts.figures = 0
    notes = 0
    drafts = []
    for section in chapter.sections:
        level = min(section.depth + 1, 6)
        context = _context(book, chapter, section, notes, counts, names)
        folder = _folder(cache.root, section, cache.folders)
        fragment = cache.render(section.body, context, folder)
        found += _fragment_diagnostics(section, fragment)
        note_number = notes + 1
        notes += 1 + len(fragment.notes)
        counts.tables += len(fragment.tables)
        counts.figures += len(fragment.figures)
        found += _labelled(section, fragment.examples, counts)
        rendered = RenderedSection(
            section=section,
            id=section.slug,
            heading_level=level,
            title_html=cache.title(section.title, title_html),
            body_html=fragment.html,
            note_id=f"note-{section.slug}",
            note_number=note_number,
            note_html=_in_book_language(escape(book.labels.note(section)), book, section),
            notes=tuple(Note(n.id, n.number, n.html) for n in fragment.notes),
            headings=tuple(Block(h.id, h.level, h.title_html, h.listed) for h in fragment.headings),
            tables=tuple(
                Numbered(
                    "table", t.number, t.id, t.caption_html, section.slug, book.labels["table"]
                )
                for t in fragment.tables
            ),
            figures=tuple(
                Numbered(
                    "figure", f.number, f.id, f.caption_html, section.slug, book.labels["figure"]
                )
                for f in fragment.figures
            ),
            author_html=cache.title(section.author, title_html) if section.author else "",
            marks=tuple(IndexMark(m.id, m.path, m.see, m.see_also, m.text) for m in fragment.marks),
        )
        drafts.append(_Draft(rendered, fragment, folder))
    return _ChapterDraft(chapter, tuple(drafts))


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
                hint="octavo keeps only simple inline HTML such as <sup>, and tables",
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


def _targets(
    drafts: tuple[_ChapterDraft, ...], found: list[Diagnostic], examples: dict[str, str]
) -> tuple[Targets, tuple[tuple[str, str], ...]]:
    """Every id of the book with its name and the chapter holding it, and `examples` (each
    numbered example's label -> its number); E513 for an id twice."""
    labels: dict[str, str] = {}
    anchors: dict[str, str] = {}
    files: dict[str, str] = {}
    owner: dict[str, Path] = {}
    headings: dict[str, list[str]] = {}  # a heading's name -> the ids so named, in book order
    for chapter in drafts:
        here = chapter.chapter.slug
        labels[here], anchors[here] = chapter.chapter.title, here
        headings.setdefault(heading_name(chapter.chapter.title), []).append(here)
        for draft in chapter.sections:
            rs, section = draft.rendered, draft.rendered.section
            files[draft.folder + section.path.name] = rs.id
            for name, ident in (
                (heading_name(section.title), rs.id),
                *((h.name, h.id) for h in draft.fragment.headings),
            ):
                headings.setdefault(name, []).append(ident)
            names = {h.id: h.label for h in rs.headings}
            names.update({t.id: t.label for t in (*rs.tables, *rs.figures)})
            for ident, line in ((rs.id, -1), *draft.fragment.ids):
                if ident in owner:
                    if line >= 0:
                        found.append(
                            error(
                                "E513",
                                f"id '{ident}' is also used in {owner[ident]}",
                                section.path,
                                section.body_line + line,
                                hint="every id of the book must be different",
                            )
                        )
                    continue
                owner[ident] = section.path
                labels[ident] = names.get(ident, rs.title_text)
                anchors[ident] = here
    headings.pop("", None)
    named = {name: tuple(ids) for name, ids in headings.items()}
    return Targets(labels, files, named, examples), tuple(anchors.items())


def _resolved(
    chapter: _ChapterDraft, targets: Targets, labels: Labels, found: list[Diagnostic]
) -> RenderedChapter:
    sections = []
    for draft in chapter.sections:
        rs, section = draft.rendered, draft.rendered.section
        lines = dict(reversed(draft.fragment.links))
        found += _shared_names(draft, targets, lines)
        body, missed = resolve_links(rs.body_html, draft.folder, targets)
        notes = []
        for note in rs.notes:
            html, more = resolve_links(note.html, draft.folder, targets)
            notes.append(replace(note, html=html))
            missed += more
        for miss in missed:
            line = section.body_line + lines.get(miss.href, lines.get(f"#{miss.href}", 0))
            found.append(
                warning(
                    "W512",
                    f"reference '{miss.href}' does not resolve: {miss.why}; its text is kept",
                    section.path,
                    line,
                    hint=_nearest(miss.href, targets)
                    or "link to a section's file (058-russia.md) or to an {#id} of the book",
                )
            )
        sections.append(replace(rs, body_html=body, notes=tuple(notes)))
    rendered = tuple(sections)
    division = chapter.chapter
    opening = next((r for r in rendered if r.section is division.opening), None)
    return RenderedChapter(
        division,
        division.slug,
        title_html(division.shown_title(labels)),
        rendered,
        toc_tree(tuple(r for r in rendered if r is not opening)),
        division.label(labels),
        division.heading(labels),
        opening,
        _heading_html(division, labels),
    )


def _shared_names(draft: _Draft, targets: Targets, lines: dict[str, int]) -> list[Diagnostic]:
    """W521 for a link by name (`[Climate]`) to another section's heading, where the book
    has several headings of that name: it links to the first."""
    found = []
    section = draft.rendered.section
    for href, line in lines.items():
        ids = targets.headings.get(href.removeprefix(PLACEHOLDER), ())
        if href.startswith(PLACEHOLDER) and len(ids) > 1:
            title = targets.labels.get(ids[0], "")
            found.append(
                warning(
                    "W521",
                    f"{len(ids)} headings of the book are named '{title}': "
                    f"[{title}] links to the first",
                    section.path,
                    section.body_line + line,
                    hint="give the one meant an id ({#id}) and link to it: [words](#id)",
                )
            )
    return found


def _heading_html(chapter: Chapter, labels: Labels) -> str:
    label, shown = chapter.label(labels), title_html(chapter.shown_title(labels))
    return labels.format("chapter_heading", label=escape(label), title=shown) if label else shown


def _images(
    book: Book, drafts: tuple[_ChapterDraft, ...], found: list[Diagnostic], measure: Measure
) -> tuple[Image, ...]:
    """Every image the body shows, probed once; E505-E507 and W508 where they are used."""
    probed: dict[str, Image | ImageProblem] = {}
    width = text_width_in(book.config)
    for chapter in drafts:
        for draft in chapter.sections:
            section = draft.rendered.section
            for use in draft.fragment.images:
                if not use.path:
                    continue
                line = section.body_line + use.line
                if use.path not in probed:
                    probed[use.path] = first = probe_image(book.root, use.path, measure)
                    if isinstance(first, Image):
                        found += svg_removals(book.root, first, section.path, line)
                image = probed[use.path]
                if isinstance(image, ImageProblem):
                    found.append(refused(image, section.path, line))
                else:
                    found += image_diagnostics(image, use.percent, width, section.path, line)
    return tuple(i for i in probed.values() if isinstance(i, Image))


def _cover(book: Book, found: list[Diagnostic], measure: Measure) -> Image | None:
    if not book.config.cover:
        return None
    image = probe_image(book.root, book.config.cover, measure)
    if isinstance(image, ImageProblem):
        found.append(refused(image, book.config.path, None))
        return None
    if image.media_type not in ("image/png", "image/jpeg"):
        found.append(error("E507", f"cover '{image.path}' must be a PNG or JPEG", book.config.path))
        return None
    return image


def toc_tree(sections: tuple[RenderedSection, ...]) -> tuple[TocNode, ...]:
    """Nest sections by their breadcrumb; a level the book lacks becomes an entry without id."""
    root: dict[str, dict[str, Any]] = {}  # title -> {"id": ..., "html": ..., "children": {...}}
    for rendered in sections:
        level = root
        for parent in rendered.section.parents:
            node = level.setdefault(
                parent, {"id": None, "html": title_html(parent), "children": {}}
            )
            level = node["children"]
        node = level.setdefault(rendered.section.title, {"id": None, "children": {}})
        if node["id"] is None:
            node.update(id=rendered.id, html=rendered.title_html)
        else:  # two sections of one title at one level: keep both
            level[f"{rendered.section.title}\0{rendered.id}"] = {
                "id": rendered.id,
                "html": rendered.title_html,
                "children": {},
            }
    return _freeze(root)


def _freeze(level: dict[str, dict[str, Any]]) -> tuple[TocNode, ...]:
    return tuple(TocNode(n["html"], n["id"], _freeze(n["children"])) for n in level.values())
