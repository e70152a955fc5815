"""The numeric routines that keep topic models and figures the same on every x86-64 machine.

numpy's AVX-512 routines (exp, log ...) and OpenBLAS's per-processor kernels round differently
from the AVX2 ones that every such machine has, and an LDA fit can follow the difference. Both
libraries read their choice from the environment when they load, so :func:`pin_numerics` must
run before numpy is imported: the command line calls it first, the notebooks in their first cell.
"""

from __future__ import annotations

import os
import platform
import sys
import warnings

__all__ = ["NUMERIC_ENVIRONMENT", "pin_numerics", "numeric_settings"]

NUMERIC_ENVIRONMENT = {"NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR", "OPENBLAS_CORETYPE": "Haswell"}


def pin_numerics() -> dict[str, str]:
    """Ask numpy and OpenBLAS for the routines every x86-64 machine has (a variable already set is kept).

    Returns
    -------
    dict
        The settings in force (what the figures' manifest records); empty on other processors.

    Warns
    -----
    RuntimeWarning
        When numpy was loaded before with other settings: results may then differ in the last
        digits from other machines'.

    Examples
    --------
    >>> import analysis
    >>> isinstance(analysis.pin_numerics(), dict)  # call it before importing numpy
    True
    """
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return {}
    if "numpy" in sys.modules and any(os.environ.get(k) != v for k, v in NUMERIC_ENVIRONMENT.items()):
        warnings.warn(
            "numpy was imported before analysis.pin_numerics(): topic models and figures may differ in the "
            "last digits from other machines' (call it first)",
            RuntimeWarning,
            stacklevel=2,
        )
    for name, value in NUMERIC_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    return numeric_settings()


def numeric_settings() -> dict[str, str]:
    """The numeric settings of this process, as the manifest records them."""
    return {name: os.environ.get(name, "") for name in NUMERIC_ENVIRONMENT}
