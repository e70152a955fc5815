"""The corpus itself: dates, sizes, what was left out."""
