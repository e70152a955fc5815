"""Topic and stance analytics for Vietnamese news.

Data flows one way: files → :mod:`~analysis.reading.corpus` (documents, with the layout
of :mod:`~analysis.reading.layout`) → :mod:`~analysis.text.tokenise` (syllables, pyvi words) →
analyses → tables → :mod:`~analysis.figures.registry` (figures). The command line,
``python -m analysis``, is :mod:`analysis.cli`.
"""

import os
import platform
import sys
import warnings

__version__ = "0.1.0"

#: Set before numpy loads, so that models and figures come out the same on every x86-64 machine:
#: numpy's AVX-512 routines (exp, log ...) and OpenBLAS's per-processor kernels round differently
#: from the AVX2 ones that every such machine has, and an LDA fit can follow the difference.
NUMERIC_ENVIRONMENT = {"NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR", "OPENBLAS_CORETYPE": "Haswell"}

if platform.machine().lower() in ("x86_64", "amd64"):
    if "numpy" in sys.modules and any(os.environ.get(k) != v for k, v in NUMERIC_ENVIRONMENT.items()):
        warnings.warn(
            "numpy was imported before analysis: topic models and figures may differ in the last "
            "digits from other machines' (import analysis first)",
            RuntimeWarning,
            stacklevel=2,
        )
    for _name, _value in NUMERIC_ENVIRONMENT.items():
        os.environ.setdefault(_name, _value)
