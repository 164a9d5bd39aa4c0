"""octavo: country studies from scraped pages to EPUB 3 and print PDF."""

from importlib.metadata import PackageNotFoundError, version

from octavo import codecache

codecache.install()  # before any of octavo's dataclasses is made

try:
    __version__ = version("octavo")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.1.0"

__all__ = ["__version__"]
