"""octavo: country studies from scraped pages to EPUB 3 and print PDF."""

from octavo import codecache

__all__ = ["__version__"]

codecache.install()  # before any of octavo's dataclasses is made


def __getattr__(name: str) -> str:
    """`__version__`, asked of the installed metadata only when wanted: every command
    imports this package, few print the version (PEP 562)."""
    if name != "__version__":
        raise AttributeError(f"module 'octavo' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("octavo")
    except PackageNotFoundError:  # running from a checkout that is not installed
        return "0.1.0"
