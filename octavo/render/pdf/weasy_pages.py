"""WeasyPrint 70 computes the styles of a page and of its sixteen margin boxes again for
every page: here the pages whose `@page` rules are the same share them.

Why it matters: a page's type includes its index, so no two pages share a style, and each
page's styles are computed anew (every property of each of its margin boxes, lazily, as
layout reads them) even when the same `@page` rules apply as on the page before. In the
stamp of running heads and folios (octavo.render.pdf.parallel.stamp: a page of margin
boxes per body page) that was ~40 % of its time; and to find the margin boxes of a page,
WeasyPrint goes through the margin-box styles of every page laid out before it (the
document's cascaded page styles), which grows with the square of the pages.

What it patches: the name `set_page_type_computed_styles` in `weasyprint.layout.page`,
which `remake_page` calls before it makes each page. Which `@page` selectors match a page
(each sheet's page rules, in order, as `StyleFor.add_page_declarations` matches them) is
all its cascaded styles depend on; the computed styles depend on those and on the root
element's style, the same for every page. So a page whose selectors match as an earlier
page's did (after the first) is given that page's computed styles (the page's and each of
its margin boxes', the same objects) instead of new equal ones. What layout does to a
page's style in place is the same for every page (`overflow` from the root box, the page
counters standardized, which a second time leaves as they are). The first page is never
shared from or to: its size sets the page units of later styles (`initial_page_sizes`).
The memo belongs to one document's styles (one `StyleFor`); nothing is kept from one
document to the next. The same styles, so the same pages and bytes
(tests/unit/test_pdf_weasy_pages.py; the reference PDFs compared with `cmp`).

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose function and
`add_page_declarations` still read as here (`SHAPE`, `MATCH`); otherwise WeasyPrint runs
as shipped.

To remove it (once WeasyPrint keys page styles by what matched, not by the page): delete
this module and the `install()` call in octavo.render.pdf.document.load_html.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from octavo.render.pdf.weasy_patch import checked_sources, is_patched, replace

__all__ = ["install", "installed"]

CHECKED = "70."
SHAPE = (  # what the function does: declarations, the page's style, its pseudo-elements'
    "style_for.add_page_declarations(page_type)",
    "for element, pseudo_type in style_for.get_cascaded_styles():",
    "if pseudo_type and element == page_type:",
)
MATCH = (  # how add_page_declarations matches: the loop `_matched` repeats
    "for sheet, origin, sheet_specificity in self._sheets:",
    "for _rule, selector_list, declarations in sheet.page_rules:",
    "specificity, pseudo_type, page_selector_type = selector",
    "if self._page_type_match(page_selector_type, page_type):",
)

# per document's styles: what matched -> (the page type computed first, its pseudo-types)
Memo = dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]]


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    from weasyprint.css import StyleFor
    from weasyprint.layout import page

    if installed():
        return True
    sources = checked_sources(
        CHECKED, (page, "set_page_type_computed_styles"), (StyleFor, "add_page_declarations")
    )
    if sources is None:
        return False
    source, matching = sources
    if not all(source.count(s) == 1 for s in SHAPE) or not all(
        matching.count(s) == 1 for s in MATCH
    ):
        return False
    return replace(page, "set_page_type_computed_styles", _shared)


def installed() -> bool:
    return is_patched("weasyprint.layout.page", "set_page_type_computed_styles", "octavo_memo")


def _matched(style_for: Any, page_type: Any) -> tuple[Any, ...]:
    """Which page selectors of which rules of which sheets match `page_type`."""
    found = []
    for s, (sheet, _, _) in enumerate(style_for._sheets):
        for r, (_, selectors, _) in enumerate(sheet.page_rules):
            for n, (_, _, page_selector_type) in enumerate(selectors):
                if style_for._page_type_match(page_selector_type, page_type):
                    found.append((s, r, n))
    return tuple(found)


def _shared(compute: Callable[[Any, Any, Any], None]) -> Callable[[Any, Any, Any], None]:
    """`compute` (WeasyPrint's set_page_type_computed_styles) run for the first page of
    each kind (what matched), its styles given to the later pages of that kind."""
    memos: weakref.WeakKeyDictionary[Any, Memo] = weakref.WeakKeyDictionary()

    def set_page_type_computed_styles(page_type: Any, html: Any, style_for: Any) -> None:
        try:
            memo = memos.setdefault(style_for, {})
        except TypeError:  # styles that cannot be weakly referenced: as shipped
            compute(page_type, html, style_for)
            return
        if page_type.index == 0:  # the first page: its size sets page units (see above)
            compute(page_type, html, style_for)
            return
        key = _matched(style_for, page_type)
        found = memo.get(key)
        cascaded, computed = style_for.get_cascaded_styles(), style_for.get_computed_styles()
        if found is not None:
            first, pseudo_types = found
            for pseudo_type in (None, *pseudo_types):
                computed[page_type, pseudo_type] = computed[first, pseudo_type]
                if (first, pseudo_type) in cascaded:
                    cascaded[page_type, pseudo_type] = cascaded[first, pseudo_type]
            return
        compute(page_type, html, style_for)  # as shipped, the first page of its kind
        pseudo_types = tuple(p for element, p in cascaded if p and element == page_type)
        memo[key] = (page_type, pseudo_types)

    set_page_type_computed_styles.octavo_memo = True  # type: ignore[attr-defined]
    set_page_type_computed_styles.__wrapped__ = compute  # type: ignore[attr-defined]
    return set_page_type_computed_styles
