"""octavo: country studies from scraped pages to EPUB 3 and print PDF."""

from octavo import codecache, patterncache

# The one place of the version: pyproject.toml reads it from here ([tool.setuptools.dynamic],
# `attr`, read without importing), so the wheel's metadata says the same. Asked of
# importlib.metadata instead, it cost every build ~9 ms (octavo.render.metadata needs it).
__version__ = "0.1.0"

__all__ = ["__version__"]

codecache.install()  # before any of octavo's dataclasses is made
patterncache.install()  # before any of octavo's regular expressions is compiled
