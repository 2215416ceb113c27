"""The MkDocs stage's own rules, in process (``site/build.py``): what makes a build start
from nothing or render only some pages (the fingerprints and the last build's state), how
many MkDocs processes render a full build, and the search entries of an incremental build.
The builds themselves are tested in tests/test_build_rules.py and tests/test_incremental.py."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from build_scripts.settings import Settings, load_settings
from build_scripts.site import build
from build_scripts.site.build import (
    RENDER_PARALLEL_FROM,
    SHARD_BYTES,
    SiteBuild,
    fingerprint,
    inputs_fingerprint,
    merge_search_entries,
    render_shards_for,
    shard_inputs,
    up_to_date,
)


def settings_in(folder: Path, **overrides: object) -> Settings:
    texts, docs = folder / "texts", folder / "docs"
    for made in (texts, docs / "resolutions" / "a-res-1-1"):
        made.mkdir(parents=True, exist_ok=True)
    (texts / "a-res-1-1.txt").write_text("Resolution", encoding="utf-8")
    (docs / "resolutions" / "a-res-1-1" / "index.md").write_text("# Page", encoding="utf-8")
    return load_settings(source_dir=texts, docs_dir=docs, site_dir=folder / "site", cache_dir=folder / "cache").with_(
        **overrides
    )


def test_the_fingerprint_changes_with_the_list_of_pages_and_the_address_not_with_their_content(tmp_path: Path):
    settings = settings_in(tmp_path)
    first = fingerprint(settings)
    page = settings.docs_dir / "resolutions" / "a-res-1-1" / "index.md"
    page.write_text("# Another page", encoding="utf-8")
    assert fingerprint(settings) == first  # content: an incremental build renders it
    assert fingerprint(settings.with_(site_url="https://example.org/")) != first
    (settings.docs_dir / "glossary.md").write_text("", encoding="utf-8")
    assert fingerprint(settings) != first  # a page added: the navigation changes


def test_the_fingerprint_changes_with_the_code_the_theme_the_configuration_and_the_pins(tmp_path: Path):
    root = tmp_path / "project"
    files = ["mkdocs.yml", "requirements.txt", "package-lock.json", "build_scripts/a.py", "overrides/main.html"]
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel, encoding="utf-8")
    settings = settings_in(tmp_path).with_(root=root, config_file=root / "mkdocs.yml")
    first = fingerprint(settings)
    (root / "build_scripts" / "__pycache__").mkdir()
    (root / "build_scripts" / "__pycache__" / "a.pyc").write_bytes(b"compiled")
    assert fingerprint(settings) == first  # compiled code is not code
    for rel in files:
        (root / rel).write_text(rel + "!", encoding="utf-8")
        changed = fingerprint(settings)
        assert changed != first, rel
        first = changed


def test_the_inputs_change_with_a_texts_content_and_a_pages_time_and_a_shards_with_content_only(tmp_path: Path):
    settings = settings_in(tmp_path)
    page = settings.docs_dir / "resolutions" / "a-res-1-1" / "index.md"
    first = inputs_fingerprint(settings, strict=True)
    assert inputs_fingerprint(settings, strict=True) == first
    assert inputs_fingerprint(settings, strict=False) != first
    for changed in (settings.with_(paper="us-letter"), settings.with_(search_engine="pagefind")):
        assert inputs_fingerprint(changed, strict=True) != first
    assert inputs_fingerprint(settings.with_(search_part_texts=7), strict=True) != first
    assert inputs_fingerprint(settings.with_(public_url="https://example.org/"), strict=True) != first
    (settings.source_dir / "a-res-1-1.txt").write_text("Resolution.", encoding="utf-8")  # same size, other bytes
    text_changed = inputs_fingerprint(settings, strict=True)
    assert text_changed != first
    shard = shard_inputs(settings, strict=True)
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # touched, not changed
    assert inputs_fingerprint(settings, strict=True) != text_changed
    assert shard_inputs(settings, strict=True) == shard  # a shard's, by content: the same
    page.write_text("# Pagf", encoding="utf-8")  # same size, other content
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert shard_inputs(settings, strict=True) != shard


def write_state(settings: Settings, **changes: object) -> None:
    site = settings.site_dir.resolve()
    site.mkdir(parents=True, exist_ok=True)
    state = {
        "site_dir": str(site),
        "site_id": build._site_id(site),
        "fingerprint": fingerprint(settings),
        "inputs": inputs_fingerprint(settings, True),
        "search_entries": {},
        **changes,
    }
    build._state_file(site, settings.cache_dir).parent.mkdir(parents=True, exist_ok=True)
    build._state_file(site, settings.cache_dir).write_text(json.dumps(state), encoding="utf-8")


def test_a_site_is_up_to_date_only_if_the_last_builds_state_describes_it(tmp_path: Path):
    settings = settings_in(tmp_path)
    assert not up_to_date(settings, True)  # no state
    write_state(settings)
    assert up_to_date(settings, True) and not up_to_date(settings, False)
    state_file = build._state_file(settings.site_dir.resolve(), settings.cache_dir)
    assert state_file.parent == settings.cache_dir and state_file.name.startswith("site-state-")
    other_site = settings.with_(site_dir=tmp_path / "elsewhere")
    assert build._state_file(other_site.site_dir, settings.cache_dir) != state_file  # a state per site
    for changes in ({"site_dir": "/elsewhere"}, {"fingerprint": "0"}, {"site_id": [0, 0]}, {"inputs": "0"}):
        write_state(settings, **changes)
        assert not up_to_date(settings, True), changes
    write_state(settings)
    (settings.site_dir / "touched").write_text("", encoding="utf-8")  # written by something else since
    assert not up_to_date(settings, True)
    write_state(settings)
    state_file.write_text("{not json", encoding="utf-8")
    assert not up_to_date(settings, True)
    write_state(settings)
    settings.site_dir.rename(tmp_path / "moved")
    assert not up_to_date(settings, True)


def test_a_small_site_is_rendered_by_one_process_a_big_one_in_a_multiple_of_the_jobs(tmp_path: Path):
    settings = settings_in(tmp_path, jobs=2)
    folder = settings.docs_dir / "many"
    folder.mkdir()
    for n in range(RENDER_PARALLEL_FROM - 2):
        (folder / f"{n}.md").write_text("x", encoding="utf-8")
    (folder / "notes.txt").write_text("x", encoding="utf-8")  # not a page
    assert render_shards_for(settings) == 1  # one page short of the count
    (folder / "last.md").write_text("x", encoding="utf-8")
    assert render_shards_for(settings) == 2 and render_shards_for(settings.with_(jobs=3)) == 3
    # Past SHARD_BYTES of Markdown a process each, rounded up to a multiple of the jobs.
    with (folder / "big.md").open("wb") as big:
        big.truncate(2 * SHARD_BYTES + 1)
    counts = [render_shards_for(settings), render_shards_for(settings.with_(jobs=1))]
    assert counts == [4, 3] and all(type(count) is int for count in counts)  # shards are counted: range(count)


def test_mkdocss_notice_of_a_dirty_build_is_silenced_and_nothing_else():
    notice = build._DirtyNotice()

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", logging.INFO, "", 0, message, (), None)

    assert not notice.filter(record("A 'dirty' build is being performed, this will likely lead to ..."))
    assert notice.filter(record("Documentation built in 1.2 seconds"))


def test_an_incremental_builds_search_entries_are_the_pages_rendered_and_the_last_builds_others(tmp_path: Path):
    settings = settings_in(tmp_path)
    fresh = [
        {"location": "b/", "title": "B again"},
        {"location": "b/#x", "title": "B, x"},
        {"location": "a/", "title": "A"},
    ]
    last = {"a/": [{"location": "a/", "title": "A before"}], "c/": [{"location": "c/", "title": "C"}]}
    current = SiteBuild(settings, None, incremental=True, previous_entries=last)
    current.page_order = ["a/", "b/", "c/", "d/"]
    merged = merge_search_entries(fresh, current)
    assert [e["title"] for e in merged] == ["A", "B again", "B, x", "C"]  # in page order; rendered first
    assert current.page_entries == {"b/": fresh[:2], "a/": fresh[2:], "c/": last["c/"]}
    full = SiteBuild(settings, None, previous_entries=last)  # a full build: the last one's are not read
    full.page_order = current.page_order
    assert [e["title"] for e in merge_search_entries(fresh, full)] == ["A", "B again", "B, x"]


def test_a_site_is_made_aside_then_swapped_in_whole_and_a_failed_one_leaves_the_site_as_it_was(tmp_path: Path):
    """``_publish``: the site is made in a staging folder beside it (its parent made if
    need be; what a killed build left there removed first), swapped in when made; a make
    that fails leaves the site as it was and no staging folder."""
    import types

    import pytest

    from build_scripts.site.swap import NO_FAULTS, STAGING_PREFIX

    site = tmp_path / "public" / "site"
    settings = types.SimpleNamespace(site_dir=site)
    seen: list[Path] = []

    def make(text: str):
        def made(staging: Path) -> str:
            seen.append(staging)
            (staging / "index.html").write_text(text, encoding="utf-8")
            if text == "fails":
                raise RuntimeError("MkDocs failed")
            return f"made {text}"

        return made

    assert build._publish(settings, NO_FAULTS, make("one")) == "made one"
    assert (site / "index.html").read_text(encoding="utf-8") == "one"
    assert seen[0].parent == site.parent and seen[0].name.startswith(f"{STAGING_PREFIX}{os.getpid()}-")
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
    killed = site.parent / f"{STAGING_PREFIX}999999999-x"  # a build killed: its process is gone
    killed.mkdir()
    with pytest.raises(RuntimeError, match="MkDocs failed"):
        build._publish(settings, NO_FAULTS, make("fails"))
    assert (site / "index.html").read_text(encoding="utf-8") == "one"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
    assert build._publish(settings, NO_FAULTS, make("two")) == "made two"
    assert (site / "index.html").read_text(encoding="utf-8") == "two"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
