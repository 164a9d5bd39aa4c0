"""Importers: foreign pages -> the book's Markdown source format (one-way)."""

from octavo.importers.countrystudy import Page, PageError, decode_page, parse_page

__all__ = ["Page", "PageError", "decode_page", "parse_page"]
