"""octavo.render.pdf.weasy_imports and weasy_ffi: WeasyPrint imported with its C
declarations read from data kept once per machine, fontTools' subsetter imported when
used and the forms' and presentational hints' stylesheets made when used, the changed
modules' code kept compiled; the same PDF bytes as WeasyPrint imported as shipped. Each
import is a fresh interpreter (WeasyPrint is imported once a process)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from octavo.cache import Store
from octavo.render.pdf import weasy_ffi, weasy_imports

# a fresh interpreter: WeasyPrint imported (shaped if `kept` is a folder), a page with a
# subset font written, what the process imported reported as JSON on the last line
_PROBE = """
import hashlib, json, sys
from pathlib import Path
from octavo.render.pdf.weasy_imports import remember_imports, shaped_modules
kept = sys.argv[1]
remember_imports(Path(kept) if kept else None)
import weasyprint
from octavo.render.pdf.weasy_ffi import is_declared
from octavo.render.pdf import weasy_arrays
arrays = weasy_arrays.install()  # cffi's parser patched: none in the declared FFI
deferred = "fontTools.subset" in sys.modules
html = "<p style='font-family: DejaVu Serif'>Þórr and Œdipus, 1950: 4,551.</p>"
pdf = weasyprint.HTML(string=html).write_pdf()
# the presentational hints' stylesheet, made when used
hinted = "<table border=1 width=200><tr><td align=right>x</td></tr></table>"
hints = weasyprint.HTML(string=hinted).write_pdf(presentational_hints=True)
from weasyprint.pdf import fonts
options = type(fonts.subset.Options()).__name__  # the deferred module, used
print(json.dumps({
    "shaped": shaped_modules(), "declared": is_declared(), "subset_before": deferred,
    "arrays": arrays,
    "pdf": hashlib.sha256(pdf).hexdigest(), "options": options,
    "hints": hashlib.sha256(hints).hexdigest(),
}))
"""


def _probe(kept: Path | None, tmp_path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(kept) if kept else ""],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert "generating" not in done.stdout  # cffi's own words are never printed
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_shaped_import_gives_the_shipped_bytes(tmp_path: Path) -> None:
    kept = tmp_path / "declarations"
    shipped = _probe(None, tmp_path)
    first = _probe(kept, tmp_path)  # makes the data and the code
    made = {p.name: p.read_bytes() for p in kept.iterdir()}
    again = _probe(kept, tmp_path)  # reads them
    assert shipped["shaped"] == [] and shipped["declared"] is False
    assert shipped["subset_before"] is True
    assert shipped["arrays"] is True  # tests/unit/test_pdf_weasy_arrays.py
    for run in (first, again):
        assert run["shaped"] == ["weasyprint.text.ffi", "weasyprint.pdf.fonts", "weasyprint.html"]
        assert run["declared"] is True
        assert run["arrays"] is False  # cffi types the names in C: nothing to patch
        assert run["subset_before"] is False  # imported only when used
        assert run["options"] == shipped["options"] == "Options"
        assert run["pdf"] == shipped["pdf"]
        assert run["hints"] == shipped["hints"]
    assert sorted(n.partition("-")[0] for n in made) == ["code", "code", "code", "ffi"]
    assert {p.name: p.read_bytes() for p in kept.iterdir()} == made  # read, not made again


def test_kept_data_that_is_not_literal_values_is_made_again(tmp_path: Path) -> None:
    import marshal

    store = Store(tmp_path)
    text = "typedef struct _x x_t; int abs(int);"
    first = weasy_ffi.declared(text, store, "probe")
    assert first is not None and first.sizeof("int") == 4
    (entry,) = tmp_path.iterdir()
    # a code object where cffi's data was: never taken (only literal values are)
    store.put(entry.name, marshal.dumps(((compile("1", "x", "eval"),), {})))
    again = weasy_ffi.declared(text, store, "probe")
    assert again is not None and again.sizeof("int") == 4
    assert weasy_ffi._loaded(store.get(entry.name) or b"") is not None  # made again
    assert weasy_ffi._loaded(b"not marshal") is None
    assert weasy_ffi._loaded(marshal.dumps(((), {"not_private": 1}))) is None


def test_ffi_of_falls_back_to_the_inline_ffi_without_a_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(weasy_imports, "kept", lambda: None)
    ffi = weasy_ffi.ffi_of("int abs(int);", "probe")
    assert type(ffi).__module__ == "cffi.api"
    assert ffi.sizeof("int") == 4


_FFI = weasy_imports.SHAPERS[weasy_ffi.MODULE]
_FONTS = weasy_imports.SHAPERS["weasyprint.pdf.fonts"]
_HTML = weasy_imports.SHAPERS["weasyprint.html"]
_UA = "UA_STYLESHEET = CSS(string=UA, counter_style=UA_COUNTER_STYLE)\n"
_LATER = "UA_FORM_STYLESHEET = CSS(string=F)\nPH_STYLESHEET = CSS(string=P)\n"

# modules of another shape than the one read: each imported as shipped
_OTHER_SHAPES = [
    (_FFI, "import cffi\nffi = cffi.FFI()\n"),  # no declarations
    (_FFI, "import cffi\nffi = cffi.FFI()\nffi.cdef(TEXT)\n"),  # not a literal
    (_FFI, "import cffi\nffi.cdef('int abs(int);')\nffi = cffi.FFI()\n"),
    (
        _FFI,
        "import cffi\nffi = cffi.FFI()\nffi.cdef('int a(int);')\nffi.cdef('int f();')\n",
    ),
    (_FFI, "import cffi\nffi = cffi.FFI(backend)\nffi.cdef('int abs(int);')\n"),
    (_FONTS, "from fontTools import subset\n"),  # no instancer
    (
        _FONTS,
        "from fontTools import subset\n"
        "from fontTools.varLib.instancer import instantiateVariableFont as make\n",
    ),
    (
        _FONTS,
        "from fontTools import subset, ttLib\n"
        "from fontTools.varLib.instancer import instantiateVariableFont\n",
    ),
    (_HTML, _UA + "UA_FORM_STYLESHEET = CSS(string=F)\n"),  # no hints' stylesheet
    (_HTML, _UA + "UA_FORM_STYLESHEET = CSS(string=F)\nPH_STYLESHEET = make(string=P)\n"),
    (_HTML, _UA + "UA_FORM_STYLESHEET = PH_STYLESHEET = CSS(string=F)\n"),
    (_HTML, _UA + _LATER + "PH_STYLESHEET = CSS(string=Q)\n"),
    (_HTML, _LATER),  # no user agent's
    (_HTML, "UA_STYLESHEET = CSS(UA, counter_style=C)\n" + _LATER),
    (_HTML, "UA_STYLESHEET = CSS(string=UA, counter_style=C, media_type=M)\n" + _LATER),
    (_HTML, "UA_STYLESHEET = CSS(string=UA + X, counter_style=C)\n" + _LATER),
    (_HTML, _UA + "PH_STYLESHEET = CSS(string=P, counter_style=C)\n"),  # counters: made now
]


@pytest.mark.parametrize(("shaper", "source"), _OTHER_SHAPES)
def test_a_module_of_another_shape_is_imported_as_shipped(
    shaper: weasy_imports.Shaper, source: str, tmp_path: Path
) -> None:
    tree = ast.parse(source)
    assert shaper(tree, Store(tmp_path)) is None
    assert ast.dump(tree) == ast.dump(ast.parse(source))  # left as it was


def test_the_ffi_module_of_the_read_shape_takes_the_declared_ffi(tmp_path: Path) -> None:
    tree = ast.parse("import cffi\nffi = cffi.FFI()\nffi.cdef('int abs(int);')\nlibc = 1\n")
    given = _FFI(tree, Store(tmp_path))
    assert given is not None
    namespace = dict(given)
    exec(compile(tree, "ffi.py", "exec"), namespace)
    assert type(namespace["ffi"]).__module__ == "_cffi_backend"
    assert namespace["libc"] == 1


def test_a_deferred_name_is_the_real_one_once_used(tmp_path: Path) -> None:
    source = (
        "from fontTools import subset\n"
        "from fontTools.varLib.instancer import instantiateVariableFont\n"
        "options = lambda: subset.Options\n"
    )
    tree = ast.parse(source)
    given = _FONTS(tree, Store(tmp_path))
    assert given is not None and len(tree.body) == 1
    namespace = dict(given)
    exec(compile(tree, "fonts.py", "exec"), namespace)
    from fontTools import subset
    from fontTools.varLib.instancer import instantiateVariableFont

    assert namespace["options"]() is subset.Options
    assert namespace["instantiateVariableFont"]._found() is instantiateVariableFont


def test_a_later_stylesheet_is_made_once_when_first_used(tmp_path: Path) -> None:
    source = "UA_FORM_STYLESHEET = CSS(1)\nPH_STYLESHEET = CSS(2)\nother = CSS(3)\n"
    tree = ast.parse(_UA + source)
    given = _HTML(tree, Store(tmp_path))
    assert given is not None
    made: list[int | str] = []

    class CSS:
        def __init__(self, n: int | str = 0, string: str = "", counter_style: object = None):
            made.append(n or string)
            self.n = n

    namespace = {**given, "CSS": CSS, "UA": "ua", "UA_COUNTER_STYLE": {}}
    exec(compile(tree, "html.py", "exec"), namespace)
    assert made == ["ua", 1, 3]  # the user agent's made (no store given), the hints' not
    assert namespace["PH_STYLESHEET"].n == 2 and namespace["PH_STYLESHEET"].n == 2
    assert made == ["ua", 1, 3, 2]


def test_kept_code_not_of_the_shape_written_is_made_again(tmp_path: Path) -> None:
    import marshal

    store = Store(tmp_path, signed=True)  # as the finder keeps codes: run only when signed
    source = (_UA + _LATER).encode()
    first = weasy_imports._compiled(store, "probe", "probe.py", source, _HTML)
    assert first is not None
    (entry,) = tmp_path.iterdir()
    assert entry.name.startswith("code-probe-")
    for planted in (b"not marshal", marshal.dumps(("code", ())), marshal.dumps((first[0], [1]))):
        store.put(entry.name, planted)  # signed, but not a code and literals
        again = weasy_imports._compiled(store, "probe", "probe.py", source, _HTML)
        assert again is not None and isinstance(again[0], type(first[0]))
        assert weasy_imports._kept_code(store.get(entry.name)) is not None  # made again
    entry.write_bytes(marshal.dumps((first[0], ())))  # a code, unsigned: put there, not kept
    assert store.get(entry.name) is None
    assert weasy_imports._compiled(store, "probe", "probe.py", source, _HTML) is not None
    assert weasy_imports._kept_code(store.get(entry.name)) is not None  # made again, signed
    # other sources (another install sharing the folder): the last CODES kept
    for i in range(weasy_imports.CODES + 2):
        weasy_imports._compiled(store, "probe", "probe.py", source + f"x = {i}\n".encode(), _HTML)
    assert len(list(tmp_path.iterdir())) == weasy_imports.CODES


def test_no_cache_changes_nothing(tmp_path: Path) -> None:
    before = list(sys.meta_path)
    weasy_imports.remember_imports(None)
    assert sys.meta_path == before


def test_octavo_s_own_harfbuzz_binding_cuts_the_same_subset_either_way(tmp_path: Path) -> None:
    """octavo.render.pdf.parallel.font_subset's binding made from kept data (as in a build's
    workers) cuts the same bytes as cffi's in-line one."""
    import cffi

    from octavo.render.pdf.parallel import font_subset
    from octavo.shipped import STYLES

    data = (STYLES / "fonts" / "LinLibertine_R.otf").read_bytes()
    glyphs = (3, 17, 68, 69, 70, 300)
    inline = cffi.FFI()
    inline.cdef(font_subset._CDEF)
    declared = weasy_ffi.declared(font_subset._CDEF, Store(tmp_path), "octavo.harfbuzz_subset")
    assert declared is not None
    cut = []
    for ffi in (inline, declared):
        try:
            bound = (ffi, ffi.dlopen("libharfbuzz.so.0"), ffi.dlopen("libharfbuzz-subset.so.0"))
        except OSError:
            pytest.skip("no libharfbuzz-subset on this machine")
        cut.append(font_subset._with_harfbuzz(bound, data, 0, glyphs))
    assert cut[0] == cut[1] and len(cut[0]) < len(data)
