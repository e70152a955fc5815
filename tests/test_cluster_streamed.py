"""The store and the streamed commands on a Dask cluster (split from ``test_cluster.py`` so that the two
test processes share the cluster tests): a second run recomputes nothing, the store's tables load with
pandas, and the streamed commands give the same output, errors and warnings as without a cluster."""

from __future__ import annotations

import csv
import io
import os
import random
import subprocess
import sys
from collections import Counter

import pandas as pd
import pyarrow.parquet as pq
import pytest
from helpers import ROOT, write

pytest.importorskip("distributed")

from test_cluster import files_of, reference, run  # noqa: E402


@pytest.fixture(scope="module")
def stored(cluster, tmp_path_factory):
    """A cache folder after ``phrases``, ``stance`` and ``keyterms`` of the seeds on the cluster."""
    cache = tmp_path_factory.mktemp("cache")
    commands = (["corpus"], ["phrases"], ["stance"], ["keyterms"], ["keyterms", "--split", "2025-06-01"])
    for command in (*commands, ["topics", "--k", "2", "--doc-topics"]):
        result = run(*command, scheduler=cluster[0], cache=cache)
        assert result.returncode == 0, result.stderr.decode()[-2000:]
    return cache


@pytest.mark.parametrize(
    "command",
    [
        ["corpus"],
        ["phrases"],
        ["phrases", "--period", "M"],
        ["stance"],
        ["keyterms"],
        ["keyterms", "--split", "2025-06-01"],
        ["topics", "--k", "2", "--doc-topics"],
    ],
    ids=" ".join,
)
def test_a_second_run_on_the_cluster_recomputes_nothing(cluster, stored, command):
    before = files_of(stored / "store")
    again = run(*command, scheduler=cluster[0], cache=stored)
    assert again.returncode == 0, again.stderr.decode()[-2000:]
    assert again.stdout == reference(*command).stdout
    assert files_of(stored / "store") == before  # no partition made or written again


def test_the_store_tables_load_with_pandas(stored):
    layouts = pd.read_parquet(stored / "store" / "layouts")
    first = layouts.set_index("doc_id").loc["000_71d1d54ed88e5950"]
    # seeds/000_...: "date 2025-12-02" heads it, its title follows, "TPO - " opens the body
    assert (first["date"], first["source"]) == ("2025-12-02", "TPO")
    assert first["title"] == "Việt Nam - Lào củng cố quan hệ đặc biệt, tạo động lực mới cho hợp tác chiến lược"

    counts = pd.read_parquet(stored / "store" / "phrase_counts")
    assert {"key", "doc_id", "date", "phrase", "count", "n_syllables"} <= set(counts.columns)
    found = counts[(counts["phrase"] == "hữu nghị vĩ đại") & (counts["count"] > 0)]
    # "hữu nghị vĩ đại" stands three times in seeds/000_..., once in seeds/002_...
    assert dict(zip(found["doc_id"], found["count"])) == {"000_71d1d54ed88e5950": 3, "002_80c75189325b5c6b": 1}

    statements = pd.read_parquet(stored / "store" / "statements")
    assert {"key", "doc_id", "sentence_id", "actor", "cue", "stance", "content"} <= set(statements.columns)
    his = statements[(statements["doc_id"] == "000_71d1d54ed88e5950") & (statements["actor"] == "Nguyễn Mạnh Cường")]
    # '"...", Thứ trưởng Bộ Ngoại giao Nguyễn Mạnh Cường nói.' (line 3), two paragraphs open 'Theo Thứ
    # trưởng ... Cường,' (lines 15, 19), the last closes '“...”, Thứ trưởng Nguyễn Mạnh Cường nhấn mạnh.'
    assert sorted(his["cue"]) == ["Theo", "Theo", "nhấn mạnh", "nói"]
    assert set(statements["key"]) <= set(layouts["key"])  # a document's key is the same in both

    tokens = pd.read_parquet(stored / "store" / "tokens")
    assert set(tokens["doc_id"]) == set(layouts["doc_id"])

    # the corpus table made on the workers: the rows the command prints without a cluster
    here_rows = pd.read_csv(io.BytesIO(reference("corpus").stdout), keep_default_na=False)
    rows = pd.read_parquet(stored / "store" / "corpus_rows")  # with "version" from the folders' names
    rows = rows[list(here_rows.columns)].sort_values("doc_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(rows, here_rows, check_dtype=False)

    # the content words keyness counted on the workers: those key terms count here, document by document
    from analysis import Session
    from analysis.topics.keyterms import content_terms

    terms = pd.read_parquet(stored / "store" / "term_counts")
    assert {"key", "doc_id", "term", "count"} <= set(terms.columns)
    here, doc_ids = content_terms(Session(ROOT / "seeds", cache_dir=None))
    for doc_id, words in zip(doc_ids, here):
        rows = terms[terms["doc_id"] == doc_id]
        assert dict(zip(rows["term"], rows["count"])) == Counter(words), doc_id


def test_duplicate_signatures_on_the_cluster_are_stored_and_not_made_again(cluster, tmp_path):
    from analysis.copies.duplicates import NUM_PERM

    rng = random.Random(8)
    words = "hợp tác phát triển kinh tế văn hóa giáo dục hữu nghị đặc biệt nhân dân chính phủ quốc hội".split()
    texts = {
        f"{i:02d}": f"Bài {i}\n\n" + ". ".join(" ".join(rng.choice(words) for _ in range(12)) for _ in range(8)) + ".\n"
        for i in range(40)
    }
    texts["07_copy"] = texts["07"] + "\n(Theo TTXVN)\n"  # a syndicated copy with a credit line
    texts["21_copy"] = texts["21"].replace("Bài 21", "Bài 21 (cập nhật)")
    for name, text in texts.items():
        write(tmp_path / "corpus" / f"{name}.txt", text)
    corpus, cache = str(tmp_path / "corpus"), tmp_path / "cache"
    expected = run("duplicates", "--corpus", corpus)  # this machine, no cache
    assert expected.returncode == 0, expected.stderr.decode()[-2000:]
    rows = list(csv.DictReader(io.StringIO(expected.stdout.decode())))
    clusters = {}
    for row in rows:
        clusters.setdefault(row["cluster_id"], set()).add(row["doc_id"])
    assert {"07", "07_copy"} in clusters.values() and {"21", "21_copy"} in clusters.values()

    first = run("duplicates", "--corpus", corpus, scheduler=cluster[0], cache=cache)
    assert first.returncode == 0 and first.stdout == expected.stdout, first.stderr.decode()[-2000:]
    # streamed: the workers made the signatures a partition at a time (the client never held the texts)
    from analysis.copies.duplicates import SEED, SHINGLE
    from analysis.streamed import sketch_work

    streamed = sketch_work(shingle=SHINGLE, num_perm=NUM_PERM, seed=SEED).version
    assert [p.name for p in (cache / "store" / "signatures").iterdir()] == [f"version={streamed}"]
    table = pd.read_parquet(cache / "store" / "signatures")
    assert sorted(table["doc_id"]) == sorted(texts)
    assert {len(s) for s in table["signature"]} == {4 * NUM_PERM}  # little-endian uint32 each
    before = files_of(cache / "store")
    again = run("duplicates", "--corpus", corpus, scheduler=cluster[0], cache=cache)
    assert again.returncode == 0 and again.stdout == expected.stdout
    assert files_of(cache / "store") == before  # read back, nothing made or written again


@pytest.mark.parametrize("command", [["stance"], ["keyterms"]], ids=" ".join)
def test_a_store_given_as_a_url_holds_the_results(cluster, tmp_path, command):
    # --store: a place the client and the workers share, named by an fsspec URL; the cache keeps no store
    shared, cache = tmp_path / "shared" / "store", tmp_path / "cache"
    url = shared.as_uri()  # file:///...
    first = run(*command, "--store", url, scheduler=cluster[0], cache=cache)
    assert first.returncode == 0, first.stderr.decode()[-2000:]
    assert first.stdout == reference(*command).stdout
    assert files_of(shared) and not (cache / "store").exists()
    before = files_of(shared)
    again = run(*command, "--store", url, scheduler=cluster[0], cache=cache)
    assert again.stdout == first.stdout and files_of(shared) == before  # read back, nothing made again


@pytest.mark.parametrize(
    "store, scheduler, cached, message",
    [
        (
            "nosuch://bucket/store",
            True,
            True,
            "--store nosuch://bucket/store: cannot use it (Protocol not known: nosuch)",
        ),
        ("{tmp}/store", False, True, "a store is kept by a cluster: give a scheduler too"),
        ("{tmp}/store", True, False, "a store is kept with a cache: not without one (--no-cache)"),
        ("{corpus}/store", True, True, "the store would be written inside the corpus"),
    ],
    ids=["unknown protocol", "no scheduler", "no cache", "inside the corpus"],
)
def test_a_store_that_cannot_be_used_is_one_line(cluster, tmp_path, store, scheduler, cached, message):
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", "Tiêu đề\n\nÔng Nguyễn Văn An cho biết giá điện sẽ tăng.\n")
    store = store.format(tmp=tmp_path, corpus=corpus)
    for command in (["stance"], ["keyterms"]):  # streamed, and read into this process
        result = run(
            *command,
            *("--corpus", str(corpus), "--store", store),
            scheduler=cluster[0] if scheduler else None,
            cache=tmp_path / "cache" if cached else None,
        )
        err = result.stderr.decode()
        assert result.returncode == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert not (corpus / "store").exists()


def test_the_store_variable_without_a_scheduler_changes_nothing(tmp_path, monkeypatch):
    # $ANALYSIS_STORE is for runs on a cluster: a run without one ignores it (--store would be an error)
    monkeypatch.setenv("ANALYSIS_STORE", str(tmp_path / "store"))
    monkeypatch.delenv("ANALYSIS_SCHEDULER", raising=False)
    result = run("corpus")
    assert (
        result.returncode == 0
        and result.stdout
        == subprocess.run(
            [sys.executable, "-m", "analysis", "corpus", "--csv", "--no-cache"],
            cwd=ROOT,
            capture_output=True,
            env={k: v for k, v in os.environ.items() if k != "ANALYSIS_STORE"},
        ).stdout
    )
    assert not (tmp_path / "store").exists()


def test_a_damaged_partition_is_made_again(cluster, tmp_path):
    cache = tmp_path / "cache"
    expected = run("stance", scheduler=cluster[0], cache=cache)
    (damaged,) = (cache / "store" / "statements").rglob("*.parquet")
    whole = damaged.read_bytes()
    damaged.write_bytes(whole[: len(whole) // 2])  # as a copy cut short would leave it
    again = run("stance", scheduler=cluster[0], cache=cache)
    assert again.returncode == 0 and again.stdout == expected.stdout
    assert pq.read_table(damaged).num_rows == pq.read_table(io.BytesIO(whole)).num_rows


@pytest.mark.parametrize(
    "args",
    [
        ["--split", "2030-01-01"],  # a group with no document
        ["--by", "nosuch", "--value", "x"],  # a column no document has: found on the workers
        ["--by", "source"],
    ],
    ids=" ".join,
)
def test_streamed_keyness_gives_the_same_errors(cluster, args):
    here, there = run("keyterms", *args), run("keyterms", *args, scheduler=cluster[0])
    assert here.returncode == there.returncode == 2
    assert there.stderr == here.stderr and len(there.stderr.splitlines()) == 1


def test_shingles_of_a_partition_the_store_could_not_keep_are_a_clear_error(tmp_path):
    # a store that cannot be written (a full disk) keeps no partition file: duplicates, which reads the
    # candidates' shingles back from it, says so in one line rather than failing on a missing file
    from analysis.errors import InputError
    from analysis.runtime.workers import Cluster
    from analysis.streamed import StreamedCorpus, Summary

    write(tmp_path / "corpus" / "a.txt", "Tiêu đề\n\nMột câu.\n")
    corpus = StreamedCorpus(tmp_path / "corpus", Cluster("tcp://nowhere:1"), cache_dir=tmp_path / "cache")
    corpus.summaries = [Summary(documents=1, stored=None)]
    with pytest.raises(InputError, match="could not be written"):
        corpus.stored_column("shingles")([0])


def test_streamed_duplicates_with_a_bad_threshold_is_the_same_one_line(cluster, tmp_path):
    here = run("duplicates", "--threshold", "2", cache=tmp_path / "here")
    there = run("duplicates", "--threshold", "2", scheduler=cluster[0], cache=tmp_path / "there")
    assert here.returncode == there.returncode == 2
    assert there.stderr == here.stderr and len(there.stderr.splitlines()) == 1


@pytest.mark.parametrize("phrase", ["...", "không có cụm này"])
def test_streamed_kwic_of_no_phrase_or_no_match_is_the_same(cluster, phrase):
    here, there = run("kwic", phrase), run("kwic", phrase, scheduler=cluster[0])
    assert (there.returncode, there.stdout, there.stderr) == (here.returncode, here.stdout, here.stderr)
    # a phrase with no syllable is an error; one found nowhere gives the header alone
    assert (here.returncode, len(here.stdout.splitlines())) in ((2, 0), (0, 1))


@pytest.mark.parametrize(
    "command",
    [["corpus"], ["kwic", "hữu nghị"], ["phrases"], ["phrases", "--period", "Y"], ["stance"], ["keyterms"]],
    ids=" ".join,
)
def test_streamed_tables_printed_without_csv_are_the_same(cluster, command):
    def shown(*extra):
        return subprocess.run(
            [sys.executable, "-m", "analysis", *command, "--no-cache", *extra],
            cwd=ROOT,
            capture_output=True,
            timeout=600,
        )

    here, there = shown(), shown("--scheduler", cluster[0])
    assert here.returncode == there.returncode == 0, there.stderr.decode()[-2000:]
    assert there.stdout == here.stdout


@pytest.mark.parametrize("skip_bad", [[], ["--skip-bad"]], ids=["error", "skip-bad"])
def test_streamed_bad_files_give_the_same_errors_and_warnings(cluster, tmp_path, skip_bad):
    """Files read on the workers: the same one-line error, or the same warnings in the same order."""
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        write(tmp_path / seed.name, seed.read_bytes())
    write(tmp_path / "zz_bad.txt", b"a\x00b\x00")  # UTF-16 without a byte-order mark
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "metadata.csv", "doc_id,date\nnothere,2020-01-01\nzz_bad,2020-01-02\n")
    for command in ("stance", "corpus", "keyterms"):  # keyterms: two passes, the warnings once
        here = run(command, "--corpus", str(tmp_path), *skip_bad)
        there = run(command, "--corpus", str(tmp_path), *skip_bad, scheduler=cluster[0])
        assert (there.returncode, there.stdout, there.stderr) == (here.returncode, here.stdout, here.stderr)
        assert here.returncode == (0 if skip_bad else 2)
        assert here.stderr.decode().count("zz_bad") == (2 if skip_bad else 1)  # the file, then its metadata row
