"""Which line under an image without alt text is its caption: the ones the page sets as one.

Pages of the 1990s set a map or a photo as an `<img>` without alt text, and as often set
the body's next paragraph right under it as a caption under it. The line under such an
image was taken as its caption whenever it had fewer than 40 words, so a map followed by
"Roads total 98,200 kilometers." became a figure of that sentence, out of the text.

Pandoc's HTML reader takes a caption only where the markup says so (a `<figure>`'s
`<figcaption>`; an image alone in its paragraph is captioned by its own alt text), never
from the paragraph after it. Old pages have no `<figure>`: they say it by their layout.
So the line under an image without alt text is its caption (octavo.importers.html) when
- it is *with its image*: the nearest element around the image that holds words (a table
  cell, a `<center>`, a `<p>` or `<div>`, a layout table of a photo over its caption, a
  `<figure>`) holds fewer than 60 words (the Library's own captions run to 44: "The gilded
  copper Sun Dhoka gate, built in 1753, …"), one line of them under the image (or two, the
  second a credit: 'Courtesy …'), none before it nor beside it on its line (the text of
  a paragraph an image is floated into is no caption);
- it is *set apart* from the text: its element (of fewer than 60 words) is centered
  (`<center>`, `align="center"`, `text-align: center`), all in italics or in small type
  (`<small>`, `<font size="-1">`), a `<figcaption>`, or of a class that names a caption;
- it is *labelled*, under 40 words: it opens with 'Figure 8', 'Map 2', 'Map:', 'Photo:',
  'Source:', ...;
- or it is *a title, not a sentence*: under 25 words, not ending as a sentence does
  ('.', '!', '?', ':', ';') and not all in bold (a run-in heading).
Any other line is a paragraph of the text, as a browser shows it: a caption missed stays
the page's words in their place; a paragraph taken as a caption left the text.
Under an image with alt text only the rules of the page's layout that no body paragraph
shares hold: with its image, centered, a caption by its markup, and labelled; the line is
then the figure's caption, the alt text its fig-alt (a user trial's centred caption and
credit under a photo with alt text read as two loose paragraphs). Italics and small type
are not enough there: pages set every paragraph in `<font size=2>`, or quote a speech in
italics, and the alt text already captions the image, so a caption missed costs nothing
the figure lacks, while a paragraph taken as one leaves the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from octavo.importers.blocks import CAPTION_WORDS, CREDIT
from octavo.importers.flatten import BLOCKS
from octavo.importers.html_quotes import NO_WORDS, word_counts
from octavo.text import TEXT_ALIGN, first_words

__all__ = ["find_captions", "how_captioned", "said_of_line"]

_SET_WORDS = CAPTION_WORDS  # a caption the page sets as one is shorter, with its credit
_LABELLED_WORDS = 40  # a caption said by its own words is shorter
_TITLE_WORDS = 25  # a caption as a title ('The Minsk railroad station'), no sentence

_ITALIC = ("i", "em")
# how a page sets a caption apart that no paragraph of its text is set (under an image with
# alt text, only these: italics and small type may be the whole text's, or a quotation's)
_LAYOUT = ("with its image", "centered", "a caption by its markup")
_SMALL_FONT = {"1", "2", "-1", "-2", "-3"}
_LABELLED = re.compile(
    r"(?i)\s*(?:(?:Figure|Fig\.|Map|Chart|Plate|Photo(?:graph)?)\s*(?:\d|[IVX]+\b)"
    r"|(?:Map|Photo(?:graph)?|Source|Caption)\s*:|Courtesy\b)"
)
_SENTENCE_END = re.compile(r"""[.!?:;]["'’”)\]]*$""")
_BOLD = re.compile(r"\*\*[^*].*\*\*")


def find_captions(root: etree._Element) -> dict[etree._Element, str]:
    """The elements under `root` (the page's body) whose words the page sets as a caption,
    each with how it sets them ('with its image', 'centered', ...)."""
    words = word_counts(root, links=True)
    found: dict[etree._Element, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "img":  # with alt text or without: its caption is its box's
            box = _box(element, root, words)
            if box is not None:
                found[box] = "with its image"
        elif 0 < words.get(element, 0) < _SET_WORDS:
            how = _set_apart(element)
            if how:
                found[element] = how
    return found


def how_captioned(set_as: str, text: str, markdown: str, alt: bool = False) -> str:
    """How a line under an image is its caption ('' when it is not): `set_as`, how the
    page sets it (find_captions), else by its own words. Under an image with alt text
    (`alt`), only a line the page's layout sets as a caption (_LAYOUT) or labels as one:
    a paragraph in italics or small type, or a title, under it may be the text's own."""
    if set_as and not (alt and set_as not in _LAYOUT):
        return set_as
    if len(text.split()) >= _LABELLED_WORDS:
        return ""
    if _LABELLED.match(text):
        return "labelled"
    if (
        not alt
        and len(text.split()) < _TITLE_WORDS
        and not _SENTENCE_END.search(text)
        and not _BOLD.fullmatch(markdown)
    ):
        return "a title, not a sentence"
    return ""


def said_of_line(line: int, text: str, how: str, alt: bool = False) -> str:
    """What --explain says of the line under an image, at its line in the page: its
    caption, and how the page sets it so; or (under one without alt text) a paragraph."""
    shown = first_words(text)
    if how and alt:
        return (
            f"line {line}: {shown} under an image is its caption, its alt text the fig-alt: {how}"
        )
    if how:
        return f"line {line}: {shown} under an image without alt text is its caption: {how}"
    return (
        f"line {line}: {shown} under an image without alt text is a paragraph: the page "
        "does not set it as a caption"
    )


def _box(
    image: etree._Element, root: etree._Element, words: dict[etree._Element, int]
) -> etree._Element | None:
    """The nearest element around `image` that holds words, when those are its caption's:
    fewer than _SET_WORDS, none before the image nor on its line, on one line under it (or
    two, the second its credit)."""
    for box in image.iterancestors():
        if box is root or box.tag in ("body", "html"):
            return None
        if words.get(box, 0):
            lines = _caption_lines(box, image) if words[box] < _SET_WORDS else []
            credited = len(lines) == 2 and CREDIT.match(lines[1])  # a caption over its credit
            return box if len(lines) == 1 or credited else None
    return None


def _caption_lines(box: etree._Element, image: etree._Element) -> list[str]:
    """The lines of words in `box` after `image` (a `<br>` or a block between two), none
    when there are words before it or beside it on its line."""
    lines: list[str] = []
    apart = None  # None: before the image; False: on its line; True: on a line below
    for event, element in etree.iterwalk(box, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if element is image:
            apart = False
            text = element.tail if event == "end" else None
        else:
            if apart is not None and tag in BLOCKS and tag != "img":
                apart, lines = True, [*lines, ""]
            words = tag and tag not in NO_WORDS
            text = (element.text if words else None) if event == "start" else element.tail
            if event == "end" and element is box:
                break
        if text and text.strip():
            if not apart:
                return []
            lines[-1] += text
    return [line for line in (" ".join(t.split()) for t in lines) if line]


def _set_apart(element: etree._Element) -> str:
    """How an element sets its words apart from the text: '' when it does not."""
    tag = element.tag
    align = TEXT_ALIGN.search(element.get("style", ""))
    how = (align.group(1) if align else element.get("align") or "").strip().lower()
    if tag == "center" or how == "center":
        return "centered"
    if tag == "figcaption" or "caption" in element.get("class", "").lower():
        return "a caption by its markup"
    if _all_within(element, lambda e: e.tag in _ITALIC):
        return "in italics"
    if _all_within(element, _small):
        return "in small type"
    return ""


def _small(element: etree._Element) -> bool:
    size = (element.get("size") or "").strip()
    return element.tag == "small" or (element.tag == "font" and size in _SMALL_FONT)


def _all_within(element: etree._Element, styled: Callable[[etree._Element], bool]) -> bool:
    """Every word of `element` inside an element (itself or below it) that is `styled`."""
    for node in element.xpath(".//text()"):
        if not node.strip():
            continue
        holder = node.getparent()
        if node.is_tail and holder is not None:
            holder = holder.getparent()
        while holder is not None and not styled(holder):
            if holder is element:
                return False
            holder = holder.getparent()
        if holder is None:
            return False
    return True
