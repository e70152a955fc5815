"""Reading a corpus: a folder of ``.txt`` files, or one ``.csv`` / ``.jsonl`` / ``.jsonl.gz`` table.

Text files may be UTF-8 (with or without BOM) or UTF-16 with a BOM, with LF or
CRLF line ends and in any Unicode normalisation form; ``encoding`` reads legacy
files (``cp1258``). Every text is made NFC with LF line ends, then its layout is
read by :func:`~analysis.layout.parse_document`. Nothing under the corpus path is
ever written.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import json
import os
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .cache import TokenCache, code_version
from .dates import parse_iso
from .errors import InputError
from .layout import Document, from_record, parse_document, to_record
from .parallel import parallel_imap

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


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Bytes of a text file as NFC text with LF line ends, or :class:`InputError`."""
    if encoding:
        codec = encoding
    elif data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    else:
        codec = "utf-8"
        nul = data.find(b"\0", 0, 4096)
        if nul >= 0:
            raise InputError(path, f"NUL byte at offset {nul}: looks like UTF-16 without a byte-order mark; "
                                   "pass --encoding utf-16-le (or utf-16-be)")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        offset = e.start + (2 if codec == "utf-16" else 0)
        raise InputError(path, f"cannot decode byte 0x{data[offset]:02x} at offset {offset} as {codec}; "
                               "if the file is in a legacy encoding, pass --encoding (e.g. --encoding cp1258)") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _metadata(root: Path) -> dict[str, dict]:
    path = root / "metadata.csv"
    if not path.is_file():
        return {}
    rows = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if "doc_id" not in (reader.fieldnames or []):
            raise InputError(str(path), "no doc_id column")
        for n, row in enumerate(reader, start=2):
            rows[row["doc_id"]] = _meta_of(row, f"{path}: line {n}")
    return rows


def _meta_of(row: dict, where: str) -> dict:
    meta = {k: (v or "").strip() for k, v in row.items() if k and k not in ("text", "id", "doc_id")}
    if meta.get("date"):
        date = parse_iso(meta["date"])
        if date is None:
            raise InputError(where, f"date {meta['date']!r} is not a date in YYYY-MM-DD form")
        meta["date"] = date
    return meta


def _read_folder(root: Path, encoding: str | None, skip_bad: bool) -> tuple[list[tuple], list[Skipped]]:
    meta = _metadata(root)
    files = sorted(_text_files(root))
    if not files:
        raise InputError(str(root), "no .txt files in this folder")
    documents, skipped, seen = [], [], {}
    for relative, path in files:
        doc_id = relative[:-len(".txt")]
        if doc_id in seen:
            raise InputError(path, f"same doc_id {doc_id!r} as {seen[doc_id]}; rename one of them")
        seen[doc_id] = os.path.basename(path)
        try:
            with open(path, "rb") as f:
                text = decode(f.read(), path, encoding)
        except InputError as e:
            if not skip_bad:
                raise
            skipped.append(Skipped(path, e.message))
            continue
        except OSError as e:
            if not skip_bad:
                raise InputError(path, e.strerror or "cannot be read") from None
            skipped.append(Skipped(path, e.strerror or "cannot be read"))
            continue
        if not text.strip():
            skipped.append(Skipped(path, "empty file"))
            continue
        documents.append((doc_id, text, path, meta.pop(doc_id, {})))
    skipped += [Skipped(str(root / "metadata.csv"), f"doc_id {k!r} matches no file") for k in sorted(meta)]
    return documents, skipped


def _text_files(root: Path):
    """``(path relative to root with "/", path)`` of every ``.txt`` file under ``root`` (any case)."""
    top = str(root)
    for folder, _, names in os.walk(top):
        prefix = "" if folder == top else os.path.relpath(folder, top).replace(os.sep, "/") + "/"
        for name in names:
            path = os.path.join(folder, name)
            if name.lower().endswith(".txt") and os.path.isfile(path):
                yield prefix + name, path


def _table_rows(path: Path):
    name = path.name.lower()
    if name.endswith(".csv"):
        csv.field_size_limit(sys.maxsize)
        with path.open(encoding="utf-8-sig", newline="") as f:
            yield from enumerate(csv.DictReader(f), start=2)
        return
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig") as f:
        for n, line in enumerate(f, start=1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"{path}: line {n}", f"not valid JSON ({e.msg})") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path}: line {n}", "not a JSON object")
                yield n, row


def _read_table(path: Path) -> tuple[list[tuple], list[Skipped]]:
    documents, skipped, seen = [], [], set()
    try:
        for number, (line, row) in enumerate(_table_rows(path), start=1):
            if "text" not in row:
                raise InputError(str(path), "no 'text' column")
            doc_id = str(row.get("id") or number)
            if doc_id in seen:
                raise InputError(f"{path}: line {line}", f"id {doc_id!r} appears twice")
            seen.add(doc_id)
            text = unicodedata.normalize("NFC", str(row["text"] or "").replace("\r\n", "\n").replace("\r", "\n"))
            if not text.strip():
                skipped.append(Skipped(f"{path}: line {line}", "empty text"))
                continue
            meta = _meta_of({k: str(v) if v is not None else "" for k, v in row.items()}, f"{path}: line {line}")
            documents.append((doc_id, text, f"{path}: line {line}", meta))
    except (UnicodeDecodeError, EOFError, gzip.BadGzipFile, csv.Error) as e:
        raise InputError(str(path), f"cannot be read ({e})") from None
    if not documents:
        raise InputError(str(path), "no documents with text")
    return documents, skipped


_LAYOUT_VERSION = code_version("vietnamese", "sentences", "layout", "dates")


def _layout_key(doc_id: str, text: str, meta: dict) -> str:
    meta_text = json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{_LAYOUT_VERSION}\0{meta_text}\0{text}".encode()).hexdigest()


def _record(raw: tuple[str, str, str, dict]) -> tuple[str, str]:
    doc_id, text, path, meta = raw
    return to_record(parse_document(doc_id, text, path=path, meta=meta))


def _parse_all(raw: list[tuple[str, str, str, dict]], cache_dir: str | Path | None,
               jobs: int | None, folded: bool) -> list[Document]:
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
    for i, record in zip(todo, parallel_imap(_record, [raw[i] for i in todo], jobs=jobs, desc="reading",
                                             min_items=500, max_chunk=64)):
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


def read_corpus(path: str | Path, *, encoding: str | None = None, skip_bad: bool = False,
                cache_dir: str | Path | None = None, jobs: int | None = 1, folded: bool = True) -> Corpus:
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
        Keep each document's :class:`~analysis.layout.Folded` form (what phrases are
        matched on, about twice the size of the text); without it, it is made again
        when asked for.

    Raises
    ------
    InputError
        For a missing path, an undecodable file, a malformed table.
    """
    root = Path(path)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(encoding, "unknown encoding name") from None
    if root.is_dir():
        raw, skipped = _read_folder(root, encoding, skip_bad)
    elif root.is_file() and root.name.lower().endswith(TABLE_SUFFIXES):
        raw, skipped = _read_table(root)
    elif root.exists():
        raise InputError(str(root), "not a folder, .csv, .jsonl or .jsonl.gz file")
    else:
        raise InputError(str(root), "no such file or folder")
    if not raw:
        reasons = sorted({s.reason for s in skipped})
        raise InputError(str(root), f"no readable document: {len(skipped)} skipped ({'; '.join(reasons)[:200]})")
    raw.sort(key=lambda r: r[0])
    return Corpus(root, tuple(_parse_all(raw, cache_dir, jobs, folded)), tuple(skipped))
