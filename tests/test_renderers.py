"""Any MkDocs-family renderer: the same mkdocs.yml and generated docs/ build with MkDocs (what
the README uses), with ProperDocs (the maintained fork of MkDocs 1.x: identical pages but for
the generator tag) and with Zensical (Material's successor, which runs no hooks: the plain
stages `generate` before it and `finish` after it do what the hooks do).

Each renderer builds the working set (``conftest.working_texts``) in a copy of the project
of its own: its mkdocs.yml, theme overrides and docs/, the build scripts linked."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, built_once, tracked_docs, working_texts

BIN = Path(sys.executable).parent
GENERATOR = re.compile(rb'\n\s*<meta name="generator" content="[^"]*">')


def run(*command: str | Path, cwd: Path = ROOT, **env: str) -> None:
    result = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def project_copy(folder: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the project under ``folder`` (mkdocs.yml, the theme's overrides, docs/ as
    checked out, the build scripts linked), and the environment that builds the working set
    in it with a cache of its own."""
    project = tracked_docs(folder).parent
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")  # the theme's head additions
    (project / "build_scripts").symlink_to(ROOT / "build_scripts")  # mkdocs.yml's hooks
    texts = working_texts(folder / "texts")
    return project, {"SOURCE_TEXTS_DIR": str(texts), "BUILD_CACHE_DIR": str(folder / "cache")}


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> None:
        project, env = project_copy(folder)
        run(BIN / "mkdocs", "build", "-q", "-d", folder / "site", cwd=project, **env)

    return built_once("mkdocs", tmp_path_factory, make) / "site"


def test_properdocs_builds_the_same_site_but_for_the_generator_tag(mkdocs_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    project, env = project_copy(tmp_path)
    run(BIN / "properdocs", "build", "-q", "-d", site, cwd=project, **env)
    ours = sorted(p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert ours == theirs
    generator_tags = 0
    for rel in ours:
        a, b = (mkdocs_site / rel).read_bytes(), (site / rel).read_bytes()
        if rel.suffix == ".html":
            generator_tags += len(GENERATOR.findall(b))
            a, b = GENERATOR.sub(b"", a), GENERATOR.sub(b"", b)
        assert a == b, rel
    assert generator_tags > 20
    assert b"ProperDocs" in (site / "index.html").read_bytes()


def test_zensical_builds_the_resolution_pages_with_every_anchor_footnote_and_tooltip(mkdocs_site: Path, tmp_path: Path):
    project, env = project_copy(tmp_path)
    run(sys.executable, "-m", "build_scripts", "generate", "--docs-dir", project / "docs", **env)
    run(BIN / "zensical", "build", "-f", project / "mkdocs.yml", cwd=project)
    site = project / "site"
    run(sys.executable, "-m", "build_scripts", "finish", site)
    slugs = sorted(p.stem for p in Path(env["SOURCE_TEXTS_DIR"]).glob("*-res-*.txt"))
    assert len(slugs) > 5 and all((mkdocs_site / "resolutions" / slug).is_dir() for slug in slugs)
    for slug in slugs:
        ours = BeautifulSoup((mkdocs_site / "resolutions" / slug / "index.html").read_text(encoding="utf-8"), "lxml")
        theirs = BeautifulSoup((site / "resolutions" / slug / "index.html").read_text(encoding="utf-8"), "lxml")
        ids = {e["id"] for e in ours.select("article [id]")}
        assert ids <= {e["id"] for e in theirs.select("article [id]")}, slug
        notes = [li["id"] for li in ours.select("div.footnote li")]
        assert notes == [li["id"] for li in theirs.select("div.footnote li")], slug
        terms = [(a["href"], a["title"]) for a in ours.select("a.term[title]")]
        assert terms == [(a["href"], a["title"]) for a in theirs.select("a.term[title]")], slug
        calls = [a.get("aria-label") for a in theirs.select("a.footnote-ref")]
        assert all(label and label.startswith("Footnote ") for label in calls), slug
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    locations = {item["location"] for item in index["items"]}
    assert "resolutions/a-res-77-20/index.html#op17-a" in locations
