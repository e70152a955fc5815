"""Topic and stance analytics for Vietnamese news.

The front door: the names a notebook needs, loaded when first used (``import analysis`` loads
nothing else and changes nothing).

>>> import analysis
>>> session = analysis.Session()                      # the seeds, or Session("my/corpus")
>>> counts = analysis.count_phrases(session)            # a DataFrame: the CSV a report cites
>>> int(counts.loc[counts["phrase"] == "hữu nghị vĩ đại", "count"].sum())
4

Data flows one way: files → :mod:`analysis.reading` (documents) → :mod:`analysis.text`
(folded syllables, pyvi words) → the analyses (:mod:`analysis.framing`, :mod:`analysis.topics`,
:mod:`analysis.stance`, :mod:`analysis.copies`, :mod:`analysis.overview`) → tables →
:mod:`analysis.figures`. :mod:`analysis.runtime` runs the work (cache, processes, a Dask
cluster); the command line, ``python -m analysis``, is :mod:`analysis.cli`.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Each name of the front door and the module that holds it.
_NAMES = {
    # reading a corpus, and settling numerics first
    "Session": "analysis.session",
    "pin_numerics": "analysis.runtime.numeric",
    # framing: phrase counts, contexts, discovery
    "load_lexicon": "analysis.framing.lexicon",
    "count_phrases": "analysis.framing.tables",
    "phrase_totals": "analysis.framing.tables",
    "kwic": "analysis.framing.tables",
    "discover": "analysis.framing.tables",
    # key terms and topics
    "KeyTerms": "analysis.topics.keyterms",
    "keyness": "analysis.topics.keyterms",
    "TopicModel": "analysis.topics.models",
    "select_k": "analysis.topics.models",
    "choose_k": "analysis.topics.models",
    # stance, copies
    "StanceExtractor": "analysis.stance.extract",
    "NearDuplicates": "analysis.copies.duplicates",
    # figures
    "figure_table": "analysis.figures.registry",
    "draw_figure": "analysis.figures.registry",
    "write_figures": "analysis.figures.registry",
    # errors a caller can catch
    "InputError": "analysis.errors",
    "ParameterError": "analysis.errors",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str):
    if name in _NAMES:
        value = getattr(importlib.import_module(_NAMES[name]), name)
        globals()[name] = value  # found once
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_NAMES])
