"""Every message of the editorial files' loader (``editorial.py``), whole, at its line: what
an editor reads when a YAML file is wrong. In the fast loop; tests/test_editorial.py checks
the project's own files and each loader's use of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.editorial import EditorialFile, check_unique, load_editorial
from build_scripts.errors import SourceError

CASES = [
    ("sidecar", "kind: web page\ntitle: [unclosed\n", "3: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ("sidecar", "kind: web page\n  title: bad indent\n", "2: invalid YAML: mapping values are not allowed here"),
    ("sidecar", "- a list\n", "1: the file must be a mapping of keys to values or empty"),
    (
        "sidecar",
        "kind: web page\nnonsense: 1\nother: 2\n",
        "2: unknown key 'nonsense'; known keys: kind, title, publisher, date, source_url, retrieved, headings,"
        " summary, adoption_date, unusual_ending, treaties",
    ),
    ("sidecar", "kind: leaflet\n", "1: 'kind' is 'leaflet'; expected one of: resolution, web page, statement"),
    ("sidecar", "title: ''\n", "1: 'title' is empty"),
    ("sidecar", "headings:\n  - One\n  - 2\n", "3: item 2 of 'headings' must be a text"),
    ("sidecar", "date: 7 September 2023\n", "1: 'date' must be a date (YYYY-MM-DD)"),
    (
        "sidecar",
        "treaties:\n  - annex: ''\n    short_title: X\n    other: 1\n",
        "4: item 1 of 'treaties' has an unknown key 'other'; known keys: annex, short_title, unts",
    ),
    (
        "sidecar",
        "treaties:\n  - annex: ''\n    short_title: X\n  - short_title: Y\n",
        "4: item 2 of 'treaties' has no 'annex'",
    ),
    ("themes", "- id: drugs\n  name: Drugs\n  phrases: []\n", "3: entry 'drugs' has no 'phrases'"),
    ("themes", "- id: drugs\n  name: ''\n  phrases: [x]\n", "2: entry 'drugs' has no 'name'"),
    ("themes", "{}\n", "1: the file must be a list or empty"),
    ("themes", "- name: Drugs\n  phrases: [x]\n", "1: entry 1 has no 'id'"),
    ("themes", "- id: a\n  name: A\n  phrases: [x]\n- 3\n", "4: entry 2 must be a mapping of keys to values"),
    (
        "themes",
        "- id: drugs\n  name: Drugs\n  phrases: [x]\n  colour: red\n",
        "4: entry 'drugs' has an unknown key 'colour'; known keys: id, name, phrases",
    ),
    ("series", "- id: s\n  members: [a-res-1-1]\n", "2: entry 's' 'members' needs at least 2 items"),
    ("series", "- id: s\n  members: []\n", "2: entry 's' has no 'members'"),
    ("sidecar", "summary: ''\n", "1: 'summary' is empty"),
    (
        "glossary",
        "- id: x\n  name: X\n  variants: [X]\n  category: gadget\n  definition: d\n  note: n\n  url: https://x\n",
        "4: entry 'x' 'category' is 'gadget'; expected one of: database, communication system, notice system,"
        " analytical file, network, programme or unit, application",
    ),
]


@pytest.mark.parametrize(("schema", "text", "message"), CASES)
def test_every_problem_is_said_whole_at_its_line(tmp_path: Path, schema: str, text: str, message: str):
    path = tmp_path / "file.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_editorial(path, "source_texts/file.yml", schema)
    assert str(raised.value) == f"source_texts/file.yml:{message}"


def test_of_several_problems_the_first_in_the_file_is_said(tmp_path: Path):
    path = tmp_path / "file.yml"
    path.write_text("summary: ''\nkind: leaflet\ntitle: ''\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_editorial(path, "f.yml", "sidecar")
    assert str(raised.value) == "f.yml:1: 'summary' is empty"
    path.write_text("kind: web page\ntitle: ''\nsummary: ''\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_editorial(path, "f.yml", "sidecar")
    assert str(raised.value) == "f.yml:2: 'title' is empty"


def test_a_byte_order_mark_an_empty_file_and_an_empty_list_are_read(tmp_path: Path):
    path = tmp_path / "file.yml"
    path.write_bytes("\ufeffkind: web page\ntitle: A\n".encode())
    read = load_editorial(path, "f.yml", "sidecar")
    assert read.data == {"kind": "web page", "title": "A"}
    assert read.lines == {(): 1, ("kind",): 1, ("title",): 2}
    path.write_text("", encoding="utf-8")
    assert (load_editorial(path, "f.yml", "sidecar").data, EditorialFile(path, "f.yml").lines) == (None, {})
    assert EditorialFile(path, "f.yml").line(("title",)) is None
    path.write_text("[]\n", encoding="utf-8")
    assert load_editorial(path, "f.yml", "themes").data == []


def test_a_nodes_line_is_its_own_or_its_nearest_ancestors(tmp_path: Path):
    path = tmp_path / "file.yml"
    path.write_text("- id: a\n  phrases:\n    - x\n    - y\n- id: b\n", encoding="utf-8")
    file = EditorialFile(path, "f.yml")
    assert [
        file.line(p) for p in [(), (0,), (0, "phrases"), (0, "phrases", 1), (0, "phrases", 9), (1, "id"), (7,)]
    ] == [
        1,
        1,
        2,
        4,
        2,
        5,
        1,
    ]
    assert [file.entry_name(p) for p in [(0, "id"), (1,), (2,), ()]] == ["entry 'a'", "entry 'b'", "", ""]
    path.write_text("- [x]\n- {name: n}\n", encoding="utf-8")
    file = EditorialFile(path, "f.yml")
    assert [file.entry_name(p) for p in [(0,), (1, "name")]] == ["entry 1", "entry 2"]


def test_an_id_used_twice_is_refused_at_the_second_naming_the_first(tmp_path: Path):
    path = tmp_path / "file.yml"
    path.write_text("- id: a\n  x: 1\n- id: b\n- id: a\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        check_unique(EditorialFile(path, "source_texts/file.yml"))
    assert str(raised.value) == "source_texts/file.yml:4: id 'a' is used twice (first at line 1)"
    path.write_text("- name: a\n- name: b\n", encoding="utf-8")
    check_unique(EditorialFile(path, "f.yml"), key="name")
