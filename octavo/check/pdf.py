"""Read a written PDF back and check it against the manuscript (E610-E619).

Everything here comes from the PDF file (pypdf, pdfplumber, poppler's pdffonts), never
from octavo's own view of the layout: named destinations say where each heading landed,
the printed folios and running heads are read as text, the contents numbers are read
from the contents lines that carry each link.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from octavo.check.content import check_content, check_notes
from octavo.errors import Diagnostic, error
from octavo.model import APPENDIX, Manuscript, RenderedSection, roman
from octavo.text import strip_tags

__all__ = [
    "Link",
    "PdfFacts",
    "PdfPage",
    "check_book_pdf",
    "check_handout_pdf",
    "note_line",
    "pdffonts",
    "read_pdf",
]

MARGIN = 0.09  # running heads and folios sit in the top and bottom 9 % of the page
ROTATED = 90  # a broadside page's /Rotate (octavo.render.pdf.broadside)


@dataclass(frozen=True, slots=True)
class PdfPage:
    """A page as read back; positions in points from the trim's top-left corner, as a
    viewer shows the page: a broadside page (`turned`, a table turned onto a page of the
    book's size, /Rotate 90) as the table reads, its trim's width and height swapped.
    `printed` gives its text as the sheet is printed, the folio upright in its margin."""

    index: int
    height: float  # of the trim
    lines: tuple[tuple[float, float, str], ...]  # (top, bottom, text), top to bottom
    spans: tuple[tuple[float, float, float, float], ...] = ()  # (x0, top, x1, bottom) of each
    boxes: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()  # PDF coordinates
    width: float = 0.0  # of the trim

    def box(self, name: str) -> tuple[float, float, float, float]:
        """'/MediaBox', '/TrimBox', '/BleedBox': (left, bottom, right, top)."""
        return dict(self.boxes)[name]

    chars: tuple[tuple[float, float, float, float, str], ...] = ()  # (x0, top, x1, bottom, text)
    graphics: int = 0  # images, curves and rectangles drawn on the page
    number: str | None = None  # the folio's number in a folio of the book's wording (`_cited`)
    pictures: int = 0  # images alone
    turned: bool = False  # a broadside page: its /Rotate 90 turns the sheet for the viewer
    foot: str = ""  # a broadside page's folio: the text upright on the sheet, at its foot

    @property
    def printed_size(self) -> tuple[float, float]:
        """The trim's width and height as the sheet is printed."""
        return (self.height, self.width) if self.turned else (self.width, self.height)

    def printed(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box (x0, top, x1, bottom) as the sheet is printed: on a broadside page, turned
        back (the viewer's top is the sheet's left edge)."""
        if not self.turned:
            return box
        x0, top, x1, bottom = box
        return (top, self.width - x1, bottom, self.width - x0)

    @property
    def head(self) -> str:
        if self.turned:
            return ""  # a broadside page prints none (octavo.render.pdf.broadside)
        first = self.lines[0] if self.lines else None
        return first[2] if first and first[1] < self.height * MARGIN + 20 else ""

    @property
    def folio_line(self) -> str:
        """The folio as printed: the page's last line, in its bottom margin (on a
        broadside page, `foot`)."""
        if self.turned:
            return self.foot
        last = self.lines[-1] if self.lines else None
        return last[2] if last and last[0] > self.height * (1 - MARGIN) - 10 else ""

    @property
    def folio(self) -> str:
        """The folio as the contents and the index cite it: "7" of "p. 7 of 137" too."""
        return self.number if self.number is not None else self.folio_line

    def texts(self) -> set[str]:
        return {" ".join(text.split()) for _, _, text in self.lines}


@dataclass(frozen=True, slots=True)
class Link:
    page: int
    top: float
    bottom: float
    dest: str
    x0: float = 0.0
    x1: float = 0.0


@dataclass(frozen=True, slots=True)
class PdfFacts:
    path: Path
    pages: tuple[PdfPage, ...]
    dests: dict[str, int]  # named destination -> 0-based page
    outline: frozenset[tuple[str, int]]  # (title, page) of every bookmark
    links: tuple[Link, ...]
    metadata: dict[str, str]
    fonts: tuple[tuple[str, bool], ...]  # (name, embedded), from pdffonts


def read_pdf(path: Path) -> PdfFacts:
    import pdfplumber
    from pypdf import PdfReader

    reader = PdfReader(path)
    numbers = {
        name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()
    }
    dests = {name: n for name, n in numbers.items() if n is not None}
    outline = frozenset(_outline(reader, reader.outline))
    with pdfplumber.open(path) as pdf:
        pages = _cited(tuple(_page(i, p, reader.pages[i]) for i, p in enumerate(pdf.pages)))
    links = tuple(_links(reader))
    metadata = {k: str(v) for k, v in (reader.metadata or {}).items()}
    return PdfFacts(path, pages, dests, outline, links, metadata, pdffonts(path))


def _outline(reader: Any, items: list[Any]) -> Iterator[tuple[str, int]]:
    for item in items:
        if isinstance(item, list):
            yield from _outline(reader, item)
        elif (number := reader.get_destination_page_number(item)) is not None:
            yield str(item.title), number


def _page(index: int, page: Any, pdf_page: Any) -> PdfPage:
    boxes = tuple(
        (name, tuple(float(v) for v in pdf_page.get(name, pdf_page.mediabox)))
        for name in ("/MediaBox", "/TrimBox", "/BleedBox")
    )
    turned = int(pdf_page.get("/Rotate", 0)) % 360 == ROTATED
    media, (left, bottom, right, top) = dict(boxes)["/MediaBox"], dict(boxes)["/TrimBox"]
    # pdfplumber measures down from the MediaBox's height, across from x = 0 in PDF units
    across, down, width, height = (
        left,
        float(pdf_page.mediabox.height) - top,
        right - left,
        top - bottom,
    )
    if turned:  # as the viewer shows it: the sheet's left edge on top, its foot on the left
        # (pdfplumber measures a turned page from its MediaBox turned, offset by both sides)
        across = bottom - media[1] + media[0]
        down, width, height = left - media[0] - media[1], height, width
    lines = sorted(page.extract_text_lines(return_chars=False), key=lambda ln: ln["top"])
    chars = tuple((c["x0"], c["top"], c["x1"], c["bottom"], c["text"]) for c in page.chars)
    # on the sheet, in the bottom margin, upright with the book (sideways to the viewer)
    foot = [c for c in page.chars if turned and not c["upright"]]
    foot = [c for c in foot if c["x1"] - across < height * MARGIN + 10]
    folio = "".join(c["text"] for c in sorted(foot, key=lambda c: c["top"])).strip()
    return PdfPage(
        index,
        height,
        tuple((ln["top"] - down, ln["bottom"] - down, ln["text"]) for ln in lines),
        tuple(
            (ln["x0"] - across, ln["top"] - down, ln["x1"] - across, ln["bottom"] - down)
            for ln in lines
        ),
        boxes,  # type: ignore[arg-type]
        width,
        tuple((x0 - across, t - down, x1 - across, bt - down, c) for x0, t, x1, bt, c in chars),
        len(page.images) + len(page.curves) + len(page.rects),
        pictures=len(page.images),
        turned=turned,
        foot=folio,
    )


_NUMBER = re.compile(r"\d+")


def _cited(pages: tuple[PdfPage, ...]) -> tuple[PdfPage, ...]:
    """`pages` with the number of each folio a book's stylesheet words ("p. 7 of 137",
    "— 7 —"): among the folios of one wording (their numbers aside), the number that takes
    the most values from page to page (the first, where one page alone has that wording).
    A bare number or a roman folio is cited as it is printed."""
    read = [(_NUMBER.sub("#", p.folio_line), _NUMBER.findall(p.folio_line)) for p in pages]
    shapes: dict[str, list[list[str]]] = {}
    for (shape, numbers), page in zip(read, pages, strict=True):
        if numbers and not page.folio_line.isdigit():
            shapes.setdefault(shape, []).append(numbers)
    counting = {  # the number with the most values ("Chapter 3, page 17": the page's)
        shape: max(range(len(found[0])), key=lambda at: len({f[at] for f in found}))
        for shape, found in shapes.items()
    }
    return tuple(
        replace(page, number=numbers[counting[shape]]) if shape in counting else page
        for (shape, numbers), page in zip(read, pages, strict=True)
    )


def _links(reader: Any) -> Iterator[Link]:
    """Every link to a named destination, measured as its page's text (`_page`): on a
    broadside page, as the viewer turns it."""
    for index, page in enumerate(reader.pages):
        height = float(page.trimbox.top)  # positions are measured down from the trim's top
        left = float(page.trimbox.left)
        turned = int(page.get("/Rotate", 0)) % 360 == ROTATED
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            dest = annot.get("/Dest")
            if annot.get("/Subtype") == "/Link" and isinstance(dest, str):
                y0, y1 = sorted((float(annot["/Rect"][1]), float(annot["/Rect"][3])))
                x0, x1 = sorted((float(annot["/Rect"][0]), float(annot["/Rect"][2])))
                if turned:  # the sheet's left edge is the viewer's top, its foot the left
                    bottom = float(page.trimbox.bottom)
                    yield Link(index, x0 - left, x1 - left, dest, y0 - bottom, y1 - bottom)
                else:
                    yield Link(index, height - y1, height - y0, dest, x0 - left, x1 - left)


def pdffonts(path: Path) -> tuple[tuple[str, bool], ...]:
    tool = shutil.which("pdffonts")
    if tool is None:
        raise FileNotFoundError("pdffonts (poppler-utils) is needed: bash .ci/install-system")
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    return tuple((row.split()[0], row.split()[-5] == "yes") for row in rows if row.strip())


# ---- the book ---------------------------------------------------------------------------


def check_book_pdf(path: Path, manuscript: Manuscript) -> tuple[Diagnostic, ...]:
    facts = read_pdf(path)
    first_body = min((facts.dests.get(c.id, 0) for c in manuscript.chapters), default=0)
    found = [
        *_missing(facts, manuscript),
        *_contents(facts, first_body, frozenset(p.id for p in manuscript.parts)),
        *_notes(facts, manuscript),
        *check_content(facts, manuscript),
        *_chapters(facts, manuscript),
        *_heads(facts, manuscript),
        *_index(facts, manuscript),
        *_bookmarks(facts, manuscript),
        *_fonts(facts),
        *_metadata(facts, manuscript),
    ]
    return tuple(found)


def _problem(code: str, facts: PdfFacts, message: str) -> Diagnostic:
    return error(code, message, facts.path)


def _missing(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    for ident in [c.id for c in ms.chapters] + [s.id for s in ms.sections]:
        if ident not in facts.dests:
            yield _problem("E617", facts, f"no destination for heading #{ident}")


def _contents(facts: PdfFacts, first_body: int, parts: frozenset[str]) -> Iterator[Diagnostic]:
    """Each contents line ends with the folio of the page its link goes to (a part's title
    page has no folio, and its line no number)."""
    contents_page = facts.dests.get("contents")
    seen: set[str] = set()
    for link in facts.links:
        if contents_page is None or not contents_page <= link.page < first_body:
            continue
        if link.dest in seen or link.dest in parts:
            continue
        seen.add(link.dest)
        line = _last_line_in(facts.pages[link.page], link)
        printed = line.split()[-1] if line.split() else ""
        target = _counted_folio(facts, facts.dests[link.dest]) if link.dest in facts.dests else "?"
        if printed != target:
            yield _problem(
                "E610",
                facts,
                f"contents says {printed!r} for #{link.dest}, "
                f"its page is folio {target!r}: {line!r}",
            )


def _counted_folio(facts: PdfFacts, index: int) -> str:
    """The folio of a page: printed, or, on a page that prints none (a full-page plate), the
    number it counts as among its numbered neighbours (a list of figures cites it so)."""
    printed = facts.pages[index].folio
    if printed:
        return printed
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(facts.pages):
            folio = facts.pages[other].folio
            if folio.isdigit():
                return str(int(folio) + index - other)
            if folio:
                return ""  # a roman or other folio: no count to go by
            other += step
    return ""


def _last_line_in(page: PdfPage, link: Link) -> str:
    inside = [
        t for top, bottom, t in page.lines if top >= link.top - 2 and bottom <= link.bottom + 2
    ]
    return inside[-1] if inside else ""


def note_line(rs: RenderedSection) -> str:
    return f"{rs.note_number}. {strip_tags(rs.note_html)}"


def _notes(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    for rs in ms.sections:
        page = facts.dests.get(rs.id)
        if page is not None and note_line(rs) not in facts.pages[page].texts():
            yield _problem(
                "E611",
                facts,
                f"note {note_line(rs)!r} of #{rs.id} is not on its "
                f"heading's page (folio {facts.pages[page].folio})",
            )


def _chapters(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    for chapter in ms.chapters:
        page = facts.dests.get(chapter.id)
        folio = facts.pages[page].folio if page is not None else ""
        number = _folio_number(folio, chapter.matter == "front")
        if page is not None and (number is None or number % 2 == 0 or page % 2):
            yield _problem(
                "E612",
                facts,
                f"chapter #{chapter.id} opens on folio {folio!r}, not on a right-hand (odd) page",
            )


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def _folio_number(folio: str, front: bool) -> int | None:
    """'7' -> 7; in the front matter 'xiv' -> 14; None when it is not such a folio."""
    if not front:
        return int(folio) if folio.isdigit() else None
    if not folio or any(c not in _ROMAN for c in folio):
        return None
    values = [_ROMAN[c] for c in folio]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def _index(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    """Every page number the index prints for an entry is a folio where one of its marks
    is, and every such folio is printed (ranges "7–9" read as 7, 8, 9); each mark's words
    are on its page."""
    start = facts.dests.get("index")
    if start is None:
        return
    entries = {m: id(e) for e in ms.index_entries for m in e.locators}
    printed: dict[int, set[str]] = {}
    for link in facts.links:
        owner = entries.get(link.dest)
        if link.page >= start and owner is not None:
            text = _text_in(facts.pages[link.page], link)
            printed.setdefault(owner, set()).update(_expand(text))
    for entry in ms.index_entries:
        if not entry.locators:
            continue
        pages = [facts.dests[m] for m in entry.locators if m in facts.dests]
        actual = {facts.pages[p].folio for p in pages}
        said = printed.get(id(entry), set())
        if said != actual:
            yield _problem(
                "E625",
                facts,
                f"index entry {entry.term!r} gives pages {sorted(said)}, "
                f"its term is on folios {sorted(actual)}",
            )
        for mark, words in zip(entry.locators, entry.words, strict=False):
            page = facts.dests.get(mark)
            if page is not None and _flat(words) not in _flat(
                "".join(c[4] for c in facts.pages[page].chars)
            ):
                yield _problem("E625", facts, f"index mark {words!r} (#{mark}) is not on its page")


def _flat(text: str) -> str:
    """Text as compared: NFC, no spaces, no hyphen a line break added."""
    import unicodedata

    return "".join(unicodedata.normalize("NFC", text).replace("\u2010", "").split())


def _text_in(page: PdfPage, link: Link) -> str:
    return "".join(
        c[4]
        for c in page.chars
        if c[0] >= link.x0 - 1
        and c[2] <= link.x1 + 1
        and c[1] >= link.top - 2
        and c[3] <= link.bottom + 2
    ).strip()


def _expand(text: str) -> set[str]:
    """'7' -> {'7'}; '7–9' -> {'7', '8', '9'}; 'ix–xi' -> {'ix', 'x', 'xi'}."""
    first, _, last = text.partition("–")
    if not last:
        return {first}
    front = not first.isdigit()
    a, b = _folio_number(first, front), _folio_number(last, front)
    if a is None or b is None:
        return {text}
    return {roman(n).lower() if front else str(n) for n in range(a, b + 1)}


def _heads(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    """Left pages name the book (in a book of parts, the part), right pages the division
    (none on a division's first page; none on a part's title page): the contents' and the
    lists' pages too."""
    title = strip_tags(ms.title_html)  # as typeset: "Côte d’Ivoire", not "Côte d'Ivoire"
    parts = {p.part.number: strip_tags(p.heading_html) for p in ms.parts}
    starts = sorted(
        [
            (facts.dests[c.id], strip_tags(c.title_html), parts.get(c.part, title))
            for c in ms.chapters
            if c.id in facts.dests
        ]
        + [(facts.dests[p.id], "", "") for p in ms.parts if p.id in facts.dests]
        + [  # the contents and the lists of tables and figures: front-matter divisions
            (facts.dests[ident], ms.labels[label], title)
            for ident, label in [
                ("contents", "contents"),
                *((f"list-of-{kind}", f"list_of_{kind}") for kind, _ in ms.lists),
            ]
            if ident in facts.dests
        ]
    )
    end = facts.dests.get(APPENDIX, len(facts.pages))
    for first, (page_index, chapter, left) in enumerate(starts):
        stop = starts[first + 1][0] if first + 1 < len(starts) else end
        for page in facts.pages[page_index + 1 : stop]:
            if not page.lines or not left or not (page.head or page.folio) or page.turned:
                continue  # a blank page, a part's title page, a full-bleed figure's page, a
                # broadside page (no running head: octavo.render.pdf.broadside)
            want = left if page.index % 2 else chapter
            if page.head != want:
                yield _problem(
                    "E613",
                    facts,
                    f"running head of folio {page.folio!r} is {page.head!r}, expected {want!r}",
                )


def _bookmarks(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    # a chapter's as the EPUB's contents name it ('Chapter 1: The Economy')
    wanted = [(c.heading_text or strip_tags(c.title_html), c.id) for c in ms.chapters]
    openings = {c.opening.id for c in ms.chapters if c.opening is not None}  # the chapter's
    wanted += [(s.title_text, s.id) for s in ms.sections if s.id not in openings]
    for label, ident in wanted:
        if ident in facts.dests and (label, facts.dests[ident]) not in facts.outline:
            yield _problem("E614", facts, f"no bookmark {label!r} to the page of #{ident}")


def _fonts(facts: PdfFacts) -> Iterator[Diagnostic]:
    if not facts.fonts:
        yield _problem("E615", facts, "pdffonts lists no fonts")
    for name, embedded in facts.fonts:
        if not embedded:
            yield _problem("E615", facts, f"font {name} is not embedded")


def _metadata(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    created = "D:" + ms.book.modified.strftime("%Y%m%d%H%M%S") + "Z"
    want = {"/Title": ms.book.config.title, "/CreationDate": created, "/ModDate": created}
    for key in ("/Subject", "/Keywords"):
        want.setdefault(key, facts.metadata.get(key) or "(missing)")
    for key, value in want.items():
        if facts.metadata.get(key) != value:
            yield _problem(
                "E616",
                facts,
                f"PDF metadata {key} is {facts.metadata.get(key)!r}, expected {value!r}",
            )


# ---- handouts ---------------------------------------------------------------------------


def check_handout_pdf(
    path: Path, manuscript: Manuscript, sections: tuple[RenderedSection, ...]
) -> tuple[Diagnostic, ...]:
    """One handout: header names study and chapter, notes on page 1, 'page N of M' folios."""
    facts = read_pdf(path)
    found: list[Diagnostic] = list(_fonts(facts))
    first = facts.pages[0].texts() if facts.pages else set()
    if not any(manuscript.book.config.title in text for text in first):
        found.append(_problem("E618", facts, "the handout's header does not name the study"))
    base = sections[0].note_number - 1 if sections else 0  # a handout numbers notes from 1
    for rs in sections:
        at = facts.dests.get(rs.id)
        line = f"{rs.note_number - base}. {strip_tags(rs.note_html)}"
        if at is None or line not in facts.pages[at].texts():
            found.append(_problem("E611", facts, f"note of #{rs.id} not on its heading's page"))
    found += check_notes(facts, sections, base)
    found += check_content(facts, manuscript, sections)
    total = len(facts.pages)
    words = re.escape(manuscript.labels["page_of"]).replace(r"\{number\}", r"(?P<n>\d+)")
    page_of = re.compile("^" + words.replace(r"\{total\}", r"(?P<m>\d+)") + "$")
    for page in facts.pages:
        match = page_of.match(page.folio_line)
        if not match or (int(match["n"]), int(match["m"])) != (page.index + 1, total):
            found.append(
                _problem(
                    "E619",
                    facts,
                    f"folio {page.folio_line!r} on page {page.index + 1}, "
                    f"expected 'page N of {total}'",
                )
            )
    return tuple(found)
