"""Writing outputs without ever touching the corpus: not into it, not through a link into it, not over it.

Every file the suite writes (figures, their tables, the manifest, the cache) goes through
:func:`check_outside` for its place and :func:`write_atomic` for its bytes: a file is written
beside its name and renamed onto it, so a link already standing at that name is replaced, never
followed.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError

__all__ = ["check_outside", "make_folder", "write_atomic"]


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def check_outside(target: str | Path, corpus: str | Path, *, what: str) -> None:
    """Raise :class:`InputError` if writing ``target`` could change anything under ``corpus``.

    ``target`` is refused when it is the corpus or lies under it, either as named or where its links
    lead (the folder it is in, or the file itself if it is a link).

    >>> check_outside("figures/x.csv", "seeds", what="a figure")
    >>> check_outside("seeds/x.csv", "seeds", what="a figure")
    Traceback (most recent call last):
    ...
    analysis.errors.InputError: seeds/x.csv: a figure would be written inside the corpus (seeds)
    """
    target, corpus = Path(target), Path(corpus)
    root = _real(corpus)
    placed = _real(target.parent) / target.name  # where the name lands, links of its folders followed
    if _under(placed, root) or _under(_real(target), root):
        raise InputError(str(target), f"{what} would be written inside the corpus ({corpus})")


def make_folder(out: str | Path) -> Path:
    """``out`` as a folder this process can write in, made if missing; else :class:`InputError`."""
    out = Path(out)
    for folder in [out, *out.parents]:
        if folder.exists() and not folder.is_dir():
            raise InputError(str(out), "not a folder" if folder == out else f"{folder} is a file, not a folder")
        if folder.exists():
            break
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(str(out), e.strerror or f"cannot be made ({e})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise InputError(str(out), "this folder cannot be written in")
    return out


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` by renaming a finished file onto it: a link at ``path`` is replaced,
    not written through, and a reader never sees half a file."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "xb") as f:
            f.write(data)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
    return path
