"""The per-document work on a Dask cluster: the same outputs as local processes, a lost worker costs
nothing but time, a scheduler that cannot be reached is one line, and without the option no Dask."""

from __future__ import annotations

import filecmp
import functools
import io
import os
import random
import signal
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

import psutil
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


def run(*args: str, scheduler: str | None = None, cache: Path | None = None) -> subprocess.CompletedProcess:
    extra = ["--scheduler", scheduler] if scheduler else []
    extra += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args, "--csv", *extra],
        cwd=ROOT,
        capture_output=True,
        timeout=600,
    )


@functools.cache
def reference(*args: str) -> subprocess.CompletedProcess:
    """``run(*args)`` without a cluster or a cache, once per test process: what a run on a cluster must give."""
    return run(*args)


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
    """200 VNTC files (UTF-16, CRLF; two partitions of the store), read from the shared tarball."""
    if not TARBALL.is_file():
        pytest.skip(f"the VNTC corpus is not at {TARBALL} (see ../shared/corpora/README.md)")
    root = tmp_path_factory.mktemp("vntc")
    with tarfile.open(TARBALL, "r:gz") as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")), key=lambda m: m.name)
        chosen = random.Random(14).sample(members, 200)
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


@pytest.mark.parametrize("command", [["topics", "--k", "3", "--doc-topics"]], ids=" ".join)
def test_streamed_topics_of_vntc_files_are_the_same(cluster, vntc_sample, tmp_path, command):
    # with a cache, topics reads its units on the workers into the store (200 files: a unit per document)
    here = run(*command, "--corpus", str(vntc_sample))
    there = run(*command, "--corpus", str(vntc_sample), scheduler=cluster[0], cache=tmp_path / "cache")
    assert here.returncode == there.returncode == 0, there.stderr.decode()[-2000:]
    assert there.stdout == here.stdout and there.stderr == here.stderr
    assert list((tmp_path / "cache" / "store" / "topic_units").rglob("*.parquet"))


@pytest.mark.parametrize("extra", [["--doc-topics"]], ids=["choose k, fit, doc-topics"])
def test_streamed_topics_read_back_only_the_units_they_fit_on(cluster, vntc_sample, tmp_path, monkeypatch, extra):
    # above FIT_SAMPLE (and SELECTION_SAMPLE) units the model (and k) is fitted on a seeded sample: a run on a
    # cluster reads back from the store those units' terms only, and gives what a run without one gives
    from analysis import streamed
    from analysis.topics import models as tm

    monkeypatch.setattr(tm, "FIT_SAMPLE", 40)
    monkeypatch.setattr(tm, "SELECTION_SAMPLE", 20)
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
    assert read == ([20] if extra == ["--select-k"] else [20, 40])


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


@pytest.mark.parametrize("command", ["corpus", "phrases"])
def test_a_worker_killed_during_a_run_loses_and_duplicates_nothing(cluster_to_break, made_up, command):
    """The documents are read on the workers, a partition at a time."""
    address, client = cluster_to_break
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
