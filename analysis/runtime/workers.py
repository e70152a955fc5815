"""Who does the work over documents: a cluster to send it to, how many local workers, and Ctrl-C
held back while they start. Shared by the process pool (:mod:`~analysis.runtime.parallel`) and
the Dask executor (:mod:`~analysis.runtime.cluster`)."""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["Cluster", "interrupts_held", "worker_count"]


@dataclass(frozen=True)
class Cluster:
    """Run the per-document work on a Dask cluster instead of local processes.

    Given wherever a number of ``jobs`` is taken (:class:`~analysis.session.Session` makes one from
    its ``scheduler``).

    Parameters
    ----------
    address : str
        The scheduler (``tcp://host:8786``), or ``local`` for a cluster of this machine's cores.
    jobs : int, optional
        Workers of a ``local`` cluster (default: all cores).
    store : str, optional
        Where the per-document results are kept (:mod:`~analysis.runtime.store`), a place the client
        and the workers share: a folder or an fsspec URL (``file:///mnt/shared/store``,
        ``s3://bucket/store``). Default: ``<cache-dir>/store``.
    """

    address: str
    jobs: int | None = None
    store: str | None = None


def worker_count(jobs: int | None, n_items: int) -> int:
    """Workers worth starting: ``jobs`` (default: all cores), never more than the cores this process
    may use or than the items to share out; none (1: the work is done here) in a daemonic process,
    such as a Dask worker or a pool's worker, which may not start processes of its own.

    >>> worker_count(1000, 3) <= 3
    True
    """
    import multiprocessing

    if multiprocessing.current_process().daemon:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(jobs or cores, cores, n_items))


@contextmanager
def interrupts_held():
    """Block SIGINT in this thread (threads and processes it starts inherit the block), deliver it on leaving."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
