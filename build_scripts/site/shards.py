"""Shards: MkDocs rendering a share of the site, and the merge that makes one site of them.

A share is one of ``count`` parts of the files MkDocs writes, dealt by size over the
pages and, separately, over the other files (assets, PDFs, exports), which every shard
computes alike from the same inputs. A shard renders
its pages and copies its files through MkDocs's ``dirty`` machinery, the one incremental
builds use: a file outside the share is "not modified", so MkDocs neither reads, renders
nor copies it. What every shard writes whole (``404.html``, the sitemaps) is taken from
the first and checked equal in the others.

Search is left to the merge: a shard's search plugin indexes only its pages, so the shard
keeps those entries, by page, in its manifest (``shard.json``) instead of an index. The
merge puts every page's entries in the order of a one-process build, completes them with
the paragraph entries (``search_index.complete_entries``) and writes the index, its
offline copy and, past the size limit, Pagefind's: the merged site is byte-identical to
a one-process build (tested).

The same machinery runs in worker processes of one build (``build_site``) or as separate
commands on separate machines (``build --shard 2/8``, then ``merge``); a shard's manifest
names the inputs it was built from, and the merge refuses shards of different inputs.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .search_index import ParagraphEntries, complete_entries, entries_by_page, search_config, write_index

MANIFEST = "shard.json"
MANIFEST_FORMAT = 1


class ShardError(Exception):
    pass


@dataclass(frozen=True)
class Share:
    index: int  # 1 to count
    count: int

    @classmethod
    def parse(cls, text: str) -> Share:
        """ "2/8" -> the second of eight shares."""
        index, slash, count = text.partition("/")
        if not slash or not index.isdigit() or not count.isdigit() or not 1 <= int(index) <= int(count):
            raise ShardError(f"--shard {text!r}: expected k/n with 1 <= k <= n, as in 2/8")
        return cls(int(index), int(count))

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def _never_modified() -> bool:
    return False


def deal(sizes: Sequence[tuple[str, int]], count: int) -> list[int]:
    """The share (0 to count - 1) of each item, so that the shares weigh about the same:
    the heaviest first, each to the lightest share so far (ties: the first). The same
    names and sizes give the same shares on every machine."""
    loads = [0] * count
    owner = [0] * len(sizes)
    for i in sorted(range(len(sizes)), key=lambda i: (-sizes[i][1], sizes[i][0])):
        lightest = min(range(count), key=lambda k: (loads[k], k))
        owner[i] = lightest
        loads[lightest] += sizes[i][1] + 1
    return owner


def _size(file: Any) -> int:
    return os.path.getsize(file.abs_src_path) if file.abs_src_path else 0


def keep_share(files: Any, share: Share) -> tuple[list[str], list[str]]:
    """Mark every file outside ``share`` as unmodified (MkDocs then skips it in a dirty
    build); return the files the share writes (paths in the site) and its pages' URLs.
    Pages are dealt by the size of their Markdown (rendering time follows it: an index
    page of a big collection weighs as much as many resolutions), the other files by
    theirs (copying time)."""
    pages = files.documentation_pages()
    others = [f for f in files if not f.is_documentation_page()]
    written: list[str] = []
    own_pages: list[str] = []
    for group in (pages, others):
        owners = deal([(f.src_uri, _size(f)) for f in group], share.count)
        for file, owner in zip(group, owners, strict=True):
            if owner == share.index - 1:
                written.append(file.dest_uri)
                if group is pages:
                    own_pages.append(file.url)
            else:
                file.is_modified = _never_modified
    return written, own_pages


@dataclass
class ShardManifest:
    inputs: str  # the fingerprint of everything the build read
    share: Share
    page_order: list[str]  # every page of the site, in MkDocs's order
    files: list[str]  # what this shard wrote, besides the common files
    common: list[str]  # what every shard writes whole (404 page, sitemaps)
    search_config: dict[str, Any]
    search_entries: dict[str, list[dict[str, Any]]]  # Material's, by page, this share's pages
    # When the shard had the edition: its pages' paragraph entries, and every document's
    # page in the edition's order (the order of a one-process index).
    paragraph_entries: dict[str, list[dict[str, Any]]] | None
    document_pages: list[str] | None
    offline: bool  # the offline plugin's copy of the index is wanted
    directory_urls: bool  # the form of the pages' locations in the index
    search_engine: str  # the setting the shards were built with ("auto", "lunr", "pagefind")

    def write(self, folder: Path) -> None:
        data = {
            "format": MANIFEST_FORMAT,
            "inputs": self.inputs,
            "share": str(self.share),
            "page_order": self.page_order,
            "files": self.files,
            "common": self.common,
            "search_config": self.search_config,
            "search_entries": self.search_entries,
            "paragraph_entries": self.paragraph_entries,
            "document_pages": self.document_pages,
            "offline": self.offline,
            "directory_urls": self.directory_urls,
            "search_engine": self.search_engine,
        }
        (folder / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> ShardManifest:
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ShardError(f"{folder}: not a shard (no {MANIFEST}); build it with `build --shard k/n`") from None
        except ValueError as exc:
            raise ShardError(f"{path}: unreadable ({exc})") from None
        if data.get("format") != MANIFEST_FORMAT:
            raise ShardError(f"{path}: a shard of another version of the build (format {data.get('format')!r})")
        return cls(
            data["inputs"],
            Share.parse(data["share"]),
            data["page_order"],
            data["files"],
            data["common"],
            data["search_config"],
            data["search_entries"],
            data["paragraph_entries"],
            data["document_pages"],
            data["offline"],
            data["directory_urls"],
            data["search_engine"],
        )


def check_shards(folders: Sequence[Path]) -> list[tuple[Path, ShardManifest]]:
    """Each shard's folder and manifest, in share order, once every shard is there and
    all were built alike."""
    if not folders:
        raise ShardError("no shard to merge")
    shards = [(folder, ShardManifest.read(folder)) for folder in folders]
    first_folder, first = shards[0]
    found: dict[int, Path] = {}
    for folder, manifest in shards:
        if manifest.inputs != first.inputs:
            raise ShardError(
                f"{folder}: built from other inputs than {first_folder} (texts, code, settings or docs/ differ)"
            )
        if manifest.share.count != first.share.count:
            raise ShardError(f"{folder}: shard {manifest.share}, but {first_folder} is shard {first.share}")
        if manifest.share.index in found:
            raise ShardError(f"shard {manifest.share} given twice: {found[manifest.share.index]} and {folder}")
        found[manifest.share.index] = folder
    count = first.share.count
    missing = [f"{k}/{count}" for k in range(1, count + 1) if k not in found]
    if missing:
        raise ShardError(f"missing shard(s) {', '.join(missing)}: every share of {count} must be merged")
    return sorted(shards, key=lambda shard: shard[1].share.index)


@dataclass
class MergeResult:
    search_entries: dict[str, list[dict[str, Any]]]  # Material's entries by page, every page
    files: int
    pages: int
    search_engine: str  # the shards' setting
    index: dict[str, Any]  # the merged search index, as written (its entries: ``search_index.SearchEntries``)


def merge_shards(
    folders: Sequence[Path],
    target: Path,
    paragraph_entries: Callable[[bool], ParagraphEntries] | None = None,
    move: bool = False,
) -> MergeResult:
    """Make one site in ``target`` of the shards in ``folders``, search index included
    (the choice of engine comes after, as after a one-process build).

    ``paragraph_entries``: given the form of locations (directory URLs or not), every
    page's paragraph entries, when the caller has the edition; otherwise the shards' own.
    ``move``: the shards' files are moved, not copied (the shards are used up)."""
    shards = check_shards(folders)
    place: Callable[[Path, Path], Any] = os.replace if move else shutil.copy2
    copied = 0
    for source, manifest in shards:
        for rel in manifest.files:
            target_file = target / rel
            target_file.parent.mkdir(parents=True, exist_ok=True)
            if not (source / rel).is_file():
                raise ShardError(f"{source / rel}: listed in {source / MANIFEST} but missing; build that shard again")
            try:
                place(source / rel, target_file)
            except OSError:
                if not move:
                    raise
                shutil.copy2(source / rel, target_file)  # another file system
            copied += 1
    first_folder, first = shards[0]
    for rel in first.common:
        for folder, _ in shards[1:]:
            if not (folder / rel).is_file() or not filecmp.cmp(first_folder / rel, folder / rel, shallow=False):
                raise ShardError(f"{folder / rel}: differs from {first_folder / rel}; the shards disagree")
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(first_folder / rel, target / rel)
        copied += 1

    entries: dict[str, list[dict[str, Any]]] = {}
    for _, manifest in shards:
        entries.update(manifest.search_entries)
    if paragraph_entries is not None:
        paragraphs = paragraph_entries(first.directory_urls)
    else:
        by_document: dict[str, list[dict[str, Any]]] = {}
        for folder, manifest in shards:
            if manifest.paragraph_entries is None:
                raise ShardError(f"{folder}: has no paragraph entries for search; merge it with the edition")
            by_document.update(manifest.paragraph_entries)
        pages = [page for page in first.document_pages or [] if by_document.get(page)]
        held = {page: by_document[page] for page in pages}
        paragraphs = ParagraphEntries(held=held, directory_urls=first.directory_urls)
    docs = [entry for page in first.page_order for entry in entries.get(page, [])]
    index = {"config": search_config(first.search_config), "docs": complete_entries(docs, paragraphs)}
    index_path = target / "search" / "search_index.json"
    write_index(index_path, index)
    if first.offline:
        # What Material's offline plugin does after a build: the index inlined as a script,
        # so that search works from file://. Copied in chunks: a big site's index read
        # whole, and joined to the prefix, held it three times over in memory.
        with open(index_path.with_name("search_index.js"), "wb") as script, open(index_path, "rb") as source:
            script.write(b"var __index = ")
            shutil.copyfileobj(source, script)
    return MergeResult(entries, copied, len(first.page_order), first.search_engine, index)


def write_share(
    site_dir: Path,
    share: Share,
    inputs: str,
    page_order: list[str],
    files: list[str],
    own_pages: list[str],
    paragraph_entries: ParagraphEntries | None,
    offline: bool,
    directory_urls: bool,
    search_engine: str,
) -> ShardManifest:
    """After MkDocs rendered a share into ``site_dir``: keep its search entries in the
    manifest (the merge writes the one index) and write the manifest."""
    index_path = site_dir / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8")) if index_path.exists() else {"config": {}, "docs": []}
    for name in ("search_index.json", "search_index.js"):
        (index_path.parent / name).unlink(missing_ok=True)
    written = set(files)
    common = sorted(
        rel
        for path in site_dir.rglob("*")
        if path.is_file() and (rel := path.relative_to(site_dir).as_posix()) not in written and rel != MANIFEST
    )
    own_paragraphs = None
    document_pages = None
    if paragraph_entries is not None:
        document_pages = paragraph_entries.pages()
        own = set(own_pages)
        own_paragraphs = {page: paragraph_entries.of_page(page) for page in document_pages if page in own}
    manifest = ShardManifest(
        inputs,
        share,
        page_order,
        files,
        common,
        index["config"],
        entries_by_page(index["docs"]),
        own_paragraphs,
        document_pages,
        offline,
        directory_urls,
        search_engine,
    )
    manifest.write(site_dir)
    return manifest
