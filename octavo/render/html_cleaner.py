"""The cleaner of octavo.render.sanitize for markup that is not plain (comments, unquoted
attributes, a '<' in text): html.parser reads it. Apart, so that html.parser is imported
only by a build whose Markdown holds such raw HTML (2 ms of every command otherwise)."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from octavo.limits import MAX_DEPTH
from octavo.render.allow_list import _DROP_CONTENT, _TRUSTED_ONLY, _VOID, ALLOWED, DEEP, TRUSTED
from octavo.render.sanitize import _start_tag

__all__ = ["Cleaner"]


class Cleaner(HTMLParser):
    """`closers`: end tags still to come of each content-dropping element. A start tag whose
    end tag never comes (an unclosed <iframe>, prose that mentions <title>) is removed
    alone: its content, the rest of the section, is kept."""

    def __init__(self, closers: dict[str, int]) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []
        self.dropping = 0
        self.removed: list[str] = []
        self.closers = closers
        self.open: list[str] = []  # dropping elements entered, innermost last
        self.deep: dict[str, int] = {}  # start tags dropped past MAX_DEPTH, not closed yet

    def set_cdata_mode(self, elem: str, *args: object, **kwargs: object) -> None:
        if elem in self.open:  # only a <script>/<style> that is closed later is raw text
            super().set_cdata_mode(elem, *args, **kwargs)  # type: ignore[arg-type]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_CONTENT and self.closers.get(tag, 0) > self.open.count(tag):
            self.dropping += 1
            self.open.append(tag)
        trusted = TRUSTED in attrs
        if self.dropping or not (tag in ALLOWED or (trusted and tag in _TRUSTED_ONLY)):
            self.removed.append(f"tag <{tag}>")
            return
        piece, removed = _start_tag(tag, attrs, trusted)
        self.removed += removed
        if tag not in _VOID and len(self.stack) >= MAX_DEPTH:
            if DEEP not in self.removed:
                self.removed.append(DEEP)
            self.deep[tag] = self.deep.get(tag, 0) + 1
            return
        self.out.append(piece)
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_CONTENT:
            self.closers[tag] = self.closers.get(tag, 0) - 1
            if tag in self.open:
                self.open.reverse()
                self.open.remove(tag)
                self.open.reverse()
                self.dropping = max(0, self.dropping - 1)
            return
        if self.deep.get(tag):  # the end of a start tag dropped past MAX_DEPTH
            self.deep[tag] -= 1
            return
        if self.dropping or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        """A comment is the author's note to self: never printed, never a warning (pandoc
        passes it to HTML, where it shows nowhere either)."""

    def handle_pi(self, data: str) -> None:
        self.removed.append("processing instruction")

    def handle_decl(self, decl: str) -> None:
        self.removed.append("declaration")

    def unknown_decl(self, data: str) -> None:
        self.removed.append("declaration")

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """`<![…` is a bogus comment in HTML (CDATA only in SVG or MathML); Python's parser
        raised an AssertionError for any keyword but its SGML few ("<![Cap", a figure after
        a `<`: a traceback instead of a book)."""
        try:
            found: int = super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)
        return found

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{t}>" for t in reversed(self.stack))
