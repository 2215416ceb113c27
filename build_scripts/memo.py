"""What a build remembers of the last one: results by the digest of everything that made them.

A stage that works document by document (the index's findings, the series' pairings, the
render of a document's files) asks for what it made before from the same inputs and works
only on what it lacks: after an edit to one text, that text and what depends on it. A key
is a digest of the inputs and of the code that reads them, so a changed input or changed
code is a new key, never a stale result. Each stage's memo is one SQLite file under the
cache, holding what the last build used (it does not grow with every edit).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sqlite3
import weakref
from collections.abc import Callable, Iterable, Iterator
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
    pickler = _ContentPickler(buffer, protocol=5)
    pickler.fast = True  # no memo: the bytes say what the values are, not how they are shared
    pickler.dump((code_version(), parts))
    return hashlib.sha256(buffer.getbuffer()).digest()


class _ContentPickler(pickle.Pickler):
    """Pickles a value whole where its own pickle would keep part of it as it is held
    (a packed document's body: ``model.Packable``)."""

    def reducer_override(self, obj: Any) -> Any:
        whole = getattr(type(obj), "__reduce_whole__", None)
        return whole(obj) if whole is not None else NotImplemented


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
    """One stage's results from the last build, by key (see ``digest``), in an SQLite file:
    a value is read when asked for and written when made, so a big collection's results
    are never all in memory (a pickle of the whole dict, loaded and written whole, held
    them all and took seconds to write again after an edit to one text). ``save`` keeps
    what this build asked for or added; a memo without a file remembers nothing.

    A forked worker may read the memo (it opens a connection of its own: see
    ``_close_before_fork``); only the process that made the memo writes to it, and never
    while it waits for workers that read it (see ``site.pipeline.write_documents``)."""

    COMMIT_EVERY = 500  # values written between commits: a failed build keeps what it made

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.values: dict[bytes, Any] = {}  # without a file: this build's values, in memory
        self.used: set[bytes] = set()  # the keys this build asked for and found, or added
        self.pending = 0  # values written since the last commit
        self._connection: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        """This process's connection, opened when first needed (again after a fork)."""
        assert self.path is not None
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._connection = _open(self.path)
            except sqlite3.DatabaseError as error:
                if _busy(error):  # another build holds it (`mkdocs serve`): its memo, not a stale one
                    raise
                # Not a memo (cut short, or of another version): afresh.
                for stale in (self.path, *(self.path.with_name(self.path.name + end) for end in ("-wal", "-shm"))):
                    stale.unlink(missing_ok=True)
                self._connection = _open(self.path)
            _open_memos.add(self)
        return self._connection

    def close(self) -> None:
        """What was put, committed, and the connection closed (opened again when needed)."""
        if self._connection is not None:
            self._connection.commit()
            self._connection.close()
            self._connection = None
            self.pending = 0

    def get(self, key: bytes) -> Any | None:
        if self.path is None:
            return self.values.get(key)
        row = self._db().execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        self.used.add(key)
        return pickle.loads(row[0])

    def holds(self, key: bytes) -> bool:
        """The memo has a value for ``key`` (kept, then, as if asked for)."""
        if self.path is None:
            return key in self.values
        if self._db().execute("SELECT 1 FROM memo WHERE key = ?", (key,)).fetchone() is None:
            return False
        self.used.add(key)
        return True

    def keep(self, keys: Iterable[bytes]) -> None:
        """Carry these over from the last build though this one did not ask for them (a
        stage that asks only for what it works on, and may work on nothing)."""
        if self.path is None:
            return
        for key in keys:
            self.holds(key)

    def put(self, key: bytes, value: Any) -> None:
        self.used.add(key)
        if self.path is None:
            self.values[key] = value
            return
        db = self._db()
        db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?)", (key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)))
        self.pending += 1
        if self.pending >= self.COMMIT_EVERY:
            db.commit()
            self.pending = 0

    def keys(self) -> list[bytes]:
        """Every key the memo holds, in order."""
        if self.path is None:
            return sorted(self.values)
        return [row[0] for row in self._db().execute("SELECT key FROM memo ORDER BY key")]

    def save(self) -> None:
        """Keep only what this build asked for or added."""
        if self.path is None:
            return
        db = self._db()
        db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key BLOB PRIMARY KEY)")
        db.execute("DELETE FROM used")
        db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((key,) for key in self.used))
        db.execute("DELETE FROM memo WHERE key NOT IN (SELECT key FROM used)")
        db.execute("DELETE FROM used")
        db.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the memo whole in its file
        self.pending = 0


# The memos of this process with a connection open.
_open_memos: weakref.WeakSet[Memo] = weakref.WeakSet()


def _close_before_fork() -> None:
    """SQLite's rule: no connection crosses a fork. SQLite keeps the locks of a process's
    connections in the process's memory, which a forked child copies as it is, so a
    child's own connection could count a lock of its parent's as its own. So every memo
    commits and closes here before a fork, and each process opens its own afterwards.
    (The wait of 300 s a forked render once met was another matter: a write lock its
    parent held while waiting for it, see ``site.pipeline.write_documents``.)"""
    for memo in list(_open_memos):
        memo.close()


os.register_at_fork(before=_close_before_fork)

# Another build on the same cache (`mkdocs serve` beside `make site`) may be writing: wait
# for it rather than fail.
BUSY_TIMEOUT = 300.0


def _busy(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)  # an extended code: its primary in the low byte
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
    # Write-ahead logging: forked workers read while this process writes.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("CREATE TABLE IF NOT EXISTS memo (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
    connection.commit()
    return connection


def remembered(
    memo: Memo,
    keys: list[bytes],
    compute: Callable[[int], Value],
    jobs: int = 1,
) -> Iterator[Value]:
    """``compute(i)`` for every ``i`` of ``keys``, in order: the values the memo lacks are
    computed first (by ``jobs`` forked processes when many are missing) and remembered;
    then each value is read from the memo when its turn comes, so that a big collection's
    values (the index's findings: 80 MB at 1,000 texts) are never all in memory at once."""
    missing = [i for i, key in enumerate(keys) if not memo.holds(key)]
    runs = forked_runs(_compute_run, (compute, missing), len(missing), jobs)
    if runs is None:
        found: Iterable[Value] = (compute(i) for i in missing)
    else:
        found = (value for _, _, run in runs for value in run)
    for i, value in zip(missing, found, strict=True):
        memo.put(keys[i], value)
    return (memo.get(key) for key in keys)


def _compute_run(job: tuple[Callable[[int], Value], list[int]], first: int, last: int) -> list[Value]:
    compute, missing = job
    return [compute(i) for i in missing[first:last]]
