"""octavo.render.pdf.weasy_patch.checked_source: a function's source read without
tokenizing its module, the very text `inspect.getsource` gives, or `inspect`'s own."""

from __future__ import annotations

import importlib.util
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from octavo.render.pdf import weasy_patch

_MODULE = '''
import functools


def decorated(f):
    return f


@decorated
def plain(a, b):
    """Doc."""
    if a:
        return b  # a comment
    # a comment in the body

    return (a,
  b)


def string_to_the_left():
    text = """
a line at the left
"""
    return text


class Kind:
    def method(self):
        return 1
        # its last line a comment

    # the class's comment
    def other(self):
        return 2


def last():
    return 3
'''


@pytest.fixture
def module(tmp_path: Path) -> Iterator[ModuleType]:
    path = tmp_path / "shaped_probe.py"
    path.write_text(_MODULE)
    spec = importlib.util.spec_from_file_location("shaped_probe", path)
    assert spec is not None and spec.loader is not None
    found = importlib.util.module_from_spec(spec)
    sys.modules["shaped_probe"] = found
    spec.loader.exec_module(found)
    yield found
    del sys.modules["shaped_probe"]


def test_a_function_s_text_is_inspect_s(module: ModuleType) -> None:
    for function in (module.plain, module.Kind.method, module.Kind.other, module.last):
        assert weasy_patch._function_source(function) == inspect.getsource(function)


def test_a_string_reaching_the_left_margin_is_left_to_inspect(module: ModuleType) -> None:
    assert weasy_patch._function_source(module.string_to_the_left) is None


def test_weasyprint_s_patched_functions_read_as_inspect_reads_them() -> None:
    import weasyprint
    from weasyprint.layout import preferred
    from weasyprint.text import fonts, line_break

    for function in (
        preferred.inline_line_widths,
        fonts.get_font_description,
        line_break.can_break_text,
        weasyprint.HTML.render,
        inspect.unwrap(weasyprint.CSS.__init__),
    ):
        function = inspect.unwrap(function)
        assert weasy_patch._function_source(function) == inspect.getsource(function)
    source = weasy_patch.checked_source("70.", weasyprint.CSS, "__init__")
    assert source is not None and source.startswith("    def __init__(")
    assert weasy_patch.checked_source("69.", weasyprint.CSS, "__init__") is None


def test_checked_sources_are_all_read_or_none(module: ModuleType) -> None:
    """`checked_sources`: each function's source in order, or None when one has none."""
    sources = weasy_patch.checked_sources("70.", (module, "plain"), (module, "decorated"))
    assert sources == (inspect.getsource(module.plain), inspect.getsource(module.decorated))
    assert weasy_patch.checked_sources("70.", (module, "plain"), (module, "absent")) is None
    assert weasy_patch.checked_sources("69.", (module, "plain")) is None


def test_replace_wraps_only_the_function_still_shipped() -> None:
    """`replace` puts the wrapper in; with `shipped_in`, only over the very function the
    defining module holds (not over another patch)."""
    home, caller = ModuleType("home"), ModuleType("caller")
    home.f = caller.f = len  # type: ignore[attr-defined]
    assert weasy_patch.replace(caller, "f", lambda shipped: (shipped,), shipped_in=home)
    assert caller.f == (len,)
    assert not weasy_patch.replace(caller, "f", lambda shipped: None, shipped_in=home)
    assert caller.f == (len,)
    assert weasy_patch.replace(caller, "f", lambda shipped: None)
    assert caller.f is None
