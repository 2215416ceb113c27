"""parse/sources.py: finding the texts, reading them safely, their sidecars."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.errors import SourceError
from build_scripts.parse.sources import discover, display_path, load_source, read_text


def test_texts_are_found_in_a_stable_order(tmp_path: Path):
    for name in ["b.txt", "a.txt", "notes.yml"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in discover(tmp_path)] == ["a.txt", "b.txt"]


def test_bom_and_windows_line_ends_are_read_as_plain_text(tmp_path: Path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert read_text(path, "t.txt") == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"  \n", "the file is empty"),
        (b"%PDF-1.7 ...", "a PDF document"),
        (b"\xff\xfeu\x00", "UTF-16"),
        (b"caf\xe9 au lait\n", "not UTF-8 (it looks like Windows-1252 or Latin-1)"),
    ],
)
def test_what_is_not_utf8_text_is_refused_with_its_reason(tmp_path: Path, data: bytes, message: str):
    path = tmp_path / "t.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=re.escape(message)):
        read_text(path, "t.txt")


def test_a_source_and_its_sidecar(tmp_path: Path):
    (tmp_path / "a-page.txt").write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "a-page.yml").write_text("kind: web page\ntitle: A page\n", encoding="utf-8")
    source = load_source(tmp_path / "a-page.txt", tmp_path)
    assert (source.path, source.slug, source.sidecar.kind, source.sidecar.title) == (
        "a-page.txt",
        "a-page",
        "web page",
        "A page",
    )
    assert display_path(Path("/elsewhere/x.txt"), tmp_path) == "/elsewhere/x.txt"
