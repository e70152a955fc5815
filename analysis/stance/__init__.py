"""Stance: who says what, how, about what."""
