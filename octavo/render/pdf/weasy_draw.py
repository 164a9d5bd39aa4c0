"""WeasyPrint 70 shapes a dot leader's text again for every dot it draws: here a text box
drawn again on the same page is drawn from what the first drawing wrote.

Why it matters: `leader(". ")` (the contents, the lists of tables and figures) is laid out
as one copy of the same text box per dot (`weasyprint.layout.leader`), and each copy is
drawn by `draw_text`, which builds the box's Pango layout again (`reactivate`), shapes the
text, walks its glyphs and throws the layout away. The 800-section study's front matter
draws ~60,000 of them for 35 pages: half of that part's CPU, and after a one-section edit
that part is laid out again (its date), beside the edited chapter and longer than it.

What it patches: the name `draw_text` in `weasyprint.draw` (through which every text box
of a page is drawn). The first drawing of a box's Pango layout on a page runs as shipped,
and the stream calls of its `draw_first_line` (the text matrix, fonts, glyph strings) are
recorded. A later box with the same layout object (a copy: `Box.copy` shares it), the same
style object, text and overflow settings, drawn into the same stream, replays those calls
with its own text matrix: the same methods of the stream with the same arguments, so the
stream's own state (its current font, a text object continued across boxes) does what it
did before, and the bytes are the same (tests/unit/test_pdf_weasy_draw.py; the reference
PDFs compared with `cmp`). Only plain boxes are replayed: no text decoration, no ellipsis,
no emoji or colour glyph (those draw images); anything else runs as shipped.

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose `draw_text`
still calls `draw_first_line` as read here (`SHAPE`); otherwise it does nothing.
"""

from __future__ import annotations

import inspect
import weakref
from typing import Any

from octavo.render.pdf.weasy_patch import checked_source, is_patched, replace

__all__ = ["install", "installed"]

CHECKED = "70."
SHAPE = (  # how draw_text calls draw_first_line: the calls replayed are this one's
    "emojis = draw_first_line(\n"
    "        stream, textbox, text_overflow, block_ellipsis, Matrix(d=-1, e=x, f=y))"
)
_DECORATIONS = ("underline", "overline", "line-through")

Call = tuple[str, tuple[Any, ...], dict[str, Any]]
Drawn = tuple[Any, Any, tuple[Any, ...], tuple[Call, ...]]  # layout, style, key, calls


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    import weasyprint.draw as draw
    from weasyprint.draw import text

    if installed():
        return True
    if not _checked(text):
        return False
    return replace(draw, "draw_text", lambda shipped: _replaying(shipped, text))


def installed() -> bool:
    return is_patched("weasyprint.draw", "draw_text", "octavo_replay")


def _checked(text: Any) -> bool:
    source = checked_source(CHECKED, text, "draw_text")
    return source is not None and source.count(SHAPE) == 1 and source.count("draw_first_line(") == 1


class _Recorder:
    """The stream as `draw_first_line` sees it: each method call recorded, then made."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.calls: list[Call] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._stream, name)
        if not inspect.ismethod(value):
            return value  # ink_rect, logical_rect: Pango's scratch rectangles

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return value(*args, **kwargs)

        return call


def _replaying(draw_text: Any, text: Any) -> Any:
    """`draw_text` replaced; `text`: weasyprint.draw.text, whose `draw_first_line` is read
    at each call (as `draw_text` itself reads it)."""
    from weasyprint.matrix import Matrix

    pages: weakref.WeakKeyDictionary[Any, dict[int, Drawn]] = weakref.WeakKeyDictionary()

    def replay_text(
        stream: Any, textbox: Any, offset_x: Any, text_overflow: Any, block_ellipsis: Any = "none"
    ) -> None:
        style = textbox.style
        decorations = style["text_decoration_line"]
        plain = (
            style["font_size"]
            and style["visibility"] == "visible"
            and text_overflow != "ellipsis"
            and block_ellipsis == "none"
            and not any(d in decorations for d in _DECORATIONS)
        )
        layout = textbox.pango_layout
        try:
            drawn = pages.setdefault(stream, {}) if plain else None
        except TypeError:
            drawn = None
        if drawn is None:
            draw_text(stream, textbox, offset_x, text_overflow, block_ellipsis)
            return
        key = (layout.text, textbox.text, text_overflow, block_ellipsis)
        found = drawn.get(id(layout))
        x, y = textbox.position_x, textbox.position_y + textbox.baseline
        matrix = Matrix(d=-1, e=x, f=y)
        if found is not None and found[0] is layout and found[1] is style and found[2] == key:
            stream.set_color(style["color"])
            stream.begin_text()
            for name, args, kwargs in found[3]:
                if name == "set_text_matrix":
                    args, kwargs = matrix.values, {}
                getattr(stream, name)(*args, **kwargs)
            stream.end_text()
            return
        # as WeasyPrint's draw_text for a plain box, with draw_first_line's calls recorded
        stream.set_color(style["color"])
        layout.reactivate(style)
        stream.begin_text()
        recorder = _Recorder(stream)
        emojis = text.draw_first_line(recorder, textbox, text_overflow, block_ellipsis, matrix)
        stream.end_text()
        if emojis:
            text.draw_emojis(stream, style, x, y, emojis)
        else:
            drawn[id(layout)] = (layout, style, key, tuple(recorder.calls))
        layout.deactivate()

    replay_text.octavo_replay = True  # type: ignore[attr-defined]
    replay_text.__wrapped__ = draw_text  # type: ignore[attr-defined]
    return replay_text
