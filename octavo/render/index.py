"""The index: every marked term of the book, grouped by initial and sorted for the book's
language; its cross-references (`see=`, `seealso=`) checked against its entries.

Sorting uses ICU's collation (PyICU) for the book's language: diacritics sort with their
letters (Bălți with B, Ștefan with S, Ўздзенне with У in Belarusian), case is secondary.
The groups' letters are ICU's index characters for the language (icu.AlphabeticIndex,
its buckets cut by the same collation), so a letter the language sorts apart has a group
of its own, where it sorts: Å, Ä, Ö after Z in Swedish and Finnish, CH after H and Č
after C in Czech; Latin's letters are added, for a Russian book's NATO. A term in another
script goes under its own first letter as that script's readers head it (ქ in Georgian,
never Mtavruli; ค for โคราช; kana by row); one beginning with a figure or a sign, under #.
A term holding math (`$\\alpha$`) sorts by the math's letters (octavo.render.tex_math).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from octavo.casing import capital
from octavo.errors import Diagnostic, warning
from octavo.model import IndexEntry, IndexGroup, IndexMark, Manuscript, RenderedChapter
from octavo.render.tex_math import sorted_as
from octavo.text import typeset

__all__ = ["build_index", "dead_ends", "indexed", "sort_key", "warm"]


@lru_cache(maxsize=16)
def _collator(language: str) -> Any:
    import icu

    locale = icu.Locale(language.replace("-", "_"))
    return icu.Collator.createInstance(locale)


@lru_cache(maxsize=16)
def _letters(language: str) -> Any:
    """ICU's index of the language's letters, Latin's added (a no-op for a Latin one)."""
    import icu

    index = icu.AlphabeticIndex(icu.Locale(language.replace("-", "_")))
    index.addLabels(icu.Locale.getEnglish())
    return index.buildImmutableIndex()


def warm(language: str) -> None:
    """ICU imported, and the language's collation and letters made, before the index needs
    them: by the EPUB writer's process while it waits for a manuscript (an edit's build
    draws no cover, whose casing imported ICU: its 9 ms were the writer's, after the
    manuscript came)."""
    _collator(language)
    _letters(language)


def sort_key(language: str, term: str) -> bytes:
    key: bytes = _collator(language).getSortKey(term)
    return key


def _sorted_as(language: str, term: str) -> str:
    """`term` as the index sorts and heads it: its math read as its letters, a Greek
    letter as itself where the language's index has it as a letter (a Greek book's), else
    by its name (octavo.render.tex_math)."""
    import icu

    index = _letters(language)

    def own_letter(letter: str) -> bool:
        kind = index.getBucket(index.getBucketIndex(letter))[1]
        return bool(kind == icu.UAlphabeticIndexLabelType.NORMAL)

    return sorted_as(term, own_letter)


@dataclass
class _Node:
    term: str
    locators: list[str] = field(default_factory=list)
    see: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)


def build_index(marks: Iterable[IndexMark], language: str) -> tuple[IndexGroup, ...]:
    """Marks in reading order -> the index's groups of entries."""
    root: dict[str, _Node] = {}
    for mark in marks:
        level = root
        node: _Node | None = None
        for term in mark.path:
            node = level.setdefault(term, _Node(term))
            level = node.children
        assert node is not None
        if mark.id:
            node.locators.append(mark.id)
            node.words.append(mark.text)
        for target, into in ((mark.see, node.see), (mark.see_also, node.see_also)):
            if target and target not in into:
                into.append(target)
    entries = _freeze(root, language)
    groups: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        groups.setdefault(_initial(language, _sorted_as(language, entry.term)), []).append(entry)
    return tuple(IndexGroup(letter, tuple(found)) for letter, found in groups.items())


def _freeze(level: dict[str, _Node], language: str) -> tuple[IndexEntry, ...]:
    nodes = sorted(
        level.values(), key=lambda n: (sort_key(language, _sorted_as(language, n.term)), n.term)
    )
    return tuple(
        IndexEntry(
            n.term,
            tuple(n.locators),
            tuple(n.see),
            tuple(n.see_also),
            _freeze(n.children, language),
            tuple(n.words),
        )
        for n in nodes
    )


# Scripts whose readers head an index's groups with more than one first letter: Japanese
# by the kana's row (か for か, が, き, キ), Korean by the syllable's first consonant in its
# own form (ㅅ for 서울; the syllable's decomposition gives ᄉ, a jamo made to join others)
_GROUPED = {"Hira": "ja", "Kana": "ja", "Hang": "ko"}


def _initial(language: str, term: str) -> str:
    """The group's letter: the language's index character for the term; for one before
    the first letter (a figure, a sign: ICU's underflow), #; for a term in another script
    (ICU's inflow and overflow), its first letter without its diacritics, whatever its
    case, capitalised as the book's language capitalises (a Georgian letter as Georgian
    text sets it, ქ, not Mtavruli Ქ), read as its script's own index reads it (a Thai or
    Lao vowel written before its consonant is passed over, as the collation passes over
    it: โคราช under ค; kana and Hangul as _GROUPED)."""
    import icu

    index = _letters(language)
    label, kind = index.getBucket(index.getBucketIndex(term))
    if kind == icu.UAlphabeticIndexLabelType.NORMAL:
        return str(label)
    letters = unicodedata.normalize("NFD", term.lstrip())
    if letters[:1] and icu.Char.hasBinaryProperty(
        letters[0], icu.UProperty.LOGICAL_ORDER_EXCEPTION
    ):
        letters = letters[1:]
    first = letters[:1]
    if kind == icu.UAlphabeticIndexLabelType.UNDERFLOW or not first.isalpha():
        return "#"
    own = _GROUPED.get(icu.Script.getScript(first).getShortName())
    if own is not None and own != language:
        return _initial(own, term)
    return capital(first.lower(), language)[:1]  # one letter, however the term is cased


def indexed(manuscript: Manuscript) -> Manuscript:
    """`manuscript` with its index: the book's marks' entries sorted and grouped in its
    language (`build_index`). The EPUB writer's process sorts them so
    (octavo.render.epub.beside): this module imports no Markdown parser."""
    chapters = manuscript.chapters
    marks = (m for c in chapters for s in c.sections for m in s.marks)
    return replace(manuscript, index=build_index(marks, manuscript.book.config.language))


def dead_ends(chapters: tuple[RenderedChapter, ...]) -> list[Diagnostic]:
    """W519 for each `see=`/`seealso=` naming no entry of the index: the index would print
    "Hanseatic League, see Hanse" with no Hanse to find. The index's entries are the marks'
    paths and each start of them (`build_index` makes an entry of each): known without
    sorting them, so without ICU (an EPUB's writer process sorts them: octavo.render.epub
    .beside)."""
    entries = {
        m.path[:depth]
        for c in chapters
        for s in c.sections
        for m in s.marks
        for depth in range(1, len(m.path) + 1)
    }
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
