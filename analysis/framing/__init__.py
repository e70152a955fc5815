"""Framing: lexicons of formulaic phrases, their counts, contexts, spread and discovery."""
