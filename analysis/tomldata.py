"""Reading the project's TOML data files (lexicons, actor registers) with every field checked.

A user's file with a field missing or of the wrong type is :class:`~analysis.errors.InputError`
naming the file, the entry and the field, never a ``KeyError`` or a list of characters.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import InputError

__all__ = ["read_toml", "entries", "table", "text", "texts"]


def read_toml(path: str | Path, what: str) -> dict:
    """The TOML file at ``path`` as a dict; ``what`` (e.g. "lexicon") names it in errors."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise InputError(str(path), e.strerror or f"cannot be read ({e})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"not a valid TOML {what} ({e})") from None


def entries(data: dict, key: str, where: str) -> list[tuple[str, dict]]:
    """``(label, entry)`` of the array of tables ``[[key]]`` (empty if absent), the label naming the
    entry in errors (``[[person]] number 3``)."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise InputError(where, f"'{key}' must be an array of tables, [[{key}]]")
    return [(f"[[{key}]] number {n}", entry) for n, entry in enumerate(value, start=1)]


def table(data: dict, key: str, where: str) -> dict:
    """The table ``[key]`` (empty if absent)."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise InputError(where, f"'{key}' must be a table, [{key}]")
    return value


def text(entry: dict, key: str, where: str, label: str, default: str | None = None) -> str:
    """The string ``entry[key]`` of the entry ``label`` of file ``where``; required unless a ``default`` is given."""
    value = entry.get(key, default)
    if value is None:
        raise InputError(where, f"{label}: no '{key}'")
    if not isinstance(value, str):
        raise InputError(where, f"{label}: '{key}' must be a string, not {_kind(value)}")
    return value


def texts(entry: dict, key: str, where: str, label: str, *, required: bool = False) -> tuple[str, ...]:
    """The list of strings ``entry[key]`` as a tuple (empty if absent and not ``required``)."""
    if required and key not in entry:
        raise InputError(where, f"{label}: no '{key}'")
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(where, f"{label}: '{key}' must be a list of strings, not {_kind(value)}")
    return tuple(value)


def _kind(value) -> str:
    if isinstance(value, list):
        others = sorted({_kind(v) for v in value if not isinstance(v, str)})
        return f"a list with {', '.join(others)}" if others else "a list"
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "a string", dict: "a table"}
    return kinds.get(type(value), f"a {type(value).__name__}")
