"""A folder's files, listed fast.

A build lists docs/ several times (its fingerprint, what it reads, what the generate stage
left behind, the archive's members): tens of thousands of files at a thousand texts, where
``Path.rglob`` and a ``Path`` per file cost seconds. ``os.scandir`` reads each file's type
from its directory entry, and an entry keeps its ``stat`` once asked.
"""

from __future__ import annotations

import os
from pathlib import Path


def files_under(folder: Path) -> list[tuple[str, os.DirEntry[str]]]:
    """Every file under ``folder`` (a link to a file counts; a linked folder is not entered,
    as ``Path.rglob`` does not), as its path under ``folder`` with ``/`` and its directory
    entry, in the order of ``sorted(folder.rglob("*"))``: by the parts of the path. Nothing
    when the folder does not exist."""
    found: list[tuple[str, os.DirEntry[str]]] = []

    def walk(directory: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(directory))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, rel + "/")
            elif entry.is_file():
                found.append((rel, entry))

    walk(str(folder), "")
    found.sort(key=lambda item: item[0].split("/"))
    return found


def folders_under(folder: Path) -> list[str]:
    """Every folder under ``folder`` (not entering linked ones), as its path under it,
    deepest first: the order in which empty ones can be removed."""
    found: list[str] = []

    def walk(directory: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(directory))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found.append(prefix + entry.name)
                walk(entry.path, prefix + entry.name + "/")

    walk(str(folder), "")
    found.sort(key=lambda rel: rel.split("/"), reverse=True)
    return found
