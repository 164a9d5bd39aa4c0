"""Every diagnostic code octavo can emit is in the catalogue, docs/diagnostics.md."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_every_code_is_documented() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "octavo").rglob("*.py"))
    codes = set(re.findall(r'"([EW]\d{3})"', source))
    catalogue = (ROOT / "docs" / "diagnostics.md").read_text()
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", catalogue, flags=re.MULTILINE))
    assert codes <= documented, f"undocumented codes: {sorted(codes - documented)}"
