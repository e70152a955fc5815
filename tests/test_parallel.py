"""Parallel work over documents: the results of a plain loop, on no more workers than cores and items."""

from __future__ import annotations

import os

import pytest

from analysis.runtime import parallel


def _square(x: int) -> int:
    return x * x


@pytest.fixture
def pools(monkeypatch):
    """The sizes of the pools started."""
    sizes = []
    start = parallel._pool

    def recording(context, jobs, **kwargs):
        sizes.append(jobs)
        return start(context, jobs, **kwargs)

    monkeypatch.setattr(parallel, "_pool", recording)
    return sizes


@pytest.mark.parametrize("jobs", [None, 1, 2, 1000])
def test_same_results_as_a_loop_whatever_the_jobs(jobs):
    items = list(range(500))
    assert parallel.parallel_map(_square, items, jobs=jobs) == [x * x for x in items]


def test_a_thousand_jobs_start_no_more_workers_than_cores(pools, monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert parallel.parallel_map(_square, list(range(2000)), jobs=1000) == [x * x for x in range(2000)]
    assert pools == [2]


@pytest.mark.parametrize(
    "jobs, items, cores, expected",
    [
        (1000, 2000, 2, 2),
        (None, 2000, 8, 8),
        (3, 2000, 8, 3),
        (16, 5, 32, 5),
        (4, 0, 4, 1),
    ],
)
def test_worker_count(monkeypatch, jobs, items, cores, expected):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert parallel.worker_count(jobs, items) == expected


def _work_in_a_daemon(n: int) -> list[int]:
    return parallel.parallel_map(abs, list(range(-n, 0)), jobs=2)


def test_work_inside_a_daemonic_worker_is_done_there_instead_of_starting_processes():
    # A Dask worker (or a pool's worker) is daemonic and may not have children: work over many items
    # asked of it there (a partition of 600 documents) used to fail with an AssertionError.
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(_work_in_a_daemon, (600,)) == list(range(600, 0, -1))
    assert parallel.worker_count(2, 600) == min(2, len(os.sched_getaffinity(0)))


def _slow_square(x: int) -> int:
    import time

    time.sleep(0.01)
    return x * x


def test_work_started_now_gives_the_loop_results_when_collected_and_this_process_goes_on_meanwhile():
    import multiprocessing

    started = parallel.parallel_start(_slow_square, list(range(200)), jobs=2)
    assert len(multiprocessing.active_children()) == 2  # the workers are at it before anyone asks
    here = sum(range(1000))  # meanwhile, this process does other work
    later = started.then(sum).then(lambda total: total + here)
    assert later.result() == sum(x * x for x in range(200)) + 499500
    assert multiprocessing.active_children() == []  # ended with the last result


def test_started_work_cancelled_leaves_no_worker_behind():
    import multiprocessing

    started = parallel.parallel_start(_slow_square, list(range(10_000)), jobs=2)
    assert multiprocessing.active_children()
    started.then(sum).cancel()
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_work_not_worth_workers_is_done_when_collected(pools, jobs):
    started = parallel.parallel_start(_square, [3], jobs=jobs)  # one item: no pool
    assert pools == []
    assert started.result() == [9]
    assert parallel.Later.now(lambda: 4).then(lambda x: x + 1).result() == 5
    assert parallel.Later.done([1]).result() == [1]


def test_results_collected_twice_are_not_computed_twice():
    calls = []
    started = parallel.parallel_start(calls.append, [1, 2], jobs=1)
    assert started.result() == [None, None] and started.result() == [None, None]
    assert calls == [1, 2]
