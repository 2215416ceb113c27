"""The build as a whole (``python -m build_scripts build``: the pipeline, MkDocs with its
hooks, the search index, the PDFs, the swap), run in this process on a small collection
of real texts: two of a series, a Council resolution and a related document, with the
editors' files. What a build after an edit makes equals what a build from nothing makes,
file by file; a build with nothing changed writes nothing; a text with an error stops the
build with its file and line and leaves the site as it was. In process (a few seconds a
build), so that the mutation runs see which functions these builds call; the whole
collection's builds are tested in tests/test_incremental.py and tests/test_site.py."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import tracked_docs, working_texts

from build_scripts.__main__ import main
from build_scripts.site.progress import BuildProgress
from build_scripts.site.swap import STAGING_PREFIX

# Slow for the fast loop (some 15 s), but the mutation runs select it (benchmarks/mutation.py).
pytestmark = pytest.mark.small_builds

# With their sidecars and the editors' files (``conftest.working_texts``).
TEXTS = ("a-res-75-10", "a-res-77-20", "s-res-2322-2016", "interpol-international-day-of-police-cooperation")


# A hand-written page MkDocs refuses in strict mode: a link to no page.
REFUSED_IN_STRICT_MODE = "# Broken\n\nSee [the missing page](missing.md).\n"


class Project:
    """Texts, a docs/ folder, a cache and a site of their own."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self.texts, self.site, self.cache = folder / "texts", folder / "site", folder / "cache"
        working_texts(self.texts, TEXTS)
        self.docs = tracked_docs(folder / "checkout")
        self.monkeypatch, self.capsys = monkeypatch, capsys

    def build(self, *extra: str) -> tuple[int, str, str]:
        """(exit status, what it printed, what it printed as errors)."""
        with self.monkeypatch.context() as env:
            env.setenv("SOURCE_TEXTS_DIR", str(self.texts))
            env.setenv("BUILD_CACHE_DIR", str(self.cache))
            env.setenv("BUILD_JOBS", "1")  # in this process: no worker pool
            env.setenv("NO_MKDOCS_2_WARNING", "1")
            env.delenv("SITE_URL", raising=False)
            self.capsys.readouterr()
            status = main(["build", "--docs-dir", str(self.docs), "--site-dir", str(self.site), *extra])
            out, err = self.capsys.readouterr()
        return status, out, err

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.texts / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def manifest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def check_paragraph_entries(site: Path) -> None:
    """Every numbered paragraph of a resolution's page has one search entry at its anchor,
    titled with its citation, in the page's order; the tools a paragraph names are a field
    of its entry."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    assert len(entries) == len(index["docs"])
    for slug, symbol in [("a-res-77-20", "A/RES/77/20"), ("a-res-75-10", "A/RES/75/10")]:
        page = f"resolutions/{slug}/index.html"
        anchors = re.findall(r'id="(op\d+)"', (site / page).read_text(encoding="utf-8"))
        assert len(anchors) > 10
        assert [loc.partition("#")[2] for loc in entries if re.match(rf"{page}#op\d+$", loc)] == anchors
        assert all(entries[f"{page}#{a}"]["title"] == f"{symbol}, para. {a[2:]}" for a in anchors)
    op1 = entries["resolutions/a-res-77-20/index.html#op1"]
    assert op1["text"].startswith("1. Calls for the strengthening of cooperation") and "named" not in op1
    assert entries["resolutions/a-res-75-10/index.html#pp9"]["named"] == "National Central Bureaus NCB"


def assert_times_within(out: str, took: float) -> None:
    """Every time a build prints (of a stage, or in all) is the time of its own run at most."""
    times = [float(t) for t in re.findall(r"(\d+\.\d) s\b", out)]
    assert times and all(t <= took + 0.05 for t in times), (took, out)


# MkDocs's words (mkdocs/commands/build.py) when it builds only the pages changed.
DIRTY_NOTICE = (
    "A 'dirty' build is being performed, this will likely lead to inaccurate navigation and other"
    " links within your site. This option is designed for site development purposes only."
)


def test_a_build_after_edits_is_the_build_from_nothing_and_one_with_nothing_changed_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    project = Project(tmp_path / "a", monkeypatch, capsys)
    started = time.monotonic()
    status, out, err = project.build()
    took = time.monotonic() - started
    assert status == 0, out + err
    assert_times_within(out, took)
    # What the build tells, line by line: counts, times, the search engine, where the site is.
    assert re.fullmatch(
        r"parsed 3 resolutions and 1 other documents; 133 pages written, 0 unchanged, 0 removed; "
        r"4 PDFs set, 0 from the cache \(\d+\.\d s\)\n"
        r"rendered 104 of 104 pages \(full build\) in \d+\.\d s; search by lunr; "
        rf"site in {re.escape(str(project.site))}; \d+\.\d s in all\n",
        out,
    ), out
    assert err == ""
    first = manifest(project.site)
    assert "resolutions/a-res-77-20/index.html" in first and "data/edition-data.zip" in first
    check_paragraph_entries(project.site)
    # A text extracted with damage reaches its page repaired (words an extractor cut in two).
    damaged = (project.site / "resolutions/a-res-75-10/index.html").read_text(encoding="utf-8")
    assert "the domestic laws" in damaged and "the do mestic laws" not in damaged

    started = time.monotonic()
    status, out, err = project.build()
    assert status == 0, out + err
    assert_times_within(out, time.monotonic() - started)
    assert manifest(project.site) == first
    assert re.fullmatch(
        r"nothing changed since the last build \(inputs checked in \d+\.\d s\); "
        rf"site in {re.escape(str(project.site))}\n",
        out,
    ), out

    project.edit("a-res-77-20.txt", "Welcoming", "Warmly welcoming")
    status, out, err = project.build()
    assert status == 0, out + err
    edited = manifest(project.site)
    changed = {name for name in edited if edited[name] != first.get(name)}
    assert "resolutions/a-res-77-20/index.html" in changed and "resolutions/s-res-2322-2016/index.html" not in changed
    # The edited text's files and the pages that show it (its series' other text, the
    # listings, an index), its PDF alone, and only the pages whose Markdown changed rendered.
    # Every file the build from nothing wrote is counted, written or unchanged: 7 + 126 = 133.
    assert "7 pages written, 126 unchanged, 0 removed; 1 PDFs set, 3 from the cache" in out, out
    assert "rendered 3 of 104 pages (incremental: only pages whose Markdown changed) in " in out, out
    # The notice MkDocs gives of a dirty build is silenced for this one alone: another dirty
    # build run in this process (MkDocs's own) still gives it.
    notice = logging.LogRecord("mkdocs.commands.build", logging.WARNING, __file__, 0, DIRTY_NOTICE, None, None)
    assert logging.getLogger("mkdocs.commands.build").filter(notice)
    # Asked for a full build, every page is rendered again: the same files.
    status, out, err = project.build("--full")
    assert status == 0, out + err
    assert re.search(r"^rendered 104 of 104 pages \(full build\) in ", out, re.M), out
    assert manifest(project.site) == edited

    fresh = Project(tmp_path / "b", monkeypatch, capsys)
    fresh.edit("a-res-77-20.txt", "Welcoming", "Warmly welcoming")
    status, out, err = fresh.build()
    assert status == 0, out + err
    assert manifest(fresh.site) == edited


def test_a_text_with_an_error_stops_the_build_at_its_file_and_line_and_the_site_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    project = Project(tmp_path, monkeypatch, capsys)
    assert project.build()[0] == 0
    before = manifest(project.site)
    sidecar = project.texts / "s-res-2322-2016.yml"
    lines = sidecar.read_text(encoding="utf-8").splitlines(keepends=True)
    sidecar.write_text("".join([*lines, "adopted_on: 12 December 2016\n"]), encoding="utf-8")
    status, out, err = project.build()
    assert status != 0
    assert f"s-res-2322-2016.yml:{len(lines) + 1}:" in out + err, out + err
    assert manifest(project.site) == before
    # A hand-written page MkDocs refuses (a link to no page, in strict mode): said as an
    # error, on the error stream, and the site stays too.
    sidecar.write_text("".join(lines), encoding="utf-8")
    (project.docs / "broken.md").write_text(REFUSED_IN_STRICT_MODE, encoding="utf-8")
    status, out, err = project.build()
    assert status == 1 and "error: the site was not built:" in err and "error:" not in out, (out, err)
    assert manifest(project.site) == before
    # Not strict, MkDocs builds it (the publisher's choice) and the page is on the site.
    status, out, err = project.build("--no-strict")
    assert status == 0, (out, err)
    assert (project.site / "broken.html").is_file(), out


def test_a_build_after_a_text_is_removed_and_a_term_redefined_is_the_build_from_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    project = Project(tmp_path / "a", monkeypatch, capsys)
    assert project.build()[0] == 0
    before = manifest(project.site)

    def edit(texts: Project) -> None:
        (texts.texts / "s-res-2322-2016.txt").unlink()
        (texts.texts / "s-res-2322-2016.yml").unlink()
        texts.edit("glossary.yml", "secure global police communications network", "secure police network")

    edit(project)
    status, out, err = project.build()
    assert status == 0, out + err
    assert "parsed 2 resolutions and 1 other documents" in out and "removed" in out
    after = manifest(project.site)
    assert not any(name.startswith("resolutions/s-res-2322-2016/") for name in after)
    assert any(name.startswith("resolutions/s-res-2322-2016/") for name in before)
    fresh = Project(tmp_path / "b", monkeypatch, capsys)
    edit(fresh)
    assert fresh.build()[0] == 0
    assert manifest(fresh.site) == after


def test_a_small_site_searched_by_pagefind_in_parts_indexes_again_only_the_edited_texts_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """Pagefind's index in parts of one text: the collection's pages, then a part per text;
    Material's index left without its documents; after an edit, the part of the edited
    text indexed anew, and the site that of a build from nothing."""
    monkeypatch.setenv("SEARCH_ENGINE", "pagefind")
    monkeypatch.setenv("SEARCH_PART_TEXTS", "1")
    project = Project(tmp_path / "a", monkeypatch, capsys)
    status, out, err = project.build()
    assert status == 0 and "search by pagefind" in out, out + err
    listed = json.loads((project.site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    parts = [part["path"] for part in listed["parts"]]
    # The texts' pages fall in parts by their addresses (four parts for four texts here),
    # only the parts that some text falls in listed.
    assert parts[0] == "collection/" and 2 <= len(parts) <= 5
    assert set(parts[1:]) <= {"texts-0/", "texts-1/", "texts-2/", "texts-3/"}
    assert all((project.site / "pagefind" / part / "pagefind-entry.json").is_file() for part in parts)
    stub = json.loads((project.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and "named" in stub["config"]["fields"]
    digests = {part["path"]: part["digest"] for part in listed["parts"]}
    made = {part: (project.site / "pagefind" / part / "pagefind-entry.json").stat().st_mtime_ns for part in parts}

    project.edit("a-res-77-20.txt", "Welcoming", "Warmly welcoming")
    status, out, err = project.build()
    assert status == 0, out + err
    after = json.loads((project.site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    changed = sorted(p["path"] for p in after["parts"] if digests[p["path"]] != p["digest"])
    assert len(changed) == 1 and changed[0].startswith("texts-")  # the edited text's part alone
    # The others are not indexed again.
    kept = {p: (project.site / "pagefind" / p / "pagefind-entry.json").stat().st_mtime_ns for p in parts}
    assert [p for p in parts if kept[p] != made[p]] == changed
    fresh = Project(tmp_path / "b", monkeypatch, capsys)
    fresh.edit("a-res-77-20.txt", "Welcoming", "Warmly welcoming")
    assert fresh.build()[0] == 0
    assert manifest(fresh.site) == manifest(project.site)


def test_a_site_built_in_two_shards_and_merged_is_the_site_built_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    project = Project(tmp_path / "a", monkeypatch, capsys)
    assert project.build()[0] == 0
    whole = manifest(project.site)
    shards = [tmp_path / "shard-1", tmp_path / "shard-2"]
    for k, folder in enumerate(shards, 1):
        started = time.monotonic()
        status, out, err = project.build("--shard", f"{k}/2", "--site-dir", str(folder))
        assert status == 0, out + err
        assert_times_within(out, time.monotonic() - started)
        assert re.fullmatch(
            rf"shard {k}/2: rendered \d+ pages in \d+\.\d s into {re.escape(str(folder))}; "
            r"merge every shard with `python -m build_scripts merge`; \d+\.\d s in all",
            out.splitlines()[-1],
        ), out
    merged = tmp_path / "published" / "www" / "site"  # its folders made as needed

    def merge(*folders: Path) -> tuple[int, str, str]:
        capsys.readouterr()
        started = time.monotonic()
        status = main(["merge", *map(str, folders), "--site-dir", str(merged)])
        out, err = capsys.readouterr()
        if status == 0:
            assert_times_within(out, time.monotonic() - started)
        return status, out, err

    # Without its last shard, no site: the merge names what is missing.
    status, out, err = merge(shards[0])
    assert status == 1 and "missing shard(s) 2/2: every share of 2 must be merged; the site was not changed" in err
    assert not merged.exists()
    status, out, err = merge(*shards)
    assert status == 0, out + err
    assert re.fullmatch(
        rf"merged 2 shards: 104 pages; search by lunr; site in {re.escape(str(merged))} \(\d+\.\d s\)\n", out
    ), out
    assert manifest(merged) == whole
    # Merged again over the site in place (a CI job run again): the site replaced whole.
    (merged / "left-over.html").write_text("of the site in place", encoding="utf-8")
    assert merge(*shards)[0] == 0
    assert manifest(merged) == whole
    # A build that renders its pages in two shards itself (spawned MkDocs processes), each
    # counted on the terminal as it ends.
    stages: list[tuple[str, int]] = []
    counted: list[int] = []

    def stage(progress: BuildProgress, description: str, total: int) -> Callable[[int], None]:
        stages.append((description, total))
        return counted.append if description.startswith("rendering pages (") else lambda steps=1: None

    with monkeypatch.context() as patched:
        patched.setattr(BuildProgress, "stage", stage)
        status, out, err = project.build("--full", "--shards", "2", "--site-dir", str(tmp_path / "in-shards"))
    assert ("rendering pages (2 shards)", 2) in stages and counted == [1, 1], (stages, counted)
    assert status == 0, out + err
    assert re.search(r"^rendered 104 of 104 pages \(full build, 2 MkDocs processes\) in \d+\.\d s; ", out, re.M), out
    assert manifest(tmp_path / "in-shards") == whole
    # Nothing left beside it: the shards' folders went into the site or were removed.
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(STAGING_PREFIX)]
    # A shard made again into its folder (a CI job run again) takes its place whole.
    made = manifest(shards[0])
    assert project.build("--shard", "1/2", "--site-dir", str(shards[0]))[0] == 0
    assert manifest(shards[0]) == made
    # A shard MkDocs refuses in strict mode (a hand-written page linking to no page) is an
    # error naming it, on the error stream, and its folder stays as it was.
    (project.docs / "broken.md").write_text(REFUSED_IN_STRICT_MODE, encoding="utf-8")
    status, out, err = project.build("--shard", "1/1", "--site-dir", str(shards[0]))
    assert status == 1 and err.startswith("error: shard 1/1 was not built: ") and "error" not in out, (out, err)
    assert manifest(shards[0]) == made
    # Not strict (the publisher's choice), the same shard is built, the page in it.
    status, out, err = project.build("--shard", "1/1", "--no-strict", "--site-dir", str(shards[0]))
    assert status == 0 and (shards[0] / "broken.html").is_file(), (out, err)
    # So too the build that renders in MkDocs processes of its own (strict by the
    # configuration: the publisher's choice reaches each of them).
    status, out, err = project.build("--no-strict", "--shards", "2", "--site-dir", str(tmp_path / "in-shards"))
    assert status == 0 and (tmp_path / "in-shards" / "broken.html").is_file(), (out, err)
    # A shard built not strict and one built strict are of other inputs: no site of both.
    (project.docs / "broken.md").unlink()
    loose = tmp_path / "loose"
    assert project.build("--shard", "1/2", "--no-strict", "--site-dir", str(loose))[0] == 0
    status, out, err = merge(loose, shards[1])
    assert status == 1 and f"{shards[1]}: built from other inputs than {loose}" in err, err


def test_a_build_started_from_another_folder_in_shards_keeps_the_publishers_search_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """The configuration is the project's (settings), not a `mkdocs.yml` of the working
    folder; a build rendered by several MkDocs processes searches by the engine asked."""
    import build_scripts.__main__ as cli

    built = []  # what each build says it made (the scale benchmark reads its index's size)

    def build_site(*args, **kwargs):
        built.append(result := site_build(*args, **kwargs))
        return result

    site_build = cli.build_site
    monkeypatch.setattr(cli, "build_site", build_site)
    project = Project(tmp_path / "a", monkeypatch, capsys)
    status, out, err = project.build("--shards", "2", "--search-engine", "pagefind")
    assert status == 0, out + err
    rendered = r"^rendered 104 of 104 pages \(full build, 2 MkDocs processes\) in \d+\.\d s; search by pagefind;"
    assert re.search(rendered, out, re.M), out
    listed = json.loads((project.site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    # The publisher's texts to a part (256 by default) reach the index too: one part for four.
    assert [part["path"] for part in listed["parts"]] == ["collection/", "texts-0/"]
    index = json.loads((project.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []  # Material's index left empty: Pagefind answers
    # Shards built apart (a CI matrix) and merged: the same index, part for part.
    for k in (1, 2):
        folder = str(tmp_path / f"shard-{k}")
        assert project.build("--shard", f"{k}/2", "--search-engine", "pagefind", "--site-dir", folder)[0] == 0
    capsys.readouterr()
    merged = tmp_path / "merged"
    assert main(["merge", str(tmp_path / "shard-1"), str(tmp_path / "shard-2"), "--site-dir", str(merged)]) == 0
    assert "merged 2 shards: 104 pages; search by pagefind; " in capsys.readouterr().out
    assert json.loads((merged / "pagefind" / "parts.json").read_text(encoding="utf-8")) == listed
    # Started from another folder (in one process: the processes a sharded build spawns
    # start where their parent's main module is, which under a mutation tool is not here).
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    status, out, err = project.build("--full")
    assert status == 0, out + err
    assert re.search(r"^rendered 104 of 104 pages \(full build\) in \d+\.\d s; search by lunr;", out, re.M), out
    assert not list(elsewhere.iterdir())  # nothing written where it was started
    # Material's whole index, its size said by each build: that of the file Material's
    # search reads, and the same made in shards before Pagefind took over.
    assert [b.search_engine for b in built] == ["pagefind", "lunr"]
    assert built[1].search_bytes == (project.site / "search" / "search_index.json").stat().st_size > 0
    assert built[0].search_bytes == built[1].search_bytes
