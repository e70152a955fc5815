"""The one error type for bad input: the command line prints it as ``error: <where>: <what>``."""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(Exception):
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
