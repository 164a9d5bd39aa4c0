"""Developer tools, never part of a build: generated studies (gen) and the benchmark."""
