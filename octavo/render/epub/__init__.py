"""EPUB writer: Manuscript -> EPUB 3 bytes.

plan (which file holds what, the navigation tree) -> documents (XHTML from templates/epub/)
-> metadata (OPF) -> cover -> container (a reproducible zip around ebooklib)."""
