"""The Parquet store of per-document results: partitions found again by their documents, files
written whole or not at all, damaged files not trusted."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from analysis.runtime.store import PartitionStore, partitions

DOCS = [("a", "k1"), ("b", "k2")]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"key": ["k1", "k2"], "doc_id": ["a", "b"], "count": [3, 0]})


def test_a_partition_saved_is_loaded_again(tmp_path):
    store = PartitionStore(tmp_path, "counts", "v1")
    path = Path(store.save(DOCS, frame()))
    assert path.parent.parent == tmp_path / "counts" / "version=v1"
    assert path.parent.name == f"part-{path.stem[:2]}"
    loaded = store.load(DOCS)
    assert loaded["doc_id"].tolist() == ["a", "b"] and loaded["count"].tolist() == [3, 0]


@pytest.mark.parametrize(
    "other",
    [
        [("a", "k1"), ("b", "changed")],  # a document's text changed
        [("a", "k1")],  # one left out
        [("b", "k2"), ("a", "k1")],  # another order
    ],
)
def test_other_documents_are_another_partition(tmp_path, other):
    store = PartitionStore(tmp_path, "counts", "v1")
    store.save(DOCS, frame())
    assert store.load(other) is None


def test_other_code_is_another_folder(tmp_path):
    PartitionStore(tmp_path, "counts", "v1").save(DOCS, frame())
    assert PartitionStore(tmp_path, "counts", "v2").load(DOCS) is None


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_a_damaged_file_is_not_trusted(tmp_path, damage):
    store = PartitionStore(tmp_path, "counts", "v1")
    path = Path(store.save(DOCS, frame()))
    data = path.read_bytes()
    path.write_bytes({"truncate": data[: len(data) // 2], "garbage": b"PAR1" + b"\x00" * 64, "empty": b""}[damage])
    assert store.load(DOCS) is None
    store.save(DOCS, frame())  # made again: whole
    assert store.load(DOCS)["count"].tolist() == [3, 0]


def test_a_file_of_another_partition_under_its_name_is_not_trusted(tmp_path):
    store = PartitionStore(tmp_path, "counts", "v1")
    other, target = store.save([("c", "k3")], frame()), Path(store.path(DOCS))
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(other, target)
    assert store.load(DOCS) is None


def test_pandas_reads_a_table_without_the_temporary_files(tmp_path):
    store = PartitionStore(tmp_path, "counts", "v1")
    path = Path(store.save(DOCS, frame()))
    (path.parent / f".{path.stem}.half.tmp").write_bytes(b"PAR1 half a file")  # a writer killed midway
    table = pd.read_parquet(tmp_path / "counts")
    assert table["doc_id"].tolist() == ["a", "b"] and set(table["version"]) == {"v1"}


def test_no_temporary_file_is_left(tmp_path):
    store = PartitionStore(tmp_path, "counts", "v1")
    store.save(DOCS, frame())
    store.save(DOCS, frame())  # a second writer of the same partition
    assert [p.name for p in (tmp_path / "counts").rglob("*") if p.name.startswith(".")] == []


def test_an_unwritable_store_is_gone_without(tmp_path):
    (tmp_path / "counts").write_text("a file where the table's folder should be")
    assert PartitionStore(tmp_path, "counts", "v1").save(DOCS, frame()) is None


def test_partitions_cover_every_document_once_in_order():
    ids = [f"doc{i:05d}" for i in range(5000)]
    runs = list(partitions(ids, size=64))
    assert [i for run in runs for i in run] == list(range(5000))
    assert max(len(r) for r in runs) <= 4 * 64 and len(runs) > 5000 // (4 * 64)


def test_a_new_document_changes_only_its_own_partition():
    ids = [f"doc{i:05d}" for i in range(3000)]
    before = [tuple(ids[i] for i in run) for run in partitions(ids, size=64)]
    grown = sorted([*ids, "doc01500a"])
    after = [tuple(grown[i] for i in run) for run in partitions(grown, size=64)]
    changed = set(after) - set(before)
    assert len(changed) == 1 and "doc01500a" in next(iter(changed))


def test_a_store_on_another_filesystem_by_its_url():
    # fsspec's in-memory filesystem stands for any other one (an object store, a remote share)
    import fsspec

    store = PartitionStore("memory://analysis-test/store", "counts", "v1")
    path = store.save(DOCS, frame())
    assert path.startswith("/analysis-test/store/counts/version=v1/part-")
    assert store.url(path) == f"memory://{path}"  # as the client reads it back: pandas opens any URL
    assert pd.read_parquet(store.url(path))["doc_id"].tolist() == ["a", "b"]
    assert store.load(DOCS)["count"].tolist() == [3, 0] and store.load([("a", "k1")]) is None
    memory = fsspec.filesystem("memory")
    assert [p for p in memory.find("/analysis-test") if p.rsplit("/", 1)[-1].startswith(".")] == []  # moved whole
    memory.pipe(path, b"PAR1 damaged")
    assert store.load(DOCS) is None
    memory.rm("/analysis-test", recursive=True)
