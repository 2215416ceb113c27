"""Incremental builds without copying the site: the staging folder starts empty, MkDocs
writes there only what changed (its dirty mode, judged against the site in place), and
every other file of the site in place is then hard-linked into it, so that no byte of an
unchanged file is copied.

Links share their data with the site in place, so nothing may write into a linked file:
MkDocs and the plugins write before the links are made (``link_unchanged`` runs first in
the post-build stage), files written after it are left out of the linking, and the search
switch replaces files (a new file renamed over the link) instead of writing into them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

# Written after the links are made (Material's offline plugin, last of the post-build
# stage, writes the index again as a script): never linked, always written anew.
WRITTEN_AFTER_LINKING = ("search/search_index.js",)


def judge_against(files: Any, live_site: Path) -> None:
    """MkDocs's own rule for a dirty build (an output older than its source is rendered
    again), applied to the outputs of the site in place instead of the empty staging folder."""
    for file in files:
        if getattr(file, "_content", None) is not None or file.abs_src_path is None:
            continue  # made in memory by a plugin: always written, as MkDocs does

        def is_modified(file: Any = file) -> bool:
            live = live_site / file.dest_uri
            return not live.is_file() or live.stat().st_mtime < os.path.getmtime(file.abs_src_path)

        file.is_modified = is_modified


def link_unchanged(live_site: Path, staging: Path) -> int:
    """Hard-link into ``staging`` every file of ``live_site`` it does not have (a copy where
    the file system has no hard links); returns how many were linked."""
    linked = 0
    for root, _dirs, names in os.walk(live_site):
        for name in names:
            source = Path(root) / name
            rel = source.relative_to(live_site)
            target = staging / rel
            if rel.as_posix() in WRITTEN_AFTER_LINKING or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
            linked += 1
    return linked


def replace_file(path: Path, data: bytes) -> None:
    """Write ``path`` as a new file renamed into place: a file linked to the site in place
    is replaced, never written into."""
    replace_file_with(path, lambda out: out.write(data))


def replace_file_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """``replace_file``, the bytes written by ``write`` into the new file, piece by piece."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as out:
        write(out)
    tmp.replace(path)
