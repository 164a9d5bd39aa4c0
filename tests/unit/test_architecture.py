"""What never depends on what (docs/architecture.md), checked on the imports of every module.

Every import counts, a lazy one inside a function too: the rules are about which code a stage
may reach, not about import time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "octavo"

# (modules the rule is about, what they never import, why); a module belongs to a prefix when
# its name is the prefix or starts with the prefix and a dot
RULES: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    (
        ("octavo",),
        ("octavo.cli", "octavo.dev"),
        "the terminal and developer tools sit on top of octavo; nothing below needs them",
    ),
    (("octavo.render.epub",), ("octavo.render.pdf",), "the outputs share only the manuscript"),
    (("octavo.render.pdf",), ("octavo.render.epub",), "the outputs share only the manuscript"),
    (
        ("octavo.source",),
        ("octavo.render", "octavo.importers", "octavo.check", "octavo.api"),
        "reading the book comes first; it knows nothing of what is made of it",
    ),
    (
        ("octavo.check",),
        ("octavo.render", "octavo.source", "octavo.importers", "octavo.api"),
        "a check that reused the code it checks would agree with its mistakes",
    ),
    (
        ("octavo",),
        ("octavo.api",),
        "api drives the stages, one function a command; no stage calls back into it",
    ),
)
EXEMPT = ("octavo.cli", "octavo.dev", "octavo.api")  # the top: these may import anything


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(module: str, source: str, is_package: bool = False) -> Iterator[str]:
    """Every octavo module `source` imports (lazily or not), `from a import b` as a.b."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from its package (its own, if it is a package)
                base = module.split(".")[: len(module.split(".")) - node.level + is_package]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            yield origin
            yield from (f"{origin}.{alias.name}" for alias in node.names)


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    """The rules `module` breaks, one line each."""
    if any(_within(module, top) for top in EXEMPT):
        return []
    found = []
    for target in set(imported(module, source, is_package)):
        for subjects, forbidden, why in RULES:
            if not any(_within(module, s) for s in subjects):
                continue
            for prefix in forbidden:
                if _within(target, prefix) and not _within(module, prefix):
                    found.append(f"{module} imports {target}: {why}")
    return sorted(found)


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[_module_name(p) for p in MODULES])
def test_module_keeps_to_the_layers(path: Path) -> None:
    module = _module_name(path)
    assert violations(module, path.read_text(), path.name == "__init__.py") == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        pytest.param("octavo.render.epub.book", "from octavo.render.pdf import html", id="epub"),
        pytest.param("octavo.render.pdf.html", "import octavo.render.epub.plan", id="pdf"),
        pytest.param("octavo.source.sections", "from octavo.cli import progress", id="cli"),
        pytest.param("octavo.render.pdf.html", "from ..epub import plan", id="relative"),
        pytest.param("octavo.check.pdf", "def f():\n    from octavo import api\n", id="lazy"),
        pytest.param("octavo.render.markdown", "from octavo.dev.gen import x", id="dev"),
        pytest.param("octavo.source.config", "from octavo.render import templates", id="source"),
    ],
)
def test_a_forbidden_import_is_caught(module: str, source: str) -> None:
    assert violations(module, source)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        pytest.param("octavo.cli.tasks", "from octavo.dev.gen import generate_study", id="cli"),
        pytest.param("octavo.api", "from octavo.render.pdf import build", id="api"),
        pytest.param("octavo.render.pdf.html", "from octavo.render.manuscript import x", id="mid"),
        pytest.param("octavo.render.epub", "from . import plan", id="own-package"),
    ],
)
def test_an_allowed_import_passes(module: str, source: str) -> None:
    assert violations(module, source, is_package=module == "octavo.render.epub") == []


TEST_FILES = sorted((ROOT / "tests").rglob("test_*.py"))


@pytest.mark.parametrize("path", TEST_FILES, ids=[_module_name(p) for p in TEST_FILES])
def test_tests_share_helpers_only_through_support(path: Path) -> None:
    """A test imports from tests/support/ and the conftest files, never from another test."""
    module = _module_name(path)
    shared = ("tests.support", "tests.conftest", "tests.unit.conftest", "tests.golden.conftest")
    borrowed = [
        name
        for name in set(imported(module, path.read_text()))
        if _within(name, "tests") and not any(_within(name, s) for s in shared) and name != "tests"
    ]
    assert borrowed == []
