"""Helpers shared by several test modules: files written and compared, the command line run."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write(path: Path, data: bytes | str) -> Path:
    """``data`` (text as UTF-8) into ``path``, folders made as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def snapshot(root: Path) -> dict[str, tuple]:
    """Every file and folder under ``root`` (itself included): kind, size, mtime."""
    out = {}
    for path in [root, *root.rglob("*")]:
        st = path.stat()
        out[path.relative_to(root).as_posix()] = (path.is_dir(), None if path.is_dir() else st.st_size, st.st_mtime_ns)
    return out


def state(root: Path) -> dict[str, tuple]:
    """Every entry under ``root`` (itself included), links not followed: kind, size, content hash or target."""
    out = {}
    for path in [root, *sorted(root.rglob("*"))] if root.is_dir() else [root]:
        st_ = path.lstat()
        if path.is_symlink():
            out[str(path)] = ("link", os.readlink(path))
        elif path.is_dir():
            out[str(path)] = ("dir", st_.st_mode)
        else:
            out[str(path)] = ("file", st_.st_size, st_.st_mode, hashlib.sha256(path.read_bytes()).hexdigest())
    return out


def run_fresh(cache_dir: str, *args: str) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` from the project folder, with its cache in ``cache_dir``."""
    env = {**os.environ, "ANALYSIS_CACHE_DIR": cache_dir}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], cwd=ROOT, env=env, capture_output=True, timeout=300
    )


#: :func:`run_fresh`, run once per cache folder and arguments in a test session.
run_once = cache(run_fresh)


def rows_of(result: subprocess.CompletedProcess) -> tuple[str, list[dict[str, str]]]:
    """The header line and the rows of a command's CSV output (which must have succeeded)."""
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    text = result.stdout.decode("utf-8")
    return text.split("\n", 1)[0], list(csv.DictReader(io.StringIO(text)))
