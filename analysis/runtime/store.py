"""Per-document results as Parquet files, in a folder that a cluster's client and workers share.

The store lives in ``<cache-dir>/store/``, one folder per table; the workers write it, and the
client reads it to stream outputs and to take the layouts and duplicate signatures it holds (so
that only the partitions it lacks are sent to the workers with their texts). A table holds
partitions of documents (runs of consecutive documents, :func:`partitions`), one file each::

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

__all__ = ["PartitionStore", "partitions", "store_dir", "PARTITION_SIZE"]

#: Documents a partition holds on average (boundaries are drawn by doc_id, see :func:`partitions`).
PARTITION_SIZE = 128
#: The schema metadata entry naming the documents a file holds.
_SIGNED = b"analysis.partition"


def store_dir(cache_dir: str | Path | None) -> Path | None:
    """The store of a cache folder: ``<cache_dir>/store`` (None without a cache)."""
    return None if cache_dir is None else Path(cache_dir) / "store"


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
    folder : path
        The store (``<cache-dir>/store``).
    table : str
        The table's folder name (``layouts``, ``tokens``, ``phrase_counts``, ``statements``).
    version : str
        A hash of the code and options that make the rows.
    """

    def __init__(self, folder: str | Path, table: str, version: str):
        self.folder = Path(folder) / table / f"version={version}"
        self.version = version

    def name(self, documents: list[tuple[str, str]]) -> str:
        """The hash naming a partition of ``(doc_id, key)`` documents."""
        digest = hashlib.sha256(self.version.encode())
        for doc_id, key in documents:
            digest.update(f"\0{doc_id}\0{key}".encode())
        return digest.hexdigest()

    def path(self, documents: list[tuple[str, str]]) -> Path:
        name = self.name(documents)
        return self.folder / f"part-{name[:2]}" / f"{name}.parquet"

    def load(self, documents: list[tuple[str, str]], columns: list[str] | None = None):
        """The stored rows (a DataFrame) of a partition, or None if it is missing, unreadable or not
        the partition of these documents."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = self.path(documents)
        try:
            table = pq.read_table(path, columns=columns)
            signed = (table.schema.metadata or {}).get(_SIGNED)
        except (OSError, pa.ArrowException, ValueError):
            return None  # missing, or not (all) Parquet: made again
        if signed != path.stem.encode():
            return None
        return table.to_pandas()

    def save(self, documents: list[tuple[str, str]], frame) -> Path | None:
        """Write a partition's rows (a DataFrame) under a temporary name, then rename it; None if the
        store cannot be written (the results are the same, only made again next time)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = self.path(documents)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), _SIGNED: path.stem.encode()})
        temporary = path.with_name(f".{path.stem}.{uuid.uuid4().hex}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, temporary)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            return None
        return path
