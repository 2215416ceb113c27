"""Incremental builds by hard links (``site/linked.py``): the outputs judged against the
site in place, what is linked and what is not, and files replaced, never written into."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from build_scripts.site.linked import judge_against, link_unchanged, replace_file, replace_file_with


def test_an_output_is_rendered_again_when_the_site_in_place_lacks_it_or_it_is_older(tmp_path: Path):
    live = tmp_path / "site"
    (live / "a").mkdir(parents=True)
    sources = tmp_path / "docs"
    sources.mkdir()
    for name in ("old.md", "new.md", "missing.md"):
        (sources / name).write_text(name, encoding="utf-8")
    (live / "a" / "old.html").write_text("x", encoding="utf-8")
    (live / "a" / "new.html").write_text("x", encoding="utf-8")
    os.utime(live / "a" / "old.html", (1_000, 1_000))  # older than its source
    os.utime(sources / "new.md", (1_000, 1_000))  # its source older than the output
    files = [
        SimpleNamespace(abs_src_path=None, dest_uri="first.html", is_modified="kept"),  # made in memory, listed first
        SimpleNamespace(abs_src_path=str(sources / "old.md"), dest_uri="a/old.html", is_modified=None),
        SimpleNamespace(abs_src_path=str(sources / "new.md"), dest_uri="a/new.html", is_modified=None),
        SimpleNamespace(abs_src_path=str(sources / "missing.md"), dest_uri="a/missing.html", is_modified=None),
        SimpleNamespace(abs_src_path=None, dest_uri="made.html", is_modified="kept"),
        SimpleNamespace(abs_src_path=str(sources / "old.md"), dest_uri="b.html", _content="x", is_modified="kept"),
    ]
    (live / "a" / "same.html").write_text("x", encoding="utf-8")
    (sources / "same.md").write_text("same", encoding="utf-8")
    os.utime(live / "a" / "same.html", (2_000, 2_000))
    os.utime(sources / "same.md", (2_000, 2_000))  # as old as its output: not rendered again
    files.append(SimpleNamespace(abs_src_path=str(sources / "same.md"), dest_uri="a/same.html", is_modified=None))
    judge_against(files, live)
    assert [f.is_modified() for f in files[1:4]] == [True, False, True]
    assert files[6].is_modified() is False
    assert [f.is_modified for f in (files[0], files[4], files[5])] == ["kept", "kept", "kept"]  # always written


def test_every_file_the_staging_lacks_is_linked_but_the_search_script_written_after(tmp_path: Path):
    live, staging = tmp_path / "site", tmp_path / "staging"
    (live / "deep" / "er").mkdir(parents=True)
    (live / "search").mkdir()
    (live / "index.html").write_text("old home", encoding="utf-8")
    (live / "deep" / "er" / "page.html").write_text("page", encoding="utf-8")
    (live / "deep" / "er" / "other.html").write_text("other", encoding="utf-8")
    (live / "search" / "search_index.js").write_text("index", encoding="utf-8")
    (live / "search" / "search_index.json").write_text("json", encoding="utf-8")
    (live / "search" / "zz.json").write_text("after", encoding="utf-8")
    staging.mkdir()
    (staging / "index.html").write_text("new home", encoding="utf-8")  # rendered again: kept
    assert link_unchanged(live, staging) == 4
    assert (staging / "search" / "zz.json").exists()  # a file after one left out is linked
    assert (staging / "index.html").read_text(encoding="utf-8") == "new home"
    page = staging / "deep" / "er" / "page.html"
    assert (
        page.read_text(encoding="utf-8") == "page" and page.stat().st_ino == (live / "deep/er/page.html").stat().st_ino
    )
    assert (staging / "search" / "search_index.json").exists()
    assert not (staging / "search" / "search_index.js").exists()
    assert link_unchanged(live, staging) == 0  # all there now


def test_a_linked_file_is_replaced_not_written_into(tmp_path: Path):
    original = tmp_path / "live.html"
    original.write_bytes(b"old")
    linked = tmp_path / "staged.html"
    os.link(original, linked)
    replace_file(linked, b"new")
    assert (original.read_bytes(), linked.read_bytes()) == (b"old", b"new")
    replace_file_with(linked, lambda out: [out.write(b"a"), out.write(b"b")])
    assert linked.read_bytes() == b"ab"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live.html", "staged.html"]  # no temporary left


def test_where_the_file_system_has_no_hard_links_the_file_is_copied(tmp_path: Path, monkeypatch):
    live, staging = tmp_path / "site", tmp_path / "staging"
    (live / "a").mkdir(parents=True)
    (live / "a" / "page.html").write_text("page", encoding="utf-8")

    def no_links(source: object, target: object) -> None:
        raise OSError("no hard links here")

    monkeypatch.setattr(os, "link", no_links)
    assert link_unchanged(live, staging) == 1
    copied = staging / "a" / "page.html"
    assert copied.read_text(encoding="utf-8") == "page"
    assert copied.stat().st_ino != (live / "a" / "page.html").stat().st_ino
