"""The EPUB's CSS as reading systems parse it: var() resolved from base.css, no custom
properties left, no text colour a dark theme would have to fight, and E706."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import tinycss2

from octavo import api
from octavo.errors import BuildError
from octavo.render.epub import styles
from octavo.render.epub.css import Sheet, StyleError, reading_system_css
from octavo.render.epub.rendering import STYLESHEETS
from octavo.render.epub.styles import epub_stylesheets
from tests.conftest import ROOT, MakeBook, section_source


def resolve(*sheets: str) -> tuple[str, ...]:
    return reading_system_css([Sheet(Path(f"s{i}.css"), css) for i, css in enumerate(sheets)])


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        pytest.param("p { color: var(--ink); }", "p { color: #111; }", id="plain"),
        pytest.param("p { color: var(--nope, red); }", "p { color: red; }", id="fallback"),
        pytest.param("p { color: var(--via); }", "p { color: #111; }", id="chained"),
        pytest.param(
            "p { border: 1px solid var(--ink) !important }",
            "p { border: 1px solid #111 !important;}",
            id="important",
        ),
        pytest.param(
            "p { width: calc(var(--n, 2) * 1em); }", "p { width: calc(2 * 1em); }", id="nested"
        ),
        pytest.param(
            "@media (min-width: 40em) { h1 { color: var(--ink); --x: 1; } }",
            "@media (min-width: 40em) { h1 { color: #111; } }",
            id="media",
        ),
        pytest.param("p { --local: 1; margin: 0; }", "p { margin: 0; }", id="scoped-dropped"),
    ],
)
def test_var_resolved(css: str, expected: str) -> None:
    root = ":root { --ink: #111; --via: var(--ink); }\n"
    first, second = resolve(root, css)
    assert first.strip() == ""  # `:root` holds nothing but variables: gone
    assert second.strip() == expected


def test_later_definition_wins_and_root_rule_keeps_other_declarations() -> None:
    first, second = resolve(":root { --ink: #111; font-size: 1em; }", ":root { --ink: #222; }")
    assert first.strip() == ":root { font-size: 1em; }"
    assert second.strip() == ""
    (only,) = resolve(":root { --a: 1px; } html { --a: 2px; } p { margin: var(--a); }")
    assert "margin: 2px;" in only


@pytest.mark.parametrize(
    "css",
    [
        "p {\n\n  color: var(--missing); }",
        ":root { --a: var(--b); --b: var(--a); }\np { c: var(--a) }",
    ],
    ids=["undefined", "cycle"],
)
def test_unresolvable_var_is_a_style_error_with_line(css: str) -> None:
    with pytest.raises(StyleError) as caught:
        resolve(css)
    assert (
        caught.value.path == Path("s0.css")
        and caught.value.line == css.count("\n", 0, css.index("var(")) + 1
    )


def test_octavo_sheets_have_no_custom_property_or_text_colour() -> None:
    for name, css in epub_stylesheets(STYLESHEETS, api.open_book(ROOT / "book")):
        text = css.decode()
        bare = tinycss2.serialize(tinycss2.parse_stylesheet(text, skip_comments=True))
        assert "var(" not in bare and not re.search(r"(^|[;{\s])--[\w-]+\s*:", bare), name
        for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
            if not isinstance(rule, tinycss2.ast.QualifiedRule):
                continue
            selectors = {s.strip() for s in tinycss2.serialize(rule.prelude).split(",")}
            names = {
                d.lower_name
                for d in tinycss2.parse_blocks_contents(rule.content)
                if isinstance(d, tinycss2.ast.Declaration)
            }
            themed = selectors & {"html", "body", "h1", "h2", "h3", "h4", "h5", "h6", "a"}
            if themed or any(re.search(r"heading|label|title|noteref", s) for s in selectors):
                colours = {"color", "background", "background-color"} & names
                # `a { color: inherit }` follows the theme's text colour: allowed
                assert not colours or "color: inherit" in tinycss2.serialize(rule.content), (
                    name,
                    selectors,
                )


def test_hyphenation_is_prefixed_too() -> None:
    css = dict(epub_stylesheets(STYLESHEETS, api.open_book(ROOT / "book")))["book.css"].decode()
    for prop in ("-webkit-hyphens: auto", "-epub-hyphens: auto", "hyphens: auto"):
        assert prop in css


def test_book_override_without_definition_is_E706(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    sheet = book / "styles" / "epub" / "book.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text("p {\n  color: var(--paper);\n}\n")
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path / "out.epub")
    (found,) = caught.value.diagnostics
    assert (found.code, Path(str(found.file)).resolve(), found.line) == ("E706", sheet.resolve(), 2)
    assert not list(tmp_path.glob("out.epub*"))


def test_book_variable_reaches_the_epub(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    sheet = book / "styles" / "epub" / "book.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(':root { --text-font: "Charis SIL", serif; }\n')
    out, _ = api.build_epub(book, tmp_path / "out.epub")
    with zipfile.ZipFile(out) as archive:
        base = archive.read("EPUB/css/base.css").decode()
    assert 'font-family: "Charis SIL", serif;' in base


def test_the_sheets_are_kept_and_a_planted_entry_is_not_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = api.open_book(ROOT / "book")
    monkeypatch.setattr(styles, "_keeping", lambda read, cache: cache)  # (octavo's own sheets)
    made = epub_stylesheets(STYLESHEETS, project, tmp_path)
    (entry,) = tmp_path.glob("epub-css-*.json")
    kept = entry.read_bytes()

    def resolved(*_: object) -> object:
        raise AssertionError("resolved again")

    monkeypatch.setattr(styles, "_resolved", resolved)
    assert epub_stylesheets(STYLESHEETS, project, tmp_path) == made  # parsed nothing
    planted = json.dumps(["body { background: url(http://x.test/a.png) }", ""]).encode()
    for blob in (planted, kept[:-3] + b'x"]'):  # unsigned; a signed entry altered
        entry.write_bytes(blob)
        with pytest.raises(AssertionError, match="resolved again"):
            epub_stylesheets(STYLESHEETS, project, tmp_path)


def test_octavos_own_sheets_are_kept_for_the_user(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A book without styles of its own: what octavo's sheets give is octavo's install,
    kept in the user's cache folder, where a cold build (its state removed) finds it; a
    book's own sheet keeps them in its cache store."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    plain = api.open_book(make_book({}))
    made = epub_stylesheets(STYLESHEETS, plain, tmp_path / "state")
    assert not (tmp_path / "state").exists()
    assert list((tmp_path / "user" / "octavo" / "cache").glob("epub-css-*.json"))
    real = styles._resolved

    def resolved(*_: object) -> object:
        raise AssertionError("resolved again")

    monkeypatch.setattr(styles, "_resolved", resolved)
    assert epub_stylesheets(STYLESHEETS, plain, tmp_path / "other-state") == made
    monkeypatch.setattr(styles, "_resolved", real)
    own = api.open_book(make_book({"styles/epub/book.css": "p { margin: 0 }\n"}))
    epub_stylesheets(STYLESHEETS, own, tmp_path / "own-state")
    assert list((tmp_path / "own-state").glob("epub-css-*.json"))


def test_a_note_call_s_tap_padding_takes_no_room_on_the_line() -> None:
    """A user-tester's report: on a phone, the call's padding (0.2em each side) read as a
    gap, "tariffs ³ fell". Its padding (what a tap finds, 11.5 px wide before, 14.1 now in
    chromium at 390 px) is taken back by as much negative margin, so the number sits
    against its word as a superscript does (screenshots in the commit)."""
    sheets = dict(epub_stylesheets(STYLESHEETS, api.open_book(ROOT / "book")))
    css = sheets["book.css"]
    rules = [
        r
        for r in tinycss2.parse_stylesheet(css.decode(), skip_comments=True, skip_whitespace=True)
        if isinstance(r, tinycss2.ast.QualifiedRule)
        and tinycss2.serialize(r.prelude).strip() == ".noteref"
    ]
    declared = {
        d.lower_name: tinycss2.serialize(d.value).strip()
        for r in rules
        for d in tinycss2.parse_blocks_contents(r.content)
        if isinstance(d, tinycss2.ast.Declaration)
    }
    padding = declared["padding"].split()
    assert len(padding) == 2 and float(padding[1].removesuffix("em")) >= 0.2  # no smaller
    assert declared["margin"].split() == ["0", f"-{padding[1]}"]
