"""A content-addressed, non-executable cache of article layouts and tokenised text (one SQLite file).

Entries are keyed by a hash of the text and of the version of the code that made
them, and hold plain strings (JSON for layouts), never pickles. Each carries a
checksum; a missing, stale or corrupt entry is recomputed, and a file that is not
a readable database is replaced.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

__all__ = ["TokenCache"]

_SCHEMA = ("CREATE TABLE IF NOT EXISTS tokens "
           "(key TEXT PRIMARY KEY, labels TEXT NOT NULL, tags TEXT, digest TEXT NOT NULL)")
_LAYOUT_SCHEMA = ("CREATE TABLE IF NOT EXISTS layouts_v2 "  # v2: with the folded keys (v1, "layouts", is dropped)
                  "(key TEXT PRIMARY KEY, layout TEXT NOT NULL, keys TEXT NOT NULL, digest TEXT NOT NULL)")
#: Tables of one blob per key (near-duplicates: MinHash signatures, shingle hashes).
_BLOB_TABLES = ("signatures_v1", "shingles_v1")


def code_version(*modules: str, extra: str = "") -> str:
    """A hash of the source of these modules of the package (and ``extra``): entries made by other code are stale."""
    here = Path(__file__).parent
    digest = hashlib.sha256(extra.encode())
    for name in modules:
        digest.update((here / f"{name}.py").read_bytes())
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

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = self.folder / "tokens.sqlite"
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError:  # not a database, or damaged: start afresh
                self.path.unlink(missing_ok=True)
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        # A cache need not survive a power cut: not waiting for the disk saves a good part of a cold
        # run's writing; a file damaged that way fails the check below and is rebuilt.
        db.execute("PRAGMA synchronous = OFF")
        db.execute(_SCHEMA)
        db.execute(_LAYOUT_SCHEMA)
        db.execute("DROP TABLE IF EXISTS layouts")
        db.execute("PRAGMA quick_check").fetchone()
        return db

    def get(self, keys: list[str]) -> dict[str, tuple[str, str | None]]:
        """The stored ``(labels, tags)`` of those ``keys`` that are present and intact."""
        try:
            return self._get(keys)
        except sqlite3.DatabaseError:  # an old layout or a damaged file: start afresh
            self._reset()
            return {}

    def _get(self, keys: list[str]) -> dict[str, tuple[str, str | None]]:
        db, found = self._connect(), {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows = db.execute(
                f"SELECT key, labels, tags, digest FROM tokens WHERE key IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update((key, (labels, tags)) for key, labels, tags, digest in rows
                         if isinstance(labels, str) and digest == _digest(key, labels, tags))
        return found

    def put(self, entries: list[tuple[str, str, str | None]]) -> None:
        """Store ``(key, labels, tags)`` entries, replacing what was there."""
        if entries:
            rows = [(key, labels, tags, _digest(key, labels, tags)) for key, labels, tags in entries]
            try:
                self._put(rows)
            except sqlite3.DatabaseError:
                self._reset()
                self._put(rows)

    def _put(self, rows: list[tuple]) -> None:
        db = self._connect()
        with db:
            db.executemany("INSERT OR REPLACE INTO tokens (key, labels, tags, digest) VALUES (?, ?, ?, ?)", rows)

    def layouts(self, keys: list[str]) -> Iterator[tuple[str, tuple[str, str]]]:
        """``(key, (layout JSON, folded keys))`` for those ``keys`` that are present and intact, read 500
        at a time, so that a large corpus never holds all its records at once."""
        try:
            db = self._connect()
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                rows = db.execute(f"SELECT key, layout, keys, digest FROM layouts_v2 "
                                  f"WHERE key IN ({','.join('?' * len(chunk))})", chunk).fetchall()
                for key, layout, folded, digest in rows:
                    if isinstance(layout, str) and isinstance(folded, str) and digest == _digest(key, layout, folded):
                        yield key, (layout, folded)
        except sqlite3.DatabaseError:  # an old layout or a damaged file: start afresh
            self._reset()

    def put_layouts(self, entries: list[tuple[str, tuple[str, str]]]) -> None:
        """Store ``(key, (layout JSON, folded keys))`` entries."""
        if not entries:
            return
        rows = [(key, layout, folded, _digest(key, layout, folded)) for key, (layout, folded) in entries]
        for attempt in (0, 1):
            try:
                with self._connect() as db:
                    db.executemany("INSERT OR REPLACE INTO layouts_v2 (key, layout, keys, digest) VALUES (?, ?, ?, ?)",
                                   rows)
                return
            except sqlite3.DatabaseError:
                self._reset()

    def blobs(self, table: str, keys: list[str]) -> Iterator[tuple[str, bytes]]:
        """``(key, blob)`` of one of :data:`_BLOB_TABLES` for those ``keys`` that are present and intact,
        read 500 at a time."""
        try:
            db = self._blob_table(table)
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                rows = db.execute(f"SELECT key, value, digest FROM {table} "
                                  f"WHERE key IN ({','.join('?' * len(chunk))})", chunk).fetchall()
                yield from ((key, value) for key, value, digest in rows
                            if isinstance(value, bytes) and digest == _blob_digest(key, value))
        except sqlite3.DatabaseError:
            self._reset()

    def put_blobs(self, table: str, entries: list[tuple[str, bytes]]) -> None:
        """Store ``(key, blob)`` entries in one of :data:`_BLOB_TABLES`."""
        rows = [(key, value, _blob_digest(key, value)) for key, value in entries]
        for attempt in (0, 1):
            try:
                with self._blob_table(table) as db:
                    db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", rows)
                return
            except sqlite3.DatabaseError:
                self._reset()

    def _blob_table(self, table: str) -> sqlite3.Connection:
        if table not in _BLOB_TABLES:
            raise ValueError(f"table must be one of {_BLOB_TABLES}, not {table!r}")
        db = self._connect()
        db.execute(f"CREATE TABLE IF NOT EXISTS {table} "
                   "(key TEXT PRIMARY KEY, value BLOB NOT NULL, digest TEXT NOT NULL)")
        return db

    def _reset(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
