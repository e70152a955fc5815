#!/usr/bin/env python3
"""Speed and memory of ``python -m analysis figures`` and of every command of the contract on VNTC
with dates, against plain single-process pyvi on the same files in the same run (issue 11).

This is :mod:`bench_tokenise` with every command (``corpus``, ``phrases``, ``kwic``, ``discover``,
``keyterms``, ``topics --k 10``, ``stance`` and ``figures``), a seeded ``metadata.csv`` of dates
and outlets beside the sample, and results named ``figures-<N>`` / ``figures-all``; any of its
options may be given (``--commands figures`` to time one).

    .venv/bin/python benchmarks/bench_figures.py --files 2000
    .venv/bin/python benchmarks/bench_figures.py --files 10000
    .venv/bin/python benchmarks/bench_figures.py --all            # about an hour on 2 cores
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_tokenise  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = ["--metadata"]
    if not any(a == "--commands" or a.startswith("--commands=") for a in argv):
        extra += ["--commands", "all"]
    if "--all" in argv and "--with-baseline" not in argv:
        extra.append("--with-baseline")
    if not any(a == "--name" or a.startswith("--name=") for a in argv):
        size = (
            "all"
            if "--all" in argv
            else next(
                (argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("--files", "-n")),
                next((a.split("=", 1)[1] for a in argv if a.startswith("--files=")), "2000"),
            )
        )
        extra += ["--name", f"figures-{size}"]
    return bench_tokenise.main(argv + extra)


if __name__ == "__main__":
    sys.exit(main())
