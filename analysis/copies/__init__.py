"""Copies: near-duplicate articles and text reuse."""
