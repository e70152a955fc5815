"""The per-document work on a Dask cluster: the same outputs as local processes, a lost worker costs
nothing but time, a scheduler that cannot be reached is one line, and without the option no Dask."""

from __future__ import annotations

import csv
import filecmp
import io
import os
import random
import signal
import subprocess
import sys
import tarfile
import threading
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import psutil
import pyarrow.parquet as pq
import pytest
from helpers import ROOT, write

distributed = pytest.importorskip("distributed")

TARBALL = ROOT.parent / "shared" / "corpora" / "vntc-train.tar.gz"
COMMANDS = [
    ["corpus"],
    ["phrases"],
    ["phrases", "--period", "Y"],
    ["phrases", "--period", "M"],
    ["phrases", "--keep-captions"],
    ["kwic", "hợp tác"],
    ["discover"],
    ["keyterms"],
    ["keyterms", "--split", "2025-06-01"],  # keyness: streamed, the groups' totals added up on the workers
    ["keyterms", "--split", "2025-06-01", "--phrases"],
    ["topics", "--k", "2"],
    ["stance"],
    ["duplicates"],
]


@pytest.fixture(scope="module")
def cluster():
    """A two-worker cluster on this machine, as a user would start with ``dask scheduler``/``dask worker``."""
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local,
        distributed.Client(local) as client,
    ):
        yield local.scheduler_address, client


def run(*args: str, scheduler: str | None = None, cache: Path | None = None) -> subprocess.CompletedProcess:
    extra = ["--scheduler", scheduler] if scheduler else []
    extra += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args, "--csv", *extra],
        cwd=ROOT,
        capture_output=True,
        timeout=600,
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_gives_the_same_output_on_a_cluster(cluster, command):
    here, there = run(*command), run(*command, scheduler=cluster[0])
    assert here.returncode == there.returncode == 0, there.stderr.decode()[-2000:]
    assert there.stdout == here.stdout


def test_figures_are_byte_identical_on_a_cluster(cluster, tmp_path):
    """The committed figures are those of a run without a cluster (tests/test_cli.py checks that)."""
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "figures", "--out", str(tmp_path), "--no-cache", "--scheduler", cluster[0]],
        cwd=ROOT,
        capture_output=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    names = sorted(p.name for p in (ROOT / "figures").iterdir() if p.is_file())  # not notebooks/, the reports
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    match, mismatch, errors = filecmp.cmpfiles(ROOT / "figures", tmp_path, names, shallow=False)
    assert mismatch == errors == []


@pytest.fixture(scope="module")
def vntc_sample(tmp_path_factory):
    """300 VNTC files (UTF-16, CRLF), read from the shared tarball."""
    if not TARBALL.is_file():
        pytest.skip(f"the VNTC corpus is not at {TARBALL} (see ../shared/corpora/README.md)")
    root = tmp_path_factory.mktemp("vntc")
    with tarfile.open(TARBALL, "r:gz") as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")), key=lambda m: m.name)
        chosen = random.Random(14).sample(members, 300)
        tar.extractall(root, members=sorted(chosen, key=lambda m: m.offset), filter="data")
    days = random.Random(15)  # dates over two years, for totals per month
    rows = [f"{m.name[: -len('.txt')]},2006-{days.randint(1, 12):02d}-{days.randint(1, 28):02d}" for m in chosen]
    write(root / "metadata.csv", "doc_id,date\n" + "\n".join(sorted(rows)) + "\n")
    return root


@pytest.mark.parametrize(
    "command",
    [
        ["corpus"],
        ["phrases"],
        ["phrases", "--period", "M"],
        ["stance"],
        ["duplicates"],
        ["keyterms", "--split", "2006-07-01"],
        ["keyterms"],  # two passes: the terms' document frequencies, then each document's top terms
        ["kwic", "hợp tác", "--window", "5"],
    ],
    ids=" ".join,
)
def test_vntc_files_give_the_same_output_on_a_cluster(cluster, vntc_sample, command):
    here = run(*command, "--corpus", str(vntc_sample))
    there = run(*command, "--corpus", str(vntc_sample), scheduler=cluster[0])
    assert here.returncode == there.returncode == 0, there.stderr.decode()[-2000:]
    assert there.stdout == here.stdout


def in_process(*args: str, cache: Path | None = None) -> bytes:
    """The CSV of ``python -m analysis ARGS --csv --no-cache`` (or with ``--cache-dir cache``), run in this
    process (where a test can lower the number of units from which the topic inference is shared out)."""
    import contextlib

    from analysis.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*args, "--csv", *(["--cache-dir", str(cache)] if cache else ["--no-cache"])]) == 0
    return out.getvalue().encode()


@pytest.mark.parametrize("command", [["topics", "--k", "3"], ["topics", "--k", "3", "--doc-topics"]], ids=" ".join)
def test_streamed_topics_of_vntc_files_are_the_same(cluster, vntc_sample, tmp_path, command):
    # with a cache, topics reads its units on the workers into the store (300 files: a unit per document)
    here = run(*command, "--corpus", str(vntc_sample))
    there = run(*command, "--corpus", str(vntc_sample), scheduler=cluster[0], cache=tmp_path / "cache")
    assert here.returncode == there.returncode == 0, there.stderr.decode()[-2000:]
    assert there.stdout == here.stdout and there.stderr == here.stderr
    assert list((tmp_path / "cache" / "store" / "topic_units").rglob("*.parquet"))


@pytest.mark.parametrize("extra", [[], ["--doc-topics"], ["--select-k"]], ids=["choose k", "doc-topics", "select-k"])
def test_streamed_topics_read_back_only_the_units_they_fit_on(cluster, vntc_sample, tmp_path, monkeypatch, extra):
    # above FIT_SAMPLE (and SELECTION_SAMPLE) units the model (and k) is fitted on a seeded sample: a run on a
    # cluster reads back from the store those units' terms only, and gives what a run without one gives
    from analysis import streamed
    from analysis.topics import models as tm

    monkeypatch.setattr(tm, "FIT_SAMPLE", 120)
    monkeypatch.setattr(tm, "SELECTION_SAMPLE", 60)
    read = []
    column = streamed.StreamedCorpus.stored_column

    def counted(self, name, sizes=None):
        values = column(self, name, sizes)
        return lambda indices: read.append(len(indices)) or values(indices)

    monkeypatch.setattr(streamed.StreamedCorpus, "stored_column", counted)
    args = ["topics", "--corpus", str(vntc_sample), *extra]
    here = in_process(*args)
    there = in_process(*args, "--scheduler", cluster[0], cache=tmp_path / "cache")
    assert there == here
    assert read == ([60] if extra == ["--select-k"] else [60, 120])


@pytest.fixture
def inference_shared_from_40_units(monkeypatch):
    """The inference of 40 units or more is shared out (in tasks of 20 units on a cluster), so that
    the seeds' paragraphs take that path in every pass of a fit and in the proportions. Gives the
    sizes of the inferences that the local pool shared out, as they start."""
    from analysis.runtime import parallel
    from analysis.topics import models

    monkeypatch.setattr(models, "PARALLEL_UNITS", 40)
    monkeypatch.setattr(models, "CLUSTER_PART_UNITS", 20)
    shared, parallel_map = [], parallel.parallel_map

    def noted(fn, items, **options):
        if getattr(fn, "func", None) is models._infer_shared:
            shared.append(len(fn.args[1]))
        return parallel_map(fn, items, **options)

    monkeypatch.setattr(parallel, "parallel_map", noted)
    return shared


@pytest.mark.parametrize("command", [["topics", "--k", "2"], ["topics", "--k", "3", "--doc-topics"]], ids=" ".join)
def test_topic_inference_runs_on_the_workers_with_the_same_output(cluster, inference_shared_from_40_units, command):
    from analysis.runtime import cluster as dask_run
    from analysis.session import Session
    from analysis.topics import models

    address, client = cluster
    units = len(models.modelling_units(Session(cache_dir=None)))
    assert units >= 40  # the seeds' paragraphs
    here = in_process(*command)
    # 30 passes of online learning (fewer than 1,000 units), each over all the units at once (a
    # chunk holds 512), then the proportions for --doc-topics: each inference shared out locally
    calls = 30 + ("--doc-topics" in command)
    assert inference_shared_from_40_units == [units] * calls
    inference_shared_from_40_units.clear()
    try:
        with distributed.get_task_stream(client) as stream:
            there = in_process(*command, "--scheduler", address)
    finally:
        dask_run.close_all()  # this process's client, before the cluster closes
    assert there == here
    inferred = [task for task in stream.data if str(task["key"]).startswith("_infer_part-")]
    assert len(inferred) == calls * -(-units // 20)  # on the workers, in tasks of 20 units
    assert inference_shared_from_40_units == []  # none in the local pool


@pytest.fixture(scope="module")
def made_up(tmp_path_factory):
    """3,000 made-up articles: tokenising them takes seconds."""
    root = tmp_path_factory.mktemp("made_up")
    rng = random.Random(5)
    words = "hợp tác phát triển kinh tế văn hóa giáo dục hữu nghị đặc biệt nhân dân chính phủ quốc hội".split()
    for i in range(3000):
        write(
            root / f"{i:04d}.txt",
            f"Bài {i}\n\n"
            + ". ".join(" ".join(rng.choice(words) for _ in range(12)).capitalize() for _ in range(12))
            + ".\n",
        )
    return root


@pytest.mark.parametrize("command", ["corpus", "phrases", "keyterms"])
def test_a_worker_killed_during_a_run_loses_and_duplicates_nothing(cluster, made_up, command):
    """The documents are read on the workers, a partition at a time (``keyterms`` twice: a worker killed
    in its second pass also loses the vocabulary sent to it)."""
    address, client = cluster
    expected = run(command, "--corpus", str(made_up))
    pids = client.run(os.getpid)  # worker address -> process id
    killed = []

    def kill_one_while_it_works():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            busy = [worker for worker, tasks in client.processing().items() if tasks and worker in pids]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(pids[busy[0]])
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one_while_it_works)
    killer.start()
    result = run(command, "--corpus", str(made_up), scheduler=address)
    killer.join()
    assert killed, "no worker was busy to be killed"
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert result.stdout == expected.stdout
    client.wait_for_workers(2, timeout=60)  # the nanny replaces the lost worker for the next tests


def test_a_scheduler_that_cannot_be_reached_is_one_line(monkeypatch):
    monkeypatch.setenv("ANALYSIS_SCHEDULER_TIMEOUT", "2s")
    result = run("corpus", scheduler="tcp://127.0.0.1:9")
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.startswith("error: --scheduler tcp://127.0.0.1:9: cannot connect") and len(err.splitlines()) == 1, err
    assert "Traceback" not in err


def test_without_a_scheduler_dask_is_never_imported():
    code = (
        "import sys, io, contextlib\nfrom analysis.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for command in ('corpus', 'phrases', 'stance', 'duplicates'):\n        main([command, '--no-cache'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if k != "ANALYSIS_SCHEDULER"},
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert result.stdout.decode().strip() == "[]"


@pytest.mark.parametrize("after", [0.0, 0.5, None])
def test_ctrl_c_with_a_local_cluster_is_one_line(made_up, after):
    """SIGINT to the process group while the cluster starts (None), or once its workers exist."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis",
            "corpus",
            "--csv",
            "--corpus",
            str(made_up),
            "--no-cache",
            "--scheduler",
            "local",
        ],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while after is not None and time.monotonic() < deadline and len(psutil.Process(proc.pid).children(True)) < 2:
        time.sleep(0.01)
    time.sleep(after or 0.8)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    lines = [line for line in err.decode().splitlines() if not line.startswith("warning: ")]
    assert proc.returncode == 130 and lines == ["interrupted"], err.decode()[-3000:]


# --- The Parquet store: written by the workers, found again, loaded with pandas ---------------


def files_of(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file below ``folder``: (inode, size, modification time), which any rewrite changes."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_many_partitions_are_sent_in_several_graphs_and_come_back_all_in_order(cluster, monkeypatch):
    # 150 items go to the scheduler in graphs of 64, 64 and 22 (so that none is large); every result
    # must come back once, in the order of the items, and the aggregates add up over all of them.
    # cluster_imap sends its batches a few at a time, results in order.
    import operator

    from analysis.runtime import cluster as dask_run
    from analysis.runtime.workers import Cluster

    items = [(i, [i, i * i], i) for i in range(150)]
    connected, sizes = dask_run.client(Cluster(cluster[0])), []
    original = connected.map
    monkeypatch.setattr(connected, "map", lambda fn, *its, **kw: sizes.append(len(its[0])) or original(fn, *its, **kw))
    try:
        submitted = dask_run.cluster_submit(operator.itemgetter(0, 1, 2), items, Cluster(cluster[0]), merge=sum)
        assert list(submitted) == [(i, [i, i * i]) for i in range(150)]
        assert submitted.total() == 150 * 149 // 2
        assert sizes[:3] == [64, 64, 22]  # then the small maps over the results' futures
        imap = dask_run.cluster_imap(operator.neg, list(range(3000)), Cluster(cluster[0]))
        assert list(imap) == [-i for i in range(3000)]
        # items that are batches already (partitions of documents) go one to a task, and only a few tasks
        # ahead of those taken back: the scheduler holds what a task carries (texts) until it is done
        sent, ahead = [], []
        submit = connected.submit
        monkeypatch.setattr(connected, "submit", lambda fn, *a, **kw: sent.append(len(a[-1])) or submit(fn, *a, **kw))
        imap = dask_run.cluster_imap(operator.neg, list(range(100)), Cluster(cluster[0]), batch=1)
        for i, result in enumerate(imap):
            assert result == -i
            ahead.append(len(sent) - i)
        assert sent == [1] * 100
        workers = len(connected.scheduler_info(n_workers=-1)["workers"])
        assert max(ahead) == workers * dask_run._AHEAD  # never all 100 at once
    finally:
        dask_run.close_all()  # this process's client, before the cluster closes


def test_the_client_keeps_no_copy_of_the_tasks_it_sent(cluster):
    # Dask keeps the last 1,000 messages of a connection for its developers, the tasks' arguments with
    # them: the units of every pass of a topic model's fit stayed in the client (6.2 GB on VNTC)
    import operator

    from analysis.runtime import cluster as dask_run
    from analysis.runtime.workers import Cluster

    parts = [list(range(i, i + 1000)) for i in range(0, 20_000, 1000)]
    connected = dask_run.client(Cluster(cluster[0]))
    try:
        results = list(dask_run.cluster_imap_shared(operator.mul, 2, parts, Cluster(cluster[0])))
        assert results == [part * 2 for part in parts]
        assert len(connected.scheduler_comm.recent_message_log) == 0
    finally:
        dask_run.close_all()  # this process's client, before the cluster closes


def test_a_local_cluster_keeps_no_copy_and_leaves_the_configuration_as_it_was():
    # With --scheduler local the scheduler runs in this process: its connections to the workers must not
    # keep the tasks either; and Dask's configuration outside the connections made is left as it was
    import operator

    import dask

    from analysis.runtime import cluster as dask_run
    from analysis.runtime.workers import Cluster

    before = dask.config.get("distributed.admin.low-level-log-length")
    parts = [list(range(i, i + 1000)) for i in range(0, 20_000, 1000)]
    connected = dask_run.client(Cluster("local", 2))
    try:
        results = list(dask_run.cluster_imap_shared(operator.mul, 2, parts, Cluster("local", 2)))
        assert results == [part * 2 for part in parts]
        streams = [connected.scheduler_comm, *connected.cluster.scheduler.stream_comms.values()]
        assert len(streams) == 3 and all(len(stream.recent_message_log) == 0 for stream in streams)
        assert dask.config.get("distributed.admin.low-level-log-length") == before > 0
    finally:
        dask_run.close_all()


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
    assert again.stdout == run(*command).stdout
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
    here_rows = pd.read_csv(io.BytesIO(run("corpus").stdout), keep_default_na=False)
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
    assert first.stdout == run(*command).stdout
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
        ["--split", "2025-13-01"],
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
