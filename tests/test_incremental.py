"""Incremental and atomic site builds, on a copy of the texts and of docs/."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_into, tracked_docs, working_texts


def build_command(texts: Path, docs: Path, site: Path, *extra: str) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "SOURCE_TEXTS_DIR": str(texts), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "build_scripts", "build", "--docs-dir", str(docs), "--site-dir", str(site)]
    return command + list(extra), env


def build(texts: Path, docs: Path, site: Path, *extra: str) -> str:
    result = build_into(site, "--docs-dir", str(docs), *extra, SOURCE_TEXTS_DIR=str(texts))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def manifest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def witness(site: Path, folder: Path) -> Path:
    """A second name for every file of ``site`` (hard links): whatever writes into a file of
    the site in place instead of replacing it shows in the witness."""
    for path in site.rglob("*"):
        if path.is_file():
            target = folder / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    return folder


def rendered(output: str) -> tuple[int, int, str]:
    m = re.search(r"rendered (\d+) of (\d+) pages \(([^)]+)\)", output)
    assert m, output
    return int(m[1]), int(m[2]), m[3]


@pytest.fixture()
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    return working_texts(tmp_path / "texts"), tracked_docs(tmp_path / "checkout")


def edit_one_text(texts: Path) -> None:
    path = texts / "a-res-77-241.txt"
    text = path.read_text(encoding="utf-8")
    assert "to designate 7 September" in text
    path.write_text(text.replace("to designate 7 September", "to designate formally 7 September", 1), encoding="utf-8")


def test_unchanged_and_one_text_changed_rebuild_only_what_depends_on_it(workspace, tmp_path: Path):
    texts, docs = workspace
    site = tmp_path / "site"
    first = build(texts, docs, site)
    done, total, how = rendered(first)
    assert how.startswith("full build") and done == total > 20
    before = manifest(site)

    # Nothing changed: the inputs are checked and nothing is generated, rendered or written.
    times = {p: p.stat().st_mtime_ns for p in [*site.rglob("*"), *docs.rglob("*")]}
    again = build(texts, docs, site)
    assert again.startswith("nothing changed since the last build"), again
    assert manifest(site) == before
    assert {p: p.stat().st_mtime_ns for p in [*site.rglob("*"), *docs.rglob("*")]} == times
    # A page of docs/ touched by hand (or removed) is a change: it is built again.
    (docs / "stylesheets" / "edition.css").touch()
    again = build(texts, docs, site)
    assert rendered(again) == (0, total, "incremental: only pages whose Markdown changed")
    assert "0 pages written" in again and "0 PDFs set" in again
    assert manifest(site) == before

    edit_one_text(texts)
    old_site = witness(site, tmp_path / "witness")
    inodes = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    changed = build(texts, docs, site)
    done, _, how = rendered(changed)
    # The site in place was never written into while the new one was made beside it.
    assert manifest(old_site) == before
    assert how.startswith("incremental")
    # The text's page and the pages that list or quote it (home, list, indexes, glossary),
    # not the other documents.
    assert 0 < done < total // 2, changed
    after = manifest(site)
    differ = {path for path in after if before.get(path) != after[path]}
    assert {"resolutions/a-res-77-241/a-res-77-241.pdf", "resolutions/a-res-77-241/a-res-77-241.json"} <= differ
    assert not any(path.startswith("resolutions/a-res-77-237/") for path in differ)
    # Only what depends on the text was written; every other file is the old one, linked
    # (the same file, not a copy). Written anew besides what changed: what every build writes.
    written = {rel for rel, ino in inodes.items() if (site / rel).stat().st_ino != ino}
    every_build = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "search/search_index.js"}
    assert differ <= written
    assert written - differ <= every_build | {p for p in written if p.endswith("index.html")}, written - differ
    assert len(written) < len(inodes) // 4, sorted(written)
    page = (site / "resolutions" / "a-res-77-241" / "index.html").read_text(encoding="utf-8")
    assert "to designate formally 7 September" in " ".join(re.sub(r"<[^>]+>", " ", page).split())
    # The incremental result is the full build's, byte for byte (search index included).
    full = tmp_path / "full"
    assert rendered(build(texts, docs, full, "--full"))[2].startswith("full build")
    assert manifest(full) == after


def processes_of(command: list[str], grace: float = 5.0) -> list[int]:
    """The processes still running ``command`` (forked workers share their parent's command
    line) after at most ``grace`` seconds."""
    wanted = "\0".join(command).encode()
    deadline = time.monotonic() + grace
    while True:
        alive = []
        for proc in Path("/proc").iterdir():
            try:
                running = proc.name.isdigit() and wanted in (proc / "cmdline").read_bytes()
                if running and (proc / "stat").read_text().split(") ")[1][0] != "Z":  # not a zombie
                    alive.append(int(proc.name))
            except OSError:
                continue  # ended meanwhile
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one(workspace, tmp_path: Path):
    texts, docs = workspace
    site = tmp_path / "site"
    build(texts, docs, site)
    old = manifest(site)
    edit_one_text(texts)
    new_site = tmp_path / "new"
    started = time.monotonic()
    build(texts, docs, new_site, "--full")
    took = time.monotonic() - started
    new = manifest(new_site)
    assert new != old

    command, env = build_command(texts, docs, site, "--full")
    seen: set[str] = set()
    # Killed at moments spread over the course of the same build, however fast the machine:
    # its start, its stages, its last writes and the swap at its end.
    for delay in (took * share for share in (0.15, 0.35, 0.55, 0.75, 0.95)):
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert not processes_of(command), f"killed after {delay:.1f} s: its workers live on"
        now = manifest(site)
        assert now in (old, new), f"killed after {delay:.1f} s: a mix of two sites"
        seen.add("old" if now == old else "new")
        if now == new:
            # Put the old site back, to kill the next build later in its course.
            shutil.rmtree(site)
            edit_back = texts / "a-res-77-241.txt"
            edit_back.write_text(
                edit_back.read_text(encoding="utf-8").replace("designate formally", "designate"), encoding="utf-8"
            )
            build(texts, docs, site, "--full")
            assert manifest(site) == old
            edit_one_text(texts)
    assert "old" in seen  # at least one kill landed before the swap
    # The staging folders of killed builds are removed by the next build.
    build(texts, docs, site)
    assert manifest(site) == new
    assert not list(tmp_path.glob(".site-build-*"))
