"""The terminal: every task defined once (tasks), the `octavo` command (main), `octavo new`,
progress lines, watch, outline, preview. Nothing outside cli/ and dev/ imports from here."""
