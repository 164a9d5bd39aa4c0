"""WeasyPrint 70 builds the same Pango font description and asks Pango where the same
short text may break again and again: here each is made once per process.

What it patches:
- the name `get_font_description` in `weasyprint.text.line_break`, which `Layout.setup`
  calls for every Pango layout it makes: each line tried in line breaking, each
  hyphenation tried, each table cell measured, each text box drawn (5,300 a chapter of the
  81-section study, from a few dozen distinct fonts). The description is a function of
  seven font values of the style (`FONT_KEYS`, all that the function reads); the memo is
  keyed by those values. Pango copies a description it is given
  (`pango_layout_set_font_description`) or only reads it (`pango_context_get_metrics`),
  so one description serves every layout of the same font.
- the name `can_break_text` in `weasyprint.layout.preferred` and `weasyprint.layout.inline`,
  which asks Pango (`pango_get_log_attrs`) whether a text can break; the preferred widths
  ask it for every text box with the box's last letter and an "a" (1,070 a chapter, a few
  dozen distinct). The answer is a function of the text and the language.

Both functions are pure for their keys (the same values give a description with the same
fields, the same text and language the same Unicode line-break properties), so the boxes
and the PDFs are the same bytes (tests/unit/test_pdf_weasy_text.py; the reference PDFs
compared with `cmp`). The memos are bounded (`KEPT`).

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose
`get_font_description` reads exactly `FONT_KEYS` and whose `can_break_text` still takes
(text, lang); otherwise it does nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from octavo.render.pdf.weasy_patch import checked_sources, is_patched, replace

__all__ = ["FONT_KEYS", "install", "installed"]

CHECKED = "70."
FONT_KEYS = (
    "font_family",
    "font_style",
    "font_stretch",
    "font_weight",
    "font_size",
    "font_variant_caps",
    "font_variation_settings",
)
BREAK_SHAPE = (  # can_break_text as read: a function of its text and language alone
    "def can_break_text(text, lang):\n"
    "    return get_next_break_point_from_text(text, lang) is not None"
)
KEPT = 4096  # entries a memo keeps before it starts again


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patches are in place."""
    from weasyprint.layout import inline, preferred
    from weasyprint.text import fonts, line_break

    if installed():
        return True
    sources = checked_sources(
        CHECKED, (fonts, "get_font_description"), (line_break, "can_break_text")
    )
    if sources is None or not sources[1].startswith(BREAK_SHAPE):
        return False
    if set(re.findall(r"style\['(\w+)'\]", sources[0])) != set(FONT_KEYS):
        return False
    if not replace(line_break, "get_font_description", _described, shipped_in=fonts):
        return False
    can_break = _memoized(line_break.can_break_text)
    for module in (preferred, inline):
        if module.can_break_text is line_break.can_break_text:
            module.can_break_text = can_break
    return True


def installed() -> bool:
    return is_patched(
        "weasyprint.text.line_break", "get_font_description", "octavo_memo"
    ) and is_patched("weasyprint.layout.preferred", "can_break_text", "octavo_memo")


def _described(describe: Callable[[Any], Any]) -> Callable[[Any], Any]:
    memo: dict[tuple[Any, ...], Any] = {}

    def get_font_description(style: Any) -> Any:
        try:
            found = memo.get(key := _font(style))
        except TypeError:  # a value that cannot be a key: as shipped
            return describe(style)
        if found is None:
            if len(memo) >= KEPT:
                memo.clear()
            found = memo[key] = describe(style)
        return found

    get_font_description.octavo_memo = True  # type: ignore[attr-defined]
    get_font_description.__wrapped__ = describe  # type: ignore[attr-defined]
    return get_font_description


def _font(style: Any) -> tuple[Any, ...]:
    """The values of FONT_KEYS, each with its type (values equal across types, 12 and
    12.0, stay apart), the family list as a tuple, the variation settings as written."""
    family, weight, size = style["font_family"], style["font_weight"], style["font_size"]
    return (
        type(family),
        tuple(family),
        style["font_style"],
        style["font_stretch"],
        type(weight),
        weight,
        type(size),
        size,
        style["font_variant_caps"],
        repr(style["font_variation_settings"]),
    )


def _memoized(can_break_text: Callable[[str, Any], bool]) -> Callable[[str, Any], bool]:
    memo: dict[tuple[str, Any], bool] = {}

    def memo_can_break_text(text: str, lang: Any) -> bool:
        key = (text, lang)
        try:
            found = memo.get(key)
        except TypeError:
            return can_break_text(text, lang)
        if found is None:
            if len(memo) >= KEPT:
                memo.clear()
            found = memo[key] = can_break_text(text, lang)
        return found

    memo_can_break_text.octavo_memo = True  # type: ignore[attr-defined]
    memo_can_break_text.__wrapped__ = can_break_text  # type: ignore[attr-defined]
    return memo_can_break_text
