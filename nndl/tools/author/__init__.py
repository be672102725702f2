"""The course author's tools (trusted): build, refs, corpus, submissions."""
