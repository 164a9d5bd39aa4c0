"""book.toml's language: the fast path for common tags agrees with the IANA registry."""

from __future__ import annotations

import subprocess
import sys

import langcodes
import pytest

from octavo.source.config import language_ok

TAGS = ["en", "ru", "be", "uk", "ro", "fr", "es", "de", "pt", "en-US", "pt-BR", "uk-UA"]


@pytest.mark.parametrize("tag", [*TAGS, "sr-Latn", "zh-Hant-TW", "klingon!! <x>", "xx", "en_US"])
def test_agrees_with_the_registry(tag: str) -> None:
    assert language_ok(tag) == bool(langcodes.tag_is_valid(tag))


def test_a_common_tag_does_not_load_the_registry() -> None:
    code = "import sys; from octavo.source.config import language_ok; language_ok('ru-RU');"
    code += "print('langcodes' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
