"""Per-document work on a Dask cluster: the other executor behind :func:`~analysis.runtime.parallel.parallel_imap`.

Only a run that asks for a scheduler imports this module, and only it loads Dask. The work sent
is the same function on the same documents as on the local process pool, in batches, and the
results come back in order, so the outputs are byte-identical whichever runs them. A worker lost
during a run costs only time: Dask runs its batches again elsewhere.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import functools
import logging
import math
import operator
import os
from collections.abc import Callable, Iterable, Iterator

from ..errors import ParameterError
from .workers import Cluster, interrupts_held, worker_count

__all__ = ["client", "cluster_imap", "cluster_imap_shared", "cluster_submit", "Submitted"]

#: One client per scheduler address in a process, closed when the process ends.
_CLIENTS: dict[str, object] = {}


def _connect_timeout() -> str:
    """How long to try to reach a scheduler: ``$ANALYSIS_SCHEDULER_TIMEOUT`` (a Dask duration), else 10 s."""
    return os.environ.get("ANALYSIS_SCHEDULER_TIMEOUT", "10s")


def client(cluster: Cluster):
    """A :class:`distributed.Client` for ``cluster``: its scheduler, or a new local cluster for ``local``."""
    if cluster.address not in _CLIENTS:
        import dask
        from distributed import Client, LocalCluster

        # Dask keeps the last 1,000 messages of every connection for its developers' debugging, each
        # task sent with its arguments: the units of a topic model's passes, one pass after another,
        # grew this process by about 700 MB a pass on VNTC. Kept here: none, on the connections made
        # now (the client's, and a local cluster's scheduler's and workers', with their transition
        # and event logs); the configuration outside is left as it was.
        unlogged = dask.config.set({"distributed.admin.low-level-log-length": 0})
        if cluster.address == "local":
            # Its threads, and the worker processes they fork, start with Ctrl-C held back for good: this
            # process alone takes it (as with the local pool), so no worker prints a traceback. (Spawned
            # workers would start with signals let through again.)
            forked = dask.config.set({"distributed.worker.multiprocessing-method": "fork"})
            with interrupts_held(), forked, unlogged:
                local = LocalCluster(
                    n_workers=worker_count(cluster.jobs, 1 << 30),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.CRITICAL,
                )
                connected = Client(local)
        else:
            try:
                with unlogged:
                    connected = Client(cluster.address, timeout=_connect_timeout())
            except (OSError, TimeoutError, ValueError) as e:
                raise ParameterError("scheduler", f"cannot connect ({e})", value=cluster.address) from None
        _CLIENTS[cluster.address] = connected
        if len(_CLIENTS) == 1:
            atexit.register(close_all)
    return _CLIENTS[cluster.address]


def close_all() -> None:
    """Close every client (and the local clusters they started), quietly: at the end of an
    interrupted run a cluster may be half started or half closed."""
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    while _CLIENTS:
        _, connected = _CLIENTS.popitem()
        local = connected.cluster
        with contextlib.suppress(Exception):
            connected.close()
            if local is not None:
                local.close()


def cluster_imap(fn: Callable, items: list, cluster: Cluster, *, batch: int = 256) -> Iterator:
    """``fn`` over ``items`` on the cluster, in batches of at most ``batch`` items, results in order as
    they are ready."""
    connected = client(cluster)
    workers = _workers(connected)
    size = max(1, min(batch, math.ceil(len(items) / (workers * 4))))
    batches = (items[i : i + size] for i in range(0, len(items), size))
    run = functools.partial(_batch, fn)
    for done in _in_order(connected, lambda b: connected.submit(run, b, pure=False), batches, workers * _AHEAD):
        yield from done


def cluster_imap_shared(fn: Callable, shared, items: Iterable, cluster: Cluster) -> Iterator:
    """``fn(shared, item)`` for each of ``items`` on the cluster, a task each, results in
    order as they are ready.

    ``shared``, what every task needs (a model's state), goes once to every worker
    (``scatter(broadcast=True)``) rather than into every task; each item travels as its task's
    argument, so that a task lost with its worker can run again elsewhere. ``items`` may be a
    generator: the first tasks run while the next are made and sent."""
    connected = client(cluster)
    (scattered,) = connected.scatter([shared], broadcast=True, hash=False)
    try:
        submit = functools.partial(connected.submit, fn, scattered, pure=False)
        yield from _in_order(connected, submit, items, _workers(connected) * _AHEAD)
    finally:
        connected.cancel([scattered])


#: Tasks sent ahead per worker, not yet taken back: enough that no worker waits for the next.
_AHEAD = 8


def _workers(connected) -> int:
    return max(1, len(connected.scheduler_info(n_workers=-1).get("workers", {})))


def _in_order(connected, submit: Callable, items: Iterable, ahead: int) -> Iterator:
    """``submit(item)`` for each of ``items``, the results in order, with at most ``ahead`` tasks sent and
    not yet taken back: what a task carries (a partition's texts, a pass's bags of words) is held by the
    scheduler until the task is done, and with ``--scheduler local`` the scheduler lives in this process,
    so sending every task at once held a second copy of the corpus here. Each result is released once
    taken."""
    pending: collections.deque = collections.deque()
    try:
        for item in items:
            pending.append(submit(item))
            if len(pending) >= ahead:
                future = pending.popleft()
                yield future.result()
                future.release()
        while pending:
            future = pending.popleft()
            yield future.result()
            future.release()
    finally:
        if pending:
            connected.cancel(list(pending))


def _batch(fn: Callable, items: list) -> list:
    return [fn(x) for x in items]


def _map(connected, fn: Callable, items: list, *, wave: int = 64, **kwargs) -> list:
    """``connected.map(fn, items, **kwargs)``, sent ``wave`` items at a time: the same tasks, in order. The
    items travel in the graph sent to the scheduler (a partition's file names and metadata are about
    20 KB), and Dask warns about a graph over 10 MB (as it did for the partitions of 101,277 files sent
    at once)."""
    futures = []
    for start in range(0, len(items), wave):
        futures += connected.map(fn, items[start : start + wave], pure=False, **kwargs)
    return futures


def cluster_submit(
    fn: Callable, items: list, cluster: Cluster, *, merge: Callable | None = None, shared=None
) -> Submitted:
    """``fn`` over ``items`` on the cluster, a task each, ``fn`` giving ``(summary, rows, aggregate)``;
    the aggregates merged on the workers by ``merge`` (a list of them -> one), in a tree of tasks,
    so that one small table comes back. ``shared`` (what every task needs, such as a fitted vocabulary)
    goes once to every worker and reaches ``fn`` as its keyword ``shared``."""
    connected = client(cluster)
    scattered = connected.scatter([shared], broadcast=True, hash=False) if shared is not None else []
    futures = _map(connected, fn, items, **({"shared": scattered[0]} if scattered else {}))
    pairs = connected.map(operator.itemgetter(0, 1), futures, pure=False)
    merged = _merged(connected, merge, connected.map(operator.itemgetter(2), futures, pure=False)) if merge else None
    return Submitted(connected, pairs, merged, scattered)  # the workers keep each result until it is fetched


class Submitted:
    """The work :func:`cluster_submit` sent: ``(summary, rows)`` of each item, in order as they come
    (each fetched once, then forgotten by the workers), then :meth:`total`."""

    def __init__(self, connected, pairs: list, merged, shared: list = ()):
        self.connected, self.pairs, self.merged, self.shared = connected, pairs, merged, list(shared)

    def __iter__(self) -> Iterator[tuple]:
        try:
            for i, future in enumerate(self.pairs):
                yield future.result()
                self.pairs[i] = None
                future.release()
            self._release_shared()  # every task is done: what they shared can go
        except BaseException:
            self.cancel()
            raise

    def total(self):
        """The merged aggregates (None without ``merge``)."""
        try:
            return None if self.merged is None else self.merged.result()
        finally:
            self.cancel()

    def cancel(self) -> None:
        futures = [f for f in [*self.pairs, self.merged] if f is not None]
        self.pairs, self.merged = [], None
        if futures:
            self.connected.cancel(futures)
        self._release_shared()

    def _release_shared(self) -> None:
        """Let go of the data sent to every worker (released, not cancelled: it is no computation)."""
        for future in self.shared:
            future.release()
        self.shared = []


def _merged(connected, merge: Callable, futures: list, fan: int = 8):
    """One future: ``futures`` merged ``fan`` at a time by tasks on the workers (None if there are none)."""
    while len(futures) > 1:
        futures = [connected.submit(merge, futures[i : i + fan], pure=False) for i in range(0, len(futures), fan)]
    return futures[0] if futures else None
