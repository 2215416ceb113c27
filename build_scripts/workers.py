"""Worker processes, made one way for every stage that uses them (parsing, PDFs, MkDocs
shards)."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

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
    when MkDocs loaded it from its hooks (MkDocs restores sys.path after loading them)."""
    if PACKAGE_ROOT not in sys.path:
        sys.path.append(PACKAGE_ROOT)
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=initializer,
        initargs=initargs,
        max_tasks_per_child=max_tasks_per_child,
    )
