"""One place for paths and defaults."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
DATA = Path(__file__).resolve().parent / "data"

#: The seed of every random choice (topic models, samples) unless one is given.
RANDOM_STATE = 20251202

#: The Jaccard similarity of two articles' shingle sets from which they are copies (near-duplicates),
#: chosen on VNTC by ``benchmarks/bench_duplicates.py``.
DUPLICATE_THRESHOLD = 0.3


def cache_dir() -> Path:
    """Where tokenised text is cached: ``$ANALYSIS_CACHE_DIR``, else ``.cache/`` in the project root."""
    return Path(os.environ.get("ANALYSIS_CACHE_DIR") or ROOT / ".cache")
