"""The atomic swap of the site, killed inside it: the site is the old one or the new one,
never a mix, and the next build repairs what a kill between two renames left. Driven by
the build's fault-injection point (a pause inside the swap, announced by a file)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_into, tracked_docs, working_texts

from build_scripts.site import swap


def digest(site: Path) -> dict[str, str]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.mark.parametrize("renameat2", [True, False], ids=["exchange", "two renames"])
def test_a_build_killed_inside_the_swap_leaves_a_whole_site(tmp_path: Path, renameat2: bool):
    docs = tracked_docs(tmp_path / "checkout")
    texts = str(working_texts(tmp_path / "texts"))
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert build_into(site, "--docs-dir", str(docs), BUILD_CACHE_DIR=cache, SOURCE_TEXTS_DIR=texts).returncode == 0
    stylesheet = docs / "stylesheets" / "edition.css"  # a hand-written file of docs/
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* A new line. */\n", encoding="utf-8")
    old = digest(site)
    announce = tmp_path / "swap-started"
    command = [sys.executable, "-m", "build_scripts", "build", "--site-dir", str(site), "--docs-dir", str(docs)]
    command += ["--swap-pause", "30", "--swap-announce", str(announce)] + ([] if renameat2 else ["--no-renameat2"])
    build = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BUILD_CACHE_DIR": cache, "SOURCE_TEXTS_DIR": texts},
    )
    for _ in range(600):
        if announce.exists() or build.poll() is not None:
            break
        time.sleep(0.1)
    assert announce.exists(), "the build never reached the swap"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    point = announce.read_text(encoding="utf-8")
    if renameat2:
        assert point == "exchanged"
        now = digest(site)
        assert now != old and now["stylesheets/edition.css"] != old["stylesheets/edition.css"]  # the new site
    else:
        assert point == "between the renames"
        assert not site.exists() and site.with_name("site.old").is_dir()  # killed between them
        assert digest(site.with_name("site.old")) == old
    # The next build repairs and completes: the new site, nothing left behind.
    assert build_into(site, "--docs-dir", str(docs), BUILD_CACHE_DIR=cache, SOURCE_TEXTS_DIR=texts).returncode == 0
    assert "A new line." in (site / "stylesheets" / "edition.css").read_text(encoding="utf-8")
    assert not site.with_name("site.old").exists()
    assert not list(tmp_path.glob(".site-build-*"))


# --- the swap's steps, in process, on small folders -----------------------------------------


def folder(path: Path, content: str) -> Path:
    path.mkdir()
    (path / "index.html").write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("renameat2", [True, False], ids=["exchange", "two renames"])
def test_the_swap_puts_the_new_site_in_place_and_removes_the_old_one(tmp_path: Path, renameat2: bool):
    site = folder(tmp_path / "site", "old")
    staging = folder(tmp_path / f"{swap.STAGING_PREFIX}1-x", "new")
    swap.swap_into_place(staging, site, swap.SwapFaults(exchange=renameat2))
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_first_swap_has_no_old_site(tmp_path: Path):
    staging = folder(tmp_path / "staging", "new")
    swap.swap_into_place(staging, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "new"
    assert not staging.exists()


def test_a_stale_site_old_is_replaced_by_the_two_renames(tmp_path: Path):
    site = folder(tmp_path / "site", "old")
    folder(tmp_path / "site.old", "older")
    swap.swap_into_place(folder(tmp_path / "staging", "new"), site, swap.SwapFaults(exchange=False))
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path):
    a, b = folder(tmp_path / "a", "A"), folder(tmp_path / "b", "B")
    assert swap.exchange(a, b)
    assert (a / "index.html").read_text(encoding="utf-8") == "B"
    assert (b / "index.html").read_text(encoding="utf-8") == "A"
    assert not swap.exchange(a, tmp_path / "missing")  # an error is False, not an exception


def test_the_fault_point_announces_itself_and_pauses(tmp_path: Path):
    announce = tmp_path / "announce"
    start = time.monotonic()
    swap.SwapFaults(pause=0.2, announce=announce).point("between the renames")
    assert announce.read_text(encoding="utf-8") == "between the renames"
    assert time.monotonic() - start >= 0.2
    swap.SwapFaults(pause=0.2).point("x")  # no file to announce: no pause either
    swap.SwapFaults(announce=announce).point("y")
    assert announce.read_text(encoding="utf-8") == "between the renames"


def test_leftovers_of_killed_builds_are_removed_and_a_lost_site_is_renamed_back(tmp_path: Path):
    site = tmp_path / "site"
    folder(tmp_path / "site.old", "old")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    killed = folder(tmp_path / f"{swap.STAGING_PREFIX}{dead.stdout.strip()}-abc", "half")
    running = folder(tmp_path / f"{swap.STAGING_PREFIX}{os.getpid()}-def", "building")
    odd = folder(tmp_path / f"{swap.STAGING_PREFIX}notapid-x", "?")
    assert swap.remove_leftovers(site) == [killed]
    assert not killed.exists()
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert running.exists() and odd.exists() and not (tmp_path / "site.old").exists()


def test_site_old_is_left_alone_while_the_site_is_there(tmp_path: Path):
    folder(tmp_path / "site", "new")
    folder(tmp_path / "site.old", "old")
    assert swap.remove_leftovers(tmp_path / "site") == []
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "new"


def test_a_process_is_alive_until_it_ends():
    assert swap.pid_alive(os.getpid())
    assert swap.pid_alive(1)  # another user's process: alive, though it cannot be signalled
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    assert not swap.pid_alive(int(ended.stdout))


def test_exchange_works_on_paths_relative_to_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder(tmp_path / "a", "A")
    folder(tmp_path / "b", "B")
    monkeypatch.chdir(tmp_path)
    assert swap.exchange(Path("a"), Path("b"))
    assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == "B"


def test_without_renameat2_exchange_says_so_and_the_swap_takes_two_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def no_libc(*args: object, **kwargs: object) -> None:
        raise OSError("no such library")

    monkeypatch.setattr(swap.ctypes, "CDLL", no_libc)
    assert swap.exchange(folder(tmp_path / "a", "A"), folder(tmp_path / "b", "B")) is False
    site = folder(tmp_path / "site", "old")
    announce = tmp_path / "announce"
    swap.swap_into_place(folder(tmp_path / "staging", "new"), site, swap.SwapFaults(pause=0.01, announce=announce))
    assert announce.read_text(encoding="utf-8") == "between the renames"
    assert (site / "index.html").read_text(encoding="utf-8") == "new"


def test_the_exchange_announces_its_fault_point(tmp_path: Path):
    site = folder(tmp_path / "site", "old")
    announce = tmp_path / "announce"
    swap.swap_into_place(folder(tmp_path / "staging", "new"), site, swap.SwapFaults(pause=0.01, announce=announce))
    assert announce.read_text(encoding="utf-8") == "exchanged"
