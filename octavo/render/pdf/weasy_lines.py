"""WeasyPrint 70 can end a line after its text's first word when only the space before an
inline element overflows the line: here the text is measured without that space.

The defect (docs/upstream/weasyprint-early-break.md): `split_first_line`
(weasyprint.text.line_break) takes a text whose first line is wider than the line as one it
cannot split earlier, and measures that width with the text's trailing space. A text box
that ends with a space (one before an `<a>`, an `<em>`, octavo's own
`<span class="last-word">`) and whose words fit with less than a space's width to spare is
therefore cut after its first word ("old" alone, then 13 words), or stretched when it opens
with punctuation ("Table 3," across the whole line). CSS removes a collapsible space at the
end of a line (css-text-3, "white-space processing"), and WeasyPrint's `split_inline_box`
already lets that space overflow (`trailing_whitespace_size`); only this width test counts
it.

What it patches: the name `split_first_line` in `weasyprint.layout.inline`, through which
`split_text_box` breaks the text boxes of a line (preferred widths, SVG text and
`trailing_whitespace_size`, which measures with no width, are not touched). The shipped
function runs first and its answer stands, except when all of: it split the text at a
finite width after no more than one word (the kept text holds no space: what its "the
line can't be split earlier" branch returns; a cut after several words is a line filled,
and asking again there cost 2,000 more measurements and ~7 % of the study's CPU); spaces
collapse and lines wrap (`white-space: normal` or `pre-line`); the text ends with spaces;
and the text without them fits on one line of that width (the shipped function, asked
again). Then the answer is the whole text on one line, as for a text that fits: the
shipped function asked with no width limit, its layout given back the line's width
(which `text-overflow: ellipsis` reads when it draws; the Pango layout itself is made
again for drawing, `Layout.reactivate`). Any other line is set as before: the default
book's PDF is the same bytes, and in the rich 81-section study only the two lines the
defect cut are broken otherwise (tests/unit/test_pdf_weasy_lines.py sets the reduced
cases and a control paragraph, the same bytes with and without).

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose `split_first_line`
still makes the width test read here (`SHAPE`), whose `split_text_box` still calls it by
the module's name and whose layouts keep their width as `max_width`; otherwise WeasyPrint
runs as shipped.

To remove it (once WeasyPrint leaves a collapsible trailing space out of that test): delete
this module and the `install()` call in octavo.render.pdf.document.load_html.
"""

from __future__ import annotations

from collections.abc import Callable
from math import inf
from typing import Any

from octavo.render.pdf.weasy_patch import checked_sources, is_patched, replace

__all__ = ["install", "installed"]

CHECKED = "70."
SHAPE = (  # step 2 of split_first_line: the width test that counts the trailing space
    "first_line_width, _ = line_size(first_line, style)\n"
    "    if resume_index is None and first_line_width <= max_width:\n"
)
CALL = "= split_first_line(\n        text.decode(), box.style, context, available_width,"
KEEPS = "self.max_width = max_width"  # Layout.__init__: the width a drawing may read back
WRAPPED = ("normal", "pre-line")  # the white-space values whose spaces collapse and wrap


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    if installed():
        return True
    sources = checked_sources(
        CHECKED,
        (line_break, "split_first_line"),
        (inline, "split_text_box"),
        (line_break.Layout, "__init__"),
    )
    if sources is None:
        return False
    split, caller, layout = sources
    if split.count(SHAPE) != 1 or caller.count(CALL) != 1 or KEEPS not in layout:
        return False
    return replace(inline, "split_first_line", _spaced, shipped_in=line_break)


def installed() -> bool:
    return is_patched("weasyprint.layout.inline", "split_first_line", "octavo_lines")


def _spaced(split: Callable[..., tuple[Any, ...]]) -> Callable[..., tuple[Any, ...]]:
    """`split` (WeasyPrint's split_first_line), but a text whose words fit on the line
    without its trailing spaces is kept whole."""

    def split_first_line(
        text: str,
        style: Any,
        context: Any,
        max_width: Any,
        justification_spacing: Any,
        is_line_start: Any = True,
        minimum: Any = False,
    ) -> tuple[Any, ...]:
        found = split(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
        words = text.rstrip(" ")
        if (
            found[2] is None
            or max_width is None
            or max_width == inf
            or not words
            or words == text
            or style["white_space"] not in WRAPPED
            or " " in text.encode()[: found[1]].decode().strip(" ")
        ):
            return found  # not cut, or cut after more than one word: as shipped
        fits = split(
            words, style, context, max_width, justification_spacing, is_line_start, minimum
        )
        if fits[2] is not None or fits[3] > max_width:
            return found
        whole = split(text, style, context, inf, justification_spacing, is_line_start, minimum)
        whole[0].max_width = max_width
        return whole

    split_first_line.octavo_lines = True  # type: ignore[attr-defined]
    split_first_line.__wrapped__ = split  # type: ignore[attr-defined]
    return split_first_line
