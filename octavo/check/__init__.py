"""Outputs read back: EPUBCheck and DAISY Ace on the EPUB, page-level checks on the PDF."""
