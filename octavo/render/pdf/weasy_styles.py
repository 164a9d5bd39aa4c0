"""WeasyPrint 70 parses and prepares the same stylesheets again for every document: here a
process prepares each stylesheet once and gives later documents what it made.

Why it matters: a parallel build lays out every part as a document of its own, each
linking octavo's print stylesheets; parsing and preparing them (tinycss2, then
`preprocess_stylesheet`: selectors compiled, declarations validated and expanded) cost
~30 ms of CPU a document, ~0.3 s at 81 sections, and the workers' zygote prepares them
once for all the workers (octavo.zygote, octavo.render.pdf.parallel.part.warm_up).

What it patches: `weasyprint.CSS.__init__`, for a stylesheet given by `url` or `string`
alone (a `<link>` or a `<style>` of the document), with no matcher and no layer of its
own: the source is fetched as shipped, and its text, base URL, encodings and media type are
the memo's key. Preparing a stylesheet does three things to the document: it fills the
stylesheet's own selector matcher, appends to the document's page rules, and adds each
`@font-face` to the document's font configuration. The first time, they are recorded; a
later document with the same key gets the same matcher (only read when styles are
computed), the same page rules appended, and the same font faces added to its own font
configuration, in the same order: the same styles, so the same bytes
(tests/unit/test_pdf_weasy_styles.py; the reference PDFs compared with `cmp`). A
stylesheet that `@import`s another, or defines counter styles, colour profiles or layers
(which change other things of the document), or that made WeasyPrint log anything, is
never kept: it is prepared as shipped every time. What is kept is also kept between
processes (octavo.render.pdf.weasy_sheets): a process's first document takes it from there.

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose `CSS.__init__`
still prepares its stylesheet as read here (`SHAPE`); otherwise it does nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from octavo.render.pdf.weasy_patch import checked_source, replace

__all__ = ["install", "installed"]

CHECKED = "70."
SHAPE = (  # how CSS.__init__ prepares its stylesheet: what is recorded and replayed
    "preprocess_stylesheet(\n"
    "            media_type, base_url, stylesheet, url_fetcher, self.matcher,\n"
    "            self.page_rules, self.layers, font_config, counter_style, color_profiles,\n"
    "            layer=layer)"
)
KEPT = 32  # stylesheets kept (a process lays out one book's few; tests, many books)
_UNKEPT = ("@import", "@counter-style", "@color-profile", "@layer")

Key = tuple[Any, ...]
Prepared = tuple[Any, tuple[Any, ...], tuple[Any, ...]]  # matcher, page rules, font faces


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    import weasyprint

    if installed():
        return True
    source = checked_source(CHECKED, weasyprint.CSS, "__init__")
    if source is None or source.count(SHAPE) != 1:
        return False
    return replace(weasyprint.CSS, "__init__", _memoized)


def installed() -> bool:
    import weasyprint

    return getattr(weasyprint.CSS.__init__, "octavo_memo", False) is True


class _Faces:
    """A font configuration that records the font faces added to it."""

    def __init__(self, config: Any):
        self.config = config
        self.added: list[Any] = []

    def add_font_face(self, descriptors: Any, url_fetcher: Any) -> Any:
        self.added.append(descriptors)
        return self.config.add_font_face(descriptors, url_fetcher)


def _memoized(shipped: Any) -> Any:
    import cssselect2
    import tinycss2
    from weasyprint import LOGGER, PROGRESS_LOGGER, URLFetcher, preprocess_stylesheet
    from weasyprint.urls import select_source

    from octavo.render.pdf.weasy_sheets import Logged, keep, kept

    memo: OrderedDict[Key, Prepared] = OrderedDict()

    def remember(key: Key, prepared: Prepared) -> Prepared:
        """`prepared` in the memo, which keeps the last KEPT (whoever prepared them)."""
        memo[key] = prepared
        while len(memo) > KEPT:
            memo.popitem(last=False)
        return prepared

    def __init__(
        self: Any,
        guess: Any = None,
        filename: Any = None,
        url: Any = None,
        file_obj: Any = None,
        string: Any = None,
        encoding: Any = None,
        base_url: Any = None,
        url_fetcher: Any = None,
        _check_mime_type: bool = False,
        media_type: str = "print",
        font_config: Any = None,
        counter_style: Any = None,
        color_profiles: Any = None,
        matcher: Any = None,
        page_rules: Any = None,
        layers: Any = None,
        layer: Any = None,
    ) -> None:
        given = (guess, filename, url, file_obj, string, encoding, base_url, url_fetcher)
        more = (_check_mime_type, media_type, font_config, counter_style, color_profiles)
        own = matcher is not None or layer is not None
        if guess or filename or file_obj or (url is None) == (string is None) or own:
            return shipped(self, *given, *more, matcher, page_rules, layers, layer)  # type: ignore[no-any-return]
        PROGRESS_LOGGER.info("Step 2 - Fetching and parsing CSS - %s", url or "CSS string")
        url_fetcher = URLFetcher() if url_fetcher is None else url_fetcher
        base_url = base_url if base_url is None else str(base_url)
        result = select_source(
            None,
            None,
            url,
            None,
            string,
            base_url=base_url,
            url_fetcher=url_fetcher,
            check_css_mime_type=_check_mime_type,
        )
        with result as (source, base_url, protocol_encoding, _):
            css = source.read()
        self.base_url = base_url
        self.page_rules = [] if page_rules is None else page_rules
        self.layers = [] if layers is None else layers
        key = (css, base_url, encoding, protocol_encoding, media_type, font_config is None)
        found = memo.get(key)
        if found is None and (found := kept(key)) is not None:  # another process's
            remember(key, found)
        if found is not None:
            self.matcher, rules, faces = found
            self.page_rules.extend(rules)
            for descriptors in faces if font_config is not None else ():
                font_config.add_font_face(descriptors, url_fetcher)
            return None
        if isinstance(css, str):
            stylesheet = tinycss2.parse_stylesheet(css)
        else:
            stylesheet, _ = tinycss2.parse_stylesheet_bytes(
                css, environment_encoding=encoding, protocol_encoding=protocol_encoding
            )
        self.matcher = cssselect2.Matcher()
        added: list[Any] = []
        recorder = None if font_config is None else _Faces(font_config)
        logged = Logged()
        LOGGER.addHandler(logged)
        try:
            preprocess_stylesheet(
                media_type,
                base_url,
                stylesheet,
                url_fetcher,
                self.matcher,
                added,
                self.layers,
                recorder,
                {} if counter_style is None else counter_style,
                {} if color_profiles is None else color_profiles,
                layer=None,
            )
        finally:
            LOGGER.removeHandler(logged)
            self.page_rules.extend(added)
        text = css if isinstance(css, str) else css.decode("latin-1")
        if logged.count == 0 and not any(rule in text.lower() for rule in _UNKEPT):
            faces = tuple(recorder.added if recorder else ())
            keep(key, remember(key, (self.matcher, tuple(added), faces)))
        return None

    __init__.octavo_memo = True  # type: ignore[attr-defined]
    __init__.__wrapped__ = shipped  # type: ignore[attr-defined]
    return __init__
