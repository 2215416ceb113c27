"""The MkDocs stage: render docs/ into the site, aside, and swap it into place at once.

Two guarantees, one optimisation:

- **A failed or killed build leaves the last site whole.** The site is rendered into a
  staging folder beside it; only a complete build is swapped in, by one atomic exchange
  of the two folders (Linux ``renameat2``), so no moment shows half a site.
- **Nothing stale survives.** A build starts from scratch unless everything but the
  content of some pages is the same as for the site in place (see ``fingerprint``).
- **Incremental.** When only the content of some pages changed, the staging folder
  starts as a copy of the site in place and MkDocs renders only the pages whose Markdown
  is newer than their HTML (its ``dirty`` mode). The generate stage rewrites only the
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

from ..edition import Edition
from ..settings import Settings
from .progress import QUIET, BuildProgress
from .swap import NO_FAULTS, STAGING_PREFIX, SwapFaults, remove_leftovers, swap_into_place

# The key under which a build's state travels in MkDocs's config, from event to event.
BUILD_KEY = "edition_build"


@dataclass
class SiteBuild:
    """The build under way, as the MkDocs hooks see it: made by ``build_site`` (the CLI) or
    by the hooks themselves when MkDocs runs on its own (`mkdocs build`, `mkdocs serve`)."""

    settings: Settings
    edition: Edition
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


def fingerprint(settings: Settings) -> str:
    """Everything that shapes every page: the configuration, the code, the installed
    versions, the site address, and the list of files (a page added or removed changes
    the sitemap and the navigation). The content of the files is left out on purpose."""
    digest = hashlib.sha256()
    root, docs_dir = settings.root, settings.docs_dir
    parts = [settings.config_file, root / "requirements.txt", root / "package-lock.json"]
    for folder in ("build_scripts", "overrides"):
        parts += sorted(p for p in (root / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in parts:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(settings.site_url.encode() + b"\0")
    for path in sorted(docs_dir.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(docs_dir).as_posix().encode() + b"\0")
    return digest.hexdigest()


def inputs_fingerprint(settings: Settings, strict: bool) -> str:
    """Everything a build reads: ``fingerprint``, the settings, the content of every source
    text, and the size and time of every file under docs/ (the generate stage rewrites a
    file only when its content changes, so a build that changes nothing keeps them)."""
    digest = hashlib.sha256(fingerprint(settings).encode())
    digest.update(repr((settings.paper, settings.search_engine, settings.public_url, strict)).encode())
    for folder in (settings.source_dir, settings.docs_dir):
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            if folder == settings.source_dir:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            else:
                st = path.stat()
                digest.update(f"{st.st_size} {st.st_mtime_ns}".encode())
    return digest.hexdigest()


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


def build_site(
    settings: Settings,
    edition: Edition,
    strict: bool = True,
    incremental: bool = True,
    faults: SwapFaults = NO_FAULTS,
    progress: BuildProgress = QUIET,
) -> BuildResult:
    """Render ``settings.docs_dir`` into a folder beside ``settings.site_dir``, then swap it
    into place. ``edition`` is what the generate stage made; the hooks take it from here."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = settings.site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(site_dir)
    print_ = fingerprint(settings)
    state = _load_state(site_dir, settings.cache_dir, print_) if incremental else None
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=site_dir.parent))
    notice = _DirtyNotice()
    build_logger = logging.getLogger("mkdocs.commands.build")
    try:
        if state is not None:
            # copy2 keeps the times that tell MkDocs which pages are older than their source.
            shutil.copytree(site_dir, staging, dirs_exist_ok=True, copy_function=shutil.copy2)
        current = SiteBuild(settings, edition, state is not None, state["search_entries"] if state else {})
        current.progress = progress
        config = load_config(
            str(settings.config_file), site_dir=str(staging), docs_dir=str(settings.docs_dir), strict=strict
        )
        config[BUILD_KEY] = current
        build_logger.addFilter(notice)
        build(config, dirty=state is not None)
        result = BuildResult(
            current.incremental,
            current.pages_rendered,
            current.pages_total,
            current.search_engine,
            current.search_bytes,
        )
        swap_into_place(staging, site_dir, faults)
        state_file = _state_file(site_dir, settings.cache_dir)
        state_file.parent.mkdir(parents=True, exist_ok=True)
        new_state = {
            "site_dir": str(site_dir),
            "site_id": _site_id(site_dir),
            "fingerprint": print_,
            "inputs": inputs_fingerprint(settings, strict),
            "search_entries": current.page_entries,
        }
        tmp = state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(new_state, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(state_file)
        return result
    finally:
        build_logger.removeFilter(notice)
        if staging.exists():
            shutil.rmtree(staging)


def merge_search_entries(fresh: list[dict[str, Any]], build: SiteBuild) -> list[dict[str, Any]]:
    """Material's search entries for every page, in page order.

    A full build indexes every page; an incremental one only the pages it rendered, and
    the others keep the entries of the last build. Entries are grouped by the page their
    location points to.
    """
    page_order = build.page_order
    by_page: dict[str, list[dict[str, Any]]] = {}
    for entry in fresh:
        by_page.setdefault(entry["location"].split("#")[0], []).append(entry)
    if build.incremental:
        for page in page_order:
            if page not in by_page and page in build.previous_entries:
                by_page[page] = build.previous_entries[page]
    build.page_entries = by_page
    return [entry for page in page_order for entry in by_page.get(page, [])]
