"""Worker processes, made in one place for every stage that uses them: spawned for
parsing, PDFs and MkDocs shards (they take their work as arguments), forked for rendering
(it reads the whole edition)."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)


def process_pool(
    jobs: int,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    max_tasks_per_child: int | None = None,
) -> ProcessPoolExecutor:
    """A pool of ``jobs`` processes that can import this package.

    "spawn", not "fork": a forked child would inherit the threads of whatever ran before in
    this process (Typst's workers, MkDocs serve) in whatever state they were, and can hang.
    Spawned workers start with the parent's sys.path and must import this package, even
    when MkDocs loaded it from its hooks (MkDocs restores sys.path after loading them).
    They end with the parent: a worker of a killed build would go on writing into the
    folders that the next build removes."""
    if PACKAGE_ROOT not in sys.path:
        sys.path.append(PACKAGE_ROOT)
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_spawned,
        initargs=(os.getpid(), initializer, initargs),
        max_tasks_per_child=max_tasks_per_child,
    )


def _start_spawned(parent: int, initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    _end_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def forked_pool(jobs: int) -> ProcessPoolExecutor | None:
    """A pool of ``jobs`` forked processes, which inherit what this process holds (the
    edition: sending it to spawned workers would cost more than rendering it), or None where
    forking is not safe: with one job, without fork, or while other threads run (a forked
    child would inherit the locks they hold, as they are; under `mkdocs serve`, say)."""
    if jobs <= 1 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_end_with_parent,
        initargs=(os.getpid(),),
    )


def _end_with_parent(parent: int) -> None:
    """A forked worker holds copies of its pool's pipes, so it would never read the end of
    them if the build were killed: it would wait for work for ever. The kernel ends it with
    its parent instead (Linux's PR_SET_PDEATHSIG), or it ends now if the parent is gone."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pipes are all there is
        pass
    if os.getppid() != parent:
        os._exit(1)


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


Shared = TypeVar("Shared")
Result = TypeVar("Result")

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_FROM = 16

# What forked workers inherit (set before the pool forks them, and only then).
_shared: Any = None


def _run(function: Callable[[Any, int, int], Any], first: int, last: int) -> Any:
    return function(_shared, first, last)


def forked_runs(
    function: Callable[[Shared, int, int], Result],
    shared: Shared,
    count: int,
    jobs: int,
    meanwhile: Callable[[], None] = lambda: None,
) -> Iterator[tuple[int, int, Result]] | None:
    """``function(shared, first, last)`` for runs of ``range(count)`` in ``jobs`` forked
    processes that inherit ``shared`` as it is (nothing of it is sent), yielding
    ``(first, last, result)`` in order; ``meanwhile`` runs here while they work. None where
    forking is not safe (see ``forked_pool``) or the items too few: the caller then does the
    work itself."""
    pool = forked_pool(jobs) if count >= PARALLEL_FROM else None
    if pool is None:
        return None
    return _runs(pool, function, shared, count, jobs, meanwhile)


def _runs(
    pool: ProcessPoolExecutor,
    function: Callable[[Shared, int, int], Result],
    shared: Shared,
    count: int,
    jobs: int,
    meanwhile: Callable[[], None],
) -> Iterator[tuple[int, int, Result]]:
    global _shared
    run = max(1, count // (jobs * 4))  # runs of a few items, so that the workers finish together
    starts = list(range(0, count, run))
    ends = [min(start + run, count) for start in starts]
    _shared = shared
    try:
        with pool:
            results = pool.map(_run, [function] * len(starts), starts, ends)
            meanwhile()
            yield from zip(starts, ends, results, strict=True)
    finally:
        _shared = None
