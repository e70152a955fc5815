"""Topic and stance analytics for Vietnamese news.

Data flows one way: files → :mod:`~analysis.corpus` (documents, with the layout
of :mod:`~analysis.layout`) → :mod:`~analysis.tokenise` (syllables, pyvi words) →
analyses → tables → :mod:`~analysis.registry` (figures). The command line,
``python -m analysis``, is :mod:`analysis.cli`.
"""

__version__ = "0.1.0"
