"""The memo's rules (``memo.py``) in this process: digests by content, values kept between
builds and only what a build used, a damaged file started afresh (a locked one never), no
connection across a fork, what ``remembered`` computes. The incremental builds that rest on it are tested
in tests/test_memo.py and tests/test_incremental.py."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from build_scripts import memo as memo_module
from build_scripts.memo import Memo, _compute_run, _digest_run, digest, digests_of, remembered


def test_a_digest_is_of_the_content_whoever_shares_what():
    shared = ["a", "b"]
    assert digest([shared, shared]) == digest([["a", "b"], ["a", "b"]])
    assert digest("x", 1) == digest("x", 1) != digest("x", 2)
    assert digest(("x", 1)) != digest("x", 1)  # the parts, as given
    assert len(digest()) == 32
    assert digests_of(["a", "b"]) == [digest("a"), digest("b")]
    assert _digest_run(["a", "b", "c"], 1, 3) == [digest("b"), digest("c")]


def test_values_are_kept_between_builds_and_only_those_the_last_build_used(tmp_path: Path):
    path = tmp_path / "deep" / "er" / "memo.sqlite"  # its folder made as needed
    first = Memo(path)
    for key in (b"a", b"b", b"c"):
        first.put(key, {"value": key.decode()})
    first.save()
    second = Memo(path)
    assert second.keys() == [b"a", b"b", b"c"]
    assert second.get(b"a") == {"value": "a"} and second.get(b"z") is None
    assert second.holds(b"b") and not second.holds(b"z")
    second.save()  # asked for a and b only: c goes
    assert Memo(path).keys() == [b"a", b"b"]
    third = Memo(path)
    third.keep([b"a", b"missing"])
    third.save()
    assert Memo(path).keys() == [b"a"]


def test_a_memo_without_a_file_remembers_for_this_build_only():
    memo = Memo(None)
    memo.put(b"b", 2)
    memo.put(b"a", 1)
    assert (memo.get(b"a"), memo.get(b"z"), memo.holds(b"b"), memo.holds(b"z")) == (1, None, True, False)
    assert memo.keys() == [b"a", b"b"]
    memo.keep([b"a"])
    memo.save()
    assert memo.used == {b"a", b"b"}


def test_values_are_committed_every_so_many_and_at_the_save(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(Memo, "COMMIT_EVERY", 3)
    memo = Memo(tmp_path / "memo.sqlite")
    for n in range(4):
        memo.put(bytes([n]), n)
    assert memo.pending == 1  # three committed, one waits
    reader = sqlite3.connect(tmp_path / "memo.sqlite")
    assert reader.execute("SELECT COUNT(*) FROM memo").fetchone() == (3,)
    memo.save()
    assert memo.pending == 0
    assert reader.execute("SELECT COUNT(*) FROM memo").fetchone() == (4,)
    reader.close()
    assert not (tmp_path / "memo.sqlite-wal").exists() or (tmp_path / "memo.sqlite-wal").stat().st_size == 0


def test_a_file_that_is_no_memo_is_started_afresh(tmp_path: Path):
    path = tmp_path / "memo.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    (tmp_path / "memo.sqlite-wal").write_bytes(b"stale")
    (tmp_path / "memo.sqlite-shm").write_bytes(b"stale")
    memo = Memo(path)
    assert memo.keys() == []
    for stale in ("memo.sqlite-wal", "memo.sqlite-shm"):  # the old log went with the old file
        assert not (tmp_path / stale).exists() or (tmp_path / stale).read_bytes() != b"stale"
    memo.put(b"k", "v")
    memo.save()
    assert Memo(path).get(b"k") == "v"


def test_no_connection_crosses_a_fork_and_what_was_put_is_committed_before_it(tmp_path: Path):
    """SQLite keeps a process's locks in its memory, which a forked child copies: a child
    must open its own connection, never find its parent's (see ``_close_before_fork``)."""
    memo = Memo(tmp_path / "memo.sqlite")
    memo.put(b"k", "v")  # not committed yet
    assert memo._connection is not None and memo.pending == 1
    child = os.fork()
    if child == 0:  # the child: no connection of its parent's, and the value committed for it
        os._exit(0 if memo._connection is None and memo.get(b"k") == "v" else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert memo.get(b"k") == "v" and memo.pending == 0  # here, opened again when needed


def test_a_memo_another_build_holds_is_an_error_and_never_started_afresh(tmp_path: Path, monkeypatch):
    """A memo locked by another build (`mkdocs serve` beside `make site`) past the wait is
    that build's memo, not a damaged file: it is left as it is."""
    path = tmp_path / "memo.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE memo (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
    holder.execute("INSERT INTO memo VALUES (x'01', x'02')")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(memo_module, "BUSY_TIMEOUT", 0.05)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        Memo(path).get(b"\x01")
    holder.execute("COMMIT")
    holder.close()
    reader = sqlite3.connect(path)  # the file at its path, not the one the holder had open
    assert reader.execute("SELECT key, value FROM memo").fetchall() == [(b"\x01", b"\x02")]
    reader.close()


def test_remembered_computes_what_the_memo_lacks_once_and_gives_every_value_in_order(tmp_path: Path):
    memo = Memo(tmp_path / "memo.sqlite")
    memo.put(b"k1", "remembered")
    computed: list[int] = []

    def compute(i: int) -> str:
        computed.append(i)
        return f"made {i}"

    values = list(remembered(memo, [b"k0", b"k1", b"k2"], compute))
    assert values == ["made 0", "remembered", "made 2"]
    assert computed == [0, 2]
    assert list(remembered(memo, [b"k2", b"k0"], compute)) == ["made 2", "made 0"]
    assert computed == [0, 2]  # nothing computed again
    assert _compute_run((lambda i: i * 10, [4, 5, 6]), 1, 3) == [50, 60]


@pytest.mark.parametrize("jobs", [1, 2])
def test_many_values_missing_are_the_same_computed_by_one_process_or_more(tmp_path: Path, jobs: int):
    memo = Memo(tmp_path / f"memo{jobs}.sqlite")
    keys = [bytes([n]) for n in range(40)]
    assert list(remembered(memo, keys, lambda i: i * i, jobs)) == [i * i for i in range(40)]
    assert digests_of(list(range(40)), jobs) == [digest(i) for i in range(40)]


def test_a_damaged_file_alone_without_its_log_is_started_afresh_too(tmp_path: Path):
    path = tmp_path / "memo.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    memo = Memo(path)
    memo.put(b"k", "v")
    memo.save()
    assert Memo(path).get(b"k") == "v"
