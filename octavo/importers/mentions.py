"""The text's mentions of the study's tables and figures made references to them.

A page cites the study's numbers: "The road network is shown in Table 12.", "(see table 12,
Appendix)", "Tables 3 and 4", "(see fig. 8)". The import labels each table and figure by the
page's own number (octavo.importers.float_labels), so such a mention becomes a reference to
the label, `@tbl:12`, which octavo prints with the book's number ("Table 3"), as the
caption and the list of tables print it: the sentence and the caption agree however few of
the study's pages the book holds, in whatever order. A list or a range the book holds whole
keeps the page's words around the numbers, each number a reference without its word
(pandoc-crossref's `[-@tbl:3]`, which prints "5"): "Tables [-@tbl:3] and [-@tbl:4]",
"Tables [-@tbl:12]–[-@tbl:14]", printed "Tables 5 and 6", "Tables 7–9". (octavo reads no
group of references, pandoc-crossref's `[@tbl:3; @tbl:4]`.) A range's ends are the
references: the book numbers the study's tables in its order, so the tables between them
are the book's between them, unless the book sets another table among them. A range in
words, "Tables 12 through 14" ("to", "thru"), is one alone, after a plural ("Tables 3 to 5
and 7" keeps its words, told; "table 3 to 5 others" is table 3).

A mention becomes a reference only where the label is in the book once the import is
written: on the same page (first), on another page of the import, or in a section already in
the book, each of the page's own country (Moldova's "table 12" is never Belarus's). Any other
mention keeps the page's words, never a reference that does not resolve (W512 at the build),
and is told (W424): in a book whose tables octavo numbers, "Table 12" names the book's twelfth
table or none, not the study's. A section already in the book that cites in words a table or
figure this import adds is told too (W425, octavo.importers.mentions_written), at its line:
its page, imported again with this one, would name it.

Where: paragraphs, definitions, list items, lines and notes; never a heading, a caption or a
table's cell (their words are also the contents' and the lists' entries), nor inside a link
or code, but for a link whose words are the mention alone ("[table 12](70.htm)"), which
becomes the reference (to the table itself, not its page). A figure of a sum ("the figure 12
percent") is no mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from octavo.errors import Diagnostic
from octavo.importers.float_labels import Float, study_number
from octavo.importers.mentions_told import Mention, explained, w424
from octavo.importers.page import Block, Page

__all__ = ["MENTION", "RANGE", "Cited", "Reading", "Targets", "cite"]

_ONE = r"[0-9]{1,3}(?:[-\u2010-\u2013][0-9]{1,3}|\.[0-9]{1,3})?[a-z]?(?![\w\u2010-\u2013-])"
# a Roman number; a lone "I" only where no word follows it ("the figures I have seen")
_ROMAN = r"(?:[IVXLC]{2,7}|[VXLC]|I(?!\s+[a-z]))(?![\w-])"
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)"
_TO = r"\s+(?:through|thru|to)\s+"
# numbers with "to" between ("12 through 14", "thru"): after a plural a range in words, read
# as "12–14" where it is a range alone (`_ENDS`), else its words as written, told; after
# "table" only its first number ("Compare table 3 to 5 other countries")
_TOLD = rf"{_ONE}(?:{_SEP}{_ONE})*{_TO}{_ONE}(?:{_SEP}{_ONE})*"
MENTION = re.compile(
    r"(?<![\w@#:/\\-])(?:(?P<word>(?i:tables?|figures?))\s+|(?P<abbr>(?i:figs?\.))\s*)"
    rf"(?P<numbers>{_TOLD}|{_ONE}(?:{_SEP}{_ONE})*|{_ROMAN}(?:{_SEP}{_ROMAN})*)"
    r"(?!\s*(?:%|percent|per\b|million|billion|thousand|hundred))"
    r"(?![.:\u2010-\u2013-]\w)"  # "Table 12.Next": the reference would take ".Next" for its label
)
_NUMBERS = re.compile(rf"{_ONE}|{_ROMAN}")
# a range after a plural, "Tables 12–14", of at most RANGE numbers (else told as written)
_ENDS = re.compile(rf"([0-9]{{1,3}})([-\u2010-\u2013]|{_TO})([0-9]{{1,3}})")
_WORDS_TO = re.compile(_TO)
RANGE = 20
# what a mention is never rewritten in: code, a link's or span's words with their target or
# attributes, an autolink, an attribute block, a reference
_KEPT = re.compile(
    r"`[^`\n]*`|\[(?P<words>(?:[^\[\]\\]|\\.)*)\](?P<to>\([^)\n]*\)|\{[^}\n]*\})|<[^>\s]*>|\{[^}\n]*\}"
    r"|(?<![\w@])@(?:[Tt]bl|[Ff]ig|[Ss]ec):[\w:.-]*\w"  # a reference already: its label whole
)
_TEXT_KINDS = ("paragraph", "entry", "note")
_ITEM_KINDS = ("list", "lines")


class Targets:
    """The tables and figures a mention may name: (country, kind, number) -> the Floats of
    that number, the page's own first, then by section number."""

    def __init__(self, floats: Iterable[Float]) -> None:
        self.by_number: dict[tuple[str, str, str], list[Float]] = {}
        for found in sorted(floats, key=lambda f: f.sequence):
            if found.number:
                key = (found.country, found.kind, found.number)
                self.by_number.setdefault(key, []).append(found)

    def find(self, country: str, kind: str, number: str, sequence: int) -> Float | None:
        found = self.by_number.get((country, kind, study_number(number)), [])
        own = [f for f in found if f.sequence == sequence]
        return next(iter(own or found), None)


@dataclass(frozen=True, slots=True)
class Cited:
    """A page with its mentions made references, what --explain says of each, and W424 for
    each table or figure it cites that the book will not have."""

    page: Page
    said: tuple[str, ...]
    problems: tuple[Diagnostic, ...]


@dataclass(slots=True)
class Reading:
    """The rewriting of one page's (or section's) text, and each mention found in it."""

    targets: Targets
    country: str
    sequence: int
    found: list[Mention]
    line: int = 0

    def rewrite(self, markdown: str) -> str:
        out: list[str] = []
        at = 0
        for kept in _KEPT.finditer(markdown):
            out += [self._mentions(markdown[at : kept.start()]), self._link(kept)]
            at = kept.end()
        return "".join([*out, self._mentions(markdown[at:])])

    def _link(self, kept: re.Match[str]) -> str:
        """A link whose words are a mention alone is the reference; else kept as it is."""
        words, to = kept["words"], kept["to"] or ""
        whole = MENTION.fullmatch(words) if words is not None and to.startswith("(") else None
        if whole is None:
            return kept[0]
        made, found = self._made(whole)
        if not any(m.names for m in found):
            return kept[0]
        self.found += found
        return made

    def _mentions(self, text: str) -> str:
        def one(mention: re.Match[str]) -> str:
            made, found = self._made(mention)
            self.found += found
            return made

        return MENTION.sub(one, text) if text else text

    def _made(self, mention: re.Match[str]) -> tuple[str, list[Mention]]:
        """The mention rewritten (see `_numbers` and `_range`); as written when the book
        has none of its numbers."""
        written, base = mention[0], mention.start()
        word = mention["word"] or mention["abbr"]
        kind = "tbl" if word.lower().startswith("tab") else "fig"
        numbers = list(_NUMBERS.finditer(written, mention.start("numbers") - base))
        single = _singular(word)
        to = _WORDS_TO.search(written, mention.start("numbers") - base)
        if to and single == word:  # "table 3 to 5 others": table 3, the rest words
            before = [n for n in numbers if n.end() <= to.start()]
            made, found = self._numbers(written[: to.start()], kind, word, single, before)
            return made + written[to.start() :], found
        if to:
            # "Tables 12 through 14": a range, or its words as written and told (it was
            # "@tbl:12 through 14", printed "Table 5 through 14"), as is "Tables 3 to 5 and
            # 7", "Tables 3-4 through 5" or "Tables 5 to 3", no range alone
            ranged = self._range(written, kind, single, mention.start("numbers") - base)
            unread = Mention(written, kind, mention["numbers"], self.line, None, read=False)
            return ranged or (written, [unread])
        if len(numbers) == 1 and single != word:  # "Tables 12–14": a range
            ranged = self._range(written, kind, single, numbers[0].start())
            if ranged is not None:
                return ranged
        return self._numbers(written, kind, word, single, numbers)

    def _numbers(
        self, written: str, kind: str, word: str, single: str, numbers: list[re.Match[str]]
    ) -> tuple[str, list[Mention]]:
        """A mention of one number or a list: where the book has every number, each is its
        reference without its word, the page's words around them ("Tables [-@tbl:3] and
        [-@tbl:4]": "Tables 5 and 6"); where it has some, each of those is its reference
        with its word and the others their words ("@tbl:3 and table 4": "Table 5 and table
        4")."""
        mixed: list[str] = []
        alone = [written[: numbers[0].start()]]  # "Tables "
        found: list[Mention] = []
        for n, number in enumerate(numbers):
            if n:
                between = written[numbers[n - 1].end() : number.start()]
                mixed.append(between)
                alone.append(between)
            # one number after a plural (a range not read as one) is told as written
            words = f"{single} {number[0]}" if len(numbers) > 1 or single == word else written
            names = self.targets.find(self.country, kind, number[0], self.sequence)
            found.append(Mention(words, kind, number[0], self.line, names))
            mixed.append(f"@{names.ident}" if names else words)
            alone.append(f"[-@{names.ident}]" if names else number[0])
        if not any(m.names for m in found):
            return written, found
        if len(numbers) > 1 and all(m.names for m in found):
            return "".join(alone), found
        return "".join(mixed), found

    def _range(
        self, written: str, kind: str, single: str, at: int
    ) -> tuple[str, list[Mention]] | None:
        """ "Tables 12–14" where the book has tables 12, 13 and 14: its ends as references
        without their word, "Tables [-@tbl:12]–[-@tbl:14]" ("Tables 5–7"); where it lacks
        one, the words as written, each missing number told, unless the book has a
        chapter's table of that number ("Tables 3-4": table 4 of chapter 3), which the
        mention names as before. None: no range ("Tables 12", "tables 9–3"), or a range of
        more than `RANGE` numbers."""
        ends = _ENDS.fullmatch(written, at)
        first, last = (int(ends[1]), int(ends[3])) if ends else (0, 0)
        if ends is None or not first < last < first + RANGE:
            return None
        between = "\u2013" if ends[2].strip() in "-\u2010\u2011\u2012\u2013" else ends[2]
        members = [str(n) for n in range(first, last + 1)]
        named = [self.targets.find(self.country, kind, n, self.sequence) for n in members]
        found = [
            Mention(f"{single} {n}", kind, n, self.line, names)
            for n, names in zip(members, named, strict=True)
        ]
        if all(named):
            start, end = named[0], named[-1]
            assert start is not None and end is not None
            return f"{written[:at]}[-@{start.ident}]{between}[-@{end.ident}]", found
        if between == "\u2013" and self.targets.find(self.country, kind, ends[0], self.sequence):
            return None  # a chapter's table, named as one
        return written, [m for m in found if m.names is None]


def _singular(word: str) -> str:
    """'Tables' -> 'Table', 'figs.' -> 'fig.': the word of one of a list's numbers."""
    if word.endswith("."):
        return word[:-2] + "." if word[-2:-1].lower() == "s" else word
    return word[:-1] if word[-1:].lower() == "s" else word


def cite(page: Page, targets: Targets, source: Path) -> Cited:
    """The page (saved at `source`) with its text's mentions made references (see above)."""
    reading = Reading(targets, page.country, page.sequence or 0, [])
    blocks: list[Block] = []
    for block in page.blocks:
        reading.line = block.line
        if block.kind in _TEXT_KINDS:
            block = replace(block, markdown=reading.rewrite(block.markdown))
        elif block.kind in _ITEM_KINDS:
            block = replace(block, items=tuple(reading.rewrite(i) for i in block.items))
        blocks.append(block)
    missing: dict[tuple[str, str], list[Mention]] = {}
    for mention in reading.found:
        if mention.names is None:
            key = (mention.kind, study_number(mention.number) or mention.number)
            missing.setdefault(key, []).append(mention)
    said = tuple(explained(m, page.sequence or 0) for m in reading.found)
    told = tuple(w424(source, found) for found in missing.values())
    return Cited(replace(page, blocks=tuple(blocks)), said, told)
