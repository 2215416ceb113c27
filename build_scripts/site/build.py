"""The MkDocs stage: render docs/ into the site, aside, and swap it into place at once.

Two guarantees, one optimisation:

- **A failed or killed build leaves the last site whole.** The site is rendered into a
  staging folder beside it; only a complete build is swapped in, by one atomic exchange
  of the two folders (Linux ``renameat2``), so no moment shows half a site.
- **Nothing stale survives.** A build starts from scratch unless everything but the
  content of some pages is the same as for the site in place (see ``fingerprint``).
- **Incremental.** When only the content of some pages changed, MkDocs renders into the
  empty staging folder only the pages whose Markdown is newer than their HTML in the site
  in place (its ``dirty`` mode), and the other files are hard-linked from the site in
  place (``linked``): nothing unchanged is rendered or copied. The generate stage rewrites only the
  Markdown that changed, so an edit to one text re-renders that text's page and the pages
  that list it. The search index, which MkDocs would otherwise limit to the re-rendered
  pages, is merged by page here (``merge_search_entries``), in the order of a full build:
  both builds give byte-identical sites.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import files_under
from ..settings import Settings
from ..workers import process_pool
from .progress import QUIET, BuildProgress
from .search_index import ParagraphEntries, entries_by_page, in_url_form
from .search_pagefind import switch_if_needed
from .shards import MergeResult, Share, merge_shards
from .swap import NO_FAULTS, STAGING_PREFIX, SwapFaults, remove_leftovers, swap_into_place

# The key under which a build's state travels in MkDocs's config, from event to event.
BUILD_KEY = "edition_build"


@dataclass
class SiteBuild:
    """The build under way, as the MkDocs hooks see it: made by ``build_site`` (the CLI) or
    by the hooks themselves when MkDocs runs on its own (`mkdocs build`, `mkdocs serve`)."""

    settings: Settings
    # Every paragraph's search entry (``paragraph_entries``): all the site stage needs of the
    # edition. None in a shard's worker process: the merge adds them.
    paragraphs: ParagraphEntries | None
    incremental: bool = False
    previous_entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by page, last build
    page_entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # this build's
    page_order: list[str] = field(default_factory=list)  # the pages' URLs, in the order MkDocs builds them
    pages_rendered: int = 0
    pages_total: int = 0
    search_engine: str = "lunr"
    search_bytes: int = 0  # Material's index with every entry, before any switch
    progress: BuildProgress = QUIET  # a terminal's progress display, or nothing
    on_page: Callable[[int], None] = field(default=lambda steps: None)  # told as pages are rendered
    share: Share | None = None  # a shard renders only its share of the site
    live_site: Path | None = None  # an incremental build: the site in place, judged against and linked from
    inputs: str = ""  # a shard's: the fingerprint of what it was built from
    share_files: list[str] = field(default_factory=list)  # what a shard writes
    share_pages: list[str] = field(default_factory=list)  # the URLs of a shard's pages
    held_content: dict[str, str] = field(default_factory=dict)  # by page: see on_page_content


def fingerprint(settings: Settings) -> str:
    """Everything that shapes every page: the configuration, the code, the installed
    versions, the site address, and the list of files (a page added or removed changes
    the sitemap and the navigation). The content of the files is left out on purpose."""
    digest = hashlib.sha256()
    root, docs_dir = settings.root, settings.docs_dir
    parts = [settings.config_file, root / "requirements.txt", root / "package-lock.json"]
    for folder in ("build_scripts", "overrides"):
        parts += [Path(entry.path) for rel, entry in files_under(root / folder) if "__pycache__" not in rel.split("/")]
    for path in parts:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(settings.site_url.encode() + b"\0")
    for rel, _ in files_under(docs_dir):
        digest.update(rel.encode() + b"\0")
    return digest.hexdigest()


def inputs_fingerprint(settings: Settings, strict: bool, by_content: bool = False) -> str:
    """Everything a build reads: ``fingerprint``, the settings, the content of every source
    text, and the size and time of every file under docs/ (the generate stage rewrites a
    file only when its content changes, so a build that changes nothing keeps them).

    ``by_content``: docs/ by content too, as a shard records what it was built from (times
    differ from machine to machine; the merge accepts shards with the same)."""
    digest = hashlib.sha256(fingerprint(settings).encode())
    digest.update(
        repr((settings.paper, settings.search_engine, settings.search_part_texts, settings.public_url, strict)).encode()
    )
    for folder in (settings.source_dir, settings.docs_dir):
        for rel, entry in files_under(folder):
            digest.update(rel.encode() + b"\0")
            if folder == settings.source_dir or by_content:
                digest.update(hashlib.sha256(Path(entry.path).read_bytes()).digest())
            else:
                st = entry.stat()
                digest.update(f"{st.st_size} {st.st_mtime_ns}".encode())
    return digest.hexdigest()


def shard_inputs(settings: Settings, strict: bool) -> str:
    """What a shard was built from, by content only."""
    return inputs_fingerprint(settings, strict, by_content=True)


def up_to_date(settings: Settings, strict: bool) -> bool:
    """True when the site in place was built from exactly these inputs (and is still the
    one that build left): a rebuild would change nothing."""
    state = _load_state(settings.site_dir.resolve(), settings.cache_dir, fingerprint(settings))
    return state is not None and state.get("inputs") == inputs_fingerprint(settings, strict)


def _site_id(site_dir: Path) -> list[int]:
    st = site_dir.stat()
    return [st.st_ino, st.st_mtime_ns]


def _state_file(site_dir: Path, cache_dir: Path) -> Path:
    return cache_dir / f"site-state-{hashlib.sha256(str(site_dir).encode()).hexdigest()[:16]}.json"


def _load_state(site_dir: Path, cache_dir: Path, print_: str) -> dict[str, Any] | None:
    """The last build's state, if it describes the site now in place."""
    try:
        state = json.loads(_state_file(site_dir, cache_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("site_dir") != str(site_dir) or state.get("fingerprint") != print_:
        return None
    if not site_dir.is_dir() or state.get("site_id") != _site_id(site_dir):
        return None  # removed, or written by something else since
    return state


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale; the fingerprint rules
    that out (the page list and everything but page content are unchanged)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


@dataclass
class BuildResult:
    incremental: bool
    pages_rendered: int
    pages_total: int
    search_engine: str
    search_bytes: int
    shards: int = 1  # MkDocs processes that rendered the pages


# Below this many pages, starting MkDocs in worker processes costs more than it saves
# (a worker takes about a second to import MkDocs and load its theme).
RENDER_PARALLEL_FROM = 150
# A shard's Markdown, in bytes: MkDocs holds every page it renders, and its HTML, until its
# build ends, so a process's memory grows with the bytes of its share (measured: about 100 MB
# to start and 4.4 MB a MB of Markdown, so some 280 MB a shard), and the number of shards with
# the site. Counted in bytes, not pages: an index page of a big collection weighs as much as
# hundreds of resolutions. Each shard costs a start (about a second: MkDocs, its theme, the
# navigation of every file), so no more shards than memory calls for.
SHARD_BYTES = 40_000_000


def render_shards_for(settings: Settings) -> int:
    """How many shards render a full build: one for a small site; else one per job, and
    more for a big site, so that no MkDocs process holds more than ``SHARD_BYTES`` of
    Markdown; a multiple of the jobs, so that every process has as much to do."""
    sizes = [entry.stat().st_size for rel, entry in files_under(settings.docs_dir) if rel.endswith(".md")]
    if len(sizes) < RENDER_PARALLEL_FROM:
        return 1
    jobs = settings.jobs
    needed = -(-sum(sizes) // SHARD_BYTES)
    return max(jobs, -(-needed // jobs) * jobs)


def _load_config(settings: Settings, site_dir: Path, strict: bool) -> Any:
    from mkdocs.config import load_config

    config_file, docs_dir = str(settings.config_file), str(settings.docs_dir)
    return load_config(config_file, site_dir=str(site_dir), docs_dir=docs_dir, strict=strict)


def _run_mkdocs(config: Any, dirty: bool) -> None:
    from mkdocs.commands.build import build

    notice = _DirtyNotice()
    build_logger = logging.getLogger("mkdocs.commands.build")
    build_logger.addFilter(notice)
    try:
        build(config, dirty=dirty)
    finally:
        build_logger.removeFilter(notice)


def render_share(
    settings: Settings,
    paragraphs: ParagraphEntries | None,
    strict: bool,
    share: Share,
    folder: Path,
    inputs: str = "",
) -> int:
    """MkDocs renders one share of the site into ``folder`` (new or empty) and leaves the
    shard's manifest there; returns the number of pages rendered."""
    config = _load_config(settings, folder, strict)
    current = SiteBuild(settings, paragraphs, share=share, inputs=inputs)
    config[BUILD_KEY] = current
    _run_mkdocs(config, dirty=True)  # dirty: the files of other shares count as unmodified
    return current.pages_rendered


def _render_share_in_worker(settings: Settings, strict: bool, share: Share, folder: Path) -> int:
    # The worker has no paragraph entries: the parent adds them when it merges.
    return render_share(settings, None, strict, share, folder)


def render_in_shards(
    settings: Settings,
    paragraphs: ParagraphEntries,
    strict: bool,
    shards: int,
    target: Path,
    progress: BuildProgress = QUIET,
) -> tuple[MergeResult, int]:
    """A full render in ``shards`` shares, by as many MkDocs processes as there are jobs,
    each share into a folder of its own beside ``target``, merged into ``target``; returns
    the merge and the pages rendered."""
    from concurrent.futures import as_completed

    folders = [
        Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-shard{k}-", dir=target.parent))
        for k in range(1, shards + 1)
    ]
    advance = progress.stage(f"rendering pages ({shards} shards)", shards)
    try:
        rendered = 0
        # A fresh process per shard: one shard's pages are freed before the next is read.
        with process_pool(min(shards, settings.jobs), max_tasks_per_child=1) as pool:
            futures = [
                pool.submit(_render_share_in_worker, settings, strict, Share(k, shards), folder)
                for k, folder in enumerate(folders, start=1)
            ]
            for future in as_completed(futures):
                rendered += future.result()
                advance(1)
        merged = merge_shards(folders, target, lambda directory_urls: in_url_form(paragraphs, directory_urls), True)
        return merged, rendered
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def build_site(
    settings: Settings,
    paragraphs: ParagraphEntries,
    *,
    strict: bool,
    incremental: bool,
    faults: SwapFaults = NO_FAULTS,
    progress: BuildProgress = QUIET,
    shards: int | None = None,
) -> BuildResult:
    """Render ``settings.docs_dir`` into a folder beside ``settings.site_dir``, then swap it
    into place. ``paragraphs``: ``paragraph_entries`` of the edition the generate stage
    made, all the hooks need of it (the caller may let the edition go).

    A full build of a big site is rendered in shards by several MkDocs processes
    (``render_shards_for``) and merged: the same bytes."""
    site_dir = settings.site_dir.resolve()
    print_ = fingerprint(settings)
    state = _load_state(site_dir, settings.cache_dir, print_) if incremental else None
    shards = render_shards_for(settings) if shards is None else shards

    def make(staging: Path) -> tuple[BuildResult, dict[str, list[dict[str, Any]]]]:
        if state is None and shards > 1:
            merged, rendered = render_in_shards(settings, paragraphs, strict, shards, staging, progress)
            engine, size = switch_if_needed(
                staging, settings.search_engine, merged.index, settings.search_part_texts, settings.jobs
            )
            return BuildResult(False, rendered, merged.pages, engine, size, shards), merged.search_entries
        current = SiteBuild(settings, paragraphs, state is not None, state["search_entries"] if state else {})
        current.progress = progress
        if state is not None:
            # Only what changed is written; the rest is linked from the site in place.
            current.live_site = site_dir
        config = _load_config(settings, staging, strict)
        config[BUILD_KEY] = current
        _run_mkdocs(config, dirty=state is not None)
        result = BuildResult(
            current.incremental,
            current.pages_rendered,
            current.pages_total,
            current.search_engine,
            current.search_bytes,
        )
        return result, current.page_entries

    result, search_entries = _publish(settings, faults, make)
    state_file = _state_file(site_dir, settings.cache_dir)
    state_file.parent.mkdir(parents=True, exist_ok=True)
    new_state = {
        "site_dir": str(site_dir),
        "site_id": _site_id(site_dir),
        "fingerprint": print_,
        "inputs": inputs_fingerprint(settings, strict),
        "search_entries": search_entries,
    }
    tmp = state_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(new_state, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(state_file)
    return result


def _publish(settings: Settings, faults: SwapFaults, make: Callable[[Path], Any]) -> Any:
    """``make`` a site in a staging folder beside ``settings.site_dir``, then swap it into
    place; a failure leaves the folder as it was."""
    site_dir = settings.site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=site_dir.parent))
    try:
        made = make(staging)
        swap_into_place(staging, site_dir, faults)
        return made
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def build_shard(
    settings: Settings, paragraphs: ParagraphEntries, strict: bool, share: Share, faults: SwapFaults = NO_FAULTS
) -> int:
    """One shard of the site into ``settings.site_dir`` (for ``merge``); returns the pages
    rendered."""
    inputs = shard_inputs(settings, strict)
    rendered: int = _publish(
        settings, faults, lambda staging: render_share(settings, paragraphs, strict, share, staging, inputs)
    )
    return rendered


@dataclass
class MergedSite:
    """What a merge made: a site of ``pages`` pages, searched by ``search_engine``, of
    ``shards`` shards."""

    pages: int
    search_engine: str
    shards: int


def merge_into_site(settings: Settings, folders: list[Path]) -> MergedSite:
    """The shards in ``folders`` made one site in ``settings.site_dir``."""

    def make(staging: Path) -> MergedSite:
        merged = merge_shards(folders, staging)
        engine, _ = switch_if_needed(
            staging, merged.search_engine, merged.index, settings.search_part_texts, settings.jobs
        )
        return MergedSite(merged.pages, engine, len(folders))

    result: MergedSite = _publish(settings, NO_FAULTS, make)
    return result


def merge_search_entries(fresh: list[dict[str, Any]], build: SiteBuild) -> list[dict[str, Any]]:
    """Material's search entries for every page, in page order.

    A full build indexes every page; an incremental one only the pages it rendered, and
    the others keep the entries of the last build. Entries are grouped by the page their
    location points to.
    """
    page_order = build.page_order
    by_page = entries_by_page(fresh)
    if build.incremental:
        for page in page_order:
            if page not in by_page and page in build.previous_entries:
                by_page[page] = build.previous_entries[page]
    build.page_entries = by_page
    return [entry for page in page_order for entry in by_page.get(page, [])]
