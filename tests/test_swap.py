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
from conftest import ROOT, build_into, tracked_docs


def digest(site: Path) -> dict[str, str]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.mark.parametrize("renameat2", [True, False], ids=["exchange", "two renames"])
def test_a_build_killed_inside_the_swap_leaves_a_whole_site(tmp_path: Path, renameat2: bool):
    docs = tracked_docs(tmp_path / "checkout")
    site = tmp_path / "site"
    cache = str(tmp_path / "cache")
    assert build_into(site, "--docs-dir", str(docs), BUILD_CACHE_DIR=cache).returncode == 0
    (docs / "data" / "index.md").write_text(
        (docs / "data" / "index.md").read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8"
    )
    old = digest(site)
    announce = tmp_path / "swap-started"
    command = [sys.executable, "-m", "build_scripts", "build", "--site-dir", str(site), "--docs-dir", str(docs)]
    command += ["--swap-pause", "30", "--swap-announce", str(announce)] + ([] if renameat2 else ["--no-renameat2"])
    build = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BUILD_CACHE_DIR": cache}
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
        assert now != old and now["data/index.html"] != old["data/index.html"]  # the new site, whole
    else:
        assert point == "between the renames"
        assert not site.exists() and site.with_name("site.old").is_dir()  # killed between them
        assert digest(site.with_name("site.old")) == old
    # The next build repairs and completes: the new site, nothing left behind.
    assert build_into(site, "--docs-dir", str(docs), BUILD_CACHE_DIR=cache).returncode == 0
    assert "A new line." in (site / "data" / "index.html").read_text(encoding="utf-8")
    assert not site.with_name("site.old").exists()
    assert not list(tmp_path.glob(".site-build-*"))
