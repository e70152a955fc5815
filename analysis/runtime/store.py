"""Per-document results as Parquet files, in a folder that a cluster's client and workers share.

The store lives in ``<cache-dir>/store/`` (or wherever ``--store`` says: a folder or an fsspec URL), one
folder per table; the workers write it, and the client reads it to stream outputs and to take the
layouts and duplicate signatures it holds (so that only the partitions it lacks are sent to the
workers with their texts). A table holds partitions of documents (runs of consecutive documents,
:func:`partitions`), one file each::

    <cache-dir>/store/<table>/version=<v>/part-<h[:2]>/<h>.parquet

``v`` is a hash of the code (and the options, such as the lexicon) that made the rows, ``h`` a
hash of ``v`` and of the partition's documents (``doc_id`` and content key), so a partition whose
documents and code are unchanged is found again and not recomputed. Every row carries its
document's content ``key`` and ``doc_id``. Files are written under a temporary name
and renamed, so a killed worker leaves no half file, and two workers writing the same partition
write the same bytes; a file that cannot be read, or that holds other documents than its name
says, is recomputed, not trusted. Readers that skip names starting with ``.`` (pyarrow, Dask,
Spark) never see the temporary files: ``pandas.read_parquet("<cache-dir>/store/statements")``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

__all__ = ["PartitionStore", "cluster_store", "partitions", "store_dir", "PARTITION_SIZE"]

#: Documents a partition holds on average (boundaries are drawn by doc_id, see :func:`partitions`).
PARTITION_SIZE = 128
#: The schema metadata entry naming the documents a file holds.
_SIGNED = b"analysis.partition"


def store_dir(cache_dir: str | Path | None, cluster: object = None) -> str | None:
    """Where a cluster keeps its store: the ``store`` of ``cluster`` (a :class:`~analysis.runtime.workers.Cluster`)
    if it names one, else ``<cache_dir>/store``; None without a cache."""
    if cache_dir is None:
        return None
    return getattr(cluster, "store", None) or str(Path(cache_dir) / "store")


def cluster_store(store: str | None, scheduler: str | None, corpus: str | Path, *, cached: bool = True) -> str | None:
    """The store to give a cluster, checked before any work.

    Parameters
    ----------
    store : str or None
        A folder or an fsspec URL; None for ``$ANALYSIS_STORE`` when there is a ``scheduler``, else
        none (``<cache-dir>/store``).
    scheduler : str or None
        The cluster's scheduler; a store given without one is an error (the variable is then ignored).
    corpus : path
        The corpus, which a folder store may not be inside.
    cached : bool
        Whether there is a cache: the store is kept with one (``--no-cache`` keeps nothing).

    Returns
    -------
    str or None
        The store, a local folder made absolute (workers elsewhere would read a relative one against
        their own working folder).

    Raises
    ------
    ParameterError
        A store without a scheduler or a cache, or one whose URL fsspec cannot open (a protocol it
        does not know, or whose package is not installed). Only the URL is checked: a store that
        cannot be reached is found when written, and its results are then made again each run.
    InputError
        A folder inside ``corpus``.
    """
    from ..errors import ParameterError
    from .outputs import check_outside

    if store is None and scheduler:
        store = os.environ.get("ANALYSIS_STORE") or None
    if store is None:
        return None
    if not scheduler:
        raise ParameterError("store", "a store is kept by a cluster: give a scheduler too", value=store)
    if not cached:
        raise ParameterError("store", "a store is kept with a cache: not without one (--no-cache)", value=store)
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(store)
    except (ImportError, ValueError) as e:  # "Protocol not known: ...", or its package missing
        raise ParameterError("store", f"cannot use it ({e})", value=store) from None
    if "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)):
        check_outside(root, corpus, what="the store")
        return store if "://" in store else os.path.abspath(store)
    return store


def partitions(doc_ids: list[str], size: int = PARTITION_SIZE) -> Iterator[range]:
    """Runs of consecutive positions of ``doc_ids``, about ``size`` long: a run ends after a
    document whose id hashes to a multiple of ``size`` (or at ``4 * size`` documents), so adding or
    changing one document changes only its own partition, and the runs do not depend on the
    number of workers.

    >>> [len(r) for r in partitions([str(i) for i in range(10)], size=1)]
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    >>> sum(len(r) for r in partitions([str(i) for i in range(1000)]))
    1000
    """
    start = 0
    for i, doc_id in enumerate(doc_ids):
        cut = int.from_bytes(hashlib.sha1(doc_id.encode()).digest()[:4], "big") % size == 0
        if cut or i + 1 - start >= 4 * size:
            yield range(start, i + 1)
            start = i + 1
    if start < len(doc_ids):
        yield range(start, len(doc_ids))


class PartitionStore:
    """One table of the store, for rows made by one version of the code.

    Parameters
    ----------
    folder : str
        The store: a folder (``<cache-dir>/store``) or an fsspec URL (``file:///mnt/shared/store``).
    table : str
        The table's folder name (``layouts``, ``tokens``, ``phrase_counts``, ``statements``).
    version : str
        A hash of the code and options that make the rows.
    """

    def __init__(self, folder: str | Path, table: str, version: str):
        import fsspec

        self.fs, root = fsspec.core.url_to_fs(str(folder))
        self.folder = f"{root.rstrip('/')}/{table}/version={version}"
        self.version = version

    def name(self, documents: list[tuple[str, str]]) -> str:
        """The hash naming a partition of ``(doc_id, key)`` documents."""
        digest = hashlib.sha256(self.version.encode())
        for doc_id, key in documents:
            digest.update(f"\0{doc_id}\0{key}".encode())
        return digest.hexdigest()

    def path(self, documents: list[tuple[str, str]]) -> str:
        """The file of a partition, as its filesystem names it (no protocol: see :meth:`url`)."""
        name = self.name(documents)
        return f"{self.folder}/part-{name[:2]}/{name}.parquet"

    def url(self, path: str) -> str:
        """A file of :meth:`path` as a URL any reader opens (``file:///...``, ``s3://...``): pandas, Dask, Spark."""
        return self.fs.unstrip_protocol(path)

    def load(self, documents: list[tuple[str, str]], columns: list[str] | None = None):
        """The stored rows (a DataFrame) of a partition, or None if it is missing, unreadable or not
        the partition of these documents."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = self.path(documents)
        try:
            with self.fs.open(path, "rb") as file:
                table = pq.read_table(file, columns=columns)
            signed = (table.schema.metadata or {}).get(_SIGNED)
        except (OSError, pa.ArrowException, ValueError):
            return None  # missing, or not (all) Parquet: made again
        if signed != _stem(path).encode():
            return None
        return table.to_pandas()

    def save(self, documents: list[tuple[str, str]], frame) -> str | None:
        """Write a partition's rows (a DataFrame) under a temporary name, then rename it; None if the
        store cannot be written (the results are the same, only made again next time)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = self.path(documents)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), _SIGNED: _stem(path).encode()})
        parent = path.rsplit("/", 1)[0]
        temporary = f"{parent}/.{_stem(path)}.{uuid.uuid4().hex}.tmp"
        try:
            self.fs.makedirs(parent, exist_ok=True)
            with self.fs.open(temporary, "wb") as file:
                pq.write_table(table, file)
            self.fs.mv(temporary, path)  # a rename on a filesystem; where there is none, a copy, then the
            # name is taken whole (object stores write an object at once)
        except OSError:
            with contextlib.suppress(OSError):
                self.fs.rm(temporary)
            return None
        return path


def _stem(path: str) -> str:
    """A partition file's name without ``.parquet``: the hash that names its documents."""
    return path.rsplit("/", 1)[-1].removesuffix(".parquet")
