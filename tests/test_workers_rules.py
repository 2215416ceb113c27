"""The worker pools' rules (``workers.py``) in this process where they can be: the runs a
count is cut into, their order, what the workers share, when no pool is made. The forked
pools themselves are tested in fresh processes in tests/test_workers.py."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from build_scripts import workers
from build_scripts.workers import PACKAGE_ROOT, PARALLEL_FROM, forked_pool, forked_runs, process_pool


def _squares(shared: list[int], first: int, last: int) -> list[int]:
    return [n * n for n in shared[first:last]]


@pytest.mark.parametrize(("count", "jobs", "run"), [(16, 2, 2), (17, 2, 2), (100, 2, 12), (100, 3, 8), (7, 4, 1)])
def test_a_count_is_cut_into_runs_of_a_quarter_of_a_workers_share_in_order(count: int, jobs: int, run: int):
    called: list[str] = []
    results = list(
        workers._runs(ThreadPoolExecutor(jobs), _squares, list(range(count)), count, jobs, lambda: called.append("x"))
    )
    assert [(first, last) for first, last, _ in results] == [(s, min(s + run, count)) for s in range(0, count, run)]
    assert [n for _, _, squares in results for n in squares] == [n * n for n in range(count)]
    assert called == ["x"]  # what the caller does meanwhile, once
    assert workers._shared is None  # let go once the runs are done


def test_what_the_workers_share_is_let_go_though_a_run_fails():
    def failing(shared: object, first: int, last: int) -> None:
        raise ValueError("a run failed")

    with pytest.raises(ValueError, match="a run failed"):
        list(workers._runs(ThreadPoolExecutor(2), failing, [1, 2], 2, 2, lambda: None))
    assert workers._shared is None


def test_no_pool_for_one_job_too_few_items_or_another_thread():
    assert forked_pool(1) is None and forked_pool(0) is None
    assert forked_runs(_squares, list(range(100)), 100, 1) is None
    assert forked_runs(_squares, list(range(PARALLEL_FROM - 1)), PARALLEL_FROM - 1, 2) is None
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert forked_pool(2) is None
        assert forked_runs(_squares, list(range(100)), 100, 2) is None
    finally:
        stop.set()
        other.join()


def _initialised(value: str) -> None:
    os.environ["WORKER_INITIALISED"] = value


def _worker_state() -> tuple[int, str, bool]:
    return os.getpid(), os.environ.get("WORKER_INITIALISED", ""), PACKAGE_ROOT in sys.path


def test_a_spawned_pool_runs_its_initializer_and_can_import_the_package(monkeypatch):
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p != PACKAGE_ROOT])
    with process_pool(1, _initialised, ("yes",), max_tasks_per_child=1) as pool:
        pid, initialised, importable = pool.submit(_worker_state).result()
        assert (pool._max_workers, pool._mp_context.get_start_method(), pool._max_tasks_per_child) == (1, "spawn", 1)
    assert PACKAGE_ROOT in sys.path  # given to the workers through the parent's path
    assert (pid != os.getpid(), initialised, importable) == (True, "yes", True)
    # Spawned too when its workers live as long as the pool (Python spawns by itself only
    # those that end after some tasks: the default is to fork, on Linux).
    with process_pool(2) as pool:
        assert (pool._max_workers, pool._mp_context.get_start_method()) == (2, "spawn")


PR_GET_PDEATHSIG = 2  # from <linux/prctl.h>


def _death_signal() -> int:
    signal_number = ctypes.c_int()
    ctypes.CDLL(None, use_errno=True).prctl(PR_GET_PDEATHSIG, ctypes.byref(signal_number))
    return signal_number.value


def test_a_worker_whose_parent_is_alive_goes_on_and_its_initializer_runs():
    seen: list[tuple[str, int]] = []
    try:
        workers._end_with_parent(os.getppid())  # the parent is there: it goes on...
        assert _death_signal() == signal.SIGKILL  # ...and ends when the parent does
    finally:
        ctypes.CDLL(None).prctl(workers.PR_SET_PDEATHSIG, 0)  # this test process: as it was
    workers._start_spawned(os.getppid(), lambda word, n: seen.append((word, n)), ("run", 2))
    workers._start_spawned(os.getppid(), None, ())
    assert seen == [("run", 2)]


def test_a_worker_whose_parent_is_gone_ends_at_once():
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=workers._end_with_parent, args=(1,))
    child.start()
    child.join(60)
    assert child.exitcode == 1
    alive = multiprocessing.get_context("spawn").Process(target=workers._end_with_parent, args=(os.getpid(),))
    alive.start()
    alive.join(60)
    assert alive.exitcode == 0


def test_a_worker_whose_parent_is_gone_exits_with_status_1(monkeypatch):
    def exits(status: int) -> None:
        raise SystemExit(status)

    monkeypatch.setattr(os, "_exit", exits)
    with pytest.raises(SystemExit) as raised:
        workers._end_with_parent(os.getppid() + 100_000)  # no such parent
    assert raised.value.code == 1
    ctypes.CDLL(None).prctl(workers.PR_SET_PDEATHSIG, 0)


def _parent_and_signal() -> tuple[int, int]:
    return os.getppid(), _death_signal()


def test_a_forked_pool_is_of_forked_workers_that_end_with_this_process():
    """Made only while this process runs one thread (pytest-xdist's workers run more: there
    no pool is made, as under `mkdocs serve`). Of as many workers as asked (three: not
    this machine's count of cores, which a pool takes when not told)."""
    pool = forked_pool(3)
    runs = forked_runs(_squares, list(range(PARALLEL_FROM)), PARALLEL_FROM, 2)
    if threading.active_count() > 1:
        assert pool is None and runs is None
        return
    assert pool is not None and runs is not None
    assert [n for _, _, squares in runs for n in squares] == [n * n for n in range(PARALLEL_FROM)]
    with pool:
        assert (pool._max_workers, pool._mp_context.get_start_method()) == (3, "fork")
        assert pool.submit(_parent_and_signal).result() == (os.getpid(), signal.SIGKILL)
