"""octavo: country studies from scraped pages to EPUB 3 and print PDF."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("octavo")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.1.0"

__all__ = ["__version__"]
