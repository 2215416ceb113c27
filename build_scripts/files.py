"""A folder's files, listed fast.

A build lists docs/ several times (its fingerprint, what it reads, what the generate stage
left behind, the archive's members): tens of thousands of files at a thousand texts, where
``Path.rglob`` and a ``Path`` per file cost seconds. ``os.scandir`` reads each file's type
from its directory entry, and an entry keeps its ``stat`` once asked.
"""

from __future__ import annotations

import os
from pathlib import Path


def _walk(folder: Path) -> tuple[list[tuple[str, os.DirEntry[str]]], list[str]]:
    """The files (with their entries) and the folders under ``folder``, by path under it,
    in no order. A link to a file counts as a file; a linked folder is not entered, as
    ``Path.rglob`` does not enter one."""
    files: list[tuple[str, os.DirEntry[str]]] = []
    folders: list[str] = []

    def walk(directory: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(directory))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append(rel)
                walk(entry.path, rel + "/")
            elif entry.is_file():
                files.append((rel, entry))

    walk(str(folder), "")
    return files, folders


def files_under(folder: Path) -> list[tuple[str, os.DirEntry[str]]]:
    """Every file under ``folder``, as its path under it with ``/`` and its directory entry,
    in the order of ``sorted(folder.rglob("*"))``: by the parts of the path. Nothing when the
    folder does not exist."""
    files, _ = _walk(folder)
    return sorted(files, key=lambda item: item[0].split("/"))


def folders_under(folder: Path) -> list[str]:
    """Every folder under ``folder``, as its path under it, deepest first: the order in
    which empty ones can be removed."""
    _, folders = _walk(folder)
    return sorted(folders, key=lambda rel: rel.split("/"), reverse=True)
