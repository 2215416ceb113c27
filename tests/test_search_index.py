"""site/search_index.py: one search entry per paragraph, titled by its citation."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_scripts.model import paragraphs
from build_scripts.parse.sources import discover
from build_scripts.site.pipeline import load_edition
from build_scripts.site.search_index import extend_search_index, paragraph_entries, write_index

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def edition():
    return load_edition(discover(ROOT / "source_texts"))


def test_one_entry_per_paragraph_with_its_citation(edition):
    entries = paragraph_entries(edition)
    assert len(entries) == sum(len(paragraphs(d)) for d in edition.all())
    by_location = {e["location"]: e for e in entries}
    entry = by_location["resolutions/a-res-77-20/#op17-a"]
    assert entry["title"] == "A/RES/77/20, para. 17 (a)"
    assert entry["text"].startswith("The INTERPOL I-24/7 global police secure communications system")
    assert by_location["resolutions/a-res-76-181/#annex-para97"]["title"] == "A/RES/76/181, annex, para. 97"
    assert "resolutions/a-res-77-20/index.html#op17-a" in {e["location"] for e in paragraph_entries(edition, False)}


def test_operative_entries_carry_number_and_action_phrase_and_the_tools_named(edition):
    entry = next(e for e in paragraph_entries(edition) if e["location"] == "resolutions/a-res-77-20/#op2")
    assert entry["text"].startswith("2. ")
    assert "INTERPOL tools named:" in entry["text"] and "SLTD" in entry["text"]


def test_materials_own_entries_of_those_pages_keep_their_title_but_lose_their_text(edition, tmp_path: Path):
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    page = {"location": "resolutions/a-res-77-20/", "title": "A/RES/77/20", "text": "the whole page"}
    other = {"location": "data/", "title": "Data", "text": "formats"}
    index.write_text(json.dumps({"config": {}, "docs": [page, other]}), encoding="utf-8")
    added, written = extend_search_index(tmp_path, edition)
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert written is not None and written["docs"] == docs
    assert added == len(docs) - 2
    assert docs[0] == {**page, "text": ""} and docs[1] == other


ENTRY = st.dictionaries(st.sampled_from(["location", "title", "text"]), st.text(max_size=20))


@given(
    st.fixed_dictionaries(
        {"config": st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=5)))},
        optional={"docs": st.lists(ENTRY, max_size=5)},
    )
)
def test_the_index_written_entry_by_entry_is_the_one_json_dumps_writes(index: dict):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "search" / "search_index.json"
        write_index(path, index)
        assert path.read_bytes() == json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
        assert [p.name for p in path.parent.iterdir()] == ["search_index.json"]  # no temporary file left
