"""One sandbox for everything a book supplies: no code path builds its own WeasyPrint
document, Jinja environment or template loader around it (docs/security.md)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

SOURCES = {
    str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / "octavo").rglob("*.py")
}
RULES = [
    (r"\bHTML\(|weasyprint import HTML", "octavo/render/url_sandbox.py"),
    (r"\bCSS\(|weasyprint import CSS", "octavo/render/url_sandbox.py"),
    (r"FileSystemLoader|PackageLoader|\bEnvironment\(", "octavo/render/templates.py"),
    (r"os\.mkfifo|os\.mknod", ""),
]


@pytest.mark.parametrize(("pattern", "allowed"), RULES, ids=["HTML", "CSS", "jinja", "nodes"])
def test_only_the_sandbox_builds_documents_and_environments(pattern: str, allowed: str) -> None:
    found = [name for name, text in SOURCES.items() if re.search(pattern, text)]
    assert [name for name in found if name != allowed] == []
