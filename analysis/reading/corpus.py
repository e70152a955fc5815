"""Reading a corpus: a folder of ``.txt`` files, or one ``.csv`` / ``.jsonl`` / ``.jsonl.gz`` table.

Text files may be UTF-8 (with or without BOM) or UTF-16 with a BOM, with LF or
CRLF line ends and in any Unicode normalisation form; ``encoding`` reads legacy
files (``cp1258``). Every text is made NFC with LF line ends, then its layout is
read by :func:`~analysis.reading.layout.parse_document`, which also reduces Markdown and HTML
markup to text (:mod:`analysis.reading.markup`). Nothing under the corpus path is ever written.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import os
import stat
import sys
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..runtime.cache import TokenCache, code_version
from ..runtime.parallel import Cluster, parallel_imap
from ..runtime.store import PartitionStore, partitions, store_dir
from .dates import parse_iso
from .layout import Document, from_record, parse_document, to_record

__all__ = ["Corpus", "Skipped", "read_corpus", "decode"]

TABLE_SUFFIXES = (".csv", ".jsonl", ".jsonl.gz")


@dataclass(frozen=True)
class Skipped:
    """A file or row left out of the corpus, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Corpus:
    """The documents of a corpus, in ``doc_id`` order, and what was left out."""

    root: Path
    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...] = ()

    def __iter__(self):
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def fingerprint(self) -> str:
        """A hash of every document's id, text and metadata: what a figure was drawn from."""
        digest = hashlib.sha256()
        for d in self.documents:
            for part in (d.doc_id, d.text, str(d.date), d.date_source, d.title, d.source):
                digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_LEGACY_HINT = "; if the file is in a legacy encoding, pass --encoding (e.g. --encoding cp1258)"


def check_encoding(name: str) -> str:
    """The codec name of ``name`` if it is a text encoding, else :class:`InputError` (``rot13`` is not)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(f"encoding {name!r}", "unknown encoding name") from None
    if not info._is_text_encoding:
        raise InputError(f"encoding {name!r}", "not a text encoding (e.g. cp1258, utf-16-le)")
    return info.name


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Bytes of a text file as NFC text with LF line ends, or :class:`InputError`.

    A byte-order mark (UTF-8, UTF-16) decides; else the bytes are UTF-8 if they can be;
    else they are in ``encoding``, the legacy encoding given with ``--encoding``. Offsets
    in errors are offsets in ``data``, the byte-order mark counted.
    """
    text = _text_of(data, path, encoding).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _text_of(data: bytes, path: str, encoding: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, len(bom), codec, path, "")
    nul = data.find(b"\0", 0, 4096)
    if nul < 0:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as e:
            if not encoding:
                raise _undecodable(path, data, e, 0, "utf-8", _LEGACY_HINT) from None
    elif not encoding:
        raise InputError(
            path,
            f"NUL byte at offset {nul}: looks like UTF-16 without a byte-order mark; "
            "pass --encoding utf-16-le (or utf-16-be)",
        )
    elif not check_encoding(encoding).startswith(("utf-16", "utf-32")):
        raise InputError(
            path,
            f"NUL byte at offset {nul}: not text in {encoding} (UTF-16 without a byte-order "
            "mark is --encoding utf-16-le or utf-16-be)",
        )
    return _strict(data, 0, encoding, path, f"; it is not UTF-8 either: is --encoding {encoding} right for it?")


def _strict(data: bytes, start: int, codec: str, path: str, hint: str) -> str:
    try:
        return data[start:].decode(codec)
    except UnicodeDecodeError as e:
        raise _undecodable(path, data, e, start, codec, hint) from None


def _undecodable(
    path: str, data: bytes, error: UnicodeDecodeError, start: int, codec: str, hint: str, *, base: int = 0
) -> InputError:
    """The error for bytes ``data[start:]`` that could not be decoded: the bad bytes and their offset
    in the file (``data`` starting at offset ``base`` of the file)."""
    first, end = start + error.start, start + max(error.end, error.start + 1)
    bad = " ".join(f"0x{b:02x}" for b in data[first:end])
    what = "byte" if end - first == 1 else "bytes"
    return InputError(path, f"cannot decode {what} {bad} at offset {base + first} as {codec} ({error.reason}){hint}")


def _utf8(data: bytes, where: str) -> str:
    """Bytes of a table or metadata.csv (UTF-8, with or without BOM) as text, or :class:`InputError`."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    return _strict(data, start, "utf-8", where, "")


def _read_bytes(path: str | Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise InputError(_shown(str(path)), e.strerror or "cannot be read") from None


def _shown(path: str) -> str:
    """``path`` as text that can be written anywhere: bytes that are not UTF-8 backslash-escaped (``\\xff``)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _mode(path: str | Path) -> int | None:
    """The file type and mode bits of ``path`` (links followed), None if there is nothing there;
    :class:`InputError` if it cannot be looked at (a folder on the way that cannot be searched)."""
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:
        raise InputError(_shown(str(path)), e.strerror or "cannot be looked at") from None


def _metadata(root: Path) -> dict[str, dict]:
    path = root / "metadata.csv"
    mode = _mode(path)
    if mode is None or not stat.S_ISREG(mode):
        return {}
    where = _shown(str(path))
    rows, lines = {}, {}
    for line, row in _csv_rows(_utf8(_read_bytes(path), where), where, "doc_id"):
        doc_id = row["doc_id"]
        if doc_id in lines:
            raise InputError(f"{where}: line {line}", f"doc_id {doc_id!r} is also on line {lines[doc_id]}")
        lines[doc_id] = line
        rows[doc_id] = _meta_of(row, f"{where}: line {line}")
    return rows


def _csv_rows(text: str, where: str, column: str):
    """``(line, row as a dict)`` of CSV text with a ``column`` column, ``line`` the line a row starts
    on; a quote never closed, or a row with more or fewer fields than the header, is :class:`InputError`."""
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header, line = None, 1
    try:
        for record in reader:
            if header is None:
                header = _header(record, column, where)
            elif record and len(record) != len(header):
                raise InputError(
                    f"{where}: line {line}",
                    f"{len(record)} fields where the header has {len(header)} (a comma or quote out of place?)",
                )
            elif record:
                yield line, dict(zip(header, record))
            line = reader.line_num + 1
    except csv.Error as e:
        raise InputError(f"{where}: line {line}", f"not valid CSV ({e}; a quote left open?)") from None
    if header is None:
        _header([], column, where)


def _header(record: list[str], column: str, where: str) -> list[str]:
    if column not in record:
        raise InputError(where, f"no {column!r} column")
    return record


def _meta_of(row: dict, where: str) -> dict:
    meta = {k: (v or "").strip() for k, v in row.items() if k and k not in ("text", "id", "doc_id")}
    if meta.get("date"):
        date = parse_iso(meta["date"])
        if date is None:
            raise InputError(where, f"date {meta['date']!r} is not a date in YYYY-MM-DD form")
        meta["date"] = date
    return meta


def _read_folder(root: Path, encoding: str | None, skip_bad: bool) -> tuple[list[tuple], list[Skipped]]:
    names, unreadable, meta = list_folder(root, skip_bad)
    documents, skipped = read_files(root, names, meta, encoding, skip_bad)
    return documents, unreadable + skipped + unmatched_metadata(root, meta, documents)


def list_folder(root: Path, skip_bad: bool) -> tuple[list[str], list[Skipped], dict[str, dict]]:
    """The ``.txt`` files of a corpus folder (paths relative to it, with ``/``), in the order they
    are read, the files that cannot be looked at, and the rows of its ``metadata.csv`` by doc_id;
    nothing is read but the listing and ``metadata.csv``. :class:`InputError` for a folder without
    files, two files with one doc_id, or (without ``skip_bad``) a file that cannot be looked at."""
    unreadable: list[Skipped] = []
    names = sorted(_text_files(root, unreadable))
    if unreadable and not skip_bad:
        raise InputError(unreadable[0].path, unreadable[0].reason)
    meta = _metadata(root)
    if not names and not unreadable:
        raise InputError(str(root), "no .txt files in this folder")
    seen: dict[str, str] = {}
    for relative in names:
        doc_id, shown, _ = file_entry(root, relative)
        if doc_id in seen:
            raise InputError(shown, f"same doc_id {doc_id!r} as {seen[doc_id]}; rename one of them")
        seen[doc_id] = os.path.basename(shown)
    return names, unreadable, meta


def file_entry(root: Path | str, relative: str) -> tuple[str, str, str]:
    """``(doc_id, path shown, path)`` of a file that :func:`list_folder` listed."""
    path = os.path.join(str(root), *relative.split("/"))
    return _shown(relative[: -len(".txt")]), _shown(path), path


def read_files(
    root: Path | str, names: list[str], meta: dict[str, dict], encoding: str | None, skip_bad: bool
) -> tuple[list[tuple[str, str, str, dict]], list[Skipped]]:
    """``(doc_id, text, path shown, metadata)`` of files that :func:`list_folder` listed, and those
    skipped (empty, or undecodable with ``skip_bad``)."""
    documents, skipped = [], []
    for doc_id, shown, path in (file_entry(root, relative) for relative in names):
        try:
            text = decode(_read_bytes(path), shown, encoding)
        except InputError as e:
            if not skip_bad:
                raise
            skipped.append(Skipped(shown, e.message))
            continue
        if not text.strip():
            skipped.append(Skipped(shown, "empty file"))
            continue
        documents.append((doc_id, text, shown, meta.get(doc_id, {})))
    return documents, skipped


def unmatched_metadata(root: Path, meta: dict[str, dict], read: list[tuple]) -> list[Skipped]:
    """The rows of ``metadata.csv`` that match no document read."""
    matched = {r[0] for r in read}
    return [
        Skipped(str(root / "metadata.csv"), f"doc_id {k!r} matches no file") for k in sorted(meta) if k not in matched
    ]


def _text_files(root: Path, unreadable: list[Skipped]):
    """The path relative to ``root`` (with ``/``) of every ``.txt`` file under it (any case);
    folders and files that cannot be listed or looked at are added to ``unreadable``."""
    top = str(root)

    def cannot(error: OSError) -> None:
        unreadable.append(Skipped(_shown(error.filename or top), error.strerror or "cannot be read"))

    for folder, _, names in os.walk(top, onerror=cannot):
        prefix = "" if folder == top else os.path.relpath(folder, top).replace(os.sep, "/") + "/"
        for name in names:
            path = os.path.join(folder, name)
            if not name.lower().endswith(".txt"):
                continue
            try:
                mode = _mode(path)
            except InputError as e:
                unreadable.append(Skipped(e.where, e.message))
                continue
            if mode is not None and stat.S_ISREG(mode):  # not a folder, nor a dangling link
                yield prefix + name


def _table_rows(path: Path):
    """``(line, row)`` of a table, every value a string."""
    where = _shown(str(path))
    if path.name.lower().endswith(".csv"):
        yield from _csv_rows(_utf8(_read_bytes(path), where), where, "text")
        return
    for line, row in _jsonl_rows(path, where):
        yield line, _strings_of(row, f"{where}: line {line}")


def _jsonl_rows(path: Path, where: str):
    """``(line, object)`` of every non-blank line of a ``.jsonl`` or ``.jsonl.gz`` file."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    offset = 0
    try:
        with opener(path, "rb") as f:
            for n, data in enumerate(f, start=1):
                row = _json_object(data, offset, f"{where}: line {n}")
                offset += len(data)
                if row is not None:
                    yield n, row
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        raise InputError(where, f"not a valid gzip file ({e})") from None
    except OSError as e:
        raise InputError(where, e.strerror or f"cannot be read ({e})") from None


def _json_object(data: bytes, offset: int, where: str) -> dict | None:
    """One line of JSON Lines as a dict (None for a blank line), or :class:`InputError`."""
    start = len(codecs.BOM_UTF8) if offset == 0 and data.startswith(codecs.BOM_UTF8) else 0
    try:
        line = data[start:].decode("utf-8")
    except UnicodeDecodeError as e:
        raise _undecodable(where, data, e, start, "utf-8", "", base=offset) from None
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(where, f"not valid JSON ({e.msg})") from None
    except ValueError:  # a number of more than 4,300 digits
        raise InputError(where, "a number too long to read") from None
    except RecursionError:
        raise InputError(where, "JSON nested too deeply") from None
    if not isinstance(row, dict):
        raise InputError(where, "not a JSON object")
    return row


_TEXT_FIELDS = ("text", "title", "source", "date")


def _strings_of(row: dict, where: str) -> dict[str, str | None]:
    """A JSON row with every value as a string: ``text``, ``title``, ``source`` and ``date`` must be
    strings (or null), ``id`` a string or whole number, other columns strings, numbers or booleans."""
    out = {}
    for key, value in row.items():
        if value is None or isinstance(value, str):
            out[key] = value
        elif key in _TEXT_FIELDS or isinstance(value, (list, dict)) or (key == "id" and not _whole(value)):
            wanted = "a string or a whole number" if key == "id" else "a string"
            raise InputError(where, f"{key!r} is {_json_type(value)}, not {wanted}")
        else:
            out[key] = str(value)
    return out


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _json_type(value) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return kinds.get(type(value), type(value).__name__)


def _read_table(path: Path) -> tuple[list[tuple], list[Skipped]]:
    documents, skipped, seen = [], [], set()
    where = _shown(str(path))
    for number, (line, row) in enumerate(_table_rows(path), start=1):
        if "text" not in row:
            raise InputError(where, "no 'text' column")
        doc_id = row.get("id") or str(number)
        if doc_id in seen:
            raise InputError(f"{where}: line {line}", f"id {doc_id!r} appears twice")
        seen.add(doc_id)
        text = unicodedata.normalize("NFC", (row["text"] or "").replace("\r\n", "\n").replace("\r", "\n"))
        if not text.strip():
            skipped.append(Skipped(f"{where}: line {line}", "empty text"))
            continue
        meta = _meta_of(row, f"{where}: line {line}")
        documents.append((doc_id, text, f"{where}: line {line}", meta))
    if not documents:
        raise InputError(where, "no documents with text")
    return documents, skipped


_LAYOUT_VERSION = code_version(
    "text.vietnamese", "reading.sentences", "reading.layout", "reading.dates", "reading.markup"
)


def _layout_key(doc_id: str, text: str, meta: dict) -> str:
    meta_text = json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{_LAYOUT_VERSION}\0{meta_text}\0{text}".encode()).hexdigest()


def _record(raw: tuple[str, str, str, dict]) -> tuple[str, str]:
    doc_id, text, path, meta = raw
    return to_record(parse_document(doc_id, text, path=path, meta=meta), text)


def layouts_store(cache_dir: str | Path | None, *, cluster: Cluster | None = None) -> PartitionStore | None:
    """The ``layouts`` table of the Parquet store of ``cluster`` and ``cache_dir`` (None without a cache)."""
    folder = store_dir(cache_dir, cluster)
    return None if folder is None else PartitionStore(folder, "layouts", _LAYOUT_VERSION)


def layout_keys(raw: list[tuple[str, str, str, dict]]) -> list[tuple[str, str]]:
    """``(doc_id, content key)`` of ``(doc_id, text, path, meta)`` documents: the key hashes the text,
    the metadata and the code that reads a layout."""
    return [(doc_id, _layout_key(doc_id, text, meta)) for doc_id, text, _, meta in raw]


def stored_layouts(raw: list[tuple[str, str, str, dict]], store: PartitionStore | None) -> list[tuple[str, str]]:
    """The layout records (:func:`~analysis.reading.layout.to_record`) of a partition of
    ``(doc_id, text, path, meta)`` documents: from the store when it holds them, else read and stored."""
    found = _stored_records(raw, store) if store else None
    if found is not None:
        return found
    records = [_record(r) for r in raw]
    if store:
        keys = layout_keys(raw)
        store.save(keys, _layout_frame(keys, records))
    return records


def _stored_records(raw: list[tuple[str, str, str, dict]], store: PartitionStore) -> list[tuple[str, str]] | None:
    """The layout records of a partition as the store holds them, or None if it does not hold it whole."""
    found = store.load(layout_keys(raw), ["layout", "folded"])
    if found is None or len(found) != len(raw):
        return None
    return list(zip(found["layout"], found["folded"]))


def _layout_frame(keys: list[tuple[str, str]], records: list[tuple[str, str]]):
    """The rows of the store's ``layouts`` table: readable columns, then the record itself."""
    import pandas as pd

    rows = []
    for (doc_id, key), (layout, folded) in zip(keys, records):
        data = json.loads(layout)
        rows.append(
            (
                key,
                doc_id,
                data["title"],
                data["date"] or "",
                data["date_source"],
                data["source"],
                len(data["sentences"]),
                data["n_syllables"],
                layout,
                folded,
            )
        )
    columns = ["key", "doc_id", "title", "date", "date_source", "source", "n_sentences", "n_syllables"]
    return pd.DataFrame(rows, columns=[*columns, "layout", "folded"])


def _stored_partition(job: tuple[list[tuple[str, str, str, dict]], PartitionStore]) -> list[tuple[str, str]]:
    return stored_layouts(*job)


def _parse_all(
    raw: list[tuple[str, str, str, dict]], cache_dir: str | Path | None, jobs: int | None, folded: bool
) -> list[Document]:
    """Documents from ``(doc_id, text, path, meta)``. On a cluster with a cache, the layouts the
    Parquet store holds are read here, and the workers read and store the others, a partition at a
    time (:func:`stored_layouts`): only those partitions' texts are sent (all of VNTC's made tasks of
    95 MB on every run); else as :func:`_cached_parse`."""
    store = layouts_store(cache_dir, cluster=jobs if isinstance(jobs, Cluster) else None)
    if not (isinstance(jobs, Cluster) and store):
        return _cached_parse(raw, cache_dir, jobs, folded)
    parts = [[raw[i] for i in run] for run in partitions([r[0] for r in raw])]
    found = [_stored_records(part, store) for part in parts]
    todo = [i for i, records in enumerate(found) if records is None]
    made = parallel_imap(
        _stored_partition, [(parts[i], store) for i in todo], jobs=jobs, desc="reading", unit="part", cluster_batch=1
    )
    for i, records in zip(todo, made):
        found[i] = records
    return [
        from_record(*r[:2], record, path=r[2], meta=r[3], folded=folded)
        for r, record in zip(raw, (record for records in found for record in records))
    ]


def _cached_parse(
    raw: list[tuple[str, str, str, dict]], cache_dir: str | Path | None, jobs: int | None, folded: bool
) -> list[Document]:
    """Documents from ``(doc_id, text, path, meta)``: layouts from the cache when it has them, the
    others read in parallel (as records of plain text, which cross between processes cheaply)
    and stored as they come."""
    store = TokenCache(cache_dir) if cache_dir is not None else None
    keys = [_layout_key(doc_id, text, meta) for doc_id, text, _, meta in raw] if store else []
    documents: list[Document | None] = [None] * len(raw)
    if store:
        where: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            where.setdefault(key, []).append(i)
        for key, record in store.layouts(keys):
            for i in where[key]:
                try:
                    documents[i] = from_record(*raw[i][:2], record, path=raw[i][2], meta=raw[i][3], folded=folded)
                except (ValueError, KeyError, TypeError, IndexError):
                    pass  # a damaged entry: read the layout again
    todo = [i for i, doc in enumerate(documents) if doc is None]
    fresh: list[tuple[str, tuple[str, str]]] = []
    for i, record in zip(
        todo, parallel_imap(_record, [raw[i] for i in todo], jobs=jobs, desc="reading", min_items=500, max_chunk=64)
    ):
        documents[i] = from_record(*raw[i][:2], record, path=raw[i][2], meta=raw[i][3], folded=folded)
        if store:
            fresh.append((keys[i], record))
            if len(fresh) == 500:
                store.put_layouts(fresh)
                fresh = []
    if store:
        store.put_layouts(fresh)
        store.close()
    return documents


def read_corpus(
    path: str | Path,
    *,
    encoding: str | None = None,
    skip_bad: bool = False,
    cache_dir: str | Path | None = None,
    jobs: int | None = 1,
    folded: bool = True,
) -> Corpus:
    """Read a corpus folder or table.

    Parameters
    ----------
    path : path
        A folder of ``.txt`` files (searched recursively) or a ``.csv``/``.jsonl``/``.jsonl.gz`` table.
    encoding : str, optional
        Codec for ``.txt`` files instead of detecting UTF-8/UTF-16 (e.g. ``"cp1258"``).
    skip_bad : bool
        Skip undecodable files (listed in :attr:`Corpus.skipped`) instead of raising.
    cache_dir : path, optional
        Keep the layout of each text (title, date, sentences ...) in the cache there, keyed
        by a hash of the text, its metadata and the code; None reads every layout afresh.
    jobs : int, optional
        Worker processes for reading layouts of large corpora (None: all cores).
    folded : bool
        Keep each document's :class:`~analysis.reading.layout.Folded` form (what phrases are
        matched on, about twice the size of the text); without it, it is made again
        when asked for.

    Raises
    ------
    InputError
        For a missing path, an undecodable file, a malformed table.
    """
    root = Path(path)
    if encoding:
        check_encoding(encoding)
    mode = _mode(root)
    if mode is None:
        raise InputError(_shown(str(root)), "no such file or folder")
    if stat.S_ISDIR(mode):
        raw, skipped = _read_folder(root, encoding, skip_bad)
    elif stat.S_ISREG(mode) and root.name.lower().endswith(TABLE_SUFFIXES):
        raw, skipped = _read_table(root)
    else:
        raise InputError(_shown(str(root)), "not a folder, .csv, .jsonl or .jsonl.gz file")
    if not raw:
        reasons = sorted({s.reason for s in skipped})
        raise InputError(str(root), f"no readable document: {len(skipped)} skipped ({'; '.join(reasons)[:200]})")
    raw.sort(key=lambda r: r[0])
    return Corpus(root, tuple(_parse_all(raw, cache_dir, jobs, folded)), tuple(skipped))
