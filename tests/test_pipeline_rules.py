"""The pipeline's small parts, in process: the writer of docs/ (a file written only when its
text changed, the files no longer made removed), the citations read from their memo, and a
text's key (what makes a text parsed again)."""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from build_scripts.memo import Memo
from build_scripts.site.pipeline import (
    Citations,
    GenerateReport,
    PageWriter,
    _cache_file,
    _from_cache,
    _write_run,
    source_key,
)
from build_scripts.site.progress import QUIET, BuildProgress

PAGE = "resolutions/a-res-77-20/index.md"


class RecordedProgress(BuildProgress):
    """A progress display that draws nothing and records what it is told: each stage (its
    description, its total), then each advance (the stage's description, the steps)."""

    def __init__(self) -> None:
        super().__init__(enabled=False)
        self.told: list[tuple[str, int]] = []

    def stage(self, description: str, total: int) -> Callable[[int], None]:
        self.told.append((description, total))
        return lambda steps: self.told.append((description, steps))


def calls_of(monkeypatch: pytest.MonkeyPatch, name: str, label: Callable[[Any], str]) -> list[str]:
    """The calls of ``pipeline.<name>`` from here on, each named by ``label`` of its first
    argument (a text's file name, a document's slug); the real function still does the work."""
    from build_scripts.site import pipeline

    calls: list[str] = []
    real = getattr(pipeline, name)

    def recording(first: Any, *rest: Any) -> Any:
        calls.append(label(first))
        return real(first, *rest)

    monkeypatch.setattr(pipeline, name, recording)
    return calls


def test_a_file_is_written_only_when_its_text_changed(tmp_path: Path):
    writer = PageWriter(tmp_path)
    writer.write(PAGE, "first")
    assert (tmp_path / PAGE).read_text(encoding="utf-8") == "first" and writer.report.written == [PAGE]
    os.utime(tmp_path / PAGE, ns=(1, 1))
    again = PageWriter(tmp_path)
    again.write(PAGE, "first")  # the same text: left as it is, its time too (MkDocs skips it)
    assert again.report.unchanged == [PAGE] and again.report.written == []
    assert (tmp_path / PAGE).stat().st_mtime_ns == 1
    assert again.on_disk(PAGE, "first") and not again.on_disk("glossary/index.md", "first")
    changed = PageWriter(tmp_path)
    changed.write(PAGE, "second")
    assert (tmp_path / PAGE).read_text(encoding="utf-8") == "second" and changed.report.written == [PAGE]
    assert not list(tmp_path.rglob("*.tmp"))  # written beside and moved into place


def test_finishing_removes_the_generated_files_no_longer_made_and_their_empty_folders(tmp_path: Path):
    for rel in (PAGE, "resolutions/a-res-77-20/a-res-77-20.pdf", "resolutions/gone/index.md", "feeds/all.xml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("old", encoding="utf-8")
    (tmp_path / "about.md").write_text("an editor's page", encoding="utf-8")
    writer = PageWriter(tmp_path)
    writer.write("glossary/index.md", "terms")
    writer.write(PAGE, "new")
    writer.keep("resolutions/a-res-77-20/a-res-77-20.pdf")  # another stage's file
    writer.absorb(GenerateReport(written=["series/b.md", "series/a.md"], unchanged=["indexes/z.md"]))
    report = writer.finish()
    assert sorted(report.removed) == ["feeds/all.xml", "resolutions/gone/index.md"]
    assert report.written == ["glossary/index.md", PAGE, "series/a.md", "series/b.md"]  # sorted
    assert report.unchanged == ["indexes/z.md"]
    assert not (tmp_path / "resolutions" / "gone").exists() and not list((tmp_path / "feeds").iterdir())
    assert (tmp_path / "resolutions/a-res-77-20/a-res-77-20.pdf").exists()
    assert (tmp_path / "about.md").exists()  # not the build's: never removed
    # What was absorbed is the writer's own: not removed by a later finish.
    for rel in ("series/a.md", "indexes/z.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert writer.finish().removed == report.removed


def test_files_left_by_an_earlier_build_count_as_unchanged_only_if_all_are_as_left(tmp_path: Path):
    writer = PageWriter(tmp_path)
    writer.write(PAGE, "text")
    writer.write("resolutions/a-res-77-20/data.json", "{}")
    left = writer.as_left([PAGE, "resolutions/a-res-77-20/data.json"])
    stat = (tmp_path / PAGE).stat()
    assert left[0] == (PAGE, stat.st_size, stat.st_mtime_ns) and left[1][1] == 2
    later = PageWriter(tmp_path)
    assert later.still_there(left) and later.report.unchanged == [PAGE, "resolutions/a-res-77-20/data.json"]
    assert later.finish().removed == []
    os.utime(tmp_path / PAGE, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # touched
    touched = PageWriter(tmp_path)
    assert not touched.still_there(left) and touched.report.unchanged == []
    (tmp_path / PAGE).write_text("text!", encoding="utf-8")  # another size
    assert not PageWriter(tmp_path).still_there([(PAGE, stat.st_size, (tmp_path / PAGE).stat().st_mtime_ns)])
    (tmp_path / PAGE).unlink()
    gone = PageWriter(tmp_path)
    assert not gone.still_there(left) and gone.report.unchanged == []


def test_citations_are_read_from_their_memo_by_slug(tmp_path: Path):
    memo = Memo(tmp_path / "citations.sqlite")
    places = {"op1": {"oscola": "UNGA Res 77/20 (2022) para 1"}}
    memo.put(b"key-1", places)
    citations = Citations(memo, {"a-res-77-20": b"key-1", "a-res-77-237": b"key-2"})
    assert citations["a-res-77-20"] == places
    assert list(citations) == ["a-res-77-20", "a-res-77-237"] and len(citations) == 2
    with pytest.raises(KeyError, match="a-res-77-237"):
        citations["a-res-77-237"]  # in the memo's keys, not in the memo
    with pytest.raises(KeyError):
        citations["a-res-1-1"]
    assert citations.get("a-res-77-237") is None


def test_a_texts_key_changes_with_the_parsers_modules_and_word_counts_and_nothing_else_of_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A parsed text is only as good as the parser that read it: its key changes when a
    module (``.py``) or the word counts (``.tsv``) change, not with a template."""
    from build_scripts import memo

    code = tmp_path / "package"
    (code / "parse").mkdir(parents=True)
    monkeypatch.setattr(memo, "PACKAGE", code)
    text = tmp_path / "a-res-1-1.txt"
    text.write_text("Resolution", encoding="utf-8")
    files = {"parse/reader.py": "A = 1\n", "parse/usage.tsv": "word\t1\n", "page.html": "<p></p>\n"}
    for rel, body in files.items():
        (code / rel).write_text(body, encoding="utf-8")

    def key_now() -> str:
        memo.code_version.cache_clear()  # the code's digest is made once per process
        return source_key(text, tmp_path)

    try:
        first = key_now()
        (code / "page.html").write_text("<div></div>\n", encoding="utf-8")
        assert key_now() == first
        keys = {first}
        for rel in ("parse/reader.py", "parse/usage.tsv"):
            (code / rel).write_text(files[rel] + "changed\n", encoding="utf-8")
            keys.add(key_now())
        assert len(keys) == 3
    finally:
        memo.code_version.cache_clear()  # the real code's digest for the tests after this one


def test_a_texts_key_changes_with_its_bytes_its_sidecar_and_its_name(tmp_path: Path):
    text, sidecar = tmp_path / "a-res-1-1.txt", tmp_path / "a-res-1-1.yml"
    text.write_text("Resolution", encoding="utf-8")
    keys = [source_key(text, tmp_path)]
    sidecar.write_text("kind: resolution\n", encoding="utf-8")
    keys.append(source_key(text, tmp_path))
    sidecar.write_text("kind: document\n", encoding="utf-8")
    keys.append(source_key(text, tmp_path))
    text.write_text("Resolution.", encoding="utf-8")
    keys.append(source_key(text, tmp_path))
    keys.append(source_key(text, tmp_path.parent))  # the same bytes under another name
    assert len(set(keys)) == len(keys) and all(len(k) == 32 for k in keys)
    assert source_key(text, tmp_path) == keys[3]  # and nothing else
    # The parsed text is kept under its key; an unreadable cache file is parsed again.
    cached = _cache_file(text, tmp_path, tmp_path / "parsed")
    assert cached == tmp_path / "parsed" / f"{keys[3]}.pickle"
    assert _from_cache(cached) is None
    cached.parent.mkdir()
    cached.write_bytes(b"not a pickle")
    assert _from_cache(cached) is None


def test_every_error_of_a_collection_is_told_at_once_in_the_order_of_the_texts(tmp_path: Path):
    """An editor sees every error of a build at once: each text's, a symbol published twice,
    the glossary's, in the order of the texts, the glossary's last."""
    from conftest import working_texts

    from build_scripts.errors import SourceErrors
    from build_scripts.parse.sources import discover
    from build_scripts.site.pipeline import load_edition

    texts = working_texts(tmp_path / "texts", ("a-res-51-1", "a-res-77-20", "a-res-77-241"))
    (texts / "a-res-51-1.txt").write_text("", encoding="utf-8")
    (texts / "a-res-77-241.txt").write_bytes(b"The General Assembly,\n\nNoting the caf\xe9,\n")
    (texts / "b-copy.txt").write_bytes((texts / "a-res-77-20.txt").read_bytes())  # the same symbol again
    (texts / "glossary.yml").write_text("terms: [\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        load_edition(discover(texts), tmp_path)
    told = [str(error) for error in caught.value.errors]
    assert len(told) == 4, told
    assert told[0].startswith("texts/a-res-51-1.txt: the file is empty")
    assert told[1].startswith("texts/a-res-77-241.txt:3: the file is not UTF-8")
    assert told[2] == "texts/b-copy.txt: A/RES/77/20 is already published from texts/a-res-77-20.txt"
    assert told[3].startswith("texts/glossary.yml:")


def test_a_parsed_text_is_read_from_its_cache_file_and_a_damaged_one_is_parsed_again(tmp_path: Path):
    """The parse cache (``.cache/parsed/``): the first parse writes the text's file under its
    key, whole (no temporary file left); the next reads it (a document planted in the file is
    what comes back); a file that is no pickle is parsed again and written anew."""
    import pickle

    from conftest import ROOT

    from build_scripts.memo import digest
    from build_scripts.site.pipeline import parse_cached, parse_source

    text, cache = ROOT / "source_texts" / "a-res-77-20.txt", tmp_path / "parsed" / "cache"
    first = parse_cached(text, ROOT, cache)
    assert [p.name for p in cache.iterdir()] == [_cache_file(text, ROOT, cache).name]
    assert digest(first) == digest(parse_source(text, ROOT)) and first.source_path == "source_texts/a-res-77-20.txt"
    planted = parse_source(ROOT / "source_texts" / "a-res-77-241.txt", ROOT)
    _cache_file(text, ROOT, cache).write_bytes(pickle.dumps(planted))
    assert parse_cached(text, ROOT, cache).slug == "a-res-77-241"  # read, not parsed
    _cache_file(text, ROOT, cache).write_bytes(b"damaged")
    assert digest(parse_cached(text, ROOT, cache)) == digest(first)
    assert pickle.loads(_cache_file(text, ROOT, cache).read_bytes()).slug == "a-res-77-20"
    assert parse_cached(text, ROOT, None).slug == "a-res-77-20" and len(list(cache.iterdir())) == 1


def test_every_text_is_parsed_packed_in_order_with_its_error_in_its_place_whatever_the_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``parse_all``: a result per text in the texts' order, an error in its text's place (the
    others still read), every document packed, the progress told once per text; the cached
    texts read from the cache; the same results from one process or from two."""
    from conftest import working_texts

    from build_scripts.errors import SourceError
    from build_scripts.memo import digest
    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    texts = working_texts(tmp_path / "texts", ("a-res-51-1", "a-res-77-20", "a-res-77-241"))
    (texts / "a-res-77-20.txt").write_text("", encoding="utf-8")
    paths = discover(texts)
    progress = RecordedProgress()
    results = pipeline.parse_all(paths, tmp_path, tmp_path / "cache", progress=progress)
    assert [type(r).__name__ for r in results] == ["Resolution", "SourceError", "Resolution"]
    assert isinstance(results[1], SourceError) and "a-res-77-20.txt" in str(results[1])
    assert [r.slug for r in results if not isinstance(r, SourceError)] == ["a-res-51-1", "a-res-77-241"]
    assert all(r.packed for r in results if not isinstance(r, SourceError))
    assert progress.told == [("parsing texts", 3), *[("parsing texts", 1)] * 3]
    # Again: the two documents from the cache (parsing them would fail now), the error anew.
    monkeypatch.setattr(pipeline, "parse_source", lambda path, root: (_ for _ in ()).throw(AssertionError(path)))
    with pytest.raises(AssertionError, match=r"a-res-77-20\.txt"):
        pipeline.parse_all(paths, tmp_path, tmp_path / "cache")
    (texts / "a-res-77-20.txt").unlink()
    progress = RecordedProgress()
    again = pipeline.parse_all([p for p in paths if p.exists()], tmp_path, tmp_path / "cache", progress=progress)
    assert [digest(r) for r in again] == [digest(results[0]), digest(results[2])]
    assert progress.told == [("parsing texts", 2), *[("parsing texts", 1)] * 2]  # from the cache, counted alike
    monkeypatch.undo()
    # Many texts, two processes: the results of one.
    many = [paths[0], paths[2]] * 9
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
    alone = pipeline.parse_all(many, tmp_path, None, jobs=1)
    together = pipeline.parse_all(many, tmp_path, None, jobs=2)
    assert [digest(r) for r in together] == [digest(r) for r in alone] and len(together) == 18
    assert all(r.packed for r in together)


def test_the_browser_assets_are_copied_into_docs_when_they_differ_and_their_absence_is_an_error(tmp_path: Path):
    """``vendor_assets``: an asset the set-up installed is copied into docs/ (its folders
    made), left alone when the same (its time kept), copied again when it differs; a missing
    asset is an error that names the set-up, unless docs/ holds a copy already."""
    from build_scripts.errors import SourceError
    from build_scripts.site.pipeline import VENDORED, vendor_assets

    (rel, installed), *_ = VENDORED.items()
    root, docs = tmp_path / "root", tmp_path / "docs"
    with pytest.raises(SourceError, match=r"missing browser asset: run `make setup` \(npm ci\) first") as caught:
        vendor_assets(docs, root)
    assert caught.value.path == str(root / installed) and not docs.exists()
    assert caught.value.message == "missing browser asset: run `make setup` (npm ci) first"
    (root / installed).parent.mkdir(parents=True)
    (root / installed).write_text("shim 1", encoding="utf-8")
    vendor_assets(docs, root)
    assert (docs / rel).read_text(encoding="utf-8") == "shim 1"
    os.utime(docs / rel, ns=(1, 1))
    vendor_assets(docs, root)
    assert (docs / rel).stat().st_mtime_ns == 1
    (root / installed).write_text("shim 2", encoding="utf-8")
    vendor_assets(docs, root)
    assert (docs / rel).read_text(encoding="utf-8") == "shim 2"
    (root / installed).unlink()
    vendor_assets(docs, root)  # docs/ has it: no error
    assert (docs / rel).read_text(encoding="utf-8") == "shim 2"


def test_generate_writes_every_file_then_none_removes_a_texts_files_and_tells_the_pages_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``generate`` without PDFs, in process: every file written, the data page and the
    bulk archive last among them; again, every one unchanged and counted so (and no member
    of the archive read again to be hashed: its digests remembered); a text taken away, its
    files removed. The pages' script names the public address, every symbol's
    page and each treaty by its short title and its title (lower case), in order."""
    import json
    from types import SimpleNamespace

    from conftest import working_texts

    from build_scripts.render import archive
    from build_scripts.render.archive import ARCHIVE
    from build_scripts.render.feeds import FEEDS, FEEDS_SITEMAP
    from build_scripts.settings import load_settings
    from build_scripts.site.pipeline import PUBLIC_URL_SCRIPT, generate

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-79-243"))
    env = {"SOURCE_TEXTS_DIR": str(texts), "BUILD_CACHE_DIR": str(tmp_path / "cache"), "BUILD_JOBS": "1"}
    env["SITE_URL"] = "https://texts.example.net/"
    monkeypatch.setenv("SITE_URL", env["SITE_URL"])  # mkdocs.yml's site_url reads it as MkDocs does
    settings = load_settings(env=env, docs_dir=tmp_path / "docs")
    edition, first = generate(settings, pdfs=False)
    assert first.unchanged == [] and first.removed == [] and first.pdfs_made == []
    assert first.written[-2:] == ["data/index.md", ARCHIVE] and len(set(first.written)) == len(first.written)
    assert first.warnings == [w for r in edition.resolutions for w in r.warnings]
    assert all((tmp_path / "docs" / rel).is_file() for rel in first.written)
    assert "resolutions/a-res-79-243/index.md" in first.written
    page = (tmp_path / "docs" / "resolutions" / "a-res-71-19" / "index.md").read_text(encoding="utf-8")
    assert '"citation_pdf_url", "https://texts.example.net/resolutions/a-res-71-19/a-res-71-19.pdf"' in page
    script = (tmp_path / "docs" / PUBLIC_URL_SCRIPT).read_text(encoding="utf-8")
    assert script.startswith("window.edition = ") and script.endswith(";\n")
    told = json.loads(script.removeprefix("window.edition = ").removesuffix(";\n"))
    # The feeds name each text at the public address; the site has one: their sitemap too.
    feed = (tmp_path / "docs" / FEEDS["texts"]).read_text(encoding="utf-8")
    assert 'href="https://texts.example.net/resolutions/a-res-71-19/"' in feed
    assert FEEDS_SITEMAP in first.written
    assert told["publicUrl"] == "https://texts.example.net/"
    assert told["resolutions"] == {
        "A/RES/71/19": "resolutions/a-res-71-19/",
        "A/RES/79/243": "resolutions/a-res-79-243/",
    }
    treaty = next(a for a in edition.resolutions[1].annexes if a.treaty is not None)
    where = {"path": "resolutions/a-res-79-243/", "prefix": treaty.treaty.prefix}
    assert told["treaties"] == dict(sorted({"cybercrime convention": where, treaty.title.lower(): where}.items()))
    export = (tmp_path / "docs" / "resolutions" / "a-res-71-19" / "a-res-71-19.json").read_text(encoding="utf-8")
    assert "https://texts.example.net/resolutions/a-res-71-19/" in export
    hashed: list[int] = []
    real_sha = archive.hashlib.sha256
    monkeypatch.setattr(
        archive, "hashlib", SimpleNamespace(sha256=lambda data: hashed.append(len(data)) or real_sha(data))
    )
    _, again = generate(settings, pdfs=False)
    assert again.written == [] and again.removed == [] and sorted(again.unchanged) == sorted(first.written)
    assert hashed == []
    # Another public address: every page that prints it is made again.
    moved = load_settings(env={**env, "SITE_URL": "https://elsewhere.example.org/"}, docs_dir=tmp_path / "docs")
    generate(moved, pdfs=False)
    page = (tmp_path / "docs" / "resolutions" / "a-res-71-19" / "index.md").read_text(encoding="utf-8")
    assert "https://elsewhere.example.org/resolutions/a-res-71-19/a-res-71-19.pdf" in page
    assert "https://texts.example.net/" not in page
    generate(settings, pdfs=False)
    (texts / "a-res-71-19.txt").unlink()
    (texts / "a-res-71-19.yml").unlink(missing_ok=True)
    _, third = generate(settings, pdfs=False)
    assert "resolutions/a-res-71-19/index.md" in third.removed
    # Its page and exports, and the parts of the indexes it alone was in (its session's).
    assert {f"resolutions/a-res-71-19/{name}" for name in ("index.md", "a-res-71-19.json", "a-res-71-19.xml")} <= set(
        third.removed
    )
    assert all(rel.startswith(("resolutions/a-res-71-19/", "indexes/")) for rel in third.removed)
    assert "indexes/themes/terrorism/session-71/index.md" in third.removed
    assert not (tmp_path / "docs" / "resolutions" / "a-res-71-19").exists()


def test_an_edition_loaded_again_reads_its_texts_as_annotated_last_time_and_parses_only_an_edited_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``load_edition`` with a memo: loaded again, no text is parsed (each read as the last
    load annotated it, in the same context), and the edition is the same; a text edited is
    parsed, it alone; without the parse cache, the memo is not used."""
    from conftest import working_texts

    from build_scripts.memo import digest
    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-77-20", "a-res-77-241"))
    cache, memo = tmp_path / "parsed", tmp_path / "memo"
    first = pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    # The series' pairings (71/19 and 77/20 are of one) and the index's findings remembered.
    remembered = {name: Memo(memo / f"{name}.sqlite").keys() for name in ("pairings", "findings")}
    assert all(remembered.values()), remembered
    parsed = calls_of(monkeypatch, "parse_source", lambda path: path.name)
    linked = calls_of(monkeypatch, "link_document", lambda d: d.slug)
    again = pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    assert parsed == [] and linked == [] and again.digests == first.digests  # nothing annotated again
    assert {name: Memo(memo / f"{name}.sqlite").keys() for name in remembered} == remembered
    assert [digest(d) for d in again.all()] == [digest(d) for d in first.all()]
    text = texts / "a-res-77-241.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Reaffirming", "Reaffirming also", 1), encoding="utf-8")
    progress = RecordedProgress()
    edited = pipeline.load_edition(discover(texts), tmp_path, cache, progress=progress, memo_dir=memo)
    assert parsed == ["a-res-77-241.txt"] and linked == ["a-res-77-241"]
    assert progress.told == [("parsing texts", 1), ("parsing texts", 1)]  # the edited text alone, told
    changed = {slug for slug in first.digests if edited.digests[slug] != first.digests[slug]}
    assert changed == {"a-res-77-241"}
    parsed.clear()
    pipeline.load_edition(discover(texts), tmp_path, None, memo_dir=memo)
    assert sorted(parsed) == ["a-res-71-19.txt", "a-res-77-20.txt", "a-res-77-241.txt"]


def test_a_damaged_text_kept_from_the_last_load_keeps_its_repairs_or_is_read_again_when_the_words_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A text extracted by pdftotext is repaired by the words of the whole collection. Kept
    from the last load, it keeps its repairs while the collection's words answer its
    repair's questions as before; when an edit elsewhere changes an answer (a word it asked
    about now in the collection), it is read again and repaired anew: the edition is then
    the one loaded from nothing."""
    from conftest import working_texts

    from build_scripts.memo import digest
    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    texts = working_texts(tmp_path / "texts", ("a-res-75-10", "a-res-77-20", "a-res-77-241"))
    cache, memo = tmp_path / "parsed", tmp_path / "memo"

    def from_nothing(name: str):
        return pipeline.load_edition(discover(texts), tmp_path, tmp_path / f"{name}-parsed", memo_dir=tmp_path / name)

    first = pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    assert len(first.repairs["a-res-75-10"]) >= 5  # with this small collection's words
    parsed = calls_of(monkeypatch, "parse_source", lambda path: path.name)
    repaired = calls_of(monkeypatch, "repair_document", lambda d: d.slug)
    again = pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    assert parsed == [] and repaired == [] and again.repairs == first.repairs
    assert [digest(d) for d in again.all()] == [digest(d) for d in first.all()]
    # "inwhich": the repair asked whether the collection has it ("in which" cut apart?).
    text = texts / "a-res-77-241.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Reaffirming", "Reaffirming inwhich", 1), "utf-8")
    edited = pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    assert parsed == ["a-res-77-241.txt"] and repaired == ["a-res-75-10"]  # read again from the parse cache
    fresh = from_nothing("fresh")
    assert edited.repairs == fresh.repairs and edited.digests == fresh.digests
    assert [digest(d) for d in edited.all()] == [digest(d) for d in fresh.all()]


def test_a_kept_damaged_texts_words_count_as_parsed_not_as_repaired(tmp_path: Path):
    """The vocabulary counts a damaged text's words as it was parsed, kept or not: the words
    its own repairs made must not attest themselves. "Quuxword" is twice whole in 75/10 and
    once cut ("Quux word"), repaired while a clean text has it; that text edited, the
    damaged text has it twice only (under ``FREQUENT``): the cut stays, as from nothing."""
    from conftest import working_texts

    from build_scripts.memo import digest
    from build_scripts.parse.repair import FREQUENT
    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    assert FREQUENT == 3  # twice whole, three times once repaired
    texts = working_texts(tmp_path / "texts", ("a-res-75-10", "a-res-77-241"))
    damaged = texts / "a-res-75-10.txt"
    # The 2nd to 4th "cooperation" of its paragraphs (the 1st is in its title).
    parts = damaged.read_text(encoding="utf-8").split("cooperation")
    made = ["cooperation", "Quuxword", "Quux word", "Quuxword"]
    damaged.write_text(
        "".join(p + (made[i] if i < 4 else "cooperation") for i, p in enumerate(parts[:-1])) + parts[-1], "utf-8"
    )
    clean = texts / "a-res-77-241.txt"
    clean.write_text(clean.read_text(encoding="utf-8").replace("Reaffirming", "Reaffirming Quuxword", 1), "utf-8")
    cache, memo = tmp_path / "parsed", tmp_path / "memo"
    first = pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    assert any("Quux word" in r.found and "Quuxword" in r.made for r in first.repairs["a-res-75-10"])
    clean.write_text(clean.read_text(encoding="utf-8").replace("Reaffirming Quuxword", "Reaffirming", 1), "utf-8")
    edited = pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    fresh = pipeline.load_edition(discover(texts), tmp_path, tmp_path / "fresh-parsed", memo_dir=tmp_path / "fresh")
    assert not any("Quuxword" in r.made for r in fresh.repairs["a-res-75-10"])
    assert edited.repairs == fresh.repairs and edited.digests == fresh.digests
    assert [digest(d) for d in edited.all()] == [digest(d) for d in fresh.all()]


def test_every_kept_damaged_text_keeps_its_repairs_when_another_text_is_edited(tmp_path: Path):
    """Two damaged texts kept from the last load (their sources, the glossary and the
    symbols unchanged), a clean text edited: each kept text keeps its own repairs, the
    second as the first, as a load from nothing makes them."""
    from conftest import working_texts

    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-75-10", "a-res-77-241"))
    cache, memo = tmp_path / "parsed", tmp_path / "memo"
    first = pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    assert first.repairs["a-res-71-19"] and first.repairs["a-res-75-10"]
    clean = texts / "a-res-77-241.txt"
    clean.write_text(clean.read_text(encoding="utf-8").replace("Reaffirming", "Reaffirming also", 1), "utf-8")
    edited = pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    fresh = pipeline.load_edition(discover(texts), tmp_path, tmp_path / "fresh-parsed", memo_dir=tmp_path / "fresh")
    assert edited.repairs == fresh.repairs
    assert edited.repairs["a-res-71-19"] == first.repairs["a-res-71-19"]
    assert edited.repairs["a-res-75-10"] == first.repairs["a-res-75-10"]


def test_a_kept_document_annotated_in_another_context_is_refused(tmp_path: Path):
    """A kept document was annotated in the context of its load (the symbols' addresses,
    the glossary's terms): handed over in another context, it is refused by name, never
    used as it was annotated."""
    from conftest import working_texts

    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline
    from build_scripts.site.annotated import Annotated

    texts = working_texts(tmp_path / "texts", ("a-res-77-241",))
    edition = pipeline.load_edition(discover(texts), tmp_path)
    document = edition.collection.resolutions[0]
    kept = {document.slug: Annotated(document, [], edition.digests[document.slug], b"another context")}
    with pytest.raises(AssertionError, match=document.slug):
        pipeline.annotate(edition.collection, edition.glossary, [], [], [], kept=kept)


def test_a_series_compared_by_forked_processes_is_the_series_compared_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The series' pairings and the index's findings made by two processes (from two
    items, rather than sixteen): the edition made by one."""
    from conftest import working_texts

    from build_scripts import workers
    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-73-11", "a-res-75-10", "a-res-77-20"))
    alone = pipeline.load_edition(discover(texts), tmp_path, jobs=1)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    forked = pipeline.load_edition(discover(texts), tmp_path, jobs=2)
    assert len(alone.comparisons) == 3 and forked.comparisons == alone.comparisons
    assert forked.series == alone.series and forked.index == alone.index


def test_a_generate_with_nothing_changed_reads_no_text_again(tmp_path: Path):
    """The generate stage remembers between builds (the parse cache, the annotated texts):
    run again on the same texts, it parses none and reads none again."""
    from conftest import working_texts

    from build_scripts.settings import load_settings
    from build_scripts.site.pipeline import generate

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-77-241"))
    env = {"SOURCE_TEXTS_DIR": str(texts), "BUILD_CACHE_DIR": str(tmp_path / "cache"), "BUILD_JOBS": "1"}
    settings = load_settings(env=env, docs_dir=tmp_path / "docs")
    told = []
    for _ in range(2):
        progress = RecordedProgress()
        generate(settings, pdfs=False, progress=progress)
        told.append([entry for entry in progress.told if entry[0] == "parsing texts"])
    assert sum(steps for _, steps in told[0][1:]) == 2
    assert sum(steps for _, steps in told[1][1:]) == 0, told


def test_every_documents_citations_are_made_in_batches_then_read_from_their_memo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``citations_of``: every document's citations in every style (the whole text's and
    each paragraph's), made by batches of documents; made again, none is asked of
    citeproc-js: each is read from the memo by the digest of its document."""
    from conftest import working_texts

    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-77-20", "a-res-77-241"))
    edition = pipeline.load_edition(discover(texts), tmp_path)
    asked: list[list[str]] = []
    real = pipeline.document_citations
    monkeypatch.setattr(pipeline, "CITATION_BATCH", 2)
    monkeypatch.setattr(
        pipeline, "document_citations", lambda docs, *rest: asked.append([d.slug for d in docs]) or real(docs, *rest)
    )
    url = "https://texts.example.net/"
    citations = pipeline.citations_of(edition, url, tmp_path / "citeproc", tmp_path / "memo")
    assert asked == [["a-res-71-19", "a-res-77-20"], ["a-res-77-241"]]
    assert list(citations) == ["a-res-71-19", "a-res-77-20", "a-res-77-241"] and len(citations) == 3
    places = citations["a-res-77-20"]
    assert "" in places and "op17" in places and places["op17"].keys() == places[""].keys()
    assert "A/RES/77/20" in places[""]["oscola"] and "para 17" in places["op17"]["oscola"]
    asked.clear()
    again = pipeline.citations_of(edition, url, tmp_path / "citeproc", tmp_path / "memo")
    assert asked == [] and {slug: again[slug] for slug in again} == {slug: citations[slug] for slug in citations}


@pytest.mark.parametrize("name", ["themes", "series", "bodies"])
def test_an_editors_file_that_does_not_load_is_an_error_naming_it_from_the_project(tmp_path: Path, name: str):
    from conftest import working_texts

    from build_scripts.errors import SourceError
    from build_scripts.parse.sources import discover
    from build_scripts.site.pipeline import load_edition

    texts = working_texts(tmp_path / "texts", ("a-res-77-241",))
    (texts / f"{name}.yml").write_text("- [\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_edition(discover(texts), tmp_path)
    assert str(caught.value).startswith(f"texts/{name}.yml"), str(caught.value)


def test_every_documents_pdf_is_set_beside_its_page_closed_by_its_terms_counted_then_placed_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``make_pdfs``: a PDF for every document in its page's folder, closed by the glossary
    terms it names, each linked to the paragraphs that use it at the public address, the
    progress told; set again, none is set anew, and no PDF's inputs are made again (the
    cache files remembered by the documents' digests)."""
    from conftest import working_texts
    from pypdf import PdfReader

    from build_scripts.parse.sources import discover
    from build_scripts.render.pdf import PdfMaker
    from build_scripts.settings import load_settings
    from build_scripts.site import pipeline

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-77-241"))
    env = {
        "SOURCE_TEXTS_DIR": str(texts),
        "BUILD_CACHE_DIR": str(tmp_path / "cache"),
        "BUILD_JOBS": "1",
        "SITE_URL": "https://edition.example/",
    }
    settings = load_settings(env=env, docs_dir=tmp_path / "docs")
    edition = pipeline.load_edition(discover(texts), tmp_path)
    progress = RecordedProgress()
    made = pipeline.make_pdfs(edition, settings, progress)
    assert made == ["resolutions/a-res-71-19/a-res-71-19.pdf", "resolutions/a-res-77-241/a-res-77-241.pdf"]
    assert progress.told[0] == ("setting PDFs", 2) and sum(n for _, n in progress.told[1:]) == 2
    closing = " ".join(PdfReader(tmp_path / "docs" / made[0]).pages[-1].extract_text().split())
    assert "I-24/7" in closing and "INTERPOL's secure global police communications network" in closing
    links = {
        str(note.get_object()["/A"].get("/URI"))
        for note in PdfReader(tmp_path / "docs" / made[0]).pages[-1].get("/Annots", [])
        if note.get_object().get("/A")
    }
    assert any(link.startswith("https://edition.example/resolutions/a-res-71-19/#op") for link in links), links
    inputs_made: list[str] = []
    real_job = PdfMaker._job
    monkeypatch.setattr(PdfMaker, "_job", lambda self, d, terms: inputs_made.append(d.slug) or real_job(self, d, terms))
    assert pipeline.make_pdfs(edition, settings) == []
    assert inputs_made == []


def test_the_files_written_by_forked_processes_are_those_written_here_and_their_progress_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``write_documents`` in runs of documents by two forked processes (from two documents
    here, rather than from sixteen): the same files, byte for byte, as one process writes,
    the same report, and every document counted in the progress. Built again with nothing
    changed, by one process or two, no document's pages are made again (what each left is
    remembered, whoever wrote it)."""
    from conftest import working_texts

    from build_scripts import workers
    from build_scripts.settings import load_settings
    from build_scripts.site import pipeline
    from build_scripts.site.pipeline import generate

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-77-20", "a-res-77-241"))
    made = tmp_path / "pages-made"  # a line per document whose pages are made, by any process
    real_pages = pipeline.document_pages

    def document_pages(env, edition, document, *rest):
        with made.open("a", encoding="utf-8") as log:
            log.write(document.slug + "\n")
        return real_pages(env, edition, document, *rest)

    monkeypatch.setattr(pipeline, "document_pages", document_pages)

    def pages_made() -> list[str]:
        lines = sorted(made.read_text(encoding="utf-8").split()) if made.exists() else []
        made.unlink(missing_ok=True)
        return lines

    reports = []

    def files_of(jobs: str) -> tuple[dict[str, bytes], list[str]]:
        env = {"SOURCE_TEXTS_DIR": str(texts), "BUILD_CACHE_DIR": str(tmp_path / f"cache{jobs}"), "BUILD_JOBS": jobs}
        docs = tmp_path / f"docs{jobs}"
        _, report = generate(load_settings(env=env, docs_dir=docs), pdfs=False, progress=progress)
        reports.append(report)
        return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}, sorted(
            report.written
        )

    progress = RecordedProgress()
    alone = files_of("1")
    writing = [n for what, n in progress.told if what == "writing Markdown"]
    assert writing[0] == 3 and sum(writing[1:]) == 3
    assert len(pages_made()) == 3
    assert files_of("1") == (alone[0], []) and pages_made() == []
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    progress.told.clear()
    assert files_of("2") == alone
    writing = [n for what, n in progress.told if what == "writing Markdown"]
    assert writing[0] == 3 and sum(writing[1:]) == 3
    assert len(pages_made()) == 3
    # Again: what the workers found unchanged is kept (none written, none removed).
    files, written = files_of("2")
    assert files == alone[0] and written == [] and pages_made() == []
    assert sorted(reports[-1].unchanged) == alone[1]  # every file counted, whichever run kept it


# Set by the test below before its workers are forked (they inherit it).
MEANWHILE_DONE: Path | None = None


def _write_run_then_take_the_write_lock(render, first: int, last: int):
    """A worker's run, then, once this process has done its work of meanwhile, the memo's
    write lock taken and given back without waiting: it fails if the process that waits
    for this worker holds it."""
    result = _write_run(render, first, last)
    for _ in range(1200):
        if MEANWHILE_DONE is not None and MEANWHILE_DONE.exists():
            break
        time.sleep(0.05)
    probe = sqlite3.connect(render.memo.path, timeout=0, isolation_level=None)
    probe.execute("BEGIN IMMEDIATE")
    probe.execute("ROLLBACK")
    probe.close()
    MEANWHILE_DONE.with_name(f"probed-by-{os.getpid()}").touch()
    return result


def test_the_process_that_waits_for_its_render_workers_holds_no_lock_on_the_memo_they_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Forked workers read the documents' files memo; a worker may need its write lock (a
    reader takes it to rebuild the log's index). Held by the process waiting for the
    worker, both waited: 300 s, SQLite's wait, under load. So nothing is written to that
    memo while they work, neither the collection's pages meanwhile nor their results."""
    from conftest import working_texts

    from build_scripts import workers
    from build_scripts.settings import load_settings
    from build_scripts.site import pipeline

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-77-20", "a-res-77-241"))
    done = tmp_path / "meanwhile-done"
    monkeypatch.setattr(sys.modules[__name__], "MEANWHILE_DONE", done)
    write_documents = pipeline.write_documents

    def write_documents_then_tell(render, writer, jobs, progress=QUIET, meanwhile=lambda: None):
        def then_tell() -> None:
            meanwhile()
            done.touch()

        return write_documents(render, writer, jobs, progress, then_tell)

    monkeypatch.setattr(pipeline, "write_documents", write_documents_then_tell)
    monkeypatch.setattr(pipeline, "_write_run", _write_run_then_take_the_write_lock)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    env = {"SOURCE_TEXTS_DIR": str(texts), "BUILD_CACHE_DIR": str(tmp_path / "cache"), "BUILD_JOBS": "2"}
    _, report = pipeline.generate(load_settings(env=env, docs_dir=tmp_path / "docs"), pdfs=False)
    assert done.exists() and report.written
    probed_by = {p.name for p in tmp_path.glob("probed-by-*")}
    assert probed_by and f"probed-by-{os.getpid()}" not in probed_by  # workers rendered, not this process


def test_texts_read_again_after_the_glossary_changed_are_counted_in_the_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Nothing changed: no text is read at all, none counted. A term redefined: no text is
    kept as the last load annotated it (they were annotated with the old glossary); each is
    read again from the parse cache (none parsed: its words did not change), and counted."""
    from conftest import working_texts

    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    texts = working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-77-241"))
    cache, memo = tmp_path / "parsed", tmp_path / "memo"
    pipeline.load_edition(discover(texts), tmp_path, cache, memo_dir=memo)
    parsed = calls_of(monkeypatch, "parse_source", lambda path: path.name)
    unchanged = RecordedProgress()
    pipeline.load_edition(discover(texts), tmp_path, cache, progress=unchanged, memo_dir=memo)
    assert unchanged.told == [] and parsed == []
    glossary = texts / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("definition: ", "definition: Redefined. ", 1), encoding="utf-8")
    progress = RecordedProgress()
    edition = pipeline.load_edition(discover(texts), tmp_path, cache, progress=progress, memo_dir=memo)
    assert edition.glossary.terms[0].definition.startswith("Redefined. ")
    assert progress.told == [("parsing texts", 2), ("parsing texts", 1), ("parsing texts", 1)]
    assert parsed == []


def test_a_project_moved_to_another_folder_reads_its_texts_as_annotated_before_it_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The memo's keys name each text from the project's folder, not from the machine's root:
    a project cloned elsewhere with its cache (a CI cache restored in another folder) parses
    and annotates nothing again, and its edition is the same."""
    import shutil

    from conftest import working_texts

    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    here, there = tmp_path / "here", tmp_path / "there"
    working_texts(here / "texts", ("a-res-71-19", "a-res-77-241"))
    first = pipeline.load_edition(discover(here / "texts"), here, here / "parsed", memo_dir=here / "memo")
    shutil.move(here, there)
    parsed = calls_of(monkeypatch, "parse_source", lambda path: path.name)
    linked = calls_of(monkeypatch, "link_document", lambda d: d.slug)
    moved = pipeline.load_edition(discover(there / "texts"), there, there / "parsed", memo_dir=there / "memo")
    assert parsed == [] and linked == []
    assert moved.digests == first.digests
    assert [d.source_path for d in moved.all()] == [d.source_path for d in first.all()]


def test_texts_are_parsed_in_processes_only_with_jobs_and_enough_texts_left_after_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``parse_all`` starts worker processes only where they pay: with more than one job and
    as many texts to parse as ``PARALLEL_FROM`` (here 2), counted after the parse cache (a
    build after one edit reads the others from the cache, starting none). The documents are
    the same however they were read."""
    from conftest import working_texts

    from build_scripts.memo import digest
    from build_scripts.parse.sources import discover
    from build_scripts.site import pipeline

    paths = discover(working_texts(tmp_path / "texts", ("a-res-71-19", "a-res-77-241")))
    cache = tmp_path / "parsed"
    pools: list[int] = []
    real_pool = pipeline.process_pool
    monkeypatch.setattr(pipeline, "process_pool", lambda jobs, *rest: pools.append(jobs) or real_pool(jobs, *rest))
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)

    def read(jobs: int, todo: list[Path]) -> list[bytes]:
        pools.clear()
        progress = RecordedProgress()
        documents = pipeline.parse_all(todo, tmp_path, cache, jobs, progress)
        assert progress.told[0] == ("parsing texts", len(todo)) and sum(n for _, n in progress.told[1:]) == len(todo)
        return [digest(d) for d in documents]

    alone = read(1, paths)
    assert pools == []  # one job: no process, however many texts
    assert read(2, paths[:1]) == alone[:1] and pools == []  # fewer texts than PARALLEL_FROM
    for cached in cache.glob("*.pickle"):
        cached.unlink()
    assert read(2, paths) == alone and pools == [2]  # two jobs, two texts to parse
    assert read(2, paths) == alone and pools == []  # all in the cache now: nothing to parse


def test_generate_with_pdfs_sets_them_last_of_the_pages_and_tells_their_progress(tmp_path: Path):
    """``generate`` with PDFs: each document's PDF beside its page, counted in the report
    and in the progress ("setting PDFs"), after the Markdown is written."""
    from conftest import working_texts

    from build_scripts.settings import load_settings
    from build_scripts.site.pipeline import generate

    texts = working_texts(tmp_path / "texts", ("a-res-71-19",))
    env = {"SOURCE_TEXTS_DIR": str(texts), "BUILD_CACHE_DIR": str(tmp_path / "cache"), "BUILD_JOBS": "1"}
    progress = RecordedProgress()
    _, report = generate(load_settings(env=env, docs_dir=tmp_path / "docs"), pdfs=True, progress=progress)
    assert report.pdfs_made == ["resolutions/a-res-71-19/a-res-71-19.pdf"]
    assert (tmp_path / "docs" / report.pdfs_made[0]).read_bytes().startswith(b"%PDF")
    start = progress.told.index(("setting PDFs", 1))  # the stage told, then its steps
    assert sum(n for what, n in progress.told[start + 1 :] if what == "setting PDFs") == 1
    assert "writing Markdown" in [what for what, _ in progress.told[:start]]


def test_a_page_with_a_key_is_made_only_when_its_key_or_its_file_changed(tmp_path: Path):
    """``write_page``: a page with a key is made once, then kept (counted unchanged) while
    its key and its file are as the last build left them, also after its memo is saved and
    opened again; its file changed by hand, or another key, and it is made again. A page
    without a key is made at every build."""
    from build_scripts.render.markdown import Page
    from build_scripts.site.pipeline import write_page

    made: list[bytes | None] = []
    path = "indexes/themes/index.md"

    def build(key: bytes | None, memo: Memo) -> tuple[list[str], list[str]]:
        writer = PageWriter(tmp_path / "docs")
        write_page(Page(path, key, lambda: made.append(key) or f"# Themes {key!r}\n"), writer, memo)
        return writer.report.written, writer.report.unchanged

    memo = Memo(tmp_path / "pages.sqlite")
    assert build(b"one", memo) == ([path], []) and made == [b"one"]
    assert build(b"one", memo) == ([], [path]) and made == [b"one"]
    memo.save()
    memo = Memo(tmp_path / "pages.sqlite")
    assert build(b"one", memo) == ([], [path]) and made == [b"one"]
    (tmp_path / "docs" / path).write_text("# Edited by hand\n", encoding="utf-8")
    assert build(b"one", memo) == ([path], []) and made == [b"one", b"one"]
    assert (tmp_path / "docs" / path).read_text(encoding="utf-8") == "# Themes b'one'\n"
    assert build(b"two", memo) == ([path], []) and made[-1] == b"two"
    made.clear()
    build(None, memo)
    build(None, memo)
    assert made == [None, None]
