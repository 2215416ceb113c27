"""What a build remembers of the last one: results by the digest of everything that made them.

A stage that works document by document (the index's findings, the series' pairings, the
render of a document's files) asks for what it made before from the same inputs and works
only on what it lacks: after an edit to one text, that text and what depends on it. A key
is a digest of the inputs and of the code that reads them, so a changed input or changed
code is a new key, never a stale result. Each stage's memo is one file under the cache,
holding what the last build used (it does not grow with every edit).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from .workers import forked_runs

PACKAGE = Path(__file__).parent

Item = TypeVar("Item")
Value = TypeVar("Value")


def digest(*parts: object) -> bytes:
    """A digest of values by their content: a pickle without its memo, so two equal values
    give the same bytes whether or not they share objects."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: the bytes say what the values are, not how they are shared
    pickler.dump((code_version(), parts))
    return hashlib.sha256(buffer.getbuffer()).digest()


@cache
def code_version(suffix: str = "") -> bytes:
    """The build's code (its files ending in ``suffix``; every file by default: modules,
    templates, schemas): a result remembered is only as good as the code that made it."""
    sha = hashlib.sha256()
    for path in sorted(PACKAGE.rglob(f"*{suffix}")):
        if path.is_file() and "__pycache__" not in path.parts:
            sha.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.digest()


def digests_of(items: list[Item], jobs: int = 1) -> list[bytes]:
    """``digest(item)`` of each item, by ``jobs`` forked processes when there are many."""
    runs = forked_runs(_digest_run, items, len(items), jobs)
    return [digest(item) for item in items] if runs is None else [d for _, _, run in runs for d in run]


def _digest_run(items: list[Item], first: int, last: int) -> list[bytes]:
    return [digest(item) for item in items[first:last]]


class Memo:
    """One stage's results from the last build, by key (see ``digest``). ``save`` keeps
    what this build asked for or added; a memo without a file remembers nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.before: dict[bytes, Any] = {}
        if path is not None and path.is_file():
            try:
                self.before = pickle.loads(path.read_bytes())
            except Exception:  # a memo from another version, or cut short: start afresh
                self.before = {}
        self.now: dict[bytes, Any] = {}
        self.changed = False

    def get(self, key: bytes) -> Any | None:
        if key in self.before:
            self.now[key] = self.before[key]
        return self.now.get(key)

    def keep(self, keys: Iterable[bytes]) -> None:
        """Carry these over from the last build though this one did not ask for them (a
        stage that asks only for what it works on, and may work on nothing)."""
        for key in keys:
            self.get(key)

    def put(self, key: bytes, value: Any) -> None:
        self.changed = self.changed or key not in self.before or self.before[key] != value
        self.now[key] = value

    def save(self) -> None:
        if self.path is None or (not self.changed and self.now.keys() == self.before.keys()):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(self.now, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(self.path)


def remembered(
    memo: Memo,
    keys: list[bytes],
    compute: Callable[[int], Value],
    jobs: int = 1,
) -> list[Value]:
    """``compute(i)`` for every ``i`` of ``keys``, from the memo where it has the key, else
    computed (by ``jobs`` forked processes when many are missing) and remembered."""
    values: list[Any] = [memo.get(key) for key in keys]
    missing = [i for i, value in enumerate(values) if value is None]
    runs = forked_runs(_compute_run, (compute, missing), len(missing), jobs)
    if runs is None:
        found: Iterable[Value] = (compute(i) for i in missing)
    else:
        found = (value for _, _, run in runs for value in run)
    for i, value in zip(missing, found, strict=True):
        values[i] = value
        memo.put(keys[i], value)
    return values


def _compute_run(job: tuple[Callable[[int], Value], list[int]], first: int, last: int) -> list[Value]:
    compute, missing = job
    return [compute(i) for i in missing[first:last]]
