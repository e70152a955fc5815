#!/usr/bin/env python3
"""Speed and memory of ``python -m analysis`` on VNTC, against plain single-process pyvi.

Each measurement is a whole process, started with :mod:`subprocess` and reaped with
:func:`os.wait4`, so it includes interpreter start-up, imports, reading the files and
writing the output:

* ``baseline``: a small inline Python program that reads every ``.txt`` file of the
  sample (UTF-16) and calls ``pyvi.ViTokenizer.tokenize`` on its whole text, in one process;
* for each command of :data:`COMMANDS`:
  ``cold``: ``python -m analysis <command> --csv --corpus SAMPLE --cache-dir EMPTY``;
  ``warm``: the same again, with the cache the cold run filled.

Per process it records wall-clock seconds, CPU seconds (user + system, the process
and its reaped workers), the peak RSS of the largest single process (``ru_maxrss``
from ``wait4``, what ``/usr/bin/time -f %M`` prints) and, with ``--tree-sampling``, the peak
summed RSS and PSS of the whole process tree (the parent plus its workers), sampled from
``/proc/PID/smaps_rollup`` every 0.1 s. That sampling is off by default because it slows what
it measures: reading ``smaps_rollup`` walks the page tables of every process of the tree
(about 9 GB of them in a ``figures`` run on all of VNTC) ten times a second, under the
processes' memory locks. Measured on all of VNTC at aee7fd0, same baseline run before each:
cold ``figures`` 458.7 s with it, 348.3 s without (``figures-all-7`` / ``figures-all-8``).

The sample is read from ``../shared/corpora/vntc-train.tar.gz`` (or ``--tarball``)
and extracted into a temporary folder outside the project; without the tarball
the script says so and exits 0. Results go to ``benchmarks/results/<name>.json``.

    .venv/bin/python benchmarks/bench_tokenise.py --repeat 3     # 2,000 files
    .venv/bin/python benchmarks/bench_tokenise.py --all          # all 33,759 files
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
DEFAULT_TARBALL = PROJECT.parent / "shared" / "corpora" / "vntc-train.tar.gz"
RESULTS = BENCH / "results"
VNTC_FILES = 33_759


@dataclass(frozen=True)
class Command:
    """One ``python -m analysis`` command to time cold (empty cache) and warm (cache filled).

    ``cold_limit`` / ``warm_limit`` are the largest allowed ratios of its time to the
    baseline's (None: no requirement); they are reported, and enforced with ``--check``.
    """

    name: str
    argv: tuple[str, ...]
    cold_limit: float | None = None
    warm_limit: float | None = None
    note: str = ""


# The commands this benchmark knows. To time another one, add it here and pass
# ``--commands corpus,<name>``.
COMMANDS: dict[str, Command] = {
    c.name: c
    for c in [
        Command(
            "corpus",
            ("corpus", "--csv"),
            cold_limit=0.8,
            warm_limit=0.1,
            note="issue 2: on 2,000 VNTC files, cold <= 0.8 x baseline and warm <= 0.1 x baseline",
        ),
        Command(
            "phrases",
            ("phrases", "--csv"),
            cold_limit=0.1,
            note="issue 3: phrase counting needs syllables, not pyvi: cold <= 0.1 x baseline",
        ),
        Command("kwic", ("kwic", "hợp tác", "--csv")),
        Command("discover", ("discover", "--csv")),
        Command("keyterms", ("keyterms", "--csv")),
        Command("topics", ("topics", "--k", "10", "--csv")),
        Command("stance", ("stance", "--csv")),
        Command(
            "figures",
            ("figures", "--out", "{out}"),
            cold_limit=3.0,
            warm_limit=1.0,
            note="issue 11: on all VNTC files, cold <= 3 x baseline and warm <= 1 x baseline; largest process <= 3 GB",
        ),
    ]
}
DEFAULT_COMMANDS = ("corpus", "phrases")
#: Every command of the contract that issue 11 times, and the figures.
ALL_COMMANDS = ("corpus", "phrases", "kwic", "discover", "keyterms", "topics", "stance", "figures")

# The baseline: plain pyvi, one process, every file's full text. argv[1] is the folder.
BASELINE = r"""
import sys
from pathlib import Path
from pyvi import ViTokenizer

n_files = n_chars = 0
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    text = path.read_text(encoding="utf-16")
    n_chars += len(ViTokenizer.tokenize(text))
    n_files += 1
print(n_files, n_chars)
"""


# --------------------------------------------------------------------------- measuring


@dataclass
class Run:
    """One timed process."""

    label: str
    seconds: float
    cpu_seconds: float
    max_rss_kb: int  # largest single process (ru_maxrss of wait4)
    tree_rss_kb: int | None  # peak of the summed RSS of the process tree, sampled
    tree_pss_kb: int | None  # peak of the summed PSS of the process tree, sampled
    exit_code: int
    stderr_lines: int
    stderr_sample: list[str] = field(default_factory=list)
    foreign_cpu_seconds: float | None = None  # CPU time used meanwhile by processes not being measured
    cache_bytes_after: int | None = None  # size of the cache folder after the run
    discarded: list[dict] = field(default_factory=list)  # attempts redone because of foreign load

    @property
    def foreign_load(self) -> float | None:
        """Foreign CPU time as a fraction of what all CPUs could do in the run's wall time."""
        if self.foreign_cpu_seconds is None or not self.seconds:
            return None
        return self.foreign_cpu_seconds / (self.seconds * (os.cpu_count() or 1))


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid ...; comm may contain spaces and parentheses
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree(pid: int) -> list[int]:
    kids = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, ()))
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB, from smaps_rollup (0, 0 if it is gone)."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


class _TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self.ok = os.path.exists("/proc/self/smaps_rollup")
        self._stop_event = threading.Event()

    def run(self):
        while self.ok and not self._stop_event.is_set():
            rss = pss = 0
            for p in _tree(self.pid):
                r, s = _memory_kb(p)
                rss += r
                pss += s
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self._stop_event.wait(self.interval)

    def stop(self):
        self._stop_event.set()
        self.join()


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def busy_cpu_seconds() -> float | None:
    """CPU seconds all processes have used since boot (``/proc/stat``), or None off Linux."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    guest = sum(fields[8:10]) if len(fields) > 9 else 0  # already counted in user / nice
    return (sum(fields) - idle - guest) / _TICK


def _own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system


def wait_until_idle(max_load: float, settle: float = 3.0, timeout: float = 900.0) -> float:
    """Wait until other processes use under ``max_load`` of all CPUs for ``settle`` seconds.

    Returns the seconds waited (``timeout`` at most; then it goes ahead regardless).
    """
    start = time.monotonic()
    ncpu = os.cpu_count() or 1
    quiet_since = None
    while True:
        b0, own0, t0 = busy_cpu_seconds(), _own_cpu_seconds(), time.monotonic()
        if b0 is None:
            return 0.0
        time.sleep(1.0)
        load = (busy_cpu_seconds() - b0 - (_own_cpu_seconds() - own0)) / ((time.monotonic() - t0) * ncpu)
        now = time.monotonic()
        if load <= max_load:
            quiet_since = quiet_since or t0
            if now - quiet_since >= settle:
                return now - start
        else:
            quiet_since = None
        if now - start >= timeout:
            print(f"  (still busy after {timeout:.0f} s: load {load:.0%}; measuring anyway)", flush=True)
            return now - start


def measure(
    label: str, argv: list[str], *, stdout, stderr_path: Path, cwd: Path, env: dict, sample_tree: bool = False
) -> Run:
    """Run ``argv`` as a whole process; wall clock, CPU, peak memory and exit code."""
    with open(stderr_path, "wb") as err:
        busy0, own0 = busy_cpu_seconds(), _own_cpu_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=err, cwd=cwd, env=env, start_new_session=True
        )
        sampler = _TreeSampler(proc.pid) if sample_tree else None
        try:
            if sampler:
                sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: take the child and its workers down with us
            try:
                os.killpg(proc.pid, 15)
            except ProcessLookupError:
                pass
            proc.wait()
            raise
        finally:
            seconds = time.perf_counter() - start
            if sampler:
                sampler.stop()
        busy1, own1 = busy_cpu_seconds(), _own_cpu_seconds()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    cpu = usage.ru_utime + usage.ru_stime
    foreign = None if busy0 is None else max(0.0, (busy1 - busy0) - cpu - (own1 - own0))
    lines = stderr_path.read_text(encoding="utf-8", errors="replace").splitlines()
    tree_ok = sampler is not None and sampler.ok
    return Run(
        label=label,
        seconds=round(seconds, 3),
        cpu_seconds=round(cpu, 3),
        max_rss_kb=usage.ru_maxrss,  # kB on Linux
        tree_rss_kb=sampler.peak_rss if tree_ok else None,
        tree_pss_kb=sampler.peak_pss if tree_ok else None,
        exit_code=proc.returncode,
        stderr_lines=len(lines),
        stderr_sample=lines if len(lines) <= 6 else lines[:3] + ["..."] + lines[-2:],
        foreign_cpu_seconds=None if foreign is None else round(foreign, 3),
    )


def _run_dict(run: Run) -> dict:
    d = dict(run.__dict__)
    d["foreign_load"] = None if run.foreign_load is None else round(run.foreign_load, 3)
    return d


def summarise(runs: list[Run]) -> dict:
    """Medians over repeats (memory: the median too), plus every run."""

    def med(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    return {
        "seconds": round(med([r.seconds for r in runs]), 3),
        "cpu_seconds": round(med([r.cpu_seconds for r in runs]), 3),
        "max_rss_mb": round(med([r.max_rss_kb for r in runs]) / 1024, 1),
        "tree_rss_mb": None
        if med([r.tree_rss_kb for r in runs]) is None
        else round(med([r.tree_rss_kb for r in runs]) / 1024, 1),
        "tree_pss_mb": None
        if med([r.tree_pss_kb for r in runs]) is None
        else round(med([r.tree_pss_kb for r in runs]) / 1024, 1),
        "stderr_lines": runs[-1].stderr_lines,
        "foreign_load_max": None
        if any(r.foreign_load is None for r in runs)
        else round(max(r.foreign_load for r in runs), 3),
        "runs": [_run_dict(r) for r in runs],
    }


# --------------------------------------------------------------------------- the sample


def extract(tarball: Path, dest: Path, n: int | None) -> list[str]:
    """Extract ``n`` files evenly spaced over the sorted member list (all if None) into ``dest``."""
    with tarfile.open(tarball, "r:gz") as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")), key=lambda m: m.name)
        if n is not None and n < len(members):
            members = [members[i * len(members) // n] for i in range(n)]
        kwargs = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(dest, members=sorted(members, key=lambda m: m.offset), **kwargs)
    return [m.name for m in members]


def link(source: Path, dest: Path, n: int | None) -> list[str]:
    """As :func:`extract`, from an extracted copy of the tarball (``Train_Full/<section>/<file>.txt``
    below ``source``): symbolic links to the files instead of copies."""
    root = source.parent if source.name == "Train_Full" else source
    files = sorted(p.relative_to(root).as_posix() for p in (root / "Train_Full").glob("*/*.txt"))
    if n is not None and n < len(files):
        files = [files[i * len(files) // n] for i in range(n)]
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).symlink_to(root / name)
    return files


#: Dates of the seeded metadata.csv: uniform over these four years (VNTC's articles are from 2004-2007).
METADATA_YEARS = (2004, 2007)


def write_metadata(corpus: Path, names: list[str], seed: int = 11) -> Path:
    """A ``metadata.csv`` beside the sample (``doc_id,date,source``, see the contract): each file a
    date drawn uniformly over :data:`METADATA_YEARS` with ``random.Random(seed)`` in the sorted
    order of ``names``, and its outlet from the file name (``XH_NLD_ (3672)`` gives ``NLD``).
    VNTC has no dates; the figures of periods need some."""
    import csv
    import random

    rng = random.Random(seed)
    first = _dt.date(METADATA_YEARS[0], 1, 1)
    span = (_dt.date(METADATA_YEARS[1], 12, 31) - first).days + 1
    path = corpus / "metadata.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["doc_id", "date", "source"])
        for name in sorted(names):
            doc_id = Path(name).with_suffix("").as_posix()
            parts = Path(name).stem.split("_")
            source = parts[1].strip() if len(parts) > 2 else ""
            writer.writerow([doc_id, (first + _dt.timedelta(days=rng.randrange(span))).isoformat(), source])
    return path


def snapshot(dest: Path) -> str:
    """Copy the project's ``analysis/`` package to ``dest/analysis``; a hash of what was copied.

    The commands run from ``dest``, so ``python -m analysis`` imports this copy: edits made
    to the project while a long benchmark runs cannot mix code versions (nor make the cache
    of the cold run stale for the warm one).
    """
    shutil.copytree(PROJECT / "analysis", dest / "analysis", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    digest = hashlib.sha256()
    for path in sorted((dest / "analysis").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(dest).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


def _outside(path: Path, *folders: Path) -> bool:
    for folder in folders:
        try:
            path.resolve().relative_to(folder.resolve())
            return False
        except ValueError:
            pass
    return True


# --------------------------------------------------------------------------- machine


def machine() -> dict:
    info = {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": sys.version.split()[0],
        "python_executable": sys.executable,
        "platform": platform.platform(),
        "python_env": {k: v for k, v in sorted(os.environ.items()) if k.startswith("PYTHON")},
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), None)
        with open("/proc/meminfo") as f:
            info["mem_total_mb"] = int(next(line for line in f if line.startswith("MemTotal")).split()[1]) // 1024
    except (OSError, StopIteration):
        pass
    try:
        from importlib import metadata

        info["pyvi"] = metadata.version("pyvi")
        info["python_crfsuite"] = metadata.version("python-crfsuite")
    except Exception:
        pass
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "analysis"], cwd=PROJECT, capture_output=True, text=True, check=True
        )
        info["git_commit"] = head.stdout.strip()
        info["analysis_dirty"] = bool(dirty.stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        pass
    return info


# --------------------------------------------------------------------------- main


def _args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--tarball",
        type=Path,
        default=DEFAULT_TARBALL,
        help="VNTC training tarball (default: <project>/../shared/corpora/vntc-train.tar.gz)",
    )
    size = p.add_mutually_exclusive_group()
    size.add_argument(
        "-n",
        "--files",
        type=int,
        default=2000,
        help="files in the sample, evenly spaced over the sorted member list (default 2000)",
    )
    size.add_argument(
        "--all", action="store_true", help=f"all {VNTC_FILES:,} files; times the commands only, unless --with-baseline"
    )
    p.add_argument("--with-baseline", action="store_true", help="with --all, time the pyvi baseline too")
    p.add_argument(
        "--source",
        type=Path,
        default=None,
        help="an extracted copy of the tarball (a folder holding Train_Full/, or Train_Full itself): "
        "link its files instead of extracting the tarball",
    )
    p.add_argument(
        "--metadata",
        action="store_true",
        help="write a seeded metadata.csv (doc_id,date,source: dates over 2004-2007) beside the sample",
    )
    p.add_argument(
        "--commands",
        default=",".join(DEFAULT_COMMANDS),
        help=f"comma-separated commands to time, or 'all' (known: {', '.join(COMMANDS)}; "
        f"default: {','.join(DEFAULT_COMMANDS)})",
    )
    p.add_argument("--repeat", type=int, default=1, help="measurements of each kind; the median is kept (default 1)")
    p.add_argument(
        "--jobs", type=int, default=None, help="pass --jobs N to the analysis (default: not passed, i.e. all cores)"
    )
    p.add_argument(
        "--python", default=sys.executable, help="interpreter for the baseline and the analysis (default: this one)"
    )
    p.add_argument("--name", default=None, help="results/<name>.json (default: vntc-<N> or vntc-all)")
    p.add_argument("--no-write", action="store_true", help="do not write the JSON result")
    p.add_argument(
        "--tree-sampling",
        action="store_true",
        help="also sample the process tree's summed RSS and PSS from /proc every 0.1 s (slows the runs: "
        "their times are then not those a user sees)",
    )
    p.add_argument(
        "--no-tree-sampling",
        dest="tree_sampling",
        action="store_false",
        help="the default: only ru_maxrss of the largest process (kept for older command lines)",
    )
    p.add_argument(
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="run the project's analysis/ in place instead of a copy taken at the start",
    )
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (sample, caches, stderr logs)")
    p.add_argument("--check", action="store_true", help="exit 1 if a ratio is over its limit")
    p.add_argument(
        "--no-wait-idle",
        dest="wait_idle",
        action="store_false",
        help="do not wait for other processes to quiet down before each measurement",
    )
    p.add_argument(
        "--max-foreign-load",
        type=float,
        default=0.05,
        help="redo a measurement if other processes used more than this fraction of all CPUs "
        "meanwhile, and wait until they use less before each one (default 0.05)",
    )
    p.add_argument("--retries", type=int, default=3, help="times a disturbed measurement is redone (default 3)")
    p.add_argument(
        "--idle-timeout",
        type=float,
        default=900,
        help="longest wait for an idle machine before measuring anyway, seconds (default 900)",
    )
    args = p.parse_args(argv)
    if args.repeat < 1 or (not args.all and args.files < 1):
        p.error("--repeat and --files must be at least 1")
    args.commands = (
        list(ALL_COMMANDS) if args.commands == "all" else [c.strip() for c in args.commands.split(",") if c.strip()]
    )
    unknown = [c for c in args.commands if c not in COMMANDS]
    if unknown:
        p.error(f"unknown command(s) {', '.join(unknown)}; known: {', '.join(COMMANDS)}")
    return args


def _fmt_mb(value) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _terminate(signum, frame):
    raise SystemExit(f"terminated by signal {signum}")


def main(argv=None) -> int:
    args = _args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    tarball = args.tarball
    if args.source is not None and not (args.source / "Train_Full").is_dir() and args.source.name != "Train_Full":
        print(f"error: no Train_Full folder in {args.source}", file=sys.stderr)
        return 2
    if args.source is None and not tarball.is_file():
        print(f"skipped: the VNTC corpus is not at {tarball} (see ../shared/corpora/README.md; or pass --tarball PATH)")
        return 0

    with_baseline = args.with_baseline or not args.all
    n = None if args.all else args.files
    name = args.name or ("vntc-all" if args.all else f"vntc-{args.files}")

    info = machine()  # before measuring: the commit and state of analysis/ that is timed
    work = Path(tempfile.mkdtemp(prefix="bench_tokenise_"))
    if not _outside(work, PROJECT, tarball.parent.parent):
        print(
            f"error: the temporary folder {work} is inside the project or shared/; set TMPDIR elsewhere",
            file=sys.stderr,
        )
        shutil.rmtree(work)
        return 2
    try:
        if args.snapshot:
            run_dir = work / "code"
            info["analysis_snapshot_sha256"] = snapshot(run_dir)
            print(
                f"timing a copy of analysis/ (commit {info.get('git_commit', '?')[:10]}"
                f"{', with uncommitted changes' if info.get('analysis_dirty') else ''}) in {run_dir}"
            )
        else:
            run_dir = PROJECT
        corpus = work / "corpus"
        corpus.mkdir()
        t0 = time.perf_counter()
        names = extract(tarball, corpus, n) if args.source is None else link(args.source, corpus, n)
        print(
            f"{'extracted' if args.source is None else 'linked'} {len(names):,} files into {corpus} "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        if args.metadata:
            write_metadata(corpus, names)

        # Untimed warm-up: the sample and the libraries in the page cache, .pyc files written,
        # so the first timed run is not penalised for a cold disk.
        for path in corpus.rglob("*.txt"):
            path.read_bytes()
        subprocess.run(
            [
                args.python,
                "-c",
                "import analysis, pyvi.ViTokenizer, analysis.cli, analysis.session, analysis.text.tokenise",
            ],
            cwd=run_dir,
            check=True,
        )
        subprocess.run([args.python, "-m", "compileall", "-q", "analysis"], cwd=run_dir, check=True)  # every module

        env = {k: v for k, v in os.environ.items() if k != "ANALYSIS_CACHE_DIR"}
        env.setdefault("PYTHONHASHSEED", "0")
        logs = work / "logs"
        logs.mkdir()
        sample_tree = args.tree_sampling
        runs: dict[str, list[Run]] = {}
        baseline_out = None
        warnings: list[str] = []

        def record(
            label: str, argv: list[str], i: int, stdout_path: str | Path, prepare=None, cache: Path | None = None
        ) -> Run:
            """Time one measurement; redo it (up to --retries times) if other processes loaded the CPUs."""
            discarded = []
            for attempt in range(args.retries + 1):
                if prepare:
                    prepare()
                waited = wait_until_idle(args.max_foreign_load, timeout=args.idle_timeout) if args.wait_idle else 0.0
                if waited > 5:
                    print(f"  (waited {waited:.0f} s for the machine to be idle)", flush=True)
                with open(stdout_path, "wb") as out:
                    run = measure(
                        label,
                        argv,
                        stdout=out,
                        stderr_path=logs / f"{label}-{i}.stderr",
                        cwd=run_dir,
                        env=env,
                        sample_tree=sample_tree,
                    )
                load = run.foreign_load
                if cache is not None:
                    run.cache_bytes_after = folder_bytes(cache)
                print(
                    f"  {label:<14} run {i + 1}/{args.repeat}: {run.seconds:8.2f} s wall, "
                    f"{run.cpu_seconds:8.2f} s CPU, "
                    f"max RSS {run.max_rss_kb / 1024:5.0f} MB, tree RSS "
                    f"{_fmt_mb(run.tree_rss_kb and run.tree_rss_kb / 1024)} MB, exit {run.exit_code}, "
                    f"stderr {run.stderr_lines} lines, foreign load {'-' if load is None else f'{load:.0%}'}",
                    flush=True,
                )
                if run.exit_code != 0:
                    tail = (logs / f"{label}-{i}.stderr").read_text(errors="replace")[-2000:]
                    raise SystemExit(f"error: {label} exited with {run.exit_code}:\n{tail}")
                if load is None or load <= args.max_foreign_load or attempt == args.retries:
                    break
                print(
                    f"    discarded: other processes used {load:.0%} of the CPUs meanwhile; measuring again", flush=True
                )
                discarded.append(_run_dict(run))
            run.discarded = discarded
            runs.setdefault(label, []).append(run)
            return run

        for i in range(args.repeat):
            if with_baseline:
                out_path = logs / f"baseline-{i}.stdout"
                record("baseline", [args.python, "-c", BASELINE, str(corpus)], i, out_path)
                baseline_out = out_path.read_text().split()
                if int(baseline_out[0]) != len(names):
                    raise SystemExit(f"error: the baseline read {baseline_out[0]} files, not {len(names)}")
            for cname in args.commands:
                cmd = COMMANDS[cname]
                cache = work / f"cache-{cname}-{i}"  # fresh and empty: the cold run creates it
                out_dir = work / f"out-{cname}-{i}"  # where `figures` writes
                argv_ = [args.python, "-m", "analysis", *(a.replace("{out}", str(out_dir)) for a in cmd.argv)]
                argv_ += ["--corpus", str(corpus), "--cache-dir", str(cache)]
                if args.jobs:
                    argv_ += ["--jobs", str(args.jobs)]
                cold = record(
                    f"{cname}-cold",
                    argv_,
                    i,
                    os.devnull,
                    cache=cache,
                    prepare=lambda: shutil.rmtree(cache, ignore_errors=True),
                )
                warm = record(f"{cname}-warm", argv_, i, os.devnull, cache=cache)
                if warm.cache_bytes_after > cold.cache_bytes_after * 1.01 + 65536:
                    warnings.append(
                        f"{cname}-warm run {i + 1}: the cache grew from {cold.cache_bytes_after:,} to "
                        f"{warm.cache_bytes_after:,} bytes: the warm run recomputed entries"
                    )
                    print(f"  warning: {warnings[-1]}", flush=True)
                shutil.rmtree(cache, ignore_errors=True)
                shutil.rmtree(out_dir, ignore_errors=True)

        summary = {label: summarise(rs) for label, rs in runs.items()}
        ratios = {}
        if with_baseline:
            base = summary["baseline"]["seconds"]
            for cname in args.commands:
                cmd = COMMANDS[cname]
                for kind, limit in (("cold", cmd.cold_limit), ("warm", cmd.warm_limit)):
                    ratio = summary[f"{cname}-{kind}"]["seconds"] / base
                    ratios[f"{cname}-{kind}/baseline"] = {
                        "ratio": round(ratio, 3),
                        "limit": limit,
                        "ok": None if limit is None else ratio <= limit,
                    }

        # ------------------------------------------------------------------ report
        print()
        print(
            f"{len(names):,} VNTC files, {args.repeat} repeat(s), median; "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
        )
        header = (
            f"{'measurement':<16}{'wall s':>9}{'CPU s':>9}{'max RSS MB':>12}"
            f"{'tree RSS MB':>13}{'tree PSS MB':>13}{'stderr':>8}{'foreign':>9}"
        )
        print(header)
        print("-" * len(header))
        for label, s in summary.items():
            print(
                f"{label:<16}{s['seconds']:>9.2f}{s['cpu_seconds']:>9.2f}{_fmt_mb(s['max_rss_mb']):>12}"
                f"{_fmt_mb(s['tree_rss_mb']):>13}{_fmt_mb(s['tree_pss_mb']):>13}{s['stderr_lines']:>8}"
                f"{'-' if s['foreign_load_max'] is None else format(s['foreign_load_max'], '.0%'):>9}"
            )
        failed = False
        for key, r in ratios.items():
            verdict = "" if r["limit"] is None else (f"  (limit {r['limit']}: {'ok' if r['ok'] else 'OVER'})")
            failed |= r["ok"] is False
            print(f"{key:<24}{r['ratio']:>7.3f}{verdict}")
        for w in warnings:
            print(f"warning: {w}")

        result = {
            "name": name,
            "benchmark": f"benchmarks/{Path(sys.argv[0]).name}",
            "argv": sys.argv[1:] if argv is None else list(argv),
            "machine": info,
            "finished": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "tarball": str(tarball) if args.source is None else None,
            "source": None if args.source is None else str(args.source),
            "metadata": f"seeded metadata.csv, dates {METADATA_YEARS[0]}-{METADATA_YEARS[1]}"
            if args.metadata
            else None,
            "code": "a copy of analysis/ taken at the start" if args.snapshot else "analysis/ of the project, live",
            "warnings": warnings,
            "files": len(names),
            "sample": "all" if n is None else f"{n} evenly spaced over the sorted member list",
            "repeat": args.repeat,
            "jobs": args.jobs or f"default ({os.cpu_count()})",
            "commands": {
                c: {
                    "argv": [
                        "python",
                        "-m",
                        "analysis",
                        *COMMANDS[c].argv,
                        "--corpus",
                        "SAMPLE",
                        "--cache-dir",
                        "CACHE",
                    ]
                    + (["--jobs", str(args.jobs)] if args.jobs else []),
                    "cold_limit": COMMANDS[c].cold_limit,
                    "warm_limit": COMMANDS[c].warm_limit,
                }
                for c in args.commands
            },
            "baseline_output": None
            if baseline_out is None
            else {"files": int(baseline_out[0]), "tokenised_chars": int(baseline_out[1])},
            "memory_note": "max_rss_mb: ru_maxrss of the largest single process (wait4, as /usr/bin/time %M); "
            "tree_rss_mb / tree_pss_mb: peak of the summed RSS / PSS of the process and its "
            "workers, sampled every 0.1 s from /proc with --tree-sampling (null without: the sampling "
            "slows the runs it measures)",
            "tree_sampling": sample_tree,
            "foreign_load_note": "CPU time used by other processes during a run (from /proc/stat), as a fraction "
            "of all CPUs over its wall time; runs above max_foreign_load were redone "
            "(kept under 'discarded')",
            "max_foreign_load": args.max_foreign_load,
            "results": summary,
            "ratios": ratios,
        }
        if not args.no_write:
            RESULTS.mkdir(exist_ok=True)
            out = RESULTS / f"{name}.json"
            tmp = out.with_suffix(".json.tmp")
            tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            tmp.replace(out)
            print(f"\nwrote {out.relative_to(PROJECT)}")
        return 1 if (args.check and failed) else 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
