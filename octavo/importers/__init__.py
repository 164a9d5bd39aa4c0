"""Importers: foreign pages -> the book's Markdown source format (one-way)."""

from octavo.importers.countrystudy import parse_page
from octavo.importers.decode import decode_page
from octavo.importers.page import Block, Page, PageError

__all__ = ["Block", "Page", "PageError", "decode_page", "parse_page"]
