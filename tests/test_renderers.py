"""Any MkDocs-family renderer: the same mkdocs.yml and generated docs/ build with MkDocs (what
the README uses), with ProperDocs (the maintained fork of MkDocs 1.x: identical pages but for
the generator tag) and with Zensical (Material's successor, which runs no hooks: the plain
stages `generate` before it and `finish` after it do what the hooks do)."""

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
from conftest import ROOT, built_once, project_docs

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


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> None:
        with project_docs():
            run(BIN / "mkdocs", "build", "-q", "-d", folder / "site", BUILD_CACHE_DIR=str(folder / "cache"))

    return built_once("mkdocs", tmp_path_factory, make) / "site"


def test_properdocs_builds_the_same_site_but_for_the_generator_tag(mkdocs_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    with project_docs():
        run(BIN / "properdocs", "build", "-q", "-d", site, BUILD_CACHE_DIR=str(tmp_path / "cache"))
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
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")  # the theme's head additions
    run(
        sys.executable,
        "-m",
        "build_scripts",
        "generate",
        "--docs-dir",
        project / "docs",
        BUILD_CACHE_DIR=str(tmp_path / "c"),
    )
    for rel in ["stylesheets", "javascripts"]:  # the hand-written part of docs/
        source = ROOT / "docs" / rel
        target = project / "docs" / rel
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy(source, target)
    run(BIN / "zensical", "build", "-f", project / "mkdocs.yml", cwd=project)
    site = project / "site"
    run(sys.executable, "-m", "build_scripts", "finish", site)
    slugs = sorted(p.name for p in (mkdocs_site / "resolutions").iterdir() if p.is_dir())
    assert len(slugs) >= 15
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
