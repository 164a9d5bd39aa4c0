"""Terminal helpers: progress lines, watch, outline, preview. Nothing outside cli/ and
dev/ imports from here."""
