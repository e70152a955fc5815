#!/usr/bin/env python3
"""Time and client memory with ``--scheduler local`` against the default process pool (issue 14).

Two parts, each run cold (a fresh cache folder per run), results in ``results/<name>.json``:

1. **Same corpus, both ways**: ``phrases``, ``phrases --period M``, ``stance`` and ``figures`` on
   VNTC files (all 33,759 by default), without and with ``--scheduler local``: wall time, the
   ratio (target: at most 1.3), the client's peak memory, and whether the outputs are identical.
2. **A corpus k times larger** (``--copies 1,3,10``): k copies of the files, each copy's text
   changed a little (a last line naming the copy, written as UTF-8) so that no cache hit hides
   work, with a ``metadata.csv`` giving every copy its original's date; ``phrases --period M`` and
   ``stance`` with ``--scheduler local``: time, documents per second and the client's peak memory
   (target: under 1 GB whatever k).

The client's peak memory is ``getrusage(RUSAGE_SELF).ru_maxrss`` taken in the command's own process
when it ends: the client alone (with ``--scheduler local`` that includes the Dask scheduler, which
runs in it), not its workers. No timing is asserted; the numbers are written down.

    .venv/bin/python benchmarks/bench_cluster.py --files 300 --copies 1,2      # a check, minutes
    .venv/bin/python benchmarks/bench_cluster.py                               # hours on 2 cores
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tokenise import machine  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SOURCE = Path("/tmp/vntc/Train_Full")
SAME_CORPUS = (["phrases"], ["phrases", "--period", "M"], ["stance"], ["figures"])
LARGER = (["phrases", "--period", "M"], ["stance"])

#: Runs one command in this process and writes its peak memory (kB) and exit code to a JSON file.
_CLIENT = """
import json, resource, sys
from analysis.cli import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    json.dump({"exit_code": code, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, f)
sys.exit(code)
"""


def sample(source: Path, dest: Path, n: int | None) -> list[str]:
    """Links to ``n`` files of ``source`` (evenly spaced over the sorted list; all if None) in
    ``dest``, and the rows of its ``metadata.csv`` for them; the doc_ids linked."""
    files = sorted(p.relative_to(source).as_posix() for p in source.glob("*/*.txt"))
    if n is not None and n < len(files):
        files = [files[i * len(files) // n] for i in range(n)]
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).symlink_to(source / name)
    ids = [name[: -len(".txt")] for name in files]
    header, rows = _metadata(source)
    wanted = set(ids)
    _write_metadata(dest, header, {doc_id: row for doc_id, row in rows.items() if doc_id in wanted})
    return ids


def copies(source: Path, dest: Path, k: int) -> int:
    """``k`` copies of the files of ``source`` in ``dest/copy-<c>/``, each text ending with a line
    naming its copy (UTF-8), and a ``metadata.csv`` giving each copy its original's row."""
    from analysis.reading.corpus import decode

    files = sorted(p.relative_to(source).as_posix() for p in source.glob("*/*.txt"))
    (header, meta), rows = _metadata(source), {}
    for c in range(k):
        for name in files:
            text = decode((source / name).read_bytes(), name)
            target = dest / f"copy-{c}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"{text.rstrip()}\n\nBản sao số {c + 1}.\n", encoding="utf-8")
            doc_id = name[: -len(".txt")]
            if doc_id in meta:
                rows[f"copy-{c}/{doc_id}"] = meta[doc_id]
    _write_metadata(dest, header, rows)
    return k * len(files)


def _metadata(source: Path) -> tuple[list[str] | None, dict[str, list[str]]]:
    """The header of ``source/metadata.csv`` (None if there is none) and its rows by doc_id."""
    path = source / "metadata.csv"
    if not path.is_file():
        return None, {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], {row[0]: row[1:] for row in rows[1:]}


def _write_metadata(dest: Path, header: list[str] | None, rows: dict[str, list[str]]) -> None:
    if header is None:
        return
    with open(dest / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([doc_id, *row] for doc_id, row in sorted(rows.items()))


def run(command: list[str], corpus: Path, work: Path, *, scheduler: bool) -> dict:
    """One cold run (a fresh cache folder): seconds, the client's peak memory, and a digest of what it wrote."""
    label = "-".join(command).replace("--", "") + ("-cluster" if scheduler else "-default")
    cache, out, memory = work / f"cache-{label}", work / f"out-{label}", work / f"memory-{label}.json"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    argv = [*command, "--corpus", str(corpus), "--cache-dir", str(cache)]
    argv += ["--out", str(out)] if command[0] == "figures" else ["--csv"]
    argv += ["--scheduler", "local"] if scheduler else []
    env = {k: v for k, v in os.environ.items() if k not in ("ANALYSIS_SCHEDULER", "ANALYSIS_CACHE_DIR")}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _CLIENT, str(memory), *argv], cwd=PROJECT, env=env, capture_output=True
    )
    seconds = time.perf_counter() - start
    peak = json.loads(memory.read_text())["peak_kb"] if memory.is_file() else None
    shutil.rmtree(cache, ignore_errors=True)
    return {
        "seconds": round(seconds, 2),
        "client_peak_mb": None if peak is None else round(peak / 1024, 1),
        "exit_code": result.returncode,
        "stderr_tail": result.stderr.decode(errors="replace").splitlines()[-3:],
        "output": hashlib.sha256(result.stdout).hexdigest()[:16] if command[0] != "figures" else str(out),
    }


def same_corpus(corpus: Path, work: Path) -> list[dict]:
    rows = []
    for command in SAME_CORPUS:
        default, cluster = run(command, corpus, work, scheduler=False), run(command, corpus, work, scheduler=True)
        if command[0] == "figures":
            identical = _same_folder(Path(default["output"]), Path(cluster["output"]))
        else:
            identical = default["output"] == cluster["output"]
        rows.append(
            {
                "command": " ".join(command),
                "default": default,
                "cluster": cluster,
                "ratio": round(cluster["seconds"] / default["seconds"], 3) if default["seconds"] else None,
                "identical": identical,
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    return rows


def _same_folder(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir() if p.is_file()) if a.is_dir() else []
    if not b.is_dir() or names != sorted(p.name for p in b.iterdir() if p.is_file()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors


def larger(corpus: Path, work: Path, factors: list[int]) -> list[dict]:
    rows = []
    for k in factors:
        folder = work / f"copies-{k}"
        n = copies(corpus, folder, k)
        for command in LARGER:
            row = {"k": k, "documents": n, "command": " ".join(command), **run(command, folder, work, scheduler=True)}
            row["documents_per_second"] = round(n / row["seconds"], 1)
            rows.append(row)
            print(json.dumps(row), flush=True)
        shutil.rmtree(folder)
    return rows


def _args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", type=Path, default=SOURCE, help=f"VNTC's Train_Full folder (default {SOURCE})")
    p.add_argument("--files", type=int, default=None, help="files of VNTC to use (default: all)")
    p.add_argument("--copies", default="1,3,10", help="the factors k of part 2 (default 1,3,10; 0: skip it)")
    p.add_argument("--skip-same", action="store_true", help="skip part 1")
    p.add_argument("--name", default=None, help="results/<name>.json (default: cluster-<files or all>)")
    p.add_argument("--tmp", type=Path, default=None, help="where to write copies and caches (default: a temp folder)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = _args(argv)
    factors = [int(k) for k in args.copies.split(",") if int(k) > 0]
    with tempfile.TemporaryDirectory(prefix="bench-cluster-", dir=args.tmp) as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        n = len(sample(args.source, corpus, args.files))
        print(f"{n} files of {args.source}", flush=True)
        result = {
            "name": args.name or f"cluster-{args.files or 'all'}",
            "benchmark": "benchmarks/bench_cluster.py",
            "argv": sys.argv[1:] if argv is None else argv,
            "machine": machine(),
            "files": n,
            "same_corpus": [] if args.skip_same else same_corpus(corpus, work),
            "larger": larger(corpus, work, factors),
        }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{result['name']}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
