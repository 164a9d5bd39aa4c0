"""A raw HTML block whose elements the sanitizer removes keeps its words in paragraphs
(ut47 bug 20).

`<details><summary>Sum</summary>Hidden</details>` loses its tags (W502): the words were
left bare in the section, outside any paragraph, and run together ("SumHidden"), and
print set them as one unstyled line. Each removed element that holds blocks of its own
(`details`, `summary`, `div`, `section`, `center`, …) now ends a paragraph, and the words
between such ends are a paragraph, beside the blocks that are kept (a `<p>`, a list, a
table). A block that loses nothing is left as written.
"""

from __future__ import annotations

import re
from html import escape

from markdown_it.token import Token

from octavo.render.sanitize import clean_fragment

__all__ = ["in_paragraphs", "keep_words"]

# elements that hold blocks, which the sanitizer removes (their words are kept)
_REMOVED_BLOCKS = (
    "address|article|aside|center|details|dialog|div|fieldset|figcaption|figure|footer|"
    "form|header|hgroup|legend|main|menu|nav|search|section|summary"
)
_BOUNDARY = re.compile(rf"</?(?:{_REMOVED_BLOCKS})\b[^>]*>", re.IGNORECASE)
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
    "table", "dl", "dt", "dd", "hr", "div", "figure", "section", "aside",
}  # fmt: skip


def keep_words(token: Token) -> None:
    """An html_block's content put in paragraphs (in_paragraphs), what the sanitizer removes
    from it kept in its meta for W502 (octavo.render.markdown reads both). A table's block
    is left to octavo.render.html_tables."""
    if "<table" in token.content.lower():
        return
    kept = in_paragraphs(token.content)
    if kept is not token.content:
        removed = clean_fragment(token.content)[1]
        token.meta["removed"] = (*token.meta.get("removed", ()), *removed)
        token.content = kept


def in_paragraphs(raw: str) -> str:
    """`raw` (an html_block's source), its words outside any kept block put in paragraphs
    where the sanitizer removes an element of it; unchanged when it removes none."""
    if not clean_fragment(raw)[1] or not _BOUNDARY.search(raw):
        return raw
    out = [_paragraphs(clean_fragment(piece)[0]) for piece in _BOUNDARY.split(raw)]
    return "\n".join(part for part in out if part) + "\n"


def _paragraphs(cleaned: str) -> str:
    """`cleaned` (well-formed XHTML), its runs of words and inline elements outside a block
    each made a paragraph."""
    if not cleaned.strip():
        return ""
    from lxml import etree  # here: every build imports this module, few hold such a block

    holder = etree.fromstring(f"<x>{cleaned}</x>")
    out: list[str] = []
    run: list[str] = [escape(holder.text or "", quote=False)]
    for child in holder:
        if str(child.tag) in _BLOCKS:
            out.append(_run(run))
            run = []
            tail, child.tail = child.tail, None
            out.append(etree.tostring(child, encoding="unicode"))
            run.append(escape(tail or "", quote=False))
        else:
            run.append(etree.tostring(child, encoding="unicode"))
    out.append(_run(run))
    return "\n".join(part for part in out if part)


def _run(parts: list[str]) -> str:
    words = "".join(parts)
    if not words.strip():
        return ""
    return f"<p>{words.strip()}</p>"
