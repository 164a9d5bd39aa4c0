"""WeasyPrint 70 measures the same text in the same style again and again for preferred
widths: here each measurement is made once per layout.

What it patches: the name `split_first_line` in `weasyprint.layout.preferred`, through which
`inline_line_widths` (nothing else in that module: `trailing_whitespace_size` imports its
own) measures text for min- and max-content widths: those of every table cell of a table
with automatic widths, of floats and of other shrink-to-fit boxes. For a min-content width
it measures each word of a cell on its own (with `hyphens: auto`, one Pango layout more per
hyphenation point of the word), so figures and words that recur in a table (a column of
years, "1,234"-like numbers, the same heading words) are measured over and over: on the
81-section study, 5,190 of the 19,396 measurements are exact repeats. (A table's widths are
already computed once per layout, not once per page it spans: WeasyPrint keeps them in
`context.tables` by table box, and a table continued on the next page is the same box.)

Why it is safe: `split_first_line(text, style, context, max_width, justification_spacing,
is_line_start, minimum)` is pure for that key. It reads the text, the computed style (its
values and its `font_config`), the layout context's cache of hyphenation dictionaries, and
Pango, which gives the same result for the same text, font and settings. A style is keyed by
identity (a computed style is a dict, unhashable): layout never changes a style in place
(`::first-line` and `::first-letter` styles are copies, and a copy is another key), and
every entry holds its style, so an id cannot be reused while its entry lives. The memo
belongs to one layout context (one `render()`): nothing is kept from one document to the
next. `inline_line_widths` uses only the resume index and the width of the result and
throws away the Pango layout (which `split_first_line` has already deactivated; a repeat
gets None in its place), so answering a repeat from the memo changes nothing: the PDFs are
the same bytes (tests/unit/test_pdf_weasy_speed.py; the reference PDFs of issue 17 compared
with `cmp`). Line breaking proper (`layout.inline`) is not touched: its layouts are drawn.

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose
`inline_line_widths` still unpacks the result as read here (`SHAPE`); otherwise it does
nothing and WeasyPrint runs as shipped.

To remove it (once WeasyPrint measures each text once, e.g. with a cache of its own on the
layout context, like its `context.tables` for table widths): delete this module and the
`install()` call in octavo.render.pdf.document.load_html.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from typing import Any

from octavo.render.pdf.weasy_patch import checked_source, is_patched, replace

__all__ = ["install", "installed"]

CHECKED = "70."  # the WeasyPrint versions read (a prefix of weasyprint.__version__)
SHAPE = "_, _, new_resume_index, width, _, _ = split_first_line("  # how the result is used

Key = tuple[str, int, Any, Any, Any, Any]
Memo = dict[Key, tuple[Any, tuple[Any, ...]]]  # key -> (the style, the result)


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    from weasyprint.layout import preferred

    if installed():
        return True
    if not _checked(preferred):
        return False
    return replace(preferred, "split_first_line", _memoized)


def installed() -> bool:
    return is_patched("weasyprint.layout.preferred", "split_first_line", "octavo_memo")


def _checked(preferred: Any) -> bool:
    source = checked_source(CHECKED, preferred, "inline_line_widths")
    if source is None:
        return False
    users = [
        name
        for name, value in vars(preferred).items()
        if inspect.isfunction(value) and _global(value.__code__, "split_first_line")
    ]
    return users == ["inline_line_widths"] and source.count(SHAPE) == 1


def _global(code: Any, name: str) -> bool:
    """Does `code` read the module's global `name` (not a local of its own import)?"""
    return name in code.co_names and name not in code.co_varnames


def _memoized(measure: Callable[..., tuple[Any, ...]]) -> Callable[..., tuple[Any, ...]]:
    memos: weakref.WeakKeyDictionary[Any, Memo] = weakref.WeakKeyDictionary()

    def split_first_line(
        text: str,
        style: Any,
        context: Any,
        max_width: Any,
        justification_spacing: Any,
        is_line_start: Any = True,
        minimum: Any = False,
    ) -> tuple[Any, ...]:
        try:
            memo = memos.setdefault(context, {})
        except TypeError:  # a context that cannot be weakly referenced: no memo
            return measure(
                text, style, context, max_width, justification_spacing, is_line_start, minimum
            )
        key = (text, id(style), max_width, justification_spacing, is_line_start, minimum)
        found = memo.get(key)
        if found is not None and found[0] is style:
            return found[1]
        result = measure(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
        memo[key] = (style, (None, *result[1:]))  # not the spent Pango layout: less to keep
        return result

    split_first_line.octavo_memo = True  # type: ignore[attr-defined]
    split_first_line.__wrapped__ = measure  # type: ignore[attr-defined]
    return split_first_line
