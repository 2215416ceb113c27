"""The fast folder listing that the build's fingerprints, clean-up and archive read: the
same files, in the same order, as ``sorted(Path.rglob("*"))``, which the fingerprints of
earlier builds were made with (another order would make every cache stale)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from build_scripts.files import files_under, folders_under

# Names whose order by path parts and by the whole path differ ("a-c" < "a/b" as text,
# "a" < "a-c" as parts), hidden ones, and others beyond ASCII.
names = st.sampled_from(["a", "a-c", "a.b", "b", "A", ".hidden", "é", "z z", "index.md", "1", "10", "9"])
trees = st.lists(st.lists(names, min_size=1, max_size=4), min_size=1, max_size=25)


def by_rglob(folder: Path) -> tuple[list[str], list[str]]:
    files = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*")) if p.is_file()]
    folders = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"), reverse=True) if p.is_dir()]
    return files, folders


@settings(max_examples=40, deadline=None, derandomize=True)
@given(paths=trees)
@example(paths=[["a", "b", "c"], ["a-c", "d"], ["a.b"]])
def test_files_and_folders_come_as_sorted_rglob_gives_them(tmp_path_factory, paths):
    folder = tmp_path_factory.mktemp("tree")
    for parts in paths:
        path = folder.joinpath(*parts)
        if any(p.is_file() for p in [*path.parents, path] if folder in p.parents):
            continue  # a name already taken by a file
        if path.is_dir():
            (path / "leaf").touch()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
    files, folders = by_rglob(folder)
    assert [rel for rel, _ in files_under(folder)] == files
    assert folders_under(folder) == folders
    assert all(entry.path == str(folder / rel) for rel, entry in files_under(folder))


def test_links_and_a_missing_folder(tmp_path: Path):
    """A link to a file is a file; a linked folder is not entered (as rglob does not)."""
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "page.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "real", tmp_path / "linked")
    os.symlink(tmp_path / "real" / "page.md", tmp_path / "alias.md")
    files, _ = by_rglob(tmp_path)
    assert [rel for rel, _ in files_under(tmp_path)] == files == ["alias.md", "real/page.md"]
    assert files_under(tmp_path / "missing") == [] == folders_under(tmp_path / "missing")
