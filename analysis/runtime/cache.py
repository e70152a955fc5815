"""A content-addressed, non-executable cache of article layouts and tokenised text (one SQLite file).

Entries are keyed by a hash of the text and of the version of the code that made
them, and hold plain strings (JSON for layouts), never pickles. Each carries a
checksum; a missing, stale or corrupt entry is recomputed, and a file that is not
a readable database is rebuilt. Nothing else ever deletes it: a cache that another
process holds locked, that is write-protected, or that cannot be opened at all is
read as far as it can be, and the run goes on without writing to it, with a
:class:`CacheWarning`.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import urllib.parse
import warnings
from collections.abc import Iterator
from pathlib import Path

__all__ = ["TokenCache", "CacheWarning"]

#: Seconds to wait for another process's write lock before going on without the cache.
BUSY_TIMEOUT = 10.0


class CacheWarning(UserWarning):
    """The cache could not be used as it should; the results are the same, only slower."""


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS tokens (key TEXT PRIMARY KEY, labels TEXT NOT NULL, tags TEXT, digest TEXT NOT NULL)"
)
_LAYOUT_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS layouts_v2 "  # v2: with the folded keys (v1, "layouts", is dropped)
    "(key TEXT PRIMARY KEY, layout TEXT NOT NULL, keys TEXT NOT NULL, digest TEXT NOT NULL)"
)
#: Tables of one blob per key (near-duplicates: MinHash signatures, shingle hashes; topic models
#: as plain arrays and the scores of choosing k).
_BLOB_TABLES = ("signatures_v1", "shingles_v1", "topics_v1")


def code_version(*modules: str, extra: str = "") -> str:
    """A hash of the source of these modules of the package (dotted names below ``analysis``, and
    ``extra``): entries made by other code are stale."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256(extra.encode())
    for name in modules:
        digest.update((package / f"{name.replace('.', '/')}.py").read_bytes())
    return digest.hexdigest()[:16]


def _digest(key: str, labels: str, tags: str | None) -> str:
    """A checksum of an entry: an entry changed or damaged after writing is not trusted."""
    return hashlib.sha256(f"{key}\0{labels}\0{tags}".encode()).hexdigest()[:32]


def _blob_digest(key: str, blob: bytes) -> str:
    """:func:`_digest` of an entry that holds bytes."""
    return hashlib.sha256(key.encode() + b"\0" + blob).hexdigest()[:32]


class TokenCache:
    """Word-boundary labels and part-of-speech tags of documents, by content hash.

    Parameters
    ----------
    folder : path
        Where ``tokens.sqlite`` lives; created if missing.
    """

    FILE = "tokens.sqlite"

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = self.folder / self.FILE
        self._db: sqlite3.Connection | None = None
        self._read_only = False
        self._off = False  # after a problem reported once: neither read nor write any more

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._off:
            try:
                self._db = self._open()
            except sqlite3.OperationalError as e:  # locked, unreadable, no space: not damage
                self._give_up(e)
            except sqlite3.DatabaseError:  # not a database, or damaged: start afresh
                self._rebuild()
            except OSError as e:  # the folder is a file, under a file, not writable ...
                self._give_up(e)
        return self._db

    def _open(self) -> sqlite3.Connection:
        if self.folder.exists() and not self.folder.is_dir():
            raise OSError(0, "it is not a folder")
        if self.path.exists() and not self.path.is_file():
            raise OSError(0, f"{self.FILE} in it is not a file")
        self._read_only = _write_protected(self.path) or (not self.path.exists() and _unwritable(self.folder))
        if self._read_only:
            if not self.path.exists():
                raise OSError(0, "the folder is not writable")
            uri = f"file:{urllib.parse.quote(os.path.abspath(self.path))}?mode=ro"
            db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT)
        else:
            self.folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
            # A cache need not survive a power cut: not waiting for the disk saves a good part of a cold
            # run's writing; a file damaged that way fails the check below and is rebuilt.
            db.execute("PRAGMA synchronous = OFF")
            db.execute(_SCHEMA)
            db.execute(_LAYOUT_SCHEMA)
            for table in _BLOB_TABLES:
                db.execute(
                    f"CREATE TABLE IF NOT EXISTS {table} "
                    "(key TEXT PRIMARY KEY, value BLOB NOT NULL, digest TEXT NOT NULL)"
                )
            db.execute("DROP TABLE IF EXISTS layouts")
        if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
            db.close()
            raise sqlite3.DatabaseError("quick_check failed")
        return db

    def _rebuild(self) -> None:
        """Replace a damaged database (and only that) by an empty one."""
        self.close()
        if self._read_only:
            self._give_up("the database is damaged and write-protected")
            return
        try:
            self.path.unlink(missing_ok=True)
            self._db = self._open()
        except (sqlite3.Error, OSError) as e:
            self._give_up(e)

    def _give_up(self, problem) -> None:
        """Go on without the cache (results are the same), saying so once."""
        self.close()
        self._off = True
        if isinstance(problem, OSError) and problem.strerror:
            problem = problem.strerror[0].lower() + problem.strerror[1:]
        warnings.warn(
            f"{self.folder}: cannot use the cache ({problem}); going on without it", CacheWarning, stacklevel=2
        )

    def _guard(self, action, default):
        """``action(db)`` on the open database; on failure, what the kind of failure calls for."""
        db = self._connect()
        if db is None:
            return default
        try:
            return action(db)
        except sqlite3.OperationalError as e:  # busy past the timeout, read-only, disk full
            self._give_up(e)
        except sqlite3.DatabaseError:
            self._rebuild()
        return default

    def get(self, keys: list[str]) -> dict[str, tuple[str, str | None]]:
        """The stored ``(labels, tags)`` of those ``keys`` that are present and intact."""
        return self._guard(lambda db: self._get(db, keys), {})

    @staticmethod
    def _get(db: sqlite3.Connection, keys: list[str]) -> dict[str, tuple[str, str | None]]:
        found = {}
        for chunk in _chunks(keys):
            rows = db.execute(
                f"SELECT key, labels, tags, digest FROM tokens WHERE key IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update(
                (key, (labels, tags))
                for key, labels, tags, digest in rows
                if isinstance(labels, str) and digest == _digest(key, labels, tags)
            )
        return found

    def put(self, entries: list[tuple[str, str, str | None]]) -> None:
        """Store ``(key, labels, tags)`` entries, replacing what was there."""
        rows = [(key, labels, tags, _digest(key, labels, tags)) for key, labels, tags in entries]
        self._write("INSERT OR REPLACE INTO tokens (key, labels, tags, digest) VALUES (?, ?, ?, ?)", rows)

    def layouts(self, keys: list[str]) -> Iterator[tuple[str, tuple[str, str]]]:
        """``(key, (layout JSON, folded keys))`` for those ``keys`` that are present and intact, read 500
        at a time, so that a large corpus never holds all its records at once."""
        for chunk in _chunks(keys):
            yield from self._guard(lambda db: self._layouts(db, chunk), [])

    @staticmethod
    def _layouts(db: sqlite3.Connection, chunk: list[str]) -> list[tuple[str, tuple[str, str]]]:
        rows = db.execute(
            f"SELECT key, layout, keys, digest FROM layouts_v2 WHERE key IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
        return [
            (key, (layout, folded))
            for key, layout, folded, digest in rows
            if isinstance(layout, str) and isinstance(folded, str) and digest == _digest(key, layout, folded)
        ]

    def put_layouts(self, entries: list[tuple[str, tuple[str, str]]]) -> None:
        """Store ``(key, (layout JSON, folded keys))`` entries."""
        rows = [(key, layout, folded, _digest(key, layout, folded)) for key, (layout, folded) in entries]
        self._write("INSERT OR REPLACE INTO layouts_v2 (key, layout, keys, digest) VALUES (?, ?, ?, ?)", rows)

    def blobs(self, table: str, keys: list[str]) -> Iterator[tuple[str, bytes]]:
        """``(key, blob)`` of one of :data:`_BLOB_TABLES` for those ``keys`` that are present and intact,
        read 500 at a time."""
        _check_table(table)
        for chunk in _chunks(keys):
            yield from self._guard(lambda db: self._blobs(db, table, chunk), [])

    @staticmethod
    def _blobs(db: sqlite3.Connection, table: str, chunk: list[str]) -> list[tuple[str, bytes]]:
        rows = db.execute(
            f"SELECT key, value, digest FROM {table} WHERE key IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
        return [
            (key, value)
            for key, value, digest in rows
            if isinstance(value, bytes) and digest == _blob_digest(key, value)
        ]

    def put_blobs(self, table: str, entries: list[tuple[str, bytes]]) -> None:
        """Store ``(key, blob)`` entries in one of :data:`_BLOB_TABLES`."""
        _check_table(table)
        rows = [(key, value, _blob_digest(key, value)) for key, value in entries]
        self._write(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", rows)

    def _write(self, statement: str, rows: list[tuple]) -> None:
        if rows and self._connect() is not None and not self._read_only:

            def write(db):
                with db:
                    db.executemany(statement, rows)

            self._guard(write, None)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _check_table(table: str) -> None:
    if table not in _BLOB_TABLES:
        raise ValueError(f"table must be one of {_BLOB_TABLES}, not {table!r}")


def _chunks(keys: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(keys), size):
        yield keys[i : i + size]


def _write_protected(path: Path) -> bool:
    """True if the file exists and nobody may write it (as the owner set it: root ignores permissions)."""
    try:
        return not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    except OSError:
        return False


def _unwritable(folder: Path) -> bool:
    """True if an existing ``folder`` (or the nearest existing folder above it) cannot take new files."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and (
        not os.access(folder, os.W_OK | os.X_OK)
        or not os.stat(folder).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    )
