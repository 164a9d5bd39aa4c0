"""Rendering: Markdown -> XHTML fragments -> the manuscript -> EPUB and PDF."""
