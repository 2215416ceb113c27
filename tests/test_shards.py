"""Shards: MkDocs rendering shares of the site, in worker processes of one build or as
separate commands, merged into the site a one-process build makes, byte for byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_into, built_once, tracked_docs
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.settings import load_settings
from build_scripts.site.build import shard_inputs
from build_scripts.site.shards import MANIFEST, ShardError, Share, check_shards, deal


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_site(expected: Path, actual: Path) -> None:
    want, got = files_of(expected), files_of(actual)
    assert sorted(want) == sorted(got)
    assert any(rel.endswith(".pdf") for rel in want) and "search/search_index.json" in want
    for rel, content in want.items():
        assert got[rel] == content, rel


def merge(*shards: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_scripts", "merge", *map(str, shards), "--site-dir", str(site_dir)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=60), st.integers(min_value=1, max_value=8))
def test_every_file_belongs_to_exactly_one_share_and_the_shares_weigh_alike(sizes: list[int], count: int):
    items = [(f"page{i}.md", size) for i, size in enumerate(sizes)]
    owners = deal(items, count)
    assert len(owners) == len(items) and all(0 <= owner < count for owner in owners)
    assert deal(list(reversed(items)), count) == list(reversed(owners))  # by name and size, not order
    loads = [sum(size + 1 for (_, size), owner in zip(items, owners, strict=True) if owner == k) for k in range(count)]
    # No share is heavier than the lightest by more than the heaviest single item.
    assert max(loads) - min(loads) <= max((size + 1 for _, size in items), default=0)


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "a/2", "2/b", "1/0", "-1/2", ""])
def test_a_share_is_written_k_of_n(text: str):
    with pytest.raises(ShardError, match="expected k/n"):
        Share.parse(text)
    assert Share.parse("2/8") == Share(2, 8) and str(Share(2, 8)) == "2/8"


def write_manifest(folder: Path, share: Share) -> Path:
    """A shard's folder holding only its manifest: what ``check_shards`` reads."""
    from build_scripts.site.shards import ShardManifest

    folder.mkdir(parents=True)
    ShardManifest("0" * 64, share, [], {}, [], {}, {}, None, None, False, True, "auto").write(folder)
    return folder


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=8), st.data())
def test_a_merge_is_refused_unless_every_share_is_there_once(tmp_path_factory, count: int, data: st.DataObject):
    """Any share left out (the first, a middle one, the last), in any order: refused, naming
    it; all of them, in any order: accepted, in share order."""
    root = tmp_path_factory.mktemp("shares")
    folders = [write_manifest(root / f"shard{k}", Share(k, count)) for k in range(1, count + 1)]
    given_order = data.draw(st.permutations(folders))
    assert [f for f, _ in check_shards(given_order)] == folders
    left_out = data.draw(st.integers(min_value=1, max_value=count))
    rest = [f for f in given_order if f != folders[left_out - 1]]
    expected = f"missing shard\\(s\\) {left_out}/{count}:" if rest else "no shard to merge"
    with pytest.raises(ShardError, match=expected):
        check_shards(rest)


def test_the_inputs_of_a_shard_are_the_content_of_what_it_reads_not_its_times(tmp_path: Path):
    sources = tmp_path / "source_texts"
    sources.mkdir()
    docs = tmp_path / "docs"
    docs.mkdir()
    text = sources / "a-res-77-20.txt"
    text.write_text("The General Assembly,\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    settings = load_settings(source_dir=sources, docs_dir=docs)
    first = shard_inputs(settings, True)
    os.utime(text, (1, 1))
    os.utime(docs / "index.md", (1, 1))
    assert shard_inputs(settings, True) == first  # another machine, other times
    assert shard_inputs(settings, False) != first  # not strict: another build
    assert shard_inputs(settings.with_(paper="us-letter"), True) != first
    text.write_text("The General Assembly,\n\n", encoding="utf-8")
    assert shard_inputs(settings, True) != first
    text.write_text("The General Assembly,\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home page\n", encoding="utf-8")
    assert shard_inputs(settings, True) != first


def test_a_build_rendered_by_three_mkdocs_processes_is_the_one_process_site(site: Path, tmp_path: Path):
    parallel = tmp_path / "site"
    docs = str(tracked_docs(tmp_path / "checkout"))
    result = build_into(parallel, "--shards", "3", "--docs-dir", docs)
    assert result.returncode == 0, result.stderr
    assert "full build, 3 MkDocs processes" in result.stdout
    assert_same_site(site, parallel)
    assert not list(tmp_path.glob(".site-build-*"))  # the shards' folders are gone
    # The state it leaves serves the next build: nothing changed, nothing done.
    again = build_into(parallel, "--docs-dir", docs)
    assert again.returncode == 0 and "nothing changed since the last build" in again.stdout


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The site built as three shards, each by a command of its own into a folder of its own."""

    def make(folder: Path) -> None:
        docs = str(tracked_docs(folder / "checkout"))
        for k in (1, 2, 3):
            result = build_into(folder / f"shard{k}", "--shard", f"{k}/3", "--docs-dir", docs)
            assert result.returncode == 0, result.stderr
            assert f"shard {k}/3: rendered" in result.stdout

    shared = built_once("shards", tmp_path_factory, make)
    return [shared / f"shard{k}" for k in (1, 2, 3)]


def test_shards_built_apart_and_merged_make_the_one_process_site(site: Path, shards: list[Path], tmp_path: Path):
    merged = tmp_path / "site"
    result = merge(*reversed(shards), site_dir=merged)  # any order
    assert result.returncode == 0, result.stderr
    assert "merged 3 shards: " in result.stdout
    assert_same_site(site, merged)


def test_each_shard_renders_and_copies_only_its_share(site: Path, shards: list[Path]):
    manifests = [json.loads((folder / MANIFEST).read_text(encoding="utf-8")) for folder in shards]
    own = [set(m["files"]) for m in manifests]
    assert all(own) and sum(map(len, own)) == len(set().union(*own))  # disjoint, none empty
    for folder, manifest, written in zip(shards, manifests, own, strict=True):
        on_disk = set(files_of(folder)) - {MANIFEST}
        assert on_disk == written | set(manifest["common"])
        assert set(manifest["common"]) <= {"404.html", "sitemap.xml", "sitemap.xml.gz"}
        assert manifest["common"]  # the sitemap at least
        pages = [p for p in written if p.endswith(".html") and p not in manifest["common"]]
        assert set(manifest["search_entries"]) <= set(pages)
    # Together, every file of the site but the search index, which the merge writes.
    everything = set().union(*own) | set(manifests[0]["common"])
    assert everything == set(files_of(site)) - {"search/search_index.json", "search/search_index.js"}


def test_a_merge_refuses_a_missing_a_doubled_or_a_foreign_shard(shards: list[Path], tmp_path: Path):
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the site in place", encoding="utf-8")
    missing = merge(shards[0], shards[2], site_dir=site_dir)
    assert missing.returncode == 1 and "missing shard(s) 2/3" in missing.stderr
    doubled = merge(shards[0], shards[1], shards[1], site_dir=site_dir)
    assert doubled.returncode == 1 and "shard 2/3 given twice" in doubled.stderr
    not_a_shard = merge(shards[0], tmp_path, shards[2], site_dir=site_dir)
    assert not_a_shard.returncode == 1 and f"{tmp_path}: not a shard" in not_a_shard.stderr
    # A shard built from other inputs (another text, other code): its manifest says so.
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    manifest = json.loads((shards[1] / MANIFEST).read_text(encoding="utf-8"))
    (foreign / MANIFEST).write_text(json.dumps({**manifest, "inputs": "0" * 64}), encoding="utf-8")
    other = merge(shards[0], foreign, shards[2], site_dir=site_dir)
    assert other.returncode == 1 and f"{foreign}: built from other inputs" in other.stderr
    # A shard that lost a file it lists.
    damaged = tmp_path / "damaged"
    shutil.copytree(shards[1], damaged)
    lost = sorted(manifest["files"])[0]
    (damaged / lost).unlink()
    incomplete = merge(shards[0], damaged, shards[2], site_dir=site_dir)
    assert incomplete.returncode == 1 and f"{damaged / lost}: listed in" in incomplete.stderr
    with pytest.raises(ShardError, match="missing shard"):
        check_shards([shards[0]])
    assert files_of(site_dir) == {"index.html": b"the site in place"}  # untouched
    assert "the site was not changed" in other.stderr


@pytest.mark.parametrize(
    ("pages", "page_bytes", "jobs", "shards"),
    [
        (149, 1, 2, 1),  # a small site: one MkDocs process
        (150, 1, 2, 2),  # from 150 pages: one per job
        (150, 1, 3, 3),
        (200, 5, 2, 6),  # 1,000 bytes at 200 a shard: 5, made a multiple of the jobs
        (200, 5, 3, 6),
        (200, 4, 2, 4),  # 800 bytes: 4
    ],
)
def test_a_full_build_renders_in_shards_of_a_bounded_size_one_lot_per_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: int, page_bytes: int, jobs: int, shards: int
) -> None:
    from build_scripts.site import build

    monkeypatch.setattr(build, "SHARD_BYTES", 200)
    docs = tmp_path / "docs"
    for i in range(pages):
        page = docs / f"section-{i % 7}" / f"page-{i}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("x" * page_bytes, encoding="utf-8")
    (docs / "report.pdf").write_bytes(b"%" * 10_000)  # other files are not Markdown to render
    settings = load_settings(docs_dir=docs).with_(jobs=jobs)
    assert build.render_shards_for(settings) == shards
