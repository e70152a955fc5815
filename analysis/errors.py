"""Errors a caller can act on. The command line prints each as one line, ``error: <where>: <what>``.

:class:`InputError` is input that cannot be used (a file, a row of a table); :class:`ParameterError`
is a Python argument that cannot be used, named as the Python caller wrote it (``k``,
``date_from``); the command line names its own flag instead (``--k``, ``--from``).
"""

from __future__ import annotations

__all__ = ["InputError", "ParameterError", "ParameterTypeError", "check_parameter"]


class InputError(ValueError):
    """Unreadable or unusable input (a file, a row, an option value), with where and what.

    >>> str(InputError("seeds/a.txt", "empty file"))
    'seeds/a.txt: empty file'
    """

    def __init__(self, where: str, message: str):
        super().__init__(where, message)
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ParameterError(InputError):
    """A Python parameter whose value cannot be used: ``where`` is the parameter's name.

    >>> str(ParameterError("k", "k must be at least 2, not 1"))
    'k: k must be at least 2, not 1'
    >>> str(ParameterError("scheduler", "cannot connect", value="tcp://10.0.0.9:8786"))
    'scheduler tcp://10.0.0.9:8786: cannot connect'
    """

    def __init__(self, where: str, message: str, *, value: str | None = None):
        super().__init__(f"{where} {value}" if value is not None else where, message)
        self.parameter = where
        self.value = value


class ParameterTypeError(ParameterError, TypeError):
    """An argument of the wrong kind: ``where`` names the Python parameter."""


def check_parameter(name: str, value, ok: bool, expected: str) -> None:
    """Raise a :class:`ParameterError` naming ``name`` unless ``ok``: for the parameters of fitted models.

    >>> check_parameter("min_df", 0, False, "a whole number of at least 1")
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: min_df: expected a whole number of at least 1, not 0
    """
    if not ok:
        raise ParameterError(name, f"expected {expected}, not {value!r}")


def whole(value, low: int) -> bool:
    """Whether ``value`` is a whole number (not a bool) of at least ``low``."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= low
