"""Work over documents in parallel, with a progress bar on stderr for long runs."""

from __future__ import annotations

import functools
import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .workers import Cluster, interrupts_held, worker_count

__all__ = [
    "Cluster",
    "Later",
    "Started",
    "interrupts_held",
    "parallel_map",
    "parallel_imap",
    "parallel_start",
    "progress",
    "worker_count",
]


def progress(iterable: Iterable, total: int, desc: str, *, unit: str = "doc", min_total: int = 200):
    """``iterable`` with a tqdm bar on stderr when there are ``min_total`` items or more and stderr is a
    terminal or a notebook's (where a long cell, such as choosing k, shows how far it is)."""
    if total < min_total or not (sys.stderr.isatty() or type(sys.stderr).__module__.startswith("ipykernel")):
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)


def parallel_map(fn: Callable, items: list, **options) -> list:
    """``[fn(x) for x in items]``, in order, over worker processes (the options of
    :func:`parallel_start`; by default all cores).

    Few items (fewer than ``min_items``, or than two per worker) are done in this process:
    starting workers would cost more than it saves. Workers are forked where the system
    allows it, so that they share the loaded models and data without copying.
    """
    return parallel_start(fn, items, **options).result()


def parallel_imap(fn: Callable, items: list, **options) -> Iterator:
    """:func:`parallel_map` as results come, in order: this process can use each while the
    workers go on with the next."""
    yield from parallel_start(fn, items, **options).results()


def parallel_start(
    fn: Callable,
    items: list,
    *,
    jobs: int | Cluster | None = None,
    desc: str = "",
    min_items: int = 0,
    max_chunk: int = 16,
    unit: str = "doc",
    min_progress: int = 200,
    cluster_batch: int = 256,
) -> Started:
    """:func:`parallel_map` started now in worker processes, its results collected later
    (:meth:`Started.result`): this process can do other work meanwhile, and the cores left idle
    by it do this work. Where the work would not be done in local workers (a cluster, too few
    items), it is done when the results are asked for.

    ``jobs`` is the number of worker processes (default: all cores; never more than the cores or
    the items), or a :class:`Cluster` to run the work there. Fewer than ``min_items`` items are done
    in this process; ``max_chunk`` items at most go to a worker at a time, ``cluster_batch`` at most to
    a task on a cluster (1 for items that are batches already, such as partitions of documents: their
    texts then travel a partition at a time, not dozens together). From ``min_progress`` items on, a
    bar labelled ``desc`` counts ``unit``s on a terminal."""
    return Started(fn, items, jobs, desc, min_items, max_chunk, unit, min_progress, cluster_batch)


class Started:
    """Work over items handed to worker processes (:func:`parallel_start`)."""

    def __init__(self, fn, items, jobs, desc, min_items, max_chunk, unit, min_progress, cluster_batch):
        self._fn, self._items, self._jobs, self._cluster_batch = fn, items, jobs, cluster_batch
        self._bar = functools.partial(progress, total=len(items), desc=desc, unit=unit, min_total=min_progress)
        self._pool = self._results = self._done = None
        if isinstance(jobs, Cluster):
            return
        workers = worker_count(jobs, len(items))
        if workers <= 1 or len(items) < max(min_items, 2 * workers):
            return
        chunk = max(1, min(max_chunk, len(items) // (workers * 8)))
        # Forked workers are handed the function and the items when they start (a fork copies them,
        # nothing is pickled): only indices and results cross between processes.
        forked = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if forked else None)
        self._pool = _pool(context, workers, work=(fn, items) if forked else None)
        try:
            if forked:
                self._results = self._pool.imap(_call_shared, range(len(items)), chunksize=chunk)
            else:  # items and results are pickled across
                self._results = self._pool.imap(fn, items, chunksize=chunk)
        except BaseException:
            self.cancel()
            raise

    def results(self) -> Iterator:
        """The results in the order of the items, as they come; the workers end with the last one
        (or when this iterator is closed before it)."""
        try:
            if self._done is not None:
                yield from self._done
            elif isinstance(self._jobs, Cluster):
                if self._items:
                    from .cluster import cluster_imap

                    yield from self._bar(cluster_imap(self._fn, self._items, self._jobs, batch=self._cluster_batch))
            elif self._pool is None:
                yield from self._bar(map(self._fn, self._items))
            else:
                yield from self._bar(self._results)
        finally:
            self.cancel()

    def result(self) -> list:
        """All the results, in the order of the items (waiting for the workers); kept for a second call."""
        if self._done is None:
            self._done = list(self.results())
        return self._done

    def cancel(self) -> None:
        """Stop the workers wherever they are (nothing if they have ended)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def then(self, finish: Callable[[list], Any]) -> Later:
        """The value ``finish`` makes of the results, in this process, once they are all in."""
        return Later(self, finish)


class Later:
    """A value to be had later: ``finish`` of the results of started work (:meth:`Started.then`),
    or of nothing (:meth:`now`, :meth:`done`)."""

    def __init__(self, started: Started | None, finish: Callable[[list | None], Any]):
        self._started, self._finish = started, finish

    @classmethod
    def now(cls, compute: Callable[[], Any]) -> Later:
        """``compute()``, computed when the value is asked for."""
        return cls(None, lambda _: compute())

    @classmethod
    def done(cls, value) -> Later:
        """A value already at hand."""
        return cls(None, lambda _: value)

    def then(self, finish: Callable[[Any], Any]) -> Later:
        """``finish`` of this value."""
        return Later(self._started, lambda results: finish(self._finish(results)))

    def result(self):
        """The value (waiting for the started work)."""
        return self._finish(None if self._started is None else self._started.result())

    def cancel(self) -> None:
        """Stop the started work."""
        if self._started is not None:
            self._started.cancel()


def _pool(context, jobs: int, *, work: tuple[Callable, list] | None = None):
    """A pool of ``jobs`` workers that ignore Ctrl-C; :meth:`Started.cancel` ends it at once.

    A terminal sends SIGINT to the whole process group. Workers that died of it printed their
    tracebacks and could leave the pool waiting forever for their results; so only this process
    takes the interrupt, and ending the pool stops the workers wherever they are. While the workers
    start, SIGINT is held back (not lost): it arrives here as soon as they exist.
    """
    with interrupts_held():
        return context.Pool(jobs, initializer=_start_worker, initargs=(work,))


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
