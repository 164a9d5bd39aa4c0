"""A saved page's `<blockquote>`s: which are quotations and which only indent.

Pages of the 1990s (countrystudies.us, the Library's memory.loc.gov-era pages and the
sites that copied them) wrap the whole body, or most of it, in one `<blockquote>` or
more only to indent it from the window's edge, as browsers set one; a page also quotes
a few paragraphs (a decree, a speech) among its own in one. A quotation becomes a pandoc
block quote in the section (`> `, nested `> >`: octavo.importers.flatten gives each block
its quotation, templates/import/section.md.j2 writes the markers); an indent is read as
its contents, as every blockquote was before.

A `<blockquote>` is an indent when
- it holds a heading, a table or an image: a page's title, its sections and its figures
  are set off, not quoted;
- it holds the page's data date ('Data as of June 1995'), which closes its body;
- it holds half the page's words or more, or the page's outermost blockquotes hold that
  between them (a body indented in pieces, none of them half of it);
- or no block with words stands beside it, nor beside a block it is in, up to the body:
  it is the body's only block (of paragraphs; a site's line of inline words aside).
Words in links are not counted (a page's navigation is links: allrefer's 100 countries).
Any other is a quotation: a few paragraphs among the page's own. A blockquote inside a
quotation is judged by the same rules (it is nested in it when it quotes too).
`import --explain` says how each was read and by which rule, at its line in the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from octavo.importers.flatten import BLOCKS
from octavo.importers.metadata import DATA_AS_OF
from octavo.text import first_words

__all__ = ["NO_WORDS", "Reading", "find_quotations", "read_blockquotes", "word_counts"]

_SET_OFF = ("h1", "h2", "h3", "h4", "h5", "h6", "table", "img")
NO_WORDS = ("script", "style", "noscript", "template")  # elements whose text is no words


@dataclass(frozen=True, slots=True)
class Reading:
    """How one `<blockquote>` of the page is read, and why (shown by `import --explain`)."""

    element: etree._Element
    quotes: bool  # a quotation; else an indent, read as its contents
    why: str

    def line(self) -> str:
        """The reading as --explain says it, at the blockquote's line in the page."""
        how = "a quotation" if self.quotes else "an indent, read as its contents"
        shown = first_words(" ".join(self.element.itertext()))
        return f"line {self.element.sourceline}: <blockquote> {shown} is {how}: {self.why}"


def find_quotations(root: etree._Element) -> frozenset[etree._Element]:
    """The `<blockquote>`s under `root` (the page's body) that are quotations."""
    return frozenset(r.element for r in read_blockquotes(root) if r.quotes)


def read_blockquotes(root: etree._Element) -> tuple[Reading, ...]:
    """Each `<blockquote>` under `root` (the page's body), in the page's order: a quotation
    or an indent, and why (the module's rules, in their order)."""
    quotes = list(root.iter("blockquote"))
    if not quotes:
        return ()
    words = word_counts(root)
    total = words.get(root, 0)
    outermost = {q for q in quotes if not any(a.tag == "blockquote" for a in q.iterancestors())}
    held = sum(words.get(q, 0) for q in outermost)
    indented = held if held * 2 >= total else 0
    beside = _wordy_children(root, words)
    return tuple(_read(q, root, words, beside, indented * (q in outermost)) for q in quotes)


def _read(
    quote: etree._Element,
    root: etree._Element,
    words: dict[etree._Element, int],
    beside: dict[etree._Element, int],
    in_pieces: int,
) -> Reading:
    """`in_pieces`: the words of the page's outermost blockquotes, when `quote` is one of
    them and they hold half the page's words or more."""
    total, own = words.get(root, 0), words.get(quote, 0)
    set_off = next(
        (e.tag for e in quote.iter() if isinstance(e.tag, str) and e.tag in _SET_OFF), ""
    )
    if in_pieces:
        why = (
            f"the page's outermost blockquotes hold half its words or more ({in_pieces} of "
            f"{total}; {own} in this one)"
        )
    elif own * 2 >= total:
        why = f"it holds half the page's words or more ({own} of {total})"
    elif set_off:
        why = f"it holds a <{set_off}>"
    elif DATA_AS_OF.search(" ".join(quote.itertext())):
        why = "it holds the page's data date"
    elif _alone(quote, root, words, beside):
        why = "no block with words stands beside it: it is the body's only block"
    else:
        return Reading(quote, True, f"{own} of the page's {total} words, among its own blocks")
    return Reading(quote, False, why)


def _alone(
    quote: etree._Element,
    root: etree._Element,
    words: dict[etree._Element, int],
    wordy: dict[etree._Element, int],
) -> bool:
    """No block with words beside the blockquote, nor beside any element it is in, up to
    `root` (`wordy`: how many of an element's children are blocks with words)."""
    element = quote
    while element is not root:
        parent = element.getparent()
        if parent is None:
            break
        if wordy.get(parent, 0) > int(_is_wordy(element, words)):
            return False
        element = parent
    return True


def _wordy_children(
    root: etree._Element, words: dict[etree._Element, int]
) -> dict[etree._Element, int]:
    """How many of each element's children are blocks with words, counted once: a page of
    many blockquotes is read in linear time."""
    found: dict[etree._Element, int] = {}
    for element in root.iter():
        parent = element.getparent()
        if parent is not None and _is_wordy(element, words):
            found[parent] = found.get(parent, 0) + 1
    return found


def _is_wordy(element: etree._Element, words: dict[etree._Element, int]) -> bool:
    return isinstance(element.tag, str) and element.tag in BLOCKS and words.get(element, 0) > 0


def word_counts(root: etree._Element, links: bool = False) -> dict[etree._Element, int]:
    """The number of words each element under `root` holds, in one pass from the leaves up:
    its text and its children's words and tails, none in a script or a comment, nor in a
    link unless `links`."""
    counts: dict[etree._Element, int] = {}
    for element in reversed(list(root.iter())):  # each after everything inside it
        if not isinstance(element.tag, str) or element.tag in NO_WORDS:
            counts[element] = 0
            continue
        if not links and element.tag == "a" and element.get("href") is not None:
            counts[element] = 0
            continue
        count = _count(element.text)
        for child in element:
            count += counts.get(child, 0) + _count(child.tail)
        counts[element] = count
    return counts


def _count(text: str | None) -> int:
    return len(text.split()) if text else 0
