"""Source stage: a book folder -> Book.

book.toml (config) and one Markdown file a section (front matter, sections) are read,
checked and put in order (assemble); every problem is reported at once, with file:line."""
