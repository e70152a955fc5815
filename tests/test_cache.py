"""The cache: only real damage rebuilds it; locked, write-protected or unusable caches are read or bypassed."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import warnings

import pytest
from helpers import ROOT, write

from analysis.runtime import cache as cache_module
from analysis.runtime.cache import CacheWarning, TokenCache

ENTRIES = [("k1", "B I B", "N V N"), ("k2", "B B", None)]


@pytest.fixture
def filled(tmp_path):
    store = TokenCache(tmp_path / "cache")
    store.put(ENTRIES)
    store.close()
    return tmp_path / "cache"


def test_entries_round_trip(filled):
    assert TokenCache(filled).get(["k1", "k2", "k3"]) == {"k1": ("B I B", "N V N"), "k2": ("B B", None)}


def test_damaged_file_is_rebuilt(filled):
    path = filled / TokenCache.FILE
    path.write_bytes(b"this is not a database" * 100)
    store = TokenCache(filled)
    assert store.get(["k1"]) == {}
    store.put(ENTRIES[:1])
    store.close()
    assert TokenCache(filled).get(["k1"]) == {"k1": ("B I B", "N V N")}


def test_locked_cache_is_bypassed_not_deleted(filled, monkeypatch):
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.2)
    other = sqlite3.connect(filled / TokenCache.FILE)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO tokens VALUES ('theirs', 'B', NULL, 'x')")
    store = TokenCache(filled)
    with pytest.warns(CacheWarning, match="cannot use the cache"):
        store.put([("mine", "B B", None)])
    assert store.get(["k1"]) == {}  # gone quiet for the rest of the run, not reset
    store.close()
    other.commit()  # the other process's write is not lost
    other.close()
    assert sqlite3.connect(filled / TokenCache.FILE).execute("SELECT key FROM tokens ORDER BY key").fetchall() == [
        ("k1",),
        ("k2",),
        ("theirs",),
    ]


def test_write_protected_cache_is_read_and_not_written(filled):
    path = filled / TokenCache.FILE
    before = path.read_bytes()
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        store = TokenCache(filled)
        assert store.get(["k1"]) == {"k1": ("B I B", "N V N")}
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # writing is simply skipped: nothing to warn about
            store.put([("new", "B", None)])
        store.close()
        assert path.read_bytes() == before
        assert path.exists()
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    "make", ["folder_is_a_file", "folder_under_a_file", "database_is_a_folder", "folder_not_writable"]
)
def test_unusable_cache_warns_and_changes_nothing(tmp_path, make):
    if make == "folder_is_a_file":
        folder = write(tmp_path / "cache", "a file")
    elif make == "folder_under_a_file":
        folder = write(tmp_path / "file", "a file") / "cache"
    elif make == "database_is_a_folder":
        folder = tmp_path / "cache"
        (folder / TokenCache.FILE).mkdir(parents=True)
    else:
        folder = tmp_path / "cache"
        folder.mkdir()
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    store = TokenCache(folder)
    with pytest.warns(CacheWarning, match="cannot use the cache"):
        assert store.get(["k1"]) == {}
    store.put(ENTRIES)  # no second warning, no error
    assert list(store.layouts(["k1"])) == []
    store.close()
    folder.chmod(0o755) if folder.is_dir() else None
    assert not (folder / TokenCache.FILE).is_file()


def _corpus_csv(*args: str, cache_dir: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANALYSIS_CACHE_DIR": cache_dir}
    return subprocess.run(
        [sys.executable, "-m", "analysis", "corpus", "--csv", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )


def test_command_line_goes_on_without_an_unusable_cache_with_one_warning(tmp_path):
    not_a_folder = write(tmp_path / "cache", "a file")
    result = _corpus_csv(cache_dir=str(not_a_folder))
    fresh = _corpus_csv("--no-cache", cache_dir=str(tmp_path / "unused"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == fresh.stdout
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"warning: {not_a_folder}"), lines
    assert not_a_folder.read_text() == "a file"
