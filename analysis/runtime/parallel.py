"""Work over documents in parallel, with a progress bar on stderr for long runs."""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from .workers import Cluster, interrupts_held, worker_count

__all__ = ["Cluster", "interrupts_held", "parallel_map", "parallel_imap", "progress", "worker_count"]


def progress(iterable: Iterable, total: int, desc: str, *, unit: str = "doc", min_total: int = 200):
    """``iterable`` with a tqdm bar on stderr when there are ``min_total`` items or more and stderr is a
    terminal or a notebook's (where a long cell, such as choosing k, shows how far it is)."""
    if total < min_total or not (sys.stderr.isatty() or type(sys.stderr).__module__.startswith("ipykernel")):
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)


def parallel_map(
    fn: Callable,
    items: list,
    *,
    jobs: int | Cluster | None = None,
    desc: str = "",
    min_items: int = 0,
    max_chunk: int = 16,
    unit: str = "doc",
    min_progress: int = 200,
) -> list:
    """``[fn(x) for x in items]``, in order, over ``jobs`` worker processes (default: all cores).

    Few items (fewer than ``min_items``, or than two per worker) are done in this process:
    starting workers would cost more than it saves. Workers are forked where the system
    allows it, so that they share the loaded models and data without copying.
    """
    return list(
        parallel_imap(
            fn,
            items,
            jobs=jobs,
            desc=desc,
            min_items=min_items,
            max_chunk=max_chunk,
            unit=unit,
            min_progress=min_progress,
        )
    )


def parallel_imap(
    fn: Callable,
    items: list,
    *,
    jobs: int | Cluster | None = None,
    desc: str = "",
    min_items: int = 0,
    max_chunk: int = 16,
    unit: str = "doc",
    min_progress: int = 200,
) -> Iterator:
    """:func:`parallel_map` as results come, in order: this process can use each while the
    workers go on with the next. A bar counts ``unit``s from ``min_progress`` items on. With a
    :class:`Cluster` for ``jobs``, the work runs there."""

    def bar(results):
        return progress(results, len(items), desc, unit=unit, min_total=min_progress)

    if isinstance(jobs, Cluster):
        if items:
            from .cluster import cluster_imap

            yield from bar(cluster_imap(fn, items, jobs))
        return
    jobs = worker_count(jobs, len(items))
    if jobs <= 1 or len(items) < max(min_items, 2 * jobs):
        yield from bar(map(fn, items))
        return
    chunk = max(1, min(max_chunk, len(items) // (jobs * 8)))
    if "fork" not in multiprocessing.get_all_start_methods():  # items and results are pickled across
        with _pool(multiprocessing.get_context(), jobs) as pool:
            yield from bar(pool.imap(fn, items, chunksize=chunk))
        return
    # Forked workers are handed the function and the items when they start (a fork copies them,
    # nothing is pickled): only indices and results cross between processes.
    with _pool(multiprocessing.get_context("fork"), jobs, work=(fn, items)) as pool:
        yield from bar(pool.imap(_call_shared, range(len(items)), chunksize=chunk))


@contextmanager
def _pool(context, jobs: int, *, work: tuple[Callable, list] | None = None):
    """A pool of ``jobs`` workers that ignore Ctrl-C, ended at once when this process leaves it.

    A terminal sends SIGINT to the whole process group. Workers that died of it printed their
    tracebacks and could leave the pool waiting forever for their results; so only this process
    takes the interrupt, and ending the pool stops the workers wherever they are. While the workers
    start, SIGINT is held back (not lost): it arrives here as soon as they exist.
    """
    pool = None
    try:
        with interrupts_held():
            pool = context.Pool(jobs, initializer=_start_worker, initargs=(work,))
        yield pool
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


#: In a forked worker only: the function and the items it was handed when it started.
_worker_work: tuple[Callable, list] | None = None


def _start_worker(work: tuple[Callable, list] | None) -> None:
    """In a worker: ignore SIGINT, then let signals through again; keep the work it was handed."""
    global _worker_work
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _worker_work = work


def _call_shared(index: int):
    fn, items = _worker_work
    return fn(items[index])
