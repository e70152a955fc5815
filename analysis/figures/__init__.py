"""Figures: the registry, the house style of plots, periods of time."""
